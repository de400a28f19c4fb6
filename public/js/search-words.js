// How Gazette compares words in search, in one module that the search page loads in the browser
// and the build imports in Node, so the index and the query fold words the same way.
//
//   fold("Al-Ḥalabī") -> "alhalabi"     fold("الزّراعة") -> "الزراعه"
//   stem("الزراعة", "ar") -> "زراع"     stem("مزارعين", "ar") -> "مزارع"
//
// Arabic attaches the definite article and one-letter conjunctions to the word and writes alef
// with or without hamza, ى/ي and ة/ه interchangeably, so a string match misses most forms. The
// stemmer is Larkey's light10 (Larkey, Ballesteros and Connell, "Light Stemming for Arabic
// Information Retrieval", 2007), the usual baseline: no roots, only prefixes and suffixes that
// are nearly always affixes.

const ARABIC = /\p{Script=Arabic}/u;

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
