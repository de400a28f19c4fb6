// An article view -> the credit its feed entries carry: who reported it and for which outlet
// (linked to the original), the archived copy, who translated and edited it, the disclaimer and
// the corrections, as HTML for the entry's content and as names for Atom's <author>/<contributor>
// and JSON Feed's `authors`. A feed reader or a partner republishing by feed shows the entry's
// content and nothing else of the page, so the credit must be in it.
//   { source: Wadi Press (https://wadi.example/1), author: "Rana Haddad", translator: "Desk" } ->
//   <p>Reported by Rana Haddad for <a href="https://wadi.example/1">Wadi Press</a> · Translated by Desk</p>
import type { ArticleView, CorrectionView } from "./views.ts";

/** The people and places an article credits, read from its view in one place (`creditOf`). */
export interface Credit {
  outlet: { name: string; url?: string };
  /** An archived copy of the original. */
  archived?: string;
  /** The original's authors; none when the article names none. */
  authors: string[];
  translators: string[];
  editors: string[];
  disclaimer?: { text: string; lang: string; dir: "ltr" | "rtl" };
  /** Notices after the body, oldest first (a retracted article is in no feed). */
  corrections: CorrectionView[];
}

/** The one place that reads the credit from an article view: its people by role (`v.credits`), archived copy, notice and corrections. */
export function creditOf(v: ArticleView): Credit {
  const c = v.credits;
  return {
    outlet: { name: c.outlet.label, url: c.outlet.url },
    archived: c.original.archiveUrl,
    authors: c.authors.map((p) => p.label),
    translators: c.translators.map((p) => p.label),
    editors: c.editors.map((p) => p.label),
    disclaimer: c.notice,
    corrections: v.corrections,
  };
}

/**
 * The words of the credit. English only for now, marked as such in the entry; a words table by
 * language (the article page's) replaces this, and the credit then reads in the article's language.
 */
const WORDS = {
  lang: "en",
  dir: "ltr",
  reportedBy: (people: string, outlet: string) => `Reported by ${people} for ${outlet}`,
  publishedBy: (outlet: string) => `Originally published by ${outlet}`,
  translatedBy: "Translated by",
  editedBy: "Edited by",
  original: "Original article",
  archived: "Archived copy",
} as const;

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text or a URL -> safe inside HTML text and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

const names = (people: readonly string[], lang: string) =>
  new Intl.ListFormat(lang, { type: "conjunction" }).format(people.map((p) => `<bdi>${escapeHtml(p)}</bdi>`));

/** ` lang="en" dir="ltr"` where the words' language is not the article's. */
const marked = (lang: string, dir: string, articleLang: string) => (lang === articleLang ? "" : ` lang="${lang}" dir="${dir}"`);

/** The credit that opens an entry's content: the byline, then the original and archived links. */
export function creditHeader(credit: Credit, articleLang: string): string {
  const w = WORDS;
  const outletName = `<bdi>${escapeHtml(credit.outlet.name)}</bdi>`;
  const outlet = credit.outlet.url ? `<a href="${escapeHtml(credit.outlet.url)}">${outletName}</a>` : outletName;
  const parts = [credit.authors.length ? w.reportedBy(names(credit.authors, w.lang), outlet) : w.publishedBy(outlet)];
  if (credit.translators.length) parts.push(`${w.translatedBy} ${names(credit.translators, w.lang)}`);
  if (credit.editors.length) parts.push(`${w.editedBy} ${names(credit.editors, w.lang)}`);
  const links = [
    ...(credit.outlet.url ? [`<a href="${escapeHtml(credit.outlet.url)}">${w.original}</a>`] : []),
    ...(credit.archived ? [`<a href="${escapeHtml(credit.archived)}">${w.archived}</a>`] : []),
  ];
  const attrs = marked(w.lang, w.dir, articleLang);
  return `<p class="credit"${attrs}>${parts.join(" · ")}</p>${links.length ? `<p class="credit-links"${attrs}>${links.join(" · ")}</p>` : ""}`;
}

/** What closes an entry's content: each correction, dated, then the disclaimer. */
export function creditFooter(credit: Credit, articleLang: string): string {
  const notices = credit.corrections.map(
    (c) =>
      `<p class="correction"><span${marked(c.labelLang, "ltr", articleLang)}><strong>${escapeHtml(c.label)}</strong>, <time datetime="${c.date.iso}">${escapeHtml(c.date.listDisplay)}</time>:</span> ${escapeHtml(c.text)}</p>`,
  );
  const d = credit.disclaimer;
  const disclaimer = d ? [`<p class="disclaimer"${marked(d.lang, d.dir, articleLang)}><em>${escapeHtml(d.text)}</em></p>`] : [];
  return [...notices, ...disclaimer].join("");
}
