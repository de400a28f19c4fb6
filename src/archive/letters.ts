// Names -> A–Z groups for jump lists: Latin letters first (accents folded), other scripts after,
// digits and symbols last; names sorted with the site language's collation.

export interface Grouped<T> {
  letter: string;
  id: string;
  items: T[];
}

export function groupByLetter<T>(items: readonly T[], nameOf: (item: T) => string, lang: string): Grouped<T>[] {
  const collator = new Intl.Collator(lang, { sensitivity: "base", numeric: true });
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const letter = firstLetter(nameOf(item));
    const list = groups.get(letter) ?? [];
    list.push(item);
    groups.set(letter, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || collator.compare(a, b))
    .map(([letter, list]) => ({
      letter,
      id: letter === "#" ? "letter-other" : `letter-${encodeURIComponent(letter.toLowerCase())}`,
      items: list.sort((x, y) => collator.compare(nameOf(x), nameOf(y))),
    }));
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
