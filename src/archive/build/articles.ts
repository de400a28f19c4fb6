// Published articles -> their views, each built once: body rendered, dates formatted, facet
// links, image URLs; then the links between them (newer/older, related) and each page's meta.
import type { Article } from "../../content/load.ts";
import { textDigestOf } from "../../content/cache.ts";
import { directionOf, localizedText, type SiteSettings } from "../../site.ts";
import { renderOnce, typographic } from "../../markdown.ts";
import type { Facet } from "../facets.ts";
import { rewriteRootLinks } from "../links.ts";
import { lazyField } from "../lazy.ts";
import { relatedArticles } from "../related.ts";
import { breadcrumbLd, newsArticleLd, rasterImage } from "../seo.ts";
import { articlePath, paths } from "../urls.ts";
import type { ArticleView, CreditPart, Credits, ImageView, Link, Notice } from "../views.ts";
import type { ImageFile } from "../../images/lead-images.ts";
import { joinNames, wordsFor, type Words } from "../words.ts";
import type { BuildContext } from "./context.ts";
import { scriptLanguage } from "../../content/scripts.ts";
import { dateView, languageName, monthNames } from "./dates.ts";
import { isoDateTime } from "../../content/dates.ts";
import { articleCorrections } from "./corrections.ts";

const WORDS_PER_MINUTE = 230;
const RELATED_LIMIT = 5;

/**
 * Fields of an article's view that articleView makes from the article alone (its file's name and
 * text, parsed), the settings, and the view's other fields: page keys count them by the text's
 * digest instead of serialising them (src/incremental/keys.ts). They are four fifths of a card's
 * bytes, the body with them. A field made from anything else (the index: facet names and links,
 * keyword aliases; lead images; the clock; which list pages exist) must not be here, and a field
 * here must not come to be made from such a thing.
 */
export const MADE_FROM_THE_TEXT: ReadonlySet<string> = new Set([
  "title", "subtitle", "date", "updated", "corrections", "retraction", "originalTitle", "originalLanguage", "originalLanguageName",
  // From the article, the settings and `facets` and `source`, which are counted.
  "credits", "disclaimer", "keywords",
  // The body as rendered, its links under `href`'s prefix.
  "summary", "html", "readingMinutes", "draft", "expires",
]);

/** Each view, by the digest of the text its article was parsed from (when the article cache read it). */
const textDigests = new WeakMap<ArticleView, string>();

/** The digest of the text an article view was made from, if known (see MADE_FROM_THE_TEXT). */
export function textDigestOfView(view: object): string | undefined {
  return textDigests.get(view as ArticleView);
}

export function articleView(a: Article, ctx: BuildContext): ArticleView {
  const view = makeArticleView(a, ctx);
  const digest = textDigestOf(a);
  if (digest !== undefined) textDigests.set(view, digest);
  return view;
}

