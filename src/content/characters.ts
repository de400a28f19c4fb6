// Characters in content text that no page or feed can carry, and bidi controls that reorder
// the text around them.
//   body or field with U+000C, U+0001, U+FFFE or half a surrogate pair -> an error naming the line and code point
//   title "\u202Eevil" -> "evil", and a warning naming the line
//
// Forbidden (errors): C0 controls other than tab and newline, DEL and the C1 controls, the
// noncharacters U+FDD0–U+FDEF, U+FFFE and U+FFFF, and lone surrogates. XML 1.0 forbids the C0
// controls, U+FFFE/U+FFFF and lone surrogates outright (one in a title made every feed carrying
// it unreadable); HTML calls all of them parse errors; none of them is visible, so none is ever
// intended. DEL and C1 controls mostly arrive as text converted twice ("’" read as Latin-1 gives
// "â\u0080\u0099"), which is worth an error too. They are rejected rather than stripped because
// a silent change would hide the mojibake from the editor.
//
// Bidi controls (warnings, removed from front-matter text): the embeddings, overrides and
// isolates U+202A–U+202E and U+2066–U+2069. An unbalanced one (a lone U+202E) reverses
// everything after it wherever the title is shown inline: <title>, feed readers, lists, search
// results. Each article already gets `lang` and `dir`, which is the right tool for direction.
// LRM, RLM and ALM (U+200E, U+200F, U+061C) are kept: they are invisible strong characters that
// only fix the order of neutral characters next to them (a "!" after Arabic), cannot leak, and
// Arabic and Hebrew text typed on common keyboards contains them. Bodies keep every bidi
// control: a paragraph closes all of them, so they cannot leak out of it.
import type { Fields } from "./frontmatter.ts";
import type { Problem } from "./problems.ts";

// Two cheap passes instead of one `u` regex with \p{Cs}: over 10,000 articles this costs about a
// tenth of a second; the `u` form was four times slower.
const FORBIDDEN = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFDD0-\uFDEF\uFFFE\uFFFF]/;
const FORBIDDEN_EACH = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** True when `text` holds a character no page or feed can carry. */
export function hasForbidden(text: string): boolean {
  return FORBIDDEN.test(text) || !text.isWellFormed();
}

/** "U+000C (a control character)": the code point and what kind of character it is. */
export function describeCharacter(ch: string): string {
  const code = ch.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (code >= 0xd800 && code <= 0xdfff) return `${hex} (half of a character: a lone surrogate, from text cut or converted badly)`;
  if (code >= 0xfdd0) return `${hex} (a noncharacter)`;
  if (code >= 0x7f) return `${hex} (a control character, often a sign of text converted twice)`;
  return `${hex} (an invisible control character)`;
}

/** Each forbidden character in `text`: its 0-based line within `text` and its description. */
export function forbiddenCharacters(text: string): { line: number; what: string }[] {
  const found: { line: number; what: string }[] = [];
  let line = 0;
  let counted = 0;
  for (const m of text.matchAll(FORBIDDEN_EACH)) {
    for (let i = text.indexOf("\n", counted); i !== -1 && i < m.index; i = text.indexOf("\n", i + 1)) line++;
    counted = m.index;
    found.push({ line, what: describeCharacter(m[0]) });
  }
  return found;
}

const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const BIDI_ALL = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Walks every text value of front matter (or a data file): forbidden characters become errors,
 * bidi controls are removed in place with a warning. Both name the field and its line.
 */
export function checkCharacters(file: string, fields: Fields): Problem[] {
  const problems: Problem[] = [];
  const visit = (value: unknown, path: (string | number)[], set: (v: string) => void) => {
    if (typeof value === "string") {
      if (hasForbidden(value)) {
        const what = [...new Set(forbiddenCharacters(value).map((f) => f.what))].join(", ");
        problems.push({ file, line: fields.lineOf(path) ?? 1, field: path.join("."), message: `contains ${what}; remove it`, severity: "error" });
      }
      if (BIDI.test(value)) {
        const codes = [...new Set(value.match(BIDI_ALL))].map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase()}`).join(", ");
        set(value.replace(BIDI_ALL, ""));
        problems.push({
          file,
          line: fields.lineOf(path) ?? 1,
          field: path.join("."),
          message: `contains the bidi control ${codes}, which can reorder the text around it; it is left out (the article's lang sets the direction)`,
          severity: "warning",
        });
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, [...path, i], (s) => (value[i] = s)));
    } else if (value !== null && typeof value === "object") {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) visit(record[key], [...path, key], (s) => (record[key] = s));
    }
  };
  visit(fields.data, [], () => undefined);
  return problems;
}

/** Forbidden characters in a body, as errors on their file lines. */
export function bodyCharacters(file: string, body: string, bodyLine: number): Problem[] {
  if (!hasForbidden(body)) return [];
  return forbiddenCharacters(body).map((f) => ({ file, line: bodyLine + f.line, field: "body", message: `contains ${f.what}; remove it`, severity: "error" as const }));
}

/** Characters XML 1.0 cannot carry, for writing feeds whatever their input (defence in depth). */
const NOT_XML = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` without the characters XML 1.0 forbids. */
export function xmlSafe(text: string): string {
  return FORBIDDEN.test(text) || !text.isWellFormed() ? text.replace(NOT_XML, "") : text;
}
