// An article view -> the credit its feed entries carry: who reported it and for which outlet
// (linked to the original), the original's headline and date, the archived copy, who translated
// and edited it, the disclaimer and the corrections, as HTML for the entry's content and as names
// for Atom's <author>/<contributor> and JSON Feed's `authors`. A feed reader or a partner
// republishing by feed shows the entry's content and nothing else of the page, so the credit
// must be in it, in the same words as the page's provenance block (`view.credits`, ./words.ts):
// the article's language where Gazette has its words, marked with its lang and direction.
//   { lang: "ar", lines: [["نُشر أصلاً في ", Outlet], ["ترجمة ", Desk]] } ->
//   <p class="credit" lang="ar" dir="rtl">نُشر أصلاً في <a href="…"><bdi>صحيفة الوادي</bdi></a> · ترجمة <bdi>Desk</bdi></p>
import type { ArticleView, CorrectionView, CreditPart, Credits, Link } from "./views.ts";

/** The people and places an article credits, read from its view in one place (`creditOf`). */
export interface Credit {
  /** The article's language and direction: the corrections' text is in it. */
  article: { lang: string; dir: "ltr" | "rtl" };
  /** The language and direction of the credit's words (`view.credits`). */
  lang: string;
  dir: "ltr" | "rtl";
  outlet: { name: string; url?: string };
  /** The original's authors; none when the article names none. */
  authors: string[];
  translators: string[];
  editors: string[];
  /** The credit as words and names, one line per role, as the page reads it. */
  lines: CreditPart[][];
  /** The original's headline, date, link and archived copy, with their labels. */
  original: Credits["original"];
  disclaimer?: { text: string; parts: CreditPart[]; lang: string; dir: "ltr" | "rtl" };
  /** Notices after the body, oldest first (a retracted article is in no feed). */
  corrections: CorrectionView[];
}

/** The one place that reads the credit from an article view: its people by role, words, original, notice and corrections. */
export function creditOf(v: ArticleView): Credit {
  const c = v.credits;
  return {
    article: { lang: v.lang, dir: v.dir },
    lang: c.lang,
    dir: c.dir,
    outlet: { name: c.outlet.label, url: c.outlet.url },
    authors: c.authors.map((p) => p.label),
    translators: c.translators.map((p) => p.label),
    editors: c.editors.map((p) => p.label),
    lines: c.lines,
    original: c.original,
    disclaimer: c.notice,
    corrections: v.corrections,
  };
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text or a URL -> safe inside HTML text and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

const primary = (tag: string) => tag.split("-")[0]!.toLowerCase();

const langAttr = (lang: string | undefined) => (lang ? ` lang="${escapeHtml(lang)}"` : "");

/** A name, isolated; the outlet linked to the original (people's pages are the site's, not the feed's). */
function nameHtml(n: Link & { url?: string }): string {
  const bdi = `<bdi${langAttr(n.lang)}>${escapeHtml(n.label)}</bdi>`;
  return n.url ? `<a href="${escapeHtml(n.url)}">${bdi}</a>` : bdi;
}

/** The credit that opens an entry's content: the byline, the original's headline and date, then the original and archived links. */
export function creditHeader(credit: Credit): string {
  const attrs = ` lang="${escapeHtml(credit.lang)}" dir="${credit.dir}"`;
  const lines = credit.lines.map((line) => line.map((p) => ("text" in p ? escapeHtml(p.text) : nameHtml(p.name))).join(""));
  const o = credit.original;
  const title = o.title
    ? `<cite${langAttr(o.titleLang)}><bdi>${escapeHtml(o.title)}</bdi></cite>${o.languageName ? ` (${escapeHtml(o.languageName)})` : ""}`
    : "";
  const date = o.date ? `${escapeHtml(o.publishedLabel)} <time datetime="${escapeHtml(o.date.iso)}">${escapeHtml(o.date.display)}</time>` : "";
  const original = title || date ? `<p class="credit-original"${attrs}>${title}${title && date ? escapeHtml(o.comma) : ""}${date}</p>` : "";
  const links = [
    ...(o.url ? [`<a href="${escapeHtml(o.url)}">${escapeHtml(o.urlLabel)}</a>`] : []),
    ...(o.archiveUrl ? [`<a href="${escapeHtml(o.archiveUrl)}">${escapeHtml(o.archiveLabel)}</a>`] : []),
  ];
  return `<p class="credit"${attrs}>${lines.join(" · ")}</p>${original}${links.length ? `<p class="credit-links"${attrs}>${links.join(" · ")}</p>` : ""}`;
}

/** What closes an entry's content: each correction ("Correction 10 July 2024: …", as the page heads it), dated and labelled in the credit's words, then the disclaimer in its own language. */
export function creditFooter(credit: Credit): string {
  const { lang, dir } = credit.article;
  const notices = credit.corrections.map((c) => {
    const label = `<strong>${escapeHtml(c.label)}</strong> <time datetime="${escapeHtml(c.date.iso)}">${escapeHtml(c.date.display)}</time>:`;
    // The label is in the credit's words; were those not the article's, they say so.
    const marked = primary(c.labelLang) === primary(lang) ? label : `<span lang="${escapeHtml(c.labelLang)}" dir="${c.labelDir}">${label}</span>`;
    return `<p class="correction" lang="${escapeHtml(lang)}" dir="${dir}">${marked} ${escapeHtml(c.text)}</p>`;
  });
  const d = credit.disclaimer;
  // A name filled in that is in another script than the notice is isolated and marked, as on the page.
  const text = d?.parts.map((p) => ("text" in p ? escapeHtml(p.text) : p.name.lang && p.name.lang !== d.lang ? `<bdi${langAttr(p.name.lang)}>${escapeHtml(p.name.label)}</bdi>` : escapeHtml(p.name.label))).join("");
  const disclaimer = d ? [`<p class="disclaimer" lang="${escapeHtml(d.lang)}" dir="${d.dir}"><em>${text}</em></p>`] : [];
  return [...notices, ...disclaimer].join("");
}