function makeArticleView(a: Article, ctx: BuildContext): ArticleView {
  const { settings, urls, memo, now } = ctx;
  const date = dateView(memo, a.date, a.lang, settings);
  const path = articlePath(a.date, a.slug);
  const body = renderOnce(a, a.body, settings.markdown);
  const facets = facetLinks(a, ctx);
  const prepared = a.image ? ctx.images.get(a.image) : undefined;
  const source = { name: a.source, url: a.source_url, href: facets.source?.[0]?.href ?? urls.href(paths.facetFolder("sources")), lang: scriptLanguage(a.source) };
  const corrections = articleCorrections(a, ctx);
  // The latest notice changes the article as much as an `updated` date does.
  const updated = a.updated && corrections.latest ? (a.updated > corrections.latest ? a.updated : corrections.latest) : (a.updated ?? corrections.latest);
  // The fields made when first read (credits, disclaimer, html, and meta in linkArticles) are
  // not in the literal: lazyField defines them on an object that lacks them (../lazy.ts).
  const view = {
    path,
    href: urls.href(path),
    absolute: urls.absolute(path),
    file: a.file,
    // Headlines get the quotes and dashes bodies get; every page, feed, JSON-LD and search record shows the view's.
    title: typographic(a.title),
    subtitle: a.subtitle === undefined ? undefined : typographic(a.subtitle),
    lang: a.lang,
    dir: a.dir,
    date,
    updated: updated ? dateView(memo, updated, a.lang, settings) : undefined,
    corrections: corrections.notices,
    retraction: corrections.retraction,
    source,
    originalTitle: a.original_title,
    originalLanguage: a.original_language,
    originalLanguageName: a.original_language ? languageName(a.original_language, settings.language) : undefined,
    keywords: facets.keyword ?? [],
    keywordAliases: keywordAliases(a, ctx),
    facets,
    summary: a.summary ?? body.firstParagraph,
    readingMinutes: Math.max(1, Math.round(body.words / WORDS_PER_MINUTE)),
    image: a.image ? imageView(a.image, a.image_alt ?? "", a.image_credit, ctx) : undefined,
    shareImage: prepared ? { absolute: urls.absolute(prepared.share.path), width: prepared.share.width, height: prepared.share.height } : undefined,
    draft: a.draft,
    expires: a.expires ? isoDateTime(a.expires) : undefined,
    scheduled: a.date > now,
    badge: a.draft ? "Draft" : a.date > now ? "Scheduled" : undefined,
    related: [],
    breadcrumbs: breadcrumbsOf(ctx, date),
  } satisfies Omit<ArticleView, "credits" | "disclaimer" | "html" | "meta"> as unknown as ArticleView;
  // Who is credited and the notice, in words: read by the article's page, its feed entries' bodies
  // and its search record, which a day's build makes for a few dozen articles of 10,000.
  lazyField(view, "credits", () => creditsOf(a, ctx, facets, source));
  lazyField(view, "disclaimer", () => view.credits.notice);
  // The body, likewise: only the article's page, feed entries and search record read it, and the
  // article cache decodes it only then (src/content/cache.ts).
  lazyField(view, "html", () => rewriteRootLinks(body.html, urls.href));
  return view;
}

/**
 * Home, the year and the month of an article's date, one list per month shared by its articles
 * (frozen: nothing may change one article's alone). A retracted article is on no list, so its
 * year or month may have no page: no crumb for it.
 */
function breadcrumbsOf(ctx: BuildContext, date: ArticleView["date"]): ArticleView["breadcrumbs"] {
  let made = crumbMemo.get(ctx);
  if (!made) crumbMemo.set(ctx, (made = new Map()));
  const month = `${date.year}-${date.month}`;
  let crumbs = made.get(month);
  if (!crumbs) {
    const { urls, memo, settings } = ctx;
    crumbs = Object.freeze(
      [
        { label: "Home", path: paths.home },
        { label: date.year, path: paths.year(date.year) },
        { label: monthNames(memo, settings)[Number(date.month) - 1]!, path: paths.month(date.year, date.month) },
      ]
        .filter((c) => c.path === paths.home || ctx.hasPage(c.path))
        .map((c) => Object.freeze({ label: c.label, href: urls.href(c.path) })),
    );
    made.set(month, crumbs);
  }
  return crumbs;
}

const crumbMemo = new WeakMap<BuildContext, Map<string, ArticleView["breadcrumbs"]>>();

/**
 * A lead image for the page: with its size and generated variants when it is a local file that was
 * prepared; as written otherwise (an http(s) image is never fetched, so it has no srcset).
 */
export function imageView(written: string, alt: string, credit: string | undefined, ctx: BuildContext): ImageView {
  const { urls } = ctx;
  const original = urls.image(written);
  const prepared = ctx.images.get(written);
  const srcset = (files: readonly ImageFile[]) => files.map((f) => `${urls.href(f.path)} ${f.width}w`).join(", ");
  if (!prepared) return { written, src: original.href, absolute: original.absolute, alt, credit, sources: [] };
  return {
    written,
    // An SVG is shown as it is (no fallback files): it scales by itself.
    src: prepared.fallback.length ? urls.href(prepared.src) : original.href,
    absolute: original.absolute,
    alt,
    credit,
    width: prepared.width,
    height: prepared.height,
    srcset: prepared.fallback.length ? srcset(prepared.fallback) : undefined,
    sources: prepared.sources.map((s) => ({ type: s.type, srcset: srcset(s.files) })),
  };
}

