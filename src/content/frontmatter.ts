// Markdown file text -> { data, body, lineOf(field) } or problems.
// gray-matter reads the front-matter block. Its YAML is parsed with the YAML 1.2 core schema,
// which keeps `date: 2024-07-09` a string, so no date is silently read as UTC midnight:
// - js-yaml first: it is fast, and it refuses duplicate keys, tabs and the like;
// - the `yaml` package where positions matter (any problem, so it can name the line; computed
//   lazily) and for any front matter using anchors or aliases, because it caps their expansion
//   (a "billion laughs" file fails fast instead of eating memory).
// Two libraries on purpose: `yaml` alone (its document parse for every file) made `npm run check`
// on 10,000 articles about one and a half to two times as slow; js-yaml has no positions.
// Nothing in a content file is ever run: only a block opened by a line that is exactly `---` is
// read, and gray-matter's engines (its `---js` engine calls eval) are all replaced by one that
// does nothing, so gray-matter only finds the block.
import matter from "gray-matter";
import { CORE_SCHEMA, load as loadYaml } from "js-yaml";
import { createRequire } from "node:module";
import type { Node } from "yaml";
import type { Problem } from "./problems.ts";

// The `yaml` package is needed only for problems and unusual front matter, and loading it is a
// fifth of `npm run check`'s start-up: it is required on first use (synchronously, as the
// callers are).
type YamlModule = typeof import("yaml");
let yamlModule: YamlModule | undefined;
const yaml = (): YamlModule => (yamlModule ??= createRequire(import.meta.url)("yaml") as YamlModule);

export interface FrontMatter extends Fields {
  body: string;
  /** 1-based file line of the first body line. */
  bodyLine: number;
}

const MAX_ALIASES = 100;

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

/** Anchors (&a) and aliases (*a) can multiply a small file into gigabytes; such YAML takes the guarded path. */
const ANCHOR_OR_ALIAS = /(^|[\s[{,:-])[&*][^\s,[\]{}]/m;

/** YAML (or JSON, which is YAML) mapping text -> fields with line lookup, or problems. */
export function parseFields(
  file: string,
  source: string,
): { ok: true; value: Fields } | { ok: false; problems: Problem[] } {
  if (!ANCHOR_OR_ALIAS.test(source)) {
    let data: unknown;
    try {
      data = loadYaml(source, { schema: CORE_SCHEMA });
    } catch {
      return parseFieldsWithPositions(file, source); // same input again, for a positioned message
    }
    if (data === null || data === undefined) data = {};
    if (typeof data === "object" && !Array.isArray(data)) {
      return { ok: true, value: { data: data as Record<string, unknown>, lineOf: lineLookup(source) } };
    }
  }
  return parseFieldsWithPositions(file, source);
}

/** Line lookup for front-matter text that parsed: the plain way first, the full YAML parse (once) for the rest. */
function lineLookup(source: string): Fields["lineOf"] {
  let positions: Fields["lineOf"] | undefined;
  return (path) => {
    const quick = plainLineOf(source, path);
    if (quick !== undefined) return quick;
    positions ??= lineFinder(yaml().parseDocument(source, { lineCounter: new (yaml().LineCounter)(), schema: "core" }), source);
    return positions(path);
  };
}

/**
 * Line of `field` or `field[i]` in front matter written the plain way (`field: value`, or a
 * block list of one-line `- item`s); undefined for anything else, which then takes the full
 * YAML parse. Warnings ask for thousands of lines, and a second parse per file would cost more
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

function lineFinder(doc: ReturnType<YamlModule["parseDocument"]>, source: string): Fields["lineOf"] {
  const starts = [0];
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) starts.push(i + 1);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  return (path) => {
    const offset = nodeAt(doc.contents, path);
    return offset === undefined ? undefined : lineAt(offset);
  };
}

/** The slow, careful parse: positions for every problem, duplicate keys, capped aliases. */
function parseFieldsWithPositions(
  file: string,
  source: string,
): { ok: true; value: Fields } | { ok: false; problems: Problem[] } {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, {
    lineCounter,
    schema: "core",
    uniqueKeys: true,
    merge: false,
    prettyErrors: false,
    strict: true,
  });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    const problems = [...doc.errors, ...doc.warnings].map((e) => {
      const line = lineAt(e.pos[0]);
      const key = /^\s*([\w-]+)\s*:/.exec(source.split("\n")[line - 1] ?? "")?.[1];
      return {
        file,
        line,
        field: key,
        message: YAML_HINTS[e.code] ?? `YAML: ${yamlMessage(e.message)}`,
        severity: "error" as const,
      };
    });
    return { ok: false, problems };
  }
  const fail = (message: string, line: number) => ({
    ok: false as const,
    problems: [{ file, line, message, severity: "error" as const }],
  });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    return fail(`YAML: ${(e as Error).message} (aliases are limited to ${MAX_ALIASES} expansions)`, 1);
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return fail("expected fields (key: value lines), found a single value or a list", 1);
  }
  return {
    ok: true,
    value: {
      data: data as Record<string, unknown>,
      lineOf(path) {
        const offset = nodeAt(doc.contents, path);
        return offset === undefined ? undefined : lineAt(offset);
      },
    },
  };
}

/** Offset of the key (for a mapping entry) or item (for a list entry) at `path`. */
function nodeAt(root: unknown, path: readonly PropertyKey[]): number | undefined {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  let node = root as Node | null | undefined;
  let offset: number | undefined = (node as Node | undefined)?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) return node === root ? undefined : offset;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof key === "number") {
      const item = node.items[key] as Node | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

/** Plain words for the YAML mistakes editors make most. */
const YAML_HINTS: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY: "the value contains \": \"; put the whole value in quotes, e.g. title: \"Breaking: talks resume\"",
  DUPLICATE_KEY: "this field appears twice; keep one",
  TAB_AS_INDENT: "a tab is used to indent; indent with spaces",
  MISSING_CHAR: "a quote or bracket is opened and not closed",
};

function yamlMessage(message: string): string {
  // The yaml package appends "at line X, column Y" and a code frame; we print the line ourselves.
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}
