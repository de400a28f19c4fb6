// An article's view -> its search record -> the small HTML document Pagefind is given.
//   view of /2024/05/harvest/ -> { url: "/2024/05/harvest/", language: "en",
//     text: { title: "Harvest in the north", html: "<p>Wheat prices rose…</p>" },
//     filters: { keyword: ["Wheat"], source: ["Wadi Press"], …, part: ["2024"] },
//     meta: { title, date, source, summary }, sort: { date: "2024-05-01T00:00:00+00:00" } }
// The record is made from the model, never cut out of a rendered page, so nothing an editor
// writes in a body (a raw </article>, say) can end what is indexed early, and a template change
// does not touch the index.
// Why an HTML document and not Pagefind's addCustomRecord: a custom record is plain text with
// every word of equal weight, while Pagefind ranks a headline (<h1>) above the body and makes
// sub-results from a body's headings. The document gives Pagefind exactly the text, structure,
// filters and metadata the article pages used to give it, so results and excerpts stay the same.
import type { ArticleView } from "../archive/views.ts";
import { arabicWords } from "../../public/js/search-words.js";

/**
 * Filters the search page offers: one per row of the facet table (keyword, source, translator…,
 * by the names their pages use, which facets.json maps to slugs), the year and the language,
 * and `part`, the key of the bundle the article is indexed in.
 */
export type SearchFilter = "year" | "language" | "part" | (string & {});

export interface SearchRecord {
  /** The article's path, unprefixed: Pagefind's client adds the path its bundle is served from. */
  url: string;
  language: string;
  /** What is searched, in reading order; the headline ranks above the rest. */
  text: {
    /** "Draft" or "Scheduled" (preview builds only), shown above the headline. */
    badge?: string;
    title: string;
    standfirst?: string;
    /** The body, as the article page shows it. */
    html: string;
    /**
     * Where the article comes from, searched but ranked below everything else (FROM_WEIGHT), one
     * block each: the credit line (authors, outlet, translators, editors), the original headline,
     * the keywords and their other spellings from content/keywords.yaml.
     *   ["Reported by Samer al-Halabi for The Orontes Courier · Translated by Rana Haddad",
     *    "إعادة افتتاح ميناء تل صنوبر", "Tell Sanawbar, Fisheries", "tel sanawbar"]
     */
    from?: string[];
  };
  filters: Partial<Record<SearchFilter, string[]>>;
  /** What a result shows (public/js/search.js reads title, date, source and summary). */
  meta: { title: string; date: string; source: string; summary: string; image?: string; image_alt?: string };
  sort: { date: string };
}

/** An article's view and the key of its search bundle -> its search record. */
export function searchRecord(view: ArticleView, part: string): SearchRecord {
  return {
    url: view.path,
    language: view.lang,
    text: { badge: view.badge, title: view.title, standfirst: view.subtitle, html: view.html, from: fromText(view) },
    filters: {
      language: [view.lang],
      year: [view.date.year],
      part: [part],
      ...Object.fromEntries(Object.entries(view.facets).map(([key, links]) => [key, links.map((l) => l.label)])),
    },
    meta: {
      title: view.title,
      date: view.date.iso,
      source: view.source.name,
      summary: view.meta.description,
      ...(view.image ? { image: view.image.src, image_alt: view.image.alt } : {}),
    },
    sort: { date: view.date.iso },
  };
}

/** The credit line, original headline, keywords and their aliases, each a block; none empty. */
function fromText(view: ArticleView): string[] {
  const original = view.credits.original.title ?? view.originalTitle;
  return [view.credits.text, original ?? "", view.keywords.map((k) => k.label).join(", "), view.keywordAliases.join(", ")].filter((t) => t !== "");
}

/**
 * Pagefind's weight for the `from` blocks: the body counts 1 and a headline 7. Pagefind scores
 * with BM25, which favours short pages, so at 0.5 a one-line article translated by Darwish still
 * outranked a long one with "Darwish" in its body; at 0.1 the body match ranks first
 * (tests/search-people.test.ts).
 */
