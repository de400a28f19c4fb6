// Every URL Gazette writes, in one place.
//   path  "/2024/07/talks/"                 -> where the file goes (Eleventy permalink), never prefixed
//   href  "/archive/2024/07/talks/"         -> what links say: the path under GAZETTE_PATH_PREFIX
//   absolute "https://site.org/archive/2024/07/talks/" -> canonical, feeds, sitemap, JSON-LD

export interface Urls {
  /** Link target for a site path. */
  href(path: string): string;
  /** Absolute URL for a site path. */
  absolute(path: string): string;
  /** The prefix, "/" when the site is served from the root. */
  prefix: string;
  /** "https://site.org" */
  origin: string;
}

export function createUrls(siteUrl: string, pathPrefix = "/"): Urls {
  const prefix = `/${pathPrefix.replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
  const origin = new URL(siteUrl).origin;
  const href = (path: string) => (prefix === "/" ? path : `${prefix}${path.replace(/^\//, "")}`);
  return {
    prefix,
    origin,
    href,
    absolute: (path) => `${origin}${encodeURI(decodeURI(href(path)))}`,
  };
}

/** Site paths, by page kind. Slugs are already URL-safe words (possibly non-Latin). */
export const paths = {
  home: "/",
  article: (year: string, month: string, slug: string) => `/${year}/${month}/${slug}/`,
  keywords: "/keywords/",
  keyword: (slug: string) => `/keywords/${slug}/`,
  sources: "/sources/",
  source: (slug: string) => `/sources/${slug}/`,
  translators: "/translators/",
  translator: (slug: string) => `/translators/${slug}/`,
  archive: "/archive/",
  year: (year: string) => `/${year}/`,
  month: (year: string, month: string) => `/${year}/${month}/`,
  search: "/search/",
  page: (slug: string) => `/${slug}/`,
  /** Page n (1-based) of a list whose first page is at `base`. */
  listPage: (base: string, n: number) => (n <= 1 ? base : `${base}page/${n}/`),
  /** Atom feed of a list page. */
  feed: (base: string) => `${base}feed.xml`,
  jsonFeed: "/feed.json",
  notFound: "/404.html",
} as const;
