// The ready-to-render shapes templates receive. Templates only present these; every URL,
// count, label and date string is computed before a template sees it.
// `path` is where a page is written; `href` is what links use (under the path prefix).
import type { PaginationView } from "./pagination.ts";
import type { SiteSettings } from "../site.ts";
import type { CorrectionType } from "../content/schema.ts";
import type { AssetLinks } from "./urls.ts";
import type { SearchVocabulary } from "./build/search-words.ts";

export interface Link {
  label: string;
  href: string;
  /** Set when the label is in another script than the site's (an Arabic keyword on an English
   * site), so screen readers switch voice. */
  lang?: string;
  /** A breadcrumb that stands for the page itself (marked aria-current="page"); an article's month is not one. */
  current?: boolean;
}

export interface CountedLink extends Link {
  count: number;
  /** "3 articles" */
  countLabel: string;
}

export interface PageMeta {
  /** Full <title>. */
  title: string;
  description: string;
  /** Absolute canonical URL. */
  canonical: string;
  lang: string;
  dir: "ltr" | "rtl";
  /** Open Graph type. */
  ogType: "website" | "article";
  /** Absolute URL of the page's image, for Open Graph and Twitter cards, with its size when known. */
  image?: string;
  imageAlt?: string;
  imageWidth?: number;
  imageHeight?: number;
  /** og:locale, language_TERRITORY (settings openGraph.locales), when the page's language has one. */
  ogLocale?: string;
  /** article:published_time, article:modified_time, article:tag */
  article?: { published: string; modified: string; tags: string[] };
  /** Feeds to announce with <link rel="alternate">. */
  feeds: { href: string; title: string; type: string }[];
  /** Structured data, serialised into one JSON-LD script. */
  jsonLd: object[];
}

/** A notice under an article: the translation disclaimer, or the republication notice. */
export interface Notice {
  text: string;
  /** The same text as parts, the names filled in for `{translator}` and `{source}` apart, to isolate and mark them. */
  parts: CreditPart[];
  /** The language it is written in: a custom one is in the article's; the site's by language, the best match. */
  lang: string;
  dir: "ltr" | "rtl";
  kind: "translation" | "republication";
  /** Its name for screen readers, in its language. */
  label: string;
}

/**
 * A piece of a credit line: words, or a name (isolated with <bdi>, linked to its page, marked
 * with its script's language where that differs).
 */
export type CreditPart = { text: string } | { name: Link };

/**
 * An article's credits: the people by role (each a link to the role's page), the outlet, the
 * original, and the credit lines as the provenance block reads them, in `lang`.
 *   lines: [["Reported by ", A, " and ", B, " for ", Outlet], ["Translated by ", C], ["Edited by ", D]]
 */
export interface Credits {
  /** The language of the words (the article's, where Gazette has its words: src/archive/words.ts). */
  lang: string;
  dir: "ltr" | "rtl";
  /** The original's authors, its translators (none when republished), its editors; each in credit order. */
  authors: Link[];
  translators: Link[];
  editors: Link[];
  /** The outlet: `href` its page here, `url` the original article. */
  outlet: Link & { url?: string };
  /** `translator: false`: republished in its original language. */
  republished: boolean;
  /** The credit lines, to be joined with " · ". */
  lines: CreditPart[][];
  /** The same lines as plain text, for feeds and machines: "Reported by A and B for Outlet · Translated by C". */
  text: string;
  original: {
    title?: string;
    /** Language of the original headline. */
    titleLang?: string;
    /** Its language's name, in the words' language. */
    languageName?: string;
    date?: { iso: string; display: string };
    /** "published" before the date, and what separates it from the headline (", "; Arabic "، "). */
    publishedLabel: string;
    comma: string;
    url?: string;
    archiveUrl?: string;
    /** "Original article", "Archived copy", in the words' language. */
    urlLabel: string;
    archiveLabel: string;
  };
  /** The block's name for screen readers. */
  label: string;
  notice?: Notice;
}

export interface DateView {
  /** For <time datetime> and machines. */
  iso: string;
  /** In the article's own language. */
  display: string;
  /** In the site's language, for lists. */
  listDisplay: string;
  year: string;
  month: string;
}

