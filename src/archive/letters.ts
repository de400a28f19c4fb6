// Names -> A–Z groups for jump lists: Latin letters first (accents folded), other scripts after,
// digits and symbols last; names sorted with the site language's collation.
// An Arabic name is filed by the letter after its article, as Arabic indexes file it:
//   "الزراعة" -> ز (beside "زيتون"), "أريحا" -> ا, "البذور" -> ب

export interface Grouped<T> {
  letter: string;
  id: string;
  items: T[];
}

export function groupByLetter<T>(items: readonly T[], nameOf: (item: T) => string, lang: string): Grouped<T>[] {
  const collator = new Intl.Collator(lang, { sensitivity: "base", numeric: true });
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const letter = firstLetter(filingForm(nameOf(item)));
    const list = groups.get(letter) ?? [];
    list.push(item);
    groups.set(letter, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || collator.compare(a, b))
    .map(([letter, list]) => ({
      letter,
      id: letter === "#" ? "letter-other" : `letter-${encodeURIComponent(letter.toLowerCase())}`,
      items: list.sort((x, y) => collator.compare(filingForm(nameOf(x)), filingForm(nameOf(y))) || collator.compare(nameOf(x), nameOf(y))),
    }));
}

// The Arabic definite article: alef (with or without a hamza or madda written on it) and lam,
// vowel marks allowed, joined to a word of at least two more letters ("الله" and "ال" stay whole).
const ARABIC_ARTICLE = /^[\u0627\u0623\u0625\u0622]\p{M}*\u0644\p{M}*(?=\p{Script=Arabic}\p{M}*\p{Script=Arabic})/u;

/** The form a name is filed and sorted under: without the Arabic article "ال". */
export function filingForm(name: string): string {
  const trimmed = name.trimStart();
  return trimmed.replace(ARABIC_ARTICLE, "");
}

function firstLetter(name: string): string {
  const first = name.normalize("NFKD").replace(/\p{M}/gu, "").match(/[\p{L}]/u)?.[0];
  if (!first || !/^\p{L}/u.test(name.normalize("NFKD"))) return "#";
  return first.toUpperCase();
}

function rank(letter: string): number {
  if (letter === "#") return 2;
  return /\p{Script=Latin}/u.test(letter) ? 0 : 1;
}
