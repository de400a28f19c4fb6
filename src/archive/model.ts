// Content -> ArchiveModel: the one model every page, feed and search record is made from.
// Pure: the same content, mode, clock (and facet table) give the same model. A table of
// contents: each part is made by a named builder in build/ (or feeds.ts), in this order.
import type { DateTime } from "luxon";
import type { Content } from "../content/load.ts";
import { plural, type Problem } from "../content/problems.ts";
import { SITEMAP_MAX_URLS, type BuildMode, type SiteSettings } from "../site.ts";
import { FACETS, type FacetTable } from "./facet-table.ts";
import { indexArchive, type ArchiveIndex } from "./index.ts";
import { createArchiveMemo, type ArchiveMemo } from "./memo.ts";
import { createMeta, type ShareSettings } from "./seo.ts";
import { createUrls, paths, type Urls } from "./urls.ts";
import { feedsFor, jsonFeed } from "./feeds.ts";
import type { BuildContext } from "./build/context.ts";
import { siteFeeds, siteView } from "./build/site.ts";
import { articleView, linkArticles, rankRelated } from "./build/articles.ts";
import { listPages } from "./build/lists.ts";
import { calendarView, calendarYears } from "./build/calendar.ts";
import { directories } from "./build/directories.ts";
import { notFoundView, searchView, staticPages } from "./build/pages.ts";
import { headlineWordsSoon } from "./build/search-words.ts";
import { redirectRules, redirectViews } from "./build/redirects.ts";
import { newsSitemap, sitemapFiles } from "./build/sitemap.ts";
import { expiredPages } from "./build/expired.ts";
import { headerRules } from "./build/headers.ts";
import { correctionItems, correctionPages, correctionsFeed } from "./build/corrections.ts";
import type { ArchiveModel, ArticleView } from "./views.ts";
import type { PreparedImages } from "../images/lead-images.ts";
import { frontPage } from "./build/front.ts";

export type { ArchiveMemo } from "./memo.ts";
export { createArchiveMemo } from "./memo.ts";

export interface BuildOptions {
  /** What to reuse from earlier builds (the preview keeps one); a fresh one when left out. */
  memo?: ArchiveMemo;
  /** The facets (tests try a table with a row added). */
  facets?: FacetTable;
  /** Lead images already made (src/images/lead-images.ts); without them images are shown as written. */
  images?: PreparedImages;
}

