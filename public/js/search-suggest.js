// "Did you mean …?": the closest words and names of the archive to words it does not have. An ES
// module with no DOM, loaded by the search page only when a search finds nothing (with the
// vocabulary the build writes, /search/words.json, src/archive/build/search-words.ts) and
// imported by the tests in Node.
//
//   const v = prepareVocabulary(words.json)
//   correctedQuery("harbor reopens", v.words) -> "harbour reopens"
//   closeNames("Sanawbr", v.names)            -> [{ key: "keyword", name: "Tell Sanawbar", slug, d: 1 }, …]
//
// Words are compared as the index compares them (search-words.js: case, accents, tashkeel and
// Arabic letter forms folded, Arabic light-stemmed), by Damerau-Levenshtein distance, allowing
// more edits in longer words. Of two equally close, the more used wins: the file lists names and
// words most used first.

import { stem } from "./search-words.js";

/** Shorter words are never corrected: one letter off makes another word. The build's MIN_WORD. */
export const MIN_WORD = 3;
/** Words inside a query word or a name ("al-Zindeen" -> al, Zindeen), as the build splits headlines. */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;

const strings = (v) => (Array.isArray(v) ? v.filter((s) => typeof s === "string") : []);
const keysOf = (text) => [...text.matchAll(WORD)].map(([w]) => stem(w)).filter(Boolean);

/**
 * words.json -> words: compared form -> { text to suggest, rank } (headline words, then words of
 * names and aliases); names: every facet value with the compared words of its name and of each
 * alias. Anything malformed in the file is skipped.
 */
export function prepareVocabulary(data) {
  const words = new Map();
  const add = (text) => {
    for (const [w] of text.matchAll(WORD)) {
      const key = stem(w);
      if ([...key].length >= MIN_WORD && !words.has(key)) words.set(key, { text: w, rank: words.size });
    }
  };
  strings(data?.words).forEach(add);
  const names = [];
  for (const entry of Array.isArray(data?.names) ? data.names : []) {
    if (typeof entry?.key !== "string") continue;
    (Array.isArray(entry.values) ? entry.values : []).forEach((value, rank) => {
      const [name, slug, ...aliases] = strings(value);
      if (!name || !slug) return;
      [name, ...aliases].forEach(add); // an alias is a spelling editors use, and the index has it
      names.push({ key: entry.key, name, slug, rank, spellings: [name, ...aliases].map(keysOf).filter((k) => k.length) });
    });
  }
  return { words, names };
}

/** How many edits a word of this many letters may be from a suggestion: 1 up to 4 letters, 2 up to 8, then 3. */
export function allowedEdits(key) {
  const n = [...key].length;
  return n < MIN_WORD ? 0 : n <= 4 ? 1 : n <= 8 ? 2 : 3;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: swapping two neighbours is one edit),
 * by code point, or Infinity as soon as it must exceed `max`.
 */
export function distance(a, b, max = Infinity) {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return Infinity;
  let before = null;
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    let least = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (before && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row.push(d);
      least = Math.min(least, d);
    }
    if (least > max) return Infinity;
    [before, previous] = [previous, row];
  }
  const d = previous[t.length];
  return d <= max ? d : Infinity;
}

/** The archive's closest word to one it does not have (as written in the archive), or undefined. */
export function closestWord(key, words) {
  const max = allowedEdits(key);
  let best;
  for (const [candidate, entry] of words) {
    const d = distance(key, candidate, max);
    if (d < Infinity && (!best || d < best.d || (d === best.d && entry.rank < best.rank))) best = { d, rank: entry.rank, text: entry.text };
  }
  return best?.text;
}

/** The query with each word the archive does not have replaced by its closest word; undefined when nothing changes. */
export function correctedQuery(query, words) {
  let changed = false;
  const corrected = query.replace(WORD, (w) => {
    const key = stem(w);
    if ([...key].length < MIN_WORD || words.has(key)) return w;
    const better = closestWord(key, words);
    if (better === undefined) return w;
    changed = true;
    return better;
  });
  return changed ? corrected : undefined;
}

/**
 * Names (of the facet `only`, or any) such that every word of `text` is, or is close to, a word of
 * the name or of one of its aliases: closest first (`d`, the edits summed), then the most used.
 */
export function closeNames(text, names, only) {
  const wanted = keysOf(text);
  if (!wanted.length) return [];
  const found = [];
  for (const value of names) {
    if (only && value.key !== only) continue;
    let best = Infinity;
    for (const keys of value.spellings) {
      let total = 0;
      for (const w of wanted) {
        const max = allowedEdits(w);
        total += Math.min(...keys.map((k) => distance(w, k, max)));
        if (total === Infinity) break;
      }
      best = Math.min(best, total);
    }
    if (best < Infinity) found.push({ key: value.key, name: value.name, slug: value.slug, rank: value.rank, d: best });
  }
  return found.sort((a, b) => a.d - b.d || a.rank - b.rank);
}
