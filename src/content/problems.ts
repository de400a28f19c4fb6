// Problems are values: loaders collect them and the caller fails once with all of them.
//   { file, line, field, message }  ->  "content/articles/x.md:4: date: expected …, found …"

export type Severity = "error" | "warning";

export interface Problem {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** 1-based line in the file, when the YAML or Markdown tells us. */
  line?: number;
  /** Front-matter field (dotted path, e.g. `keywords.2`), when the problem is about one. */
  field?: string;
  message: string;
  severity: Severity;
}

export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  const field = p.field ? `${p.field}: ` : "";
  const tag = p.severity === "warning" ? "warning: " : "";
  return printable(`${where}: ${tag}${field}${p.message}`);
}

/**
 * Problems quote what a file contains (a field name, a value), and CI logs and terminals obey
 * control characters: an escape sequence could rewrite the lines above, a bidi override reverse
 * the line. They are shown as \u{…} instead.
 */
const UNPRINTABLE = /[\0-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]/g;
function printable(line: string): string {
  return line.replace(UNPRINTABLE, (ch) => `\\u{${ch.charCodeAt(0).toString(16).toUpperCase()}}`);
}

/** Problems grouped by file (in first-seen order), each file's problems by line. */
export function formatReport(problems: readonly Problem[]): string {
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) {
    const list = byFile.get(p.file) ?? [];
    list.push(p);
    byFile.set(p.file, list);
  }
  const lines: string[] = [];
  for (const list of byFile.values()) {
    list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    for (const p of list) lines.push(formatProblem(p));
  }
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  lines.push(
    `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(byFile.size, "file")}`,
  );
  return lines.join("\n");
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

/** Thrown once, at the edge, when content has errors; carries every problem. */
export class ContentError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(`Content has errors:\n${formatReport(problems)}`);
    this.name = "ContentError";
    this.problems = problems;
  }
}

/** Short, quoted description of a value an editor wrote, for "found …" in messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") {
    if (value.trim() === "") return "an empty text";
    const short = value.length > 60 ? `${value.slice(0, 57)}…` : value;
    return JSON.stringify(short);
  }
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${value}`;
  if (Array.isArray(value)) return `a list of ${plural(value.length, "item")}`;
  if (typeof value === "object") return "a mapping (key: value pairs)";
  return typeof value;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
