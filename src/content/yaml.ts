// YAML text -> values, a lazy line lookup, or problems in plain words; js-yaml alone.
// Values come from js-yaml's `load` with the YAML 1.2 core schema (so `date: 2024-07-09` stays
// text). It has no position API, but its `listener` option reports every node as it is opened
// and closed with the parser's state (line, kind, result): a second, listening parse rebuilds
// the node tree with lines. That parse runs only when a line is asked for and the quick
// plain-text lookup cannot answer, or when the file has a problem: the common path stays one
// `load` per file.
import { CORE_SCHEMA, load, YAMLException, type State } from "js-yaml";
import { forbiddenCharacters, forbiddenMessage } from "./characters.ts";
import type { Problem } from "./problems.ts";

export type LineOf = (path: readonly PropertyKey[]) => number | undefined;

export type Parsed =
  | { ok: true; data: unknown; lineOf: LineOf }
  | { ok: false; problems: Problem[] };

/**
 * Anchors (&a) and aliases (*a) can only appear where this matches; text without a match takes
 * the plain `load`, text with one the listening parse, which refuses any anchor.
 */
const ANCHOR_OR_ALIAS = /(^|[\s[{,:-])[&*][^\s,[\]{}]/m;

/** YAML text -> its value with a line lookup, or the problems that stop it. */
export function parseYaml(file: string, source: string, plainLineOf: LineOf): Parsed {
  if (!ANCHOR_OR_ALIAS.test(source)) {
    try {
      const data = load(source, { schema: CORE_SCHEMA });
      return { ok: true, data, lineOf: lazyLines(source, plainLineOf) };
    } catch (e) {
      if (!(e instanceof YAMLException)) throw e;
      return { ok: false, problems: yamlProblems(file, source, e, listen(source)) };
    }
  }
  // Anchors and aliases: js-yaml shares an aliased node by reference, so the parse itself is
  // cheap, but anything walking the value (validation, the model) would visit a "billion
  // laughs" file's billions of nodes, and `&a [*a]` is a cycle. No editor needs them: refused
  // at the first anchor, with its line.
  const tree = listen(source, true);
  if (tree.anchorLine !== undefined) return { ok: false, problems: [problem(file, source, tree.anchorLine, ANCHORS)] };
  if (tree.error) return { ok: false, problems: yamlProblems(file, source, tree.error, tree) };
  return { ok: true, data: tree.value, lineOf: lazyLines(source, plainLineOf, tree) };
}

/** The plain-text lookup first; the node tree (one listening parse, kept) for the rest. */
function lazyLines(source: string, plainLineOf: LineOf, known?: Listened): LineOf {
  let tree = known;
  return (path) => {
    const quick = plainLineOf(path);
    if (quick !== undefined) return quick;
    tree ??= listen(source);
    return tree.root ? lineAt(tree.root, path) : undefined;
  };
}

/** One node as the listener saw it: the line it starts on, its kind and value, its child nodes. */
interface Node {
  line: number;
  kind: string | null;
  result: unknown;
  children: Node[];
}

interface Listened {
  value?: unknown;
  root?: Node;
  /** Nodes opened and not closed when the parse stopped, outermost first. */
  open: Node[];
  error?: YAMLException;
  anchorLine?: number;
}

/** Thrown from the listener to stop a parse at the first anchor. */
class AnchorFound {
  constructor(readonly line: number) {}
}

/**
 * Parse `source` again, listening. js-yaml opens a node before reading it and closes it once its
 * value is built: a mapping's children come in order key, value, key, value; a sequence's
 * children are its items. A key or item is opened where it starts, so the open line is its line
 * (a mapping value is opened right after its colon, on its key's line).
 */
function listen(source: string, refuseAnchors = false): Listened {
  const stack: Node[] = [{ line: 1, kind: null, result: undefined, children: [] }];
  const listened: Listened = { open: [] };
  try {
    listened.value = load(source, {
      schema: CORE_SCHEMA,
      listener(event: "open" | "close", state: State) {
        if (event === "open") {
          const node: Node = { line: state.line + 1, kind: null, result: undefined, children: [] };
          stack.at(-1)!.children.push(node);
          stack.push(node);
          return;
        }
        const node = stack.pop()!;
        node.kind = state.kind;
        node.result = state.result;
        // `anchor` is parser state that js-yaml's types leave out.
        if (refuseAnchors && typeof Reflect.get(state, "anchor") === "string") throw new AnchorFound(node.line);
      },
    });
  } catch (e) {
    if (e instanceof AnchorFound) listened.anchorLine = e.line;
    else if (e instanceof YAMLException) listened.error = e;
    else throw e;
  }
  listened.open = stack.slice(1);
  listened.root = stack[0]!.children[0];
  return listened;
}

/** Line of the key (for a mapping entry) or item (for a list entry) at `path`. */
function lineAt(root: Node, path: readonly PropertyKey[]): number | undefined {
  let node = root;
  let line: number | undefined = root.line;
  for (const key of path) {
    const entry = entryOf(node, key);
    // A missing top-level field has no line; a missing entry further down is on its parent's.
    if (!entry) return node === root && isMapping(node) ? undefined : line;
    line = entry.line;
    node = entry.node;
  }
  return line;
}

const isMapping = (node: Node) => node.kind === "mapping" && !Array.isArray(node.result);

function entryOf(outer: Node, key: PropertyKey): { line: number; node: Node } | undefined {
  // A node can hold the whole collection as its one child: js-yaml tries a flow collection at the
  // start of a line as a block mapping's first key and keeps it when no colon follows.
  let node = outer;
  while (node.children.length === 1 && typeof node.result === "object" && Object.is(node.children[0]!.result, node.result)) node = node.children[0]!;
  const { children, result } = node;
  if (isMapping(node) && result !== null && typeof result === "object") {
    // A failed attempt at one more key can trail the pairs; a flow mapping may hold a key with
    // no value. Lines are given only where the children match the value exactly.
    const pairs = children.length % 2 === 1 && children.at(-1)!.kind === null ? children.slice(0, -1) : children;
    const fields = Object.keys(result);
    if (pairs.length !== fields.length * 2) return undefined;
    for (let i = 0; i < pairs.length; i += 2) {
      const [k, v] = [pairs[i]!, pairs[i + 1]!];
      if (String(k.result) !== String(key)) continue;
      return Object.is(Reflect.get(result, String(key)), v.result) ? { line: k.line, node: v } : undefined;
    }
    return undefined;
  }
  if (node.kind === "sequence" && Array.isArray(result) && typeof key === "number") {
    // An empty block item (`-` alone) has no node of its own; then the items cannot be matched.
    if (children.length !== result.length || !children.every((c, i) => Object.is(c.result, result[i]))) return undefined;
    const item = children[key];
    return item && { line: item.line, node: item };
  }
  return undefined;
}

const ANCHORS = "YAML anchors and aliases (&name, *name) are not read; write the value out in full";

/** Plain words for the YAML mistakes editors make most. */
const HINTS = {
  colon: "the value contains \": \"; put the whole value in quotes, e.g. title: \"Breaking: talks resume\"",
  duplicate: "this field appears twice; keep one",
  tab: "a tab is used to indent; indent with spaces",
  unclosed: "a quote or bracket is opened and not closed",
  afterQuote: "text follows the value's closing quote; put the whole value in quotes, e.g. title: 'The \"talks\" resume'",
  indent: "this line is indented differently from the lines above it; start each field at the beginning of a line, and line up a list's items under each other",
  depth: "values are nested more than 100 levels deep",
  noColon: "expected a field written as name: value, found a line without \": \"",
  strayItem: "expected a field written as name: value, found a list item; indent list items under their field",
};

/**
 * js-yaml's error -> the problems to fix. js-yaml refuses a raw control character anywhere in the
 * text (the character check would name it in a value): every line holding one is named, in the
 * character check's words.
 */
function yamlProblems(file: string, source: string, error: YAMLException, listened: Listened): Problem[] {
  if (error.reason === "the stream contains non-printable characters" || error.reason === "expected valid JSON character") {
    const lines = forbiddenCharacters(source);
    if (lines.length > 0) return lines.map(({ line, found }) => problem(file, source, line + 1, forbiddenMessage(found)));
  }
  return [yamlProblem(file, source, error, listened)];
}

/** js-yaml's error -> one problem on the line to fix, in plain words where the mistake is a common one. */
function yamlProblem(file: string, source: string, error: YAMLException, listened: Listened): Problem {
  const { reason } = error;
  // `mark` is missing only for "more than one document"; its line is the separator's.
  const mark = error.mark as YAMLException["mark"] | undefined;
  const at = mark ? mark.line + 1 : lineOfOffset(source, source.search(/^(---|\.\.\.)\s*$/m));
  const opened = listened.open.at(-1)?.line;
  const before = mark ? source.slice(mark.position - mark.column, mark.position) : "";
  if (reason === "duplicated mapping key") return problem(file, source, at, HINTS.duplicate);
  if (reason.startsWith("tab characters must not be used")) return problem(file, source, at, HINTS.tab);
  if (reason.startsWith("unidentified alias")) return problem(file, source, at, ANCHORS);
  if (reason.startsWith("nesting exceeded maxDepth")) return problem(file, source, at, HINTS.depth);
  // The parser notices an unclosed quote or bracket only at the end of the text, or at the next
  // line that cannot belong to the value: the problem is on the line that opened it.
  if (/^unexpected end of the stream within a (single|double) quoted scalar/.test(reason)) {
    return problem(file, source, opened ?? at, HINTS.unclosed);
  }
  if (
    reason === "unexpected end of the stream within a flow collection" ||
    (reason === "missed comma between flow collection entries" && opened !== undefined && opened < at)
  ) {
    return problem(file, source, opened ?? at, HINTS.unclosed);
  }
  if (reason === "bad indentation of a mapping entry" && mark) {
    // `title: Breaking: talks` stops at the second colon; an indented `date: x` under a field
    // also stops at its colon, read as the field's text going on.
    if (source[mark.position] === ":") return problem(file, source, at, before.includes(":") ? HINTS.colon : HINTS.indent);
    if (before.trim() === "") return problem(file, source, at, HINTS.indent);
    if (/["']\s*$/.test(before)) return problem(file, source, at, HINTS.afterQuote);
  }
  // A line without a colon is read as the start of a key that goes on over lines: the problem is
  // on the line where that key began.
  if (reason.startsWith("can not read a block mapping entry; a multiline key")) {
    return problem(file, source, listened.open.at(-1)?.children.at(-1)?.line ?? at, HINTS.noColon);
  }
  if (reason === "end of the stream or a document separator is expected" && mark) {
    if (source[mark.position] === ":") return problem(file, source, listened.root?.line ?? at, HINTS.noColon);
    if (source[mark.position] === "-") return problem(file, source, at, HINTS.strayItem);
  }
  return problem(file, source, at, `YAML: ${reason}`);
}

function problem(file: string, source: string, line: number, message: string): Problem {
  const key = /^\s*([\w-]+)\s*:/.exec(source.split("\n")[line - 1] ?? "")?.[1];
  return { file, line, field: key, message, severity: "error" };
}

function lineOfOffset(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf("\n"); i !== -1 && i < offset; i = source.indexOf("\n", i + 1)) line++;
  return line;
}
