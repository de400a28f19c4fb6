// The words an article's credit uses, on its page and in its feed entries, in each language Gazette speaks: one small
// table, so a language is one entry. An article in another language gets the site's language's
// words (and, failing that, English), marked with their own lang on the page.
//   wordsFor("ar-SY", "en") -> { lang: "ar", reportedBy: "إعداد", … }
import type { CorrectionType } from "../content/schema.ts";

export interface Words {
  /** The language these words are in (a key of WORDS). */
  lang: string;
  /** Locale whose list format joins names: "A, B and C"; "A وB وC". */
  listLocale: string;
  /** "Reported by {authors} for {outlet}". */
  reportedBy: string;
  reportedFor: string;
  /** "Originally published by {outlet}", when no author is named. */
  publishedBy: string;
  translatedBy: string;
  editedBy: string;
  /** Between the original headline and its date: ", " in English, "، " in Arabic. */
  comma: string;
  /** Before the original's date: "published 8 July 2024". */
  originalPublished: string;
  originalArticle: string;
  archivedCopy: string;
  /** The block's name for screen readers. */
  provenance: string;
  /** The notice's name for screen readers: a translation's disclaimer, a republication's notice. */
  disclaimer: string;
  republication: string;
  /** Notice for an article republished in its original language, when the site sets none; {source} is the outlet. */
  republishedNotice: string;
  /** What each dated notice after the body is called. */
  corrections: Readonly<Record<CorrectionType, string>>;
}

export const WORDS: Readonly<Record<string, Words>> = {
  en: {
    lang: "en",
    listLocale: "en-GB",
    reportedBy: "Reported by",
    reportedFor: "for",
    publishedBy: "Originally published by",
    translatedBy: "Translated by",
    editedBy: "Edited by",
    comma: ", ",
    originalPublished: "published",
    originalArticle: "Original article",
    archivedCopy: "Archived copy",
    provenance: "Provenance",
    disclaimer: "Disclaimer",
    republication: "Republication notice",
    republishedNotice: "This article is republished in its original language from {source}. The views it expresses are those of the original outlet.",
    corrections: { correction: "Correction", clarification: "Clarification", update: "Update", retraction: "Retraction" },
  },
  ar: {
    lang: "ar",
    listLocale: "ar",
    reportedBy: "إعداد",
    reportedFor: "لصالح",
    publishedBy: "نُشر أصلاً في",
    translatedBy: "ترجمة",
    editedBy: "تحرير",
    comma: "، ",
    originalPublished: "نُشر في",
    originalArticle: "المقال الأصلي",
    archivedCopy: "نسخة مؤرشفة",
    provenance: "مصدر المقال",
    disclaimer: "إخلاء مسؤولية",
    republication: "إشعار إعادة النشر",
    republishedNotice: "يُعاد نشر هذا المقال بلغته الأصلية نقلاً عن {source}، والآراء الواردة فيه تعبّر عن الجهة الناشرة الأصلية.",
    corrections: { correction: "تصحيح", clarification: "توضيح", update: "تحديث", retraction: "سحب المقال" },
  },
};

const primary = (tag: string) => tag.split("-")[0]!.toLowerCase();

/** The words for an article in `lang`: its language's, else the site's, else English. */
export function wordsFor(lang: string, siteLang: string): Words {
  return WORDS[primary(lang)] ?? WORDS[primary(siteLang)] ?? WORDS.en!;
}

// One formatter per locale, made on first use: a handful of locales, reused by every article.
const listFormats = new Map<string, Intl.ListFormat>();

/** Names joined as the language joins them, as parts: names and the words between them. */
export function joinNames<T>(items: readonly T[], labelOf: (item: T) => string, words: Words): ({ item: T } | { text: string })[] {
  let format = listFormats.get(words.listLocale);
  if (!format) listFormats.set(words.listLocale, (format = new Intl.ListFormat(words.listLocale, { type: "conjunction" })));
  let next = 0;
  return format.formatToParts(items.map(labelOf)).map((part) => (part.type === "element" ? { item: items[next++]! } : { text: part.value }));
}

/** Names joined as plain text: "A and B", "A وB". */
export function joinedText(names: readonly string[], words: Words): string {
  return joinNames(names, (n) => n, words)
    .map((p) => ("item" in p ? p.item : p.text))
    .join("");
}