export interface ArticleView {
  path: string;
  href: string;
  /** Absolute URL, for feeds. */
  absolute: string;
  file: string;
  title: string;
  subtitle?: string;
  lang: string;
  dir: "ltr" | "rtl";
  date: DateView;
  /** The later of `updated` and the latest correction's date. */
  updated?: DateView;
  /** Corrections, clarifications and updates, oldest first: shown after the body. */
  corrections: CorrectionView[];
  /** The retraction notice, shown at the top; a retracted article keeps its page (noindex) and
   * leaves every list, related articles, feed, the search index and the sitemap. */
  retraction?: CorrectionView;
  source: { name: string; url?: string; href: string; lang?: string };
  originalTitle?: string;
  originalLanguage?: string;
  originalLanguageName?: string;
  /** Who is credited, in which role, with what notice: the provenance block, JSON-LD and feeds read it. */
  credits: Credits;
  /** The notice under the article (credits.notice), or undefined when it has none. */
  disclaimer?: Notice;
  keywords: Link[];
  /** Other spellings of its keywords (content/keywords.yaml, lower case): searched, never shown. */
  keywordAliases: string[];
  /** Links to the article's pages of every facet, by facet key (src/archive/facet-table.ts). */
  facets: Record<string, Link[]>;
  summary: string;
  html: string;
  readingMinutes: number;
  /** `src` for the page (under the prefix), `absolute` for cards, feeds and JSON-LD. */
  image?: ImageView;
  /** The 1200×630 JPEG link previews show (from the lead image), when one was made. */
  shareImage?: { absolute: string; width: number; height: number };
  /** Shown only in preview builds; production never contains drafts. */
  draft: boolean;
  /** When its `expires` comes (ISO): search engines are told (robots `unavailable_after`) before the next build takes it down. */
  expires?: string;
  /** Dated in the future; shown only in preview builds. */
  scheduled: boolean;
  /** "Draft" or "Scheduled" in preview builds. */
  badge?: string;
  older?: Link;
  newer?: Link;
  related: ArticleView[];
  breadcrumbs: readonly Link[];
  meta: PageMeta;
}

/**
 * A lead image as pages show it, every URL under the prefix. A local file comes with its size and
 * its generated variants (src/images/lead-images.ts); an http(s) image is shown as written.
 */
export interface ImageView {
  /** As written in front matter (the key of the prepared images). */
  written: string;
  src: string;
  absolute: string;
  alt: string;
  credit?: string;
  width?: number;
  height?: number;
  /** The fallback format's widths ("/img/x-480.jpeg 480w, …"). */
  srcset?: string;
  /** AVIF, then WebP: <source> elements. */
  sources: { type: string; srcset: string }[];
}

/** The home page's first page as a news front page (src/archive/build/front.ts). */
export interface FrontPageView {
  /** The lead story: the newest of the first few with an image, else the newest. */
  lead: ArticleView;
  /** The next stories, a row under the lead. */
  secondary: ArticleView[];
  /** The rest of the page, as a list. */
  latest: ArticleView[];
  /** Side column: the most-used keywords, and the latest notices. */
  keywords: CountedLink[];
  corrections: CorrectionListItem[];
  /** Links to the full lists. */
  keywordsHref: string;
  correctionsHref: string;
}

/** One dated notice on an article (front matter `corrections`). */
export interface CorrectionView {
  type: CorrectionType;
  /** "Correction", "Clarification", "Update", "Retraction". */
  label: string;
  /** Language of the label: the article's where Gazette has its words (src/archive/words.ts), else the site's. */
  labelLang: string;
  labelDir: "ltr" | "rtl";
  date: DateView;
  /** Plain text, escaped wherever it is written. */
  text: string;
  /** The notice's fragment id on the article page ("correction-20240710-update"), stable while
   * its date and type are; the corrections feed's entry ids are made from it. */
  id: string;
}

/** One line of /corrections/: a notice with the article it belongs to. */
export interface CorrectionListItem extends CorrectionView {
  article: Link & { absolute: string; dir: "ltr" | "rtl" };
  /** The notice on the article page, under the prefix. */
  href: string;
}