/** The other spellings of the article's keywords (content/keywords.yaml), each once. */
function keywordAliases(a: Article, ctx: BuildContext): string[] {
  const aliases: string[] = [];
  // The article's keywords as its facet links found them (one per name that has a facet, in order).
  for (const k of ctx.index.registry("keyword").of(a)) for (const alias of k.aliases) if (!aliases.includes(alias)) aliases.push(alias);
  return aliases;
}

/** Per facet, the article's distinct facets: two spellings on one article may be aliases of one name. */
function facetLinks(a: Article, ctx: BuildContext): Record<string, Link[]> {
  let made = facetLinkMemo.get(ctx);
  if (!made) facetLinkMemo.set(ctx, (made = new Map()));
  const links: Record<string, Link[]> = {};
  for (const { row, registry } of ctx.index.facets) {
    // In the order written, each facet once (a loop: this runs for every facet of 10,000 articles).
    const list: Link[] = [];
    for (const f of registry.of(a)) {
      let link = made.get(f);
      if (!link) made.set(f, (link = Object.freeze({ label: f.name, href: ctx.urls.href(f.path), lang: f.lang })));
      if (!list.includes(link)) list.push(link);
    }
    links[row.key] = list;
  }
  return links;
}

/**
 * One link per facet for a model, shared by every article that has it (frozen: nothing may change
 * one article's link alone): 40,000 links at 10,000 articles were 2,100 links made again and again.
 */
const facetLinkMemo = new WeakMap<BuildContext, Map<Facet, Link>>();

/**
 * Starts ranking each listed article's related articles (../related.ts), by the keywords they
 * share; the ranking when called. Started before the views are made, so a large archive's is
 * ranked on another thread meanwhile.
 */
export function rankRelated(ctx: BuildContext): () => Map<Article, Article[]> {
  const keywords = ctx.index.registry("keyword");
  // Distinct keywords, as on the article: two spellings of one keyword count once.
  const keywordsOf = (a: Article): Facet[] => {
    const facets: Facet[] = [];
    for (const f of keywords.of(a)) if (!facets.includes(f)) facets.push(f);
    return facets;
  };
  return relatedArticles(ctx.index.listed, keywordsOf, RELATED_LIMIT, ctx.memo);
}

/**
 * Newer and older neighbours, related articles and each article's page meta. Neighbours and
 * related articles are listed articles only: a retracted one is linked from nowhere (and links
 * to none).
 */
export function linkArticles(ctx: BuildContext, published: readonly Article[], views: ArticleView[], viewOf: ReadonlyMap<Article, ArticleView>, relatedOf: () => Map<Article, Article[]>): void {
  const { site, urls, settings } = ctx;
  const { listed } = ctx.index;
  const related = relatedOf();
  const listedViews = listed.map((a) => viewOf.get(a)!);
  listedViews.forEach((v, i) => {
    const newer = listedViews[i - 1];
    const older = listedViews[i + 1];
    // A neighbour's headline is in its own language, whatever the page's.
    if (newer) v.newer = { label: newer.title, href: newer.href, lang: newer.lang };
    if (older) v.older = { label: older.title, href: older.href, lang: older.lang };
  });
  views.forEach((v, i) => {
    v.related = (related.get(published[i]!) ?? []).map((a) => viewOf.get(a)!);
    // Made when the article's page is written (or its search record made): JSON-LD for every
    // article cost a tenth of a day's build, for the few pages it renders (../lazy.ts).
    lazyField(v, "meta", () => ctx.meta({
      title: v.title,
      path: v.path,
      description: v.summary || v.subtitle || v.title,
      lang: v.lang,
      ogType: "article",
      // Link previews take a raster 1.91:1 image: the one made from the lead image (an SVG
      // rasterised), else an http(s) raster as written, else the site's default (seo.ts).
      image: v.shareImage ? { absolute: v.shareImage.absolute, alt: v.image!.alt, width: v.shareImage.width, height: v.shareImage.height } : rasterImage(v.image),
      article: { published: v.date.iso, modified: (v.updated ?? v.date).iso, tags: v.keywords.map((k) => k.label) },
      feeds: [ctx.siteFeeds.atom],
      jsonLd: [newsArticleLd(v, site, urls, (name) => isOrganization(name, settings)), breadcrumbLd(v.breadcrumbs, urls)],
    }));
  });
}

