// Keyword identity, display form and slug.
//   "Idlib", "idlib", " Idlib ", "Ｉｄｌｉｂ"  -> one identity "idlib"
//   "Abu al-Zindeen crossing"          -> slug "abu-al-zindeen-crossing"
//   "إدلب"                              -> slug "إدلب" (kept in its script: stable and collision-free)
import slugifyLatin from "@sindresorhus/slugify";
import { createHash } from "node:crypto";

/** Normal form used everywhere a keyword is written: NFKC, single spaces, trimmed. */
export function cleanKeyword(raw: string): string {
  return raw.normalize("NFKC").replace(/\s+/gu, " ").trim();
}

/** Two spellings with the same identity are the same keyword. */
export function keywordIdentity(raw: string): string {
  return cleanKeyword(raw).toLowerCase();
}

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
export function slugify(name: string): string {
  const clean = cleanKeyword(name);
  const slug = OTHER_SCRIPT.test(clean) ? scriptSlug(clean) : slugifyLatin(clean);
  return slug || `k-${createHash("sha1").update(clean).digest("hex").slice(0, 8)}`;
}

function scriptSlug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\p{M}\u0640]/gu, "") // combining marks (harakat) and Arabic tatweel
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}
