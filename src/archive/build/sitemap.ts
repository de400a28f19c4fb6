// Every page of the model -> the sitemaps (absolute URLs, last change where a page has one):
//   /sitemap.xml           an index of the files below, each with the latest lastmod it holds
//   /sitemaps/2024.xml     a year's articles (oldest first), then its year and month lists;
//   /sitemaps/2024-2.xml   more of that year when it holds more than `urlsPerFile` URLs
//   /sitemaps/pages.xml    the undated pages: home, facet lists and indexes, pages, archive, corrections
//   /news-sitemap.xml      the articles of the 48 hours before the build, for news search
// Why by year: an old year's file keeps its bytes from one build to the next, so crawlers and
// incremental deploys see only the current year change; a year's articles are oldest first, so
// a new one is appended and the year's earlier files stay as they were.
import type { DateTime } from "luxon";
import { paths, type Urls } from "../urls.ts";
import type { ArchiveModel, ArticleView, ListPageView, NewsSitemapEntry, SitemapFile, SitemapUrl } from "../views.ts";

type Pages = Pick<ArchiveModel, "lists" | "directories" | "pages">;

/** The group of the undated pages; the others are years. */
export const UNDATED = "pages";

/**
 * Google News takes the articles of the last two days, at most 1,000 per sitemap
 * (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
 */
const NEWS_WINDOW_HOURS = 48;
const NEWS_MAX = 1_000;

/** The files of a group of `count` URLs, at most `perFile` each: "/sitemaps/2024.xml", "/sitemaps/2024-2.xml". */
export function sitemapFilePaths(group: string, count: number, perFile: number): string[] {
  return Array.from({ length: Math.max(1, Math.ceil(count / perFile)) }, (_, i) => paths.sitemapFile(group, i + 1));
}

/** The listed articles (newest first) and the other pages -> the sitemap files, undated first, then years newest first. */
export function sitemapFiles(urls: Urls, articles: readonly ArticleView[], { lists, directories, pages }: Pages, perFile: number): SitemapFile[] {
  const years = new Map<string, SitemapUrl[]>();
  const inYear = (year: string) => years.get(year) ?? years.set(year, []).get(year)!;
  // Oldest first within a year: a new article is appended, earlier files keep their bytes.
  for (let i = articles.length - 1; i >= 0; i--) {
    const v = articles[i]!;
    inYear(v.date.year).push({ loc: urls.absolute(v.path), lastmod: (v.updated ?? v.date).iso });
  }
  const undated: SitemapUrl[] = [];
  for (const l of lists) (dated(l) ? inYear(l.path.slice(1, 5)) : undated).push({ loc: urls.absolute(l.path), lastmod: listLastmod(l) });
  undated.push(...directories.map((d) => ({ loc: urls.absolute(d.path) })), ...pages.map((p) => ({ loc: urls.absolute(p.path) })), { loc: urls.absolute(paths.archive) });

  const groups: [string, SitemapUrl[]][] = [[UNDATED, undated], ...[...years].sort(([a], [b]) => (a < b ? 1 : -1))];
  return groups.flatMap(([group, entries]) =>
    sitemapFilePaths(group, entries.length, perFile).map((path, i) => {
      const chunk = entries.slice(i * perFile, (i + 1) * perFile);
      return { path, absolute: urls.absolute(path), urls: chunk, lastmod: latest(chunk) };
    }),
  );
}

/**
 * The listed articles (newest first) dated within the 48 hours up to `now`, newest first, at most
 * 1,000: the news sitemap's entries. `siteTitle` is the publication's name.
 */
export function newsSitemap(urls: Urls, articles: readonly ArticleView[], now: DateTime, siteTitle: string): ArchiveModel["newsSitemap"] {
  const to = now.toMillis();
  const from = to - NEWS_WINDOW_HOURS * 3_600_000;
  const entries: NewsSitemapEntry[] = [];
  for (const v of articles) {
    const t = Date.parse(v.date.iso);
    if (t > to) continue; // a scheduled article in a preview build
    if (t <= from || entries.length === NEWS_MAX) break;
    entries.push({ loc: urls.absolute(v.path), language: newsLanguage(v.lang), published: v.date.iso, title: v.title });
  }
  return { path: paths.newsSitemap, publication: siteTitle, entries };
}

/**
 * Google News wants an ISO 639 code, except zh-cn and zh-tw for Chinese: "ar-SY" -> "ar",
 * "zh-Hant" -> "zh-tw".
 */
export function newsLanguage(lang: string): string {
  const [primary, ...rest] = lang.toLowerCase().split("-");
  if (primary !== "zh") return primary!;
  return rest.some((p) => p === "hant" || p === "tw" || p === "hk" || p === "mo") ? "zh-tw" : "zh-cn";
}

const dated = (l: ListPageView) => l.kind === "year" || l.kind === "month";

function listLastmod(l: ListPageView): string | undefined {
  const newest = l.articles[0];
  return newest ? (newest.updated ?? newest.date).iso : undefined;
}

/** The latest lastmod of some entries, as written (compared as instants: offsets may differ). */
function latest(entries: readonly SitemapUrl[]): string | undefined {
  let best: { iso: string; t: number } | undefined;
  for (const { lastmod } of entries) {
    if (!lastmod) continue;
    const t = Date.parse(lastmod);
    if (!best || t > best.t) best = { iso: lastmod, t };
  }
  return best?.iso;
}
