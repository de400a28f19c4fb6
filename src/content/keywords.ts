// Keyword identity, display form and slug (also used for source and translator names).
//   "Idlib", "idlib", " Idlib ", "Ｉｄｌｉｂ", "Idlib\u200f" -> one identity "idlib"
//   "إدلب", "ادلب", "إِدْلِب"             -> one identity (hamza seat and vowel marks are optional in Arabic)
//   "Abu al-Zindeen crossing"          -> slug "abu-al-zindeen-crossing"
//   "إدلب"                              -> slug "ادلب" (kept in its script, marks removed)
import { slugifyLatin } from "../commonjs.ts";
import { createHash } from "node:crypto";

/** Invisible characters that arrive with copy-paste: direction marks, zero-width space, soft hyphen, BOM. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu;

/**
 * A few thousand names recur across every article (keywords, sources, translators), and each is
 * cleaned, folded and slugged several times per build: remember the answers. A memo, not state:
 * each answer is a pure function of the string (no setting or file enters it), so it can never
 * go stale in watch mode, and it is bounded (cleared past 200,000 names).
 */
function remembered(fn: (raw: string) => string): (raw: string) => string {
  const memo = new Map<string, string>();
  return (raw) => {
    let value = memo.get(raw);
    if (value === undefined) {
      if (memo.size > 200_000) memo.clear();
      memo.set(raw, (value = fn(raw)));
    }
    return value;
  };
}

/** Normal form used everywhere a name is written: NFKC, no invisible marks, single spaces, trimmed. */
export const cleanKeyword = remembered((raw) => raw.normalize("NFKC").replace(INVISIBLE, "").replace(/\s+/gu, " ").trim());

/** Two spellings with the same identity are the same keyword. */
export const keywordIdentity = remembered((raw) => {
  const clean = cleanKeyword(raw);
  // Latin accents tell words apart (résumé, resume) and stay; in other scripts the marks that
  // writers often omit (Arabic hamza seats, harakat, tatweel) do not make a new keyword.
  const folded = OTHER_SCRIPT.test(clean) ? stripMarks(clean) : clean;
  return folded.toLowerCase().replace(/i\u0307/g, "i"); // "İ".toLowerCase() is "i" + combining dot
});

function stripMarks(text: string): string {
  return text.normalize("NFKD").replace(/[\p{M}\u0640]/gu, "").normalize("NFC");
}

/** Longest keyword or slug: a file name (and URL segment) must stay well inside 255 bytes. */
export const MAX_NAME_LENGTH = 80;

/** True when the keyword has at least one letter or digit (punctuation alone cannot be a topic). */
export function hasWordCharacter(raw: string): boolean {
  return /[\p{L}\p{N}]/u.test(raw);
}

const OTHER_SCRIPT = /[\p{L}--\p{Script=Latin}]/v;

/**
 * URL slug for any name (keyword, source, page). Latin text is transliterated to ASCII
 * ("Straße" -> "strasse"); text in other scripts keeps its letters, with vowel marks and
 * tatweel removed, because transliterating Arabic drops vowels and makes distinct words collide.
 * Never empty: a name with no usable letters gets a short stable hash.
 */
export const slugify = remembered((name) => {
  const clean = cleanKeyword(name);
  const slug = OTHER_SCRIPT.test(clean) ? scriptSlug(clean) : slugifyLatin(clean);
  return slug || `k-${createHash("sha1").update(clean).digest("hex").slice(0, 8)}`;
});

function scriptSlug(text: string): string {
  return stripMarks(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}