export const FROM_WEIGHT = 0.1;

/**
 * The Arabic words of a record in the forms search compares (public/js/search-words.js: folded,
 * light10 stem, and without a one-letter proclitic), for Pagefind to index beside the text as
 * written: "وتبرع الأهالي بالمقاعد لمدرسة القرية" -> "تبرع اهال مقاعد لمدرس مدرس قري".
 * They go in metadata fields, which Pagefind searches but a result's text (`content`) does not
 * hold, so excerpts and marks show the words as written. One field per rank: the search page
 * weights them as the headline, the body and the credits (ARABIC_META_WEIGHTS in search-words.js).
 */
export function arabicMeta(text: SearchRecord["text"]): Record<string, string> {
  const fields: Record<string, string> = {
    arabic_title: arabicWords(text.title).join(" "),
    arabic_body: arabicWords(`${text.standfirst ?? ""} ${text.html.replace(/<[^>]*>/g, " ")}`).join(" "),
    arabic_from: arabicWords((text.from ?? []).join(" ")).join(" "),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, words]) => words !== ""));
}

/**
 * A record -> the HTML document Pagefind indexes: the searched text in the element Pagefind
 * reads (`data-pagefind-body`), the filters, metadata and sort key on elements it skips.
 */
export function pagefindDocument(record: SearchRecord): string {
  const { text, filters, meta, sort } = record;
  const { summary, image, image_alt, ...shown } = meta;
  const marked = (kind: "filter" | "meta" | "sort", key: string, value: string) => `<span data-pagefind-${kind}="${key}">${escapeHtml(value)}</span>`;
  const marks = [
    ...Object.entries(filters).flatMap(([key, values]) => (values ?? []).map((v) => marked("filter", key, v))),
    ...Object.entries(shown).filter(([key]) => key !== "title").map(([key, value]) => marked("meta", key, value)),
    ...Object.entries(arabicMeta(text)).map(([key, value]) => marked("meta", key, value)),
    ...Object.entries(sort).map(([key, value]) => marked("sort", key, value)),
  ];
  // The image as an image, so that Pagefind reads its address and alt text as it always did.
  const img = image === undefined ? "" : `<img src="${escapeHtml(image)}" alt="${escapeHtml(image_alt ?? "")}" data-pagefind-meta="image[src], image_alt[alt]">`;
  return (
    `<!doctype html><html lang="${escapeHtml(record.language)}"><head><meta name="description" content="${escapeHtml(summary)}" data-pagefind-meta="summary[content]"></head>` +
    `<body><article data-pagefind-body>` +
    (text.badge ? `<p>${escapeHtml(text.badge)}</p>` : "") +
    `<h1 data-pagefind-meta="title">${escapeHtml(text.title)}</h1>` +
    (text.standfirst ? `<p>${escapeHtml(text.standfirst)}</p>` : "") +
    `<div data-pagefind-ignore>${marks.join("")}</div>${img}\n<div>\n${text.html}\n</div>` +
    // After the body, so that an excerpt of a match early in the body does not run into it.
    (text.from?.length ? `<div data-pagefind-weight="${FROM_WEIGHT}">${text.from.map((t) => `<p>${escapeHtml(t)}</p>`).join("")}</div>` : "") +
    `</article></body></html>`
  );
}

/**
 * Escaped as Nunjucks escapes template output, which is what Pagefind read from article pages:
 * Pagefind ends a block's text with a full stop unless its last character, as written, is
 * punctuation, so a headline ending in ' ("&#39;") must be written the same way to index the same.
 */
const ESCAPES: Record<string, string> = { "&": "&amp;", '"': "&quot;", "'": "&#39;", "<": "&lt;", ">": "&gt;" };
function escapeHtml(value: string): string {
  return value.replace(/[&"'<>]/g, (c) => ESCAPES[c]!);
}