/**
 * Who is credited and how the provenance block says it, in the article's language where Gazette
 * has its words (../words.ts): "Reported by A and B for Outlet", "Translated by C", "Edited by D".
 */
function creditsOf(a: Article, ctx: BuildContext, facets: Record<string, Link[]>, source: ArticleView["source"]): Credits {
  const { settings, memo } = ctx;
  const words = wordsFor(a.lang, settings.language);
  const outlet: Credits["outlet"] = { label: source.name, href: source.href, lang: source.lang, url: source.url };
  const authors = facets.author ?? [];
  const translators = facets.translator ?? [];
  const editors = facets.editor ?? [];
  const named = (people: readonly Link[]): CreditPart[] => joinNames(people, (p) => p.label, words).map((p) => ("item" in p ? { name: p.item } : { text: p.text }));
  const lines: CreditPart[][] = [
    authors.length
      ? [{ text: `${words.reportedBy} ` }, ...named(authors), { text: ` ${words.reportedFor} ` }, { name: outlet }]
      : [{ text: `${words.publishedBy} ` }, { name: outlet }],
  ];
  if (translators.length) lines.push([{ text: `${words.translatedBy} ` }, ...named(translators)]);
  if (editors.length) lines.push([{ text: `${words.editedBy} ` }, ...named(editors)]);
  const date = a.original_date ? dateView(memo, a.original_date, words.lang, settings) : undefined;
  return {
    lang: words.lang,
    dir: directionOf(words.lang),
    authors,
    translators,
    editors,
    outlet,
    republished: a.republished,
    lines,
    text: lines.map((line) => line.map((p) => ("text" in p ? p.text : p.name.label)).join("")).join(" · "),
    original: {
      title: a.original_title,
      titleLang: a.original_language,
      languageName: a.original_language ? languageName(a.original_language, words.lang) : undefined,
      date: date ? { iso: date.iso, display: date.display } : undefined,
      publishedLabel: words.originalPublished,
      comma: words.comma,
      url: a.source_url,
      archiveUrl: a.source_archive_url,
      urlLabel: words.originalArticle,
      archiveLabel: words.archivedCopy,
    },
    label: words.provenance,
    notice: noticeOf(a, settings, words),
  };
}

/**
 * The notice under the article: its own text (in its language), or the site's in the article's
 * language where the site has one: the translation disclaimer, or for a republished original
 * the republication notice. `{translator}` and `{source}` are filled in; `false`: none.
 */
function noticeOf(a: Article, settings: SiteSettings, words: Words): Notice | undefined {
  if (a.disclaimer === false) return undefined;
  const kind = a.republished ? "republication" : "translation";
  const chosen =
    a.disclaimer !== true
      ? { text: a.disclaimer, lang: a.lang }
      : a.republished
        ? settings.republishedNotice
          ? localizedText(settings.republishedNotice, a.lang, settings.language)
          : { text: words.republishedNotice, lang: words.lang }
        : localizedText(settings.disclaimer, a.lang, settings.language);
  const noticeWords = wordsFor(chosen.lang, settings.language);
  // The placeholders become names, each isolated and marked with its script's language on the page
  // (an Arabic translator in an English disclaimer); the plain text joins the same parts.
  const name = (label: string): CreditPart => ({ name: { label, href: "", lang: scriptLanguage(label) } });
  const parts: CreditPart[] = chosen.text
    .split(/(\{translator\}|\{source\})/)
    .flatMap((piece): CreditPart[] =>
      piece === "{translator}"
        ? joinNames(a.translator, (n) => n, noticeWords).map((p) => ("item" in p ? name(p.item) : { text: p.text }))
        : piece === "{source}"
          ? [name(a.source)]
          : piece
            ? [{ text: piece }]
            : [],
    );
  const text = parts.map((p) => ("name" in p ? p.name.label : p.text)).join("");
  return { text, parts, lang: chosen.lang, dir: directionOf(chosen.lang), kind, label: a.republished ? noticeWords.republication : noticeWords.disclaimer };
}

/** A desk or team credited as translator is an Organization in JSON-LD; a named person is a Person. */
function isOrganization(name: string, settings: SiteSettings): boolean {
  return name === settings.translator || /\b(desk|team|staff|service|unit|agency)\b/i.test(name);
}
