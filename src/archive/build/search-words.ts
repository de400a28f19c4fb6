// The archive's own vocabulary, for the search page's "Did you mean …?" (public/js/search.js):
// written as /search/words.json and fetched only when a search finds nothing, or a link names a
// keyword, source or person the archive does not have.
//   facets (keyword "Tell Sanawbar" ×4, alias "Tel Sanawbar"; translator "Rana Haddad" ×2 …)
//   + headlines ("Tell Sanawbar harbour reopens …")
//   -> { names: [{ key: "keyword", values: [["Tell Sanawbar", "tell-sanawbar", "tel sanawbar"], …] }, …],
//        words: ["crossing", "harbour", …] }
// Names come most used first and words most frequent first, so the page can prefer the common
// one of two equally close suggestions without the file carrying counts. Words are told apart as
// the search compares them (public/js/search-words.js: folded, Arabic stemmed), each kept in its
// most used spelling. The page computes folded forms itself: the file carries only what it shows.
import { stem } from "../../../public/js/search-words.js";
import type { BuildContext } from "./context.ts";

export interface SearchVocabulary {
  /** One entry per facet, in the facet table's order. */
  names: { key: string; values: string[][] }[];
  /** Headline words, most frequent first. */
  words: string[];
}

/**
 * Headline words kept: enough for a large archive's common words and names of places, few enough
 * that the file stays small (about 40 KB gzipped at 10,000 articles; docs/search.md).
 */
export const MAX_WORDS = 4000;
/** Shorter words are neither suggested nor corrected: one letter off makes another word. */
export const MIN_WORD = 3;

/** Letters and digits with the apostrophes inside a word (Sanawbar's, al-Zindeen -> al, Zindeen). */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;

export function searchVocabulary(ctx: BuildContext): SearchVocabulary {
  const names = ctx.index.facets.map(({ row, registry }) => ({
    key: row.key,
    // Most used first; ties by name, so the file does not depend on the order articles load in.
    values: [...registry.facets.values()]
      .sort((a, b) => b.articles.length - a.articles.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((f) => [f.name, f.slug, ...f.aliases]),
  }));
  return { names, words: headlineWords(ctx.index.listed.map((a) => a.title)) };
}

/** Distinct headline words (as search compares them), in their most used spelling, most frequent first. */
export function headlineWords(titles: readonly string[], max = MAX_WORDS): string[] {
  const seen = new Map<string, { headlines: number; spellings: Map<string, number> }>();
  // Folding and stemming is most of the cost, and headlines repeat their words: once per spelling.
  const keys = new Map<string, string>();
  for (const title of titles) {
    const inThis = new Set<string>();
    // `match` with the global flag: the words alone, not a match object for each (10,000 headlines).
    for (const spelling of title.match(WORD) ?? []) {
      let key = keys.get(spelling);
      if (key === undefined) keys.set(spelling, (key = stem(spelling) as string));
      if (key.length < MIN_WORD || /^\d+$/.test(key)) continue; // UTF-16 length: Arabic and Latin letters are one unit each
      const entry = seen.get(key) ?? { headlines: 0, spellings: new Map<string, number>() };
      if (!inThis.has(key)) entry.headlines++;
      inThis.add(key);
      entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + 1);
      seen.set(key, entry);
    }
  }
  return [...seen]
    .sort(([ka, a], [kb, b]) => b.headlines - a.headlines || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .slice(0, max)
    .map(([, { spellings }]) => mostUsed(spellings));
}

/** The most used spelling; a tie goes to the lower-case one ("harbour" over "Harbour"), then the first seen. */
function mostUsed(spellings: Map<string, number>): string {
  let best = "";
  let count = 0;
  for (const [spelling, n] of spellings) {
    if (n > count || (n === count && isLower(spelling) && !isLower(best))) {
      best = spelling;
      count = n;
    }
  }
  return best;
}

const isLower = (word: string) => word.toLocaleLowerCase() === word;
