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
import { resultOnThread } from "../thread.ts";

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

/** `words`: the headlines' words, counted meanwhile (headlineWordsSoon); counted here when left out. */
export function searchVocabulary(ctx: BuildContext, words: () => string[] = () => headlineWords(ctx.index.listed.map((a) => a.title))): SearchVocabulary {
  const names = ctx.index.facets.map(({ row, registry }) => ({
    key: row.key,
    // Most used first; ties by name, so the file does not depend on the order articles load in.
    values: [...registry.facets.values()]
      .sort((a, b) => b.articles.length - a.articles.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((f) => [f.name, f.slug, ...f.aliases]),
  }));
  return { names, words: words() };
}

/** Distinct headline words (as search compares them), in their most used spelling, most frequent first. */
export function headlineWords(titles: readonly string[], max = MAX_WORDS): string[] {
  return countHeadlineWords(titles, max, MIN_WORD, stem);
}

/**
 * From this many headlines their words are counted on a thread of their own, started when the
 * archive is indexed, while the model makes the views: 70–90 ms of a day's build at 10,000.
 */
const THREAD_FROM = 2000;

/** The module `stem` comes from, for the thread (the browser's and the build's one module). */
export const STEM_MODULE = new URL("../../../public/js/search-words.js", import.meta.url).href;

/** Starts counting the words of `titles` (on a thread when there are many); the words when called. */
export function headlineWordsSoon(titles: readonly string[], max = MAX_WORDS): () => string[] {
  if (titles.length < THREAD_FROM) return () => headlineWords(titles, max);
  return resultOnThread(WORDS_THREAD, { titles, max, minWord: MIN_WORD, stemModule: STEM_MODULE }, () => headlineWords(titles, max)) as () => string[];
}

/**
 * The count itself, self-contained (its thread runs its source: WORDS_THREAD): `stem` is how
 * search compares words (public/js/search-words.js).
 */
function countHeadlineWords(titles: readonly string[], max: number, minWord: number, stem: (word: string) => string): string[] {
  // Letters and digits with the apostrophes inside a word (Sanawbar's, al-Zindeen -> al, Zindeen).
  const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;
  const seen = new Map<string, { headlines: number; spellings: Map<string, number> }>();
  // Folding and stemming is most of the cost, and headlines repeat their words: once per spelling.
  const keys = new Map<string, string>();
  for (const title of titles) {
    const inThis = new Set<string>();
    // `match` with the global flag: the words alone, not a match object for each (10,000 headlines).
    for (const spelling of title.match(WORD) ?? []) {
      let key = keys.get(spelling);
      if (key === undefined) keys.set(spelling, (key = stem(spelling)));
      if (key.length < minWord || /^\d+$/.test(key)) continue; // UTF-16 length: Arabic and Latin letters are one unit each
      const entry = seen.get(key) ?? { headlines: 0, spellings: new Map<string, number>() };
      if (!inThis.has(key)) entry.headlines++;
      inThis.add(key);
      entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + 1);
      seen.set(key, entry);
    }
  }
  // The most used spelling; a tie goes to the lower-case one ("harbour" over "Harbour"), then the first seen.
  const isLower = (word: string) => word.toLocaleLowerCase() === word;
  const words: string[] = [];
  for (const [, { spellings }] of [...seen].sort(([ka, a], [kb, b]) => b.headlines - a.headlines || (ka < kb ? -1 : ka > kb ? 1 : 0)).slice(0, max)) {
    let best = "";
    let count = 0;
    for (const [spelling, n] of spellings) {
      if (n > count || (n === count && isLower(spelling) && !isLower(best))) {
        best = spelling;
        count = n;
      }
    }
    words.push(best);
  }
  return words;
}

/** The thread's function, as plain JavaScript: the count's own source, with `stem` imported where the build imports it from. */
export const WORDS_THREAD = `async ({ titles, max, minWord, stemModule }) => {
  const countHeadlineWords = ${countHeadlineWords.toString()};
  return countHeadlineWords(titles, max, minWord, (await import(stemModule)).stem);
}`;
