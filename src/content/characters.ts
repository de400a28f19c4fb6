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

// A character class and isWellFormed() instead of one `u` regex with \p{Cs}, which was four
// times slower.
const FORBIDDEN = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFDD0-\uFDEF\uFFFE\uFFFF]/;
const FORBIDDEN_EACH = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** True when `text` holds a character no page or feed can carry. */
export function hasForbidden(text: string): boolean {
  return FORBIDDEN.test(text) || !text.isWellFormed();
}

const hex = (ch: string) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

/** What kind of forbidden character `ch` is, in words (one or several of them). */
function kindOf(ch: string, several: boolean): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return "half of a character: a lone surrogate, left by text cut or converted badly";
  if (code >= 0xfdd0) return several ? "Unicode noncharacters" : "a Unicode noncharacter";
  const controls = several ? "invisible control characters" : "an invisible control character";
  return code >= 0x7f ? `${controls}, often left by text converted twice` : controls;
}

/** "contains U+000C (an invisible control character); remove it", for the characters in `found`. */
export function forbiddenMessage(found: readonly string[]): string {
  const codes = [...new Set(found.map(hex))];
  const kinds = [...new Set(found.map((ch) => kindOf(ch, codes.length > 1)))].join("; ");
  return `contains ${codes.join(", ")} (${kinds}); remove ${codes.length === 1 ? "it" : "them"}`;
}

/** The forbidden characters in `text`, grouped by 0-based line within `text`. */
export function forbiddenCharacters(text: string): { line: number; found: string[] }[] {
  const lines: { line: number; found: string[] }[] = [];
  let line = 0;
  let counted = 0;
  for (const m of text.matchAll(FORBIDDEN_EACH)) {
    for (let i = text.indexOf("\n", counted); i !== -1 && i < m.index; i = text.indexOf("\n", i + 1)) line++;
    counted = m.index;
    const last = lines.at(-1);
    if (last?.line === line) last.found.push(m[0]);
    else lines.push({ line, found: [m[0]] });
  }
  return lines;
}

const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const BIDI_ALL = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Fields with a stricter rule of their own: an alias is an old URL, whose every character the
 * alias rule (src/content/sitepath.ts) judges; removing a bidi control from it would silently
 * point the redirect at another URL, and a control character would be reported twice.
 */
const OWN_RULES = new Set(["aliases"]);

/**
 * Walks every text value of front matter (or a data file): forbidden characters become errors,
 * bidi controls are removed in place with a warning. Both name the field and its line.
 */
export function checkCharacters(file: string, fields: Fields): Problem[] {
  const problems: Problem[] = [];
  const visit = (value: unknown, path: (string | number)[], set: (v: string) => void) => {
    if (typeof value === "string") {
      if (hasForbidden(value)) {
        const found = forbiddenCharacters(value).flatMap((f) => f.found);
        problems.push({ file, line: fields.lineOf(path) ?? 1, field: path.join("."), message: forbiddenMessage(found), severity: "error" });
      }
      if (BIDI.test(value)) {
        const codes = [...new Set(value.match(BIDI_ALL))].map(hex);
        set(value.replace(BIDI_ALL, ""));
        problems.push({
          file,
          line: fields.lineOf(path) ?? 1,
          field: path.join("."),
          message:
            codes.length === 1
              ? `contains the bidi control ${codes[0]}, which can reorder the text around it; it is left out (the article's lang sets the direction)`
              : `contains the bidi controls ${codes.join(", ")}, which can reorder the text around them; they are left out (the article's lang sets the direction)`,
          severity: "warning",
        });
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, [...path, i], (s) => (value[i] = s)));
    } else if (value !== null && typeof value === "object") {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (path.length === 0 && OWN_RULES.has(key)) continue;
        visit(record[key], [...path, key], (s) => (record[key] = s));
      }
    }
  };
  visit(fields.data, [], () => undefined);
  return problems;
}

/**
 * Forbidden characters in a body, as errors on their file lines. Text read from a file as UTF-8
 * cannot hold a lone surrogate (bytes that are not UTF-8 are refused before this), so the one
 * pass is the character class: about 60 ms over 10,000 articles.
 */
export function bodyCharacters(file: string, body: string, bodyLine: number): Problem[] {
  if (!FORBIDDEN.test(body)) return [];
  return forbiddenCharacters(body).map((f) => ({ file, line: bodyLine + f.line, field: "body", message: forbiddenMessage(f.found), severity: "error" as const }));
}

/** Characters XML 1.0 cannot carry, for writing feeds whatever their input (defence in depth). */
const NOT_XML = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` without the characters XML 1.0 forbids. */
export function xmlSafe(text: string): string {
  return FORBIDDEN.test(text) || !text.isWellFormed() ? text.replace(NOT_XML, "") : text;
}
