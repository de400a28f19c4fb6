// Every URL Gazette writes, in one place: the model, the CLI and (through the model) the
// templates call this module and nothing else builds a URL.
//   path     "/2024/07/talks/"                          -> where the file goes, never prefixed
//   href     "/archive/2024/07/talks/"                  -> what links say: the path under GAZETTE_PATH_PREFIX
//   absolute "https://site.org/archive/2024/07/talks/"  -> canonical, feeds, sitemap, JSON-LD
//   image    "/images/x.jpg" or "https://cdn/x.jpg"     -> { href, absolute }, each prefixed once

export interface Urls {
  /** Link target for a site path. */
  href(path: string): string;
  /** Absolute URL for a site path. */
  absolute(path: string): string;
  /**
   * Absolute URL of a link already under the prefix, written as the link is (no re-encoding):
   * the form breadcrumb JSON-LD has always carried.
   */
  absoluteOfHref(href: string): string;
  /** A lead image as written in front matter: a site path (under public/) or an http(s) URL. */
  image(written: string): { href: string; absolute: string };
  /** Links to fixed files every page may need, under the prefix. */
  assets: AssetLinks;
  /** The prefix, "/" when the site is served from the root. */
  prefix: string;
  /** "https://site.org" */
  origin: string;
}

export interface AssetLinks {
  stylesheet: string;
  favicon: string;
  logo: string;
  /** Folder of the search index (the bundle root). */
  pagefind: string;
  /** Pagefind's highlighter, loaded by article pages reached from a search result. */
  pagefindHighlight: string;
  /** The search page's script. */
  searchScript: string;
  /** The search page's slug tables. */
  searchFacets: string;
  /** The archive's vocabulary, for suggestions when a search finds nothing. */
  searchWords: string;
}

export function createUrls(siteUrl: string, pathPrefix = "/"): Urls {
  const prefix = `/${pathPrefix.replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
  const origin = new URL(siteUrl).origin;
  const href = (path: string) => (prefix === "/" ? path : `${prefix}${path.replace(/^\//, "")}`);
  // A link made of unreserved characters and slashes alone is its own URI form (most are: Latin
  // slugs, dates); decoding and encoding it again, 30,000 times a build, changes nothing.
  const absolute = (path: string) => {
    const link = href(path);
    return `${origin}${PLAIN_PATH.test(link) ? link : encodeURI(decodeURI(link))}`;
  };
  return {
    prefix,
    origin,
    href,
    absolute,
    absoluteOfHref: (link) => `${origin}${link}`,
    // An http(s) image is used as written; a site path is prefixed here and only here.
    image: (written) => (written.startsWith("/") ? { href: href(written), absolute: absolute(written) } : { href: written, absolute: written }),
    assets: {
      stylesheet: href(paths.stylesheet),
      favicon: href(paths.favicon),
      logo: href(paths.logo),
      pagefind: href(paths.pagefind),
      pagefindHighlight: href(`${paths.pagefind}pagefind-highlight.js`),
      searchScript: href(paths.searchScript),
      searchFacets: href(paths.searchFacets),
      searchWords: href(paths.searchWords),
    },
  };
}

/** Characters that encodeURI leaves as they are and decodeURI never changes (no "%"). */
const PLAIN_PATH = /^[A-Za-z0-9\-._~/]*$/;

/** "/2024/07/talks/" for a date (in the site's zone) and a slug: the one formula for an article's path. */
export function articlePath(date: { year: number; month: number }, slug: string): string {
  return paths.article(String(date.year), String(date.month).padStart(2, "0"), slug);
}

/** Site paths, by page kind. Slugs are already URL-safe words (possibly non-Latin). */
export const paths = {
  home: "/",
  article: (year: string, month: string, slug: string) => `/${year}/${month}/${slug}/`,
  /** The folder of a facet's pages ("/keywords/") and one facet's page (src/archive/facet-table.ts). */
  facetFolder: (folder: string) => `/${folder}/`,
  facet: (folder: string, slug: string) => `/${folder}/${slug}/`,
  archive: "/archive/",
  /** Every correction of every article, newest first, with its Atom feed. */
  corrections: "/corrections/",
  year: (year: string) => `/${year}/`,
  month: (year: string, month: string) => `/${year}/${month}/`,
  search: "/search/",
  searchFacets: "/search/facets.json",
  searchWords: "/search/words.json",
  searchScript: "/js/search.js",
  page: (slug: string) => `/${slug}/`,
  /** Numbered page n of the list at `base`, counted from its oldest page (1); `base` itself shows the newest (../archive/pagination.ts). */
  listPage: (base: string, n: number) => `${base}page/${n}/`,
  /** Atom feed of a list page. */
  feed: (base: string) => `${base}feed.xml`,
  jsonFeed: "/feed.json",
  notFound: "/404.html",
  /** The sitemap index; its files under /sitemaps/ ("2024", "2024-2", "pages"); the news sitemap. */
  sitemap: "/sitemap.xml",
  sitemapFolder: "/sitemaps/",
  sitemapFile: (group: string, n: number) => `/sitemaps/${n <= 1 ? group : `${group}-${n}`}.xml`,
  newsSitemap: "/news-sitemap.xml",
  robots: "/robots.txt",
  redirects: "/_redirects",
  /** Cache rules for Netlify and Cloudflare Pages. */
  headers: "/_headers",
  pagefind: "/pagefind/",
  stylesheet: "/css/gazette.css",
  favicon: "/favicon.svg",
  logo: "/logo.svg",
  /** The same logo as a PNG, for structured data, which takes no SVG. */
  logoRaster: "/logo.png",
} as const;
