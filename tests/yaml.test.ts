// YAML through js-yaml alone: values, the line of any field or item (the plain lookup or the
// listening parse), the line and plain words of every common mistake, anchors refused.
import { describe, expect, it } from "vitest";
import { parseFields, plainLineOf } from "../src/content/frontmatter.ts";

const lines = (...l: string[]) => l.join("\n");

function fields(source: string) {
  const parsed = parseFields("x.md", source);
  if (!parsed.ok) throw new Error(`should parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.value;
}

function problems(source: string) {
  const parsed = parseFields("x.md", source);
  if (parsed.ok) throw new Error("should not parse");
  return parsed.problems.map((p) => [p.line, p.field, p.message]);
}

describe("lines from the listening parse", () => {
  it("finds keys and items the plain lookup leaves, at any depth", () => {
    const source = lines(
      "",
      "title: >-", // 2
      "  A folded",
      "  title",
      "'quoted key': 1", // 5
      "keywords: [Idlib,", // 6
      "  Aleppo,", // 7
      "  \"Tell Sanawbar\"]", // 8
      "aliases:", // 9
      "  - /a/",
      "  - \"/b", // 11: an item over two lines
      "    c/\"",
      "  - /d/", // 13
      "nested:", // 14
      "  Wadi Press:", // 15
      "    url: https://example.com", // 16
      "    names:", // 17
      "      - one", // 18
      "      - two", // 19
    );
    const { lineOf, data } = fields(source);
    expect(data.aliases).toEqual(["/a/", "/b c/", "/d/"]);
    expect(plainLineOf(source, ["aliases", 2])).toBeUndefined(); // so the listening parse answers
    const expected: [PropertyKey[], number | undefined][] = [
      [["title"], 2],
      [["quoted key"], 5],
      [["keywords", 0], 6],
      [["keywords", 1], 7],
      [["keywords", 2], 8],
      [["aliases", 1], 11],
      [["aliases", 2], 13],
      [["nested", "Wadi Press"], 15],
      [["nested", "Wadi Press", "url"], 16],
      [["nested", "Wadi Press", "names", 1], 19],
      // A missing entry below the top is on its parent's line; a missing field has none.
      [["aliases", 9], 9],
      [["nested", "Other"], 14],
      [["missing"], undefined],
    ];
    for (const [path, line] of expected) expect(lineOf(path), path.join(".")).toBe(line);
  });

  it("finds record keys in data files, YAML or JSON", () => {
    const yaml = fields(lines("# spellings", "\"Tel  Sanawbar\": Tell Sanawbar", "? Long spelling", ": Keyword", "Other: Thing"));
    expect(yaml.lineOf(["Tel  Sanawbar"])).toBe(2);
    expect(yaml.lineOf(["Other"])).toBe(5);
    const json = fields(lines("{", "  \"title\": \"Gazette\",", "  \"social\": {", "    \"x\": \"@gazette\"", "  }", "}"));
    expect(json.lineOf(["title"])).toBe(2);
    expect(json.lineOf(["social", "x"])).toBe(4);
  });
});

describe("YAML mistakes in plain words, on the line to fix", () => {
  const cases: [string, string, [number, string | undefined, string]][] = [
    ["a value with \": \"", lines("", "title: Breaking: talks resume", "date: 2024-07-09"),
      [2, "title", "the value contains \": \"; put the whole value in quotes, e.g. title: \"Breaking: talks resume\""]],
    ["a field twice", lines("", "title: a", "date: b", "title: c"), [4, "title", "this field appears twice; keep one"]],
    ["a tab to indent", lines("", "keywords:", "\t- Trade"), [3, undefined, "a tab is used to indent; indent with spaces"]],
    // The parser notices these at the end of the text; the problem is where they were opened.
    ["an unclosed quote", lines("", "title: \"Talks resume", "date: 2024-07-09", "source: Wadi Press"),
      [2, "title", "a quote or bracket is opened and not closed"]],
    ["an unclosed bracket", lines("", "title: Talks", "keywords: [Trade, Borders", "source: Wadi Press"),
      [3, "keywords", "a quote or bracket is opened and not closed"]],
    ["text after a closing quote", lines("", "title: \"Talks\" resume"),
      [2, "title", "text follows the value's closing quote; put the whole value in quotes, e.g. title: 'The \"talks\" resume'"]],
    ["a field indented under another", lines("", "title: Talks", "  date: 2024-07-09"),
      [3, "date", "this line is indented differently from the lines above it; start each field at the beginning of a line, and line up a list's items under each other"]],
    ["a line without a colon", lines("", "title: Talks", "date 2024-07-09", "source: Wadi Press"),
      [3, undefined, "expected a field written as name: value, found a line without \": \""]],
    ["a list item outside a field", lines("", "title: Talks", "- Trade"),
      [3, undefined, "expected a field written as name: value, found a list item; indent list items under their field"]],
    ["a raw control character", lines("", "title: Talks\fresume"), [2, "title", "contains U+000C (an invisible control character); remove it"]],
    ["anything else, in the parser's words", lines("", "title: \"a \\q b\""), [2, "title", "YAML: unknown escape sequence"]],
  ];
  it.each(cases)("%s", (_, source, expected) => {
    expect(problems(source)).toEqual([expected]);
  });
});

describe("anchors and aliases", () => {
  it("refuses them at the first anchor, fast, however much they would expand", () => {
    const levels = Array.from({ length: 30 }, (_, i) => `l${i}: &l${i} [${Array(9).fill(i === 0 ? "lol" : `*l${i - 1}`).join(",")}]`);
    const started = performance.now();
    expect(problems(lines("", "title: Talks", ...levels))).toEqual([
      [3, "l0", "YAML anchors and aliases (&name, *name) are not read; write the value out in full"],
    ]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("refuses a self-referencing anchor and an alias with no anchor", () => {
    expect(problems(lines("", "a: &a [*a]"))[0]).toEqual([2, "a", "YAML anchors and aliases (&name, *name) are not read; write the value out in full"]);
    expect(problems(lines("", "title: Talks", "subtitle: *t"))[0]).toEqual([3, "subtitle", "YAML anchors and aliases (&name, *name) are not read; write the value out in full"]);
  });

  it("reads text that only looks like one", () => {
    const { data, lineOf } = fields(lines("", "title: Rock &roll", "keywords:", "  - '*starred'", "  - x*y"));
    expect(data).toEqual({ title: "Rock &roll", keywords: ["*starred", "x*y"] });
    expect(lineOf(["keywords", 1])).toBe(5);
  });
});