/** Extra facts shown at the top of a source page, from content/sources.yaml. */
export interface SourceDetails {
  url?: string;
  language?: string;
  country?: string;
  description?: string;
}

/** "home", "year", "month", "corrections", or the key of a facet ("keyword", "source", "translator"). */
export type ListKind = string;

/** One page of any article list: home, a facet's (keyword, source, translator), year, month. */
export interface ListPageView {
  kind: ListKind;
  path: string;
  heading: string;
  /** Set when the heading is a name in another script than the site's (an Arabic keyword). */
  headingLang?: string;
  /** "12 articles, newest first" on a landing; "Articles from 3 March 2024 to 9 April 2024, newest first" on a numbered page. */
  intro: string;
  breadcrumbs: Link[];
  articles: ArticleView[];
  /** The corrections list (kind "corrections") shows notices instead of articles. */
  corrections?: CorrectionListItem[];
  pagination: PaginationView;
  feed?: { href: string; title: string };
  /** Keyword landings: the keywords most often used together with this one. */
  related?: CountedLink[];
  /** Year landings: the year's months with counts. */
  months?: CountedLink[];
  details?: SourceDetails;
  /** Home, its landing: the front page's hierarchy over the same articles. */
  front?: FrontPageView;
  meta: PageMeta;
}

export interface LetterGroup {
  letter: string;
  /** Set when the letter is in another script than the site's ("ا": "ar"). */
  lang?: string;
  /** Fragment id for the jump list. */
  id: string;
  entries: CountedLink[];
}

/** An index of every keyword, source or translator, grouped by first letter. */
export interface DirectoryView {
  path: string;
  heading: string;
  intro: string;
  groups: LetterGroup[];
  meta: PageMeta;
}

export interface CalendarYear {
  year: string;
  href: string;
  count: number;
  countLabel: string;
  /** Twelve cells, January first; `href` only where the month has articles. */
  months: { label: string; name: string; count: number; href?: string }[];
}

export interface StaticPageView {
  path: string;
  title: string;
  description?: string;
  html: string;
  lang: string;
  dir: "ltr" | "rtl";
  meta: PageMeta;
}

export interface RedirectView {
  /** Where the redirect page is written: the alias, decoded (a folder named as Eleventy names any page). */
  path: string;
  /** The request paths `_redirects` matches: as browsers send it (percent-encoded), and decoded. */
  from: string[];
  /** Where to go: href for the link, absolute for canonical and refresh. */
  href: string;
  absolute: string;
}

export interface FeedEntry {
  id: string;
  title: string;
  link: string;
  published: Date;
  updated: Date;
  summary: string;
  /** Body HTML with every URL absolute, as feed readers need. */
  content: string;
  /** Atom <author>s: the original authors (the outlet when none is named). */
  authors: string[];
  /** Atom <contributor>s: translators and editors. */
  contributors: string[];
  /** The original article (Atom rel="via", JSON Feed external_url). */
  via?: string;
  categories: string[];
  lang: string;
}

export interface FeedView {
  path: string;
  title: string;
  subtitle: string;
  /** Absolute URL of this feed and of the HTML page it follows. */
  self: string;
  alternate: string;
  updated: Date;
  /** The articles it shows, newest first; each entry is made from one of them (src/archive/feeds.ts). */
  articles: readonly ArticleView[];
  /** The corrections feed's notices, newest first: its entries are made from them. */
  notices?: readonly CorrectionListItem[];
  /**
   * Made when first read, from `articles` or `notices` and the site alone: a template reads it,
   * page keys count what it is made from instead (src/incremental/keys.ts).
   */
  entries: FeedEntry[];
}

export interface SiteView {
  title: string;
  tagline: string;
  notice?: string;
  url: string;
  lang: string;
  dir: "ltr" | "rtl";
  navigation: Link[];
  /** True in `npm start`: drafts and scheduled articles are shown and badged. */
  preview: boolean;
  /** Absolute URLs of the sitemap index and the news sitemap, for robots.txt. */
  sitemap: string;
  newsSitemap: string;
  /** Links the layout needs, under the path prefix; each facet's directory under its folder name ("keywords"). */
  links: SiteLinks;
  /** `sizes` of an image in each place it is shown: how wide the layout draws it (public/css/gazette.css). */
  imageSizes: { lead: string; front: string; secondary: string; thumb: string };
}

