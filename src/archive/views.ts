// The ready-to-render shapes templates receive. Templates only present these; every URL,
// count, label and date string is computed before a template sees it.

export interface Link {
  label: string;
  url: string;
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
  url: string;
  file: string;
  title: string;
  subtitle?: string;
  lang: string;
  dir: "ltr" | "rtl";
  date: DateView;
  updated?: DateView;
  source: { name: string; url?: string };
  originalTitle?: string;
  originalLanguage?: string;
  originalLanguageName?: string;
  author?: string;
  translator: string;
  /** The disclaimer, or undefined when the article has none. A custom one is in the article's
   * language; the site's default one is in the site's language. */
  disclaimer?: { text: string; lang: string; dir: "ltr" | "rtl" };
  keywords: Link[];
  summary: string;
  html: string;
  readingMinutes: number;
  image?: { src: string; alt: string; credit?: string };
  /** Shown only in preview builds; production never contains drafts. */
  draft: boolean;
  /** Dated in the future; shown only in preview builds. */
  scheduled: boolean;
  older?: Link;
  newer?: Link;
  meta: PageMeta;
}

export interface KeywordView {
  name: string;
  slug: string;
  url: string;
  count: number;
  countLabel: string;
  articles: ArticleView[];
  meta: PageMeta;
}

export interface LetterGroup {
  letter: string;
  /** Fragment id for the jump list. */
  id: string;
  keywords: CountedLink[];
}

export interface StaticPageView {
  url: string;
  title: string;
  description?: string;
  html: string;
  lang: string;
  dir: "ltr" | "rtl";
  meta: PageMeta;
}

export interface SiteView {
  title: string;
  tagline: string;
  url: string;
  lang: string;
  dir: "ltr" | "rtl";
  navigation: Link[];
  /** True in `npm start`: drafts and scheduled articles are shown and badged. */
  preview: boolean;
}

/** Everything the templates get, as the `gazette` global. */
export interface ArchiveModel {
  site: SiteView;
  articles: ArticleView[];
  home: { articles: ArticleView[]; meta: PageMeta; total: number; totalLabel: string };
  keywords: KeywordView[];
  keywordIndex: { groups: LetterGroup[]; total: number; meta: PageMeta };
  pages: StaticPageView[];
  search: { meta: PageMeta };
  notFound: { meta: PageMeta };
}
