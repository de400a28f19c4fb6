// Schema issues -> Problems with file, line, field, what was expected and what was found.
import { closest, distance } from "fastest-levenshtein";
import type { z } from "zod";
import type { Fields } from "./frontmatter.ts";
import { describeValue, type Problem } from "./problems.ts";

export function validateFields<S extends z.ZodType>(
  schema: S,
  fm: Fields,
  file: string,
  knownFields: readonly string[],
): { ok: true; value: z.output<S> } | { ok: false; problems: Problem[] } {
  const result = schema.safeParse(fm.data, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.flatMap((issue) => toProblems(issue, fm, file, knownFields));
  return { ok: false, problems };
}

function toProblems(
  issue: z.core.$ZodIssue,
  fm: Fields,
  file: string,
  knownFields: readonly string[],
): Problem[] {
  const path = issue.path;
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      file,
      line: fm.lineOf([...path, key]),
      field: [...path, key].join("."),
      // A part with a message of its own (a correction in the list) says what it takes: the known
      // fields are the top level's, and suggesting one of them there would mislead.
      message: path.length && !issue.message.startsWith("Unrecognized key") ? `unknown field; ${issue.message}` : `unknown field${suggest(key, knownFields)}`,
      severity: "error",
    }));
  }
  if (issue.code === "invalid_key") {
    // A record's key (a spelling in keywords.yaml, an outlet in sources.yaml) broke a rule: say
    // which rule, of the key, on the key's line.
    const key = String(path[path.length - 1] ?? "");
    const why = issue.issues.map((i) => i.message).join("; ") || issue.message;
    return [{ file, line: fm.lineOf(path) ?? 1, field: path.map(String).join("."), message: `${why}, found ${key.length} characters`, severity: "error" }];
  }
  const field = path.map(String).join(".");
  const input = valueAt(fm.data, path);
  let message = issue.message;
  if (input === undefined && path.length === 1) {
    message = `required field is missing; ${message}`;
  } else if (!/found /.test(message)) {
    message = `${message}, found ${describeValue(input)}`;
  }
  // A missing field has no line: point at the field it belongs with, or the opening ---.
  const near = issue.code === "custom" ? (issue.params as { lineOf?: string } | undefined)?.lineOf : undefined;
  const line = fm.lineOf(path) ?? (near ? fm.lineOf([near]) : undefined) ?? 1;
  return [{ file, line, field, message, severity: "error" }];
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function suggest(key: string, known: readonly string[]): string {
  const lower = key.toLowerCase().replace(/[\s-]/g, "_");
  const best = closest(lower, [...known]);
  if (!best) return "";
  const close = distance(lower, best) <= Math.max(2, Math.floor(best.length / 3)) || best.startsWith(lower) || lower.startsWith(best);
  return close ? `; did you mean \`${best}\`?` : `; known fields are ${known.join(", ")}`;
}