export interface SiteLinks extends AssetLinks {
  [facetFolder: string]: string;
  home: string;
  archive: string;
  search: string;
  feed: string;
  corrections: string;
}

/** Everything the templates get, as the `gazette` global. */
export interface ArchiveModel {
  site: SiteView;
  /** "13 articles, 17 keywords, 7 sources, 4 translators", for build and check output. */
  summary: string;
  /** Preview only: content errors, shown over every page until they are fixed. */
  problems?: { title: string; lines: string[] };
  articles: ArticleView[];
  lists: ListPageView[];
  directories: DirectoryView[];
  calendar: { path: string; years: CalendarYear[]; monthNames: string[]; meta: PageMeta };
  pages: StaticPageView[];
  redirects: RedirectView[];
  feeds: FeedView[];
  jsonFeed: object;
  /** The files the sitemap index (files.sitemap) lists, by year and the undated pages (build/sitemap.ts). */
  sitemaps: SitemapFile[];
  /** The articles of the last 48 hours, for news search. */
  newsSitemap: { path: string; publication: string; entries: NewsSitemapEntry[] };
  /** Pages of articles whose `expires` has passed: a notice in place of the article. */
  expired: ExpiredPageView[];
  /** Where the fixed files are written (their templates' permalinks). */
  files: { jsonFeed: string; sitemap: string; robots: string; redirects: string; headers: string; searchFacets: string; searchWords: string };
  /** Lines of the Netlify/Cloudflare `_redirects` file, written byte for byte (never HTML-escaped). */
  redirectRules: string[];
  /** Lines of the Netlify/Cloudflare `_headers` file (cache rules), written byte for byte. */
  headerRules: string[];
  search: {
    path: string;
    meta: PageMeta;
    /** slug -> display name per facet key, so search URLs can use slugs (?keyword=astana-talks). */
    facets: Record<string, Record<string, string>>;
    /** The archive's names and headline words, for "Did you mean …?" (build/search-words.ts). */
    words: SearchVocabulary;
    /** The search page's filters in display order, as JSON (see SearchFilter). */
    filters: string;
    timeZone: string;
    /** The Intl locale of the site's date style, for result dates. */
    dateLocale: string;
    /** The site's search settings, passed through: the search index plans its bundles from them (src/search/plan.ts). */
    settings: SiteSettings["search"];
  };
  notFound: { path: string; meta: PageMeta };
  /** Generated images the pages use: cache file -> site path, copied into the site. */
  imageFiles: { from: string; path: string }[];
}

export interface SitemapUrl {
  /** Absolute URL. */
  loc: string;
  /** W3C date-time of the page's last change, where it has one. */
  lastmod?: string;
}

/** One file of the sitemap index: at most `sitemap.urlsPerFile` URLs. */
export interface SitemapFile {
  path: string;
  absolute: string;
  urls: SitemapUrl[];
  /** The latest lastmod of its URLs. */
  lastmod?: string;
}

export interface NewsSitemapEntry {
  loc: string;
  /** ISO 639 code as Google News wants it ("ar", "zh-tw"). */
  language: string;
  /** W3C date-time. */
  published: string;
  title: string;
}

/** What an article's page becomes once its `expires` has passed: a notice, noindex, nothing of the article's text. */
export interface ExpiredPageView {
  path: string;
  published: { iso: string; display: string };
  expired: { iso: string; display: string };
  meta: PageMeta;
}

/** A filter of the search page: a facet's (slugs in the URL, names in the index) or year and language. */
export interface SearchFilter {
  key: string;
  label: string;
  /** Values are slugs in the URL, looked up in facets.json. */
  slugged: boolean;
  /** The list of values can be narrowed by typing. */
  narrow?: boolean;
  /** Values sorted as values (years), not by use. */
  sortByValue?: boolean;
  /** The page listing every value ("/keywords/"), offered when a link names a value the archive does not have. */
  index?: string;
}