export function buildArchive(
  content: Content & { settings: SiteSettings },
  mode: BuildMode,
  now: DateTime,
  publicFiles: readonly string[] = [],
  options: BuildOptions = {},
): { model: ArchiveModel; problems: Problem[]; index: ArchiveIndex } {
  const { settings } = content;
  const table = options.facets ?? FACETS;
  const urls = createUrls(settings.url, mode.pathPrefix);
  const index = indexArchive(content, mode, now, publicFiles, table);
  const { published } = index;
  const site = siteView(settings, mode, urls, table);
  const meta = createMeta(site, urls, shareSettings(settings, urls, options.images));
  const ctx: BuildContext = { content, settings, mode, now, urls, memo: options.memo ?? createArchiveMemo(), index, site, meta, siteFeeds: siteFeeds(site, urls), hasPage: pageSet(index), images: options.images?.byWritten ?? new Map() };

  // Articles, then the links between them (the related ones ranked meanwhile, on a thread of
  // their own when the archive is large).
  const related = rankRelated(ctx);
  // The headlines' words for the search page's suggestions, likewise.
  const words = headlineWordsSoon(index.listed.map((a) => a.title));
  const views = published.map((a) => articleView(a, ctx));
  const viewOf = new Map(published.map((a, i) => [a, views[i]!]));
  linkArticles(ctx, published, views, viewOf, related);
  // Every page has its article; lists, feeds and the sitemap show only the listed (not retracted).
  const listed = index.listed.map((a) => viewOf.get(a)!);
  const corrections = correctionItems(ctx, views);

  const years = calendarYears(ctx, listed);
  const lists = [...listPages(ctx, listed, viewOf, years), ...correctionPages(ctx, corrections)];
  frontPage(ctx, lists, corrections);
  const dirs = directories(ctx);
  const pages = staticPages(ctx);
  const redirects = redirectViews(ctx, viewOf);
  const feeds = [...feedsFor({ site, urls, views: listed, facets: index.facets, articlesOf: (f, count) => f.articles.slice(0, count).map((a) => viewOf.get(a)!) }), correctionsFeed(ctx, corrections)];

  const model: ArchiveModel = {
    site,
    summary: [plural(views.length, "article"), ...index.facets.map((f) => plural(f.registry.facets.size, f.row.noun)), plural(pages.length, "page")].join(", "),
    articles: views,
    lists,
    directories: dirs,
    calendar: calendarView(ctx, years),
    pages,
    redirects,
    feeds,
    jsonFeed: jsonFeed(site, urls, listed, feeds[0]!.entries),
    sitemaps: sitemapFiles(urls, listed, { lists, directories: dirs, pages }, settings.sitemap?.urlsPerFile ?? SITEMAP_MAX_URLS),
    newsSitemap: newsSitemap(urls, listed, now, settings.title),
    expired: expiredPages(ctx),
    files: { jsonFeed: paths.jsonFeed, sitemap: paths.sitemap, robots: paths.robots, redirects: paths.redirects, headers: paths.headers, searchFacets: paths.searchFacets, searchWords: paths.searchWords },
    redirectRules: redirectRules(redirects, mode.host),
    headerRules: headerRules(urls),
    search: searchView(ctx, words),
    notFound: notFoundView(ctx),
    imageFiles: imageFiles(ctx, views),
  };
  assertPlanned(model, index);
  // Frozen (its top level only): Eleventy takes a frozen object of global data as it is, where it
  // deep-copies a plain one into every template's data (34 MB in a day's build at 10,000 articles).
  return { problems: index.problems, index, model: Object.freeze(model) };
}

/** The default share image (made from settings openGraph.image) and og:locale by language. */
function shareSettings(settings: SiteSettings, urls: Urls, images: PreparedImages | undefined): ShareSettings {
  const written = settings.openGraph?.image;
  const card = written ? images?.byWritten.get(written)?.share : undefined;
  return {
    image: card ? { absolute: urls.absolute(card.path), alt: settings.title, width: card.width, height: card.height } : undefined,
    locales: settings.openGraph?.locales ?? {},
  };
}

/** The generated image files the pages use (a draft's image stays out of a production site). */
function imageFiles(ctx: BuildContext, views: readonly ArticleView[]): { from: string; path: string }[] {
  const used = views.flatMap((v) => (v.image ? (ctx.images.get(v.image.written)?.files ?? []) : []));
  // Of the default share image, only its share card: no page shows it.
  const share = ctx.settings.openGraph?.image ? ctx.images.get(ctx.settings.openGraph.image) : undefined;
  used.push(...(share?.files.filter((f) => f.path === share.share.path) ?? []));
  const files = new Map(used.map((f) => [f.path, f.from]));
  return [...files].map(([path, from]) => ({ from, path }));
}

/** The planned paths as a set, made once per build. */
function pageSet(index: ArchiveIndex): (path: string) => boolean {
  const planned = new Set(index.planned.map((p) => p.path));
  return (path) => planned.has(path);
}

/**
 * Every page the model makes must be one that indexArchive planned, since that plan is what
 * `check` holds aliases against: a page kind added here and not there fails every build and test.
 */
function assertPlanned(model: ArchiveModel, index: ArchiveIndex): void {
  const known = new Set([...index.planned.map((p) => p.path), ...model.articles.map((a) => a.path), ...model.pages.map((p) => p.path), ...model.expired.map((e) => e.path)]);
  const made = [...model.lists, ...model.feeds, ...model.directories, model.calendar, model.search, model.notFound, ...model.sitemaps, model.newsSitemap];
  const unplanned = made.map((p) => p.path).filter((path) => !known.has(path));
  if (unplanned.length) {
    throw new Error(`Gazette: the model makes pages that src/archive/index.ts does not plan (${unplanned.slice(0, 3).join(", ")}); add their kind to plannedPaths so no alias can take them`);
  }
}

