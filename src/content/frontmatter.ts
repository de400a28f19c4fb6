// Markdown file text -> { data, body, lineOf(field) } or problems.
// gray-matter reads the front-matter block. Its YAML is parsed by js-yaml (yaml.ts) with the
// YAML 1.2 core schema, which keeps `date: 2024-07-09` a string, so no date is silently read as
// UTC midnight. Lines come from the plain-text lookup below, or from a second, listening parse
// when that cannot answer (yaml.ts).
// Nothing in a content file is ever run: only a block opened by a line that is exactly `---` is
// read, and gray-matter's engines (its `---js` engine calls eval) are all replaced by one that
// does nothing, so gray-matter only finds the block.
import matter from "gray-matter";
import type { Problem } from "./problems.ts";
import { parseYaml } from "./yaml.ts";

export interface FrontMatter extends Fields {
  body: string;
  /** 1-based file line of the first body line. */
  bodyLine: number;
}

export function parseFrontMatter(
  file: string,
  raw: string,
): { ok: true; value: FrontMatter } | { ok: false; problems: Problem[] } {
  const fail = (message: string, line?: number) => ({
    ok: false as const,
    problems: [{ file, line, message, severity: "error" as const }],
  });
  // Editors paste from Word and Windows tools: drop a BOM, accept CRLF.
  const unmarked = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const text = unmarked.includes("\r") ? unmarked.replace(/\r\n?/g, "\n") : unmarked;
  if (text.trim() === "") return fail("the file is empty; expected front matter between --- lines, then the article", 1);
  if (!text.startsWith("---")) {
    return fail("expected the file to start with front matter (a line with ---), found text", 1);
  }
  const opening = openingLineProblem(text);
  if (opening) return fail(opening, 1);
  const closing = /\n---[ \t]*(?:\n|$)/g;
  closing.lastIndex = 3;
  const close = closing.exec(text);
  if (!close) return fail("front matter is not closed: expected a line with --- after the fields", 1);
  const bodyStart = close.index + close[0].length;
  // gray-matter only extracts the block (handed just the head, so it never copies the body);
  // the YAML is parsed below.
  const split = matter(text.slice(0, bodyStart), { language: "yaml", engines: INERT_ENGINES });
  // `split.matter` starts right after the opening `---`, so its line n is the file's line n.
  const fields = parseFields(file, split.matter ?? "");
  if (!fields.ok) return fields;
  let bodyLine = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < bodyStart; i = text.indexOf("\n", i + 1)) bodyLine++;
  return { ok: true, value: { ...fields.value, body: text.slice(bodyStart), bodyLine } };
}

/**
 * Every engine name gray-matter knows (and its aliases), each replaced by one that parses
 * nothing. The opening-line check already keeps any other language away from gray-matter; this
 * is the second lock, so that no option or later gray-matter default can reach `eval`.
 */
const inert = () => ({});
const INERT_ENGINES = Object.freeze({
  yaml: inert,
  yml: inert,
  json: inert,
  javascript: inert,
  js: inert,
  coffee: inert,
  coffeescript: inert,
  cson: inert,
  toml: inert,
});

/**
 * The opening line must be `---` alone (trailing spaces allowed, as on the closing line). Any
 * word after it names a front-matter language, which gray-matter would hand to an engine
 * (`---js` is evaluated as JavaScript): only YAML is read, and `---yaml` is refused too, so
 * there is one way to write an article.
 */
function openingLineProblem(text: string): string | undefined {
  const end = text.indexOf("\n");
  const line = end === -1 ? text : text.slice(0, end);
  if (/^---[ \t]*$/.test(line)) return undefined;
  const rest = line.slice(3).trim();
  const shown = JSON.stringify(rest.length > 40 ? `${rest.slice(0, 37)}…` : rest);
  if (/^-+$/.test(rest)) return `expected the opening line to be --- alone, found ${JSON.stringify(line.length > 40 ? `${line.slice(0, 37)}…` : line)}`;
  if (/^ya?ml$/i.test(rest)) return `the opening line names the language ${shown}; front matter is always YAML: write the opening line as --- alone`;
  return `the opening line names the front-matter language ${shown}, which is never read (only YAML is, and nothing in a content file is run): write the opening line as --- alone and the fields as YAML`;
}

export interface Fields {
  data: Record<string, unknown>;
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** YAML (or JSON, which is YAML) mapping text -> fields with line lookup, or problems. */
export function parseFields(
  file: string,
  source: string,
): { ok: true; value: Fields } | { ok: false; problems: Problem[] } {
  const parsed = parseYaml(file, source, (path) => plainLineOf(source, path));
  if (!parsed.ok) return parsed;
  const data = parsed.data ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, problems: [{ file, line: 1, message: "expected fields (key: value lines), found a single value or a list", severity: "error" }] };
  }
  return { ok: true, value: { data: data as Record<string, unknown>, lineOf: parsed.lineOf } };
}

/**
 * Line of `field` or `field[i]` in front matter written the plain way (`field: value`, or a
 * block list of one-line `- item`s); undefined for anything else, which then takes the
 * listening parse (yaml.ts). Warnings ask for thousands of lines, and a second parse per file would cost more
 * than the whole check.
 */
export function plainLineOf(source: string, path: readonly PropertyKey[]): number | undefined {
  const [field, item] = path;
  if (typeof field !== "string" || path.length > 2 || (path.length === 2 && typeof item !== "number")) return undefined;
  const lines = source.split("\n");
  const at = lines.findIndex((l) => l.startsWith(field) && /^\s*:/.test(l.slice(field.length)));
  if (at === -1) return undefined;
  if (item === undefined) return at + 1;
  const rest = lines[at]!.slice(lines[at]!.indexOf(":") + 1).trim();
  // A one-line flow list: every item is on the field's line.
  if (rest !== "" && !rest.startsWith("#")) return rest.startsWith("[") && rest.endsWith("]") ? at + 1 : undefined;
  let seen = -1;
  let indent: number | undefined;
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const dash = /^(\s*)- /.exec(line);
    // The list ended, or an item spans lines (a continuation may itself start with "- ").
    if (!dash || (indent ??= dash[1]!.length) !== dash[1]!.length) return undefined;
    if (++seen === item) return i + 1;
  }
  return undefined;
}
