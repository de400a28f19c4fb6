// How Gazette compares words in search, in one module that the search page loads in the browser
// and the build imports in Node, so the index and the query fold words the same way.
//
//   fold("Al-Ḥalabī") -> "alhalabi"     fold("الزّراعة") -> "الزراعه"
//   stem("الزراعة") -> "زراع"           stem("مزارعين") -> "مزارع"
//   arabicForms("لمدرسة") -> ["لمدرس", "مدرس"]     arabicWords("عاد الطلاب") -> ["عاد", "طلاب"]
//
// Arabic attaches the definite article and one-letter conjunctions to the word and writes alef
// with or without hamza, ى/ي and ة/ه interchangeably, so a string match misses most forms. The
// stemmer is Larkey's light10 (Larkey, Ballesteros and Connell, "Light Stemming for Arabic
// Information Retrieval", 2007), the usual baseline: no roots, only prefixes and suffixes that
// are nearly always affixes.

const ARABIC = /\p{Script=Arabic}/u;
/** Arabic words in a text: letters of the Arabic script with their marks (tashkeel) and tatweel. */
const ARABIC_RUNS = /[\p{Script=Arabic}\p{M}\u0640]+/gu;

/** A word's comparable form: case, accents, Arabic tashkeel and tatweel, alef forms, ى and ة folded. */
export function fold(word) {
  return word
    .toLocaleLowerCase()
    .normalize("NFKD")
    .replace(/[\p{M}\u0640]/gu, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه")
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/** Whether a word is written in Arabic script. */
export function isArabic(word) {
  return ARABIC.test(word);
}

// light10's affixes, on folded text (ة is already ه). Articles longest first.
const ARTICLES = ["وال", "بال", "كال", "فال", "لل", "ال"];
const SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

/**
 * light10 on a folded Arabic word: و when three letters remain, then the first article that
 * leaves two, then every suffix (in light10's order) that leaves two.
 */
export function arabicStem(folded) {
  let word = folded;
  if (word.startsWith("و") && word.length >= 4) word = word.slice(1);
  for (const article of ARTICLES) {
    if (word.startsWith(article) && word.length - article.length >= 2) {
      word = word.slice(article.length);
      break;
    }
  }
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 2) word = word.slice(0, -suffix.length);
  }
  return word;
}

/** A word as search compares it: folded, and stemmed when it is Arabic. */
export function stem(word) {
  const folded = fold(word);
  return isArabic(folded) ? arabicStem(folded) : folded;
}

// One-letter proclitics that light10 leaves on a word without the article: و and ف (and, so),
// ب (with, in), ك (like), ل (for). Stripping them always would break words that begin with
// those letters (بيت، كتاب، فرن), so the index holds both forms and the query uses the bare one
// only when the whole one is not in the index (public/js/search.js).
const PROCLITIC = /^[وفبكل]/;

/** The forms of an Arabic word that search compares: its stem, and the stem without a one-letter proclitic. */
export function arabicForms(word) {
  const folded = fold(word);
  if (!isArabic(folded)) return [];
  const forms = [arabicStem(folded)];
  // Only where light10 left the letter on (للمزارعين has lost its لل already), and three letters remain.
  if (PROCLITIC.test(forms[0]) && forms[0].length >= 4) forms.push(forms[0].slice(1));
  return forms;
}

/**
 * Every comparable form of the Arabic words in a text, once each, in order of first appearance
 * (the index holds these beside the text as written).
 */
export function arabicWords(text) {
  const out = new Set();
  // Only runs of Arabic script are looked at: an English body costs a scan, not a fold per word.
  if (!ARABIC.test(text)) return [];
  for (const word of text.match(ARABIC_RUNS) ?? []) {
    let forms = memo.get(word);
    if (!forms) {
      if (memo.size >= 100_000) memo.clear();
      memo.set(word, (forms = arabicForms(word)));
    }
    for (const form of forms) out.add(form);
  }
  return [...out];
}

/**
 * A word's forms, remembered: an archive's Arabic articles repeat a few thousand words, and
 * folding each occurrence again made indexing 10,000 articles seconds slower. The forms of a
 * word never change, so the memo is never stale; it is bounded, not cleared per build.
 */
const memo = new Map();

/**
 * How much a match in the index's Arabic forms (src/search/records.ts, one metadata field per
 * rank) lifts a result, as Pagefind's `ranking.metaWeights`: like the headline (Pagefind's title
 * weight, 5), the body (1) and the credits (0.1, as FROM_WEIGHT).
 */
export const ARABIC_META_WEIGHTS = { title: 5, arabic_title: 5, arabic_body: 1, arabic_from: 0.1 };
