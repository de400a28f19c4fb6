// Article views -> every page of every article list: home, each facet's names (keyword,
// source, translator: ../facet-table.ts), each year and month. Order: home, facets in table
// order, then years newest first each followed by its months.
import type { Article } from "../../content/load.ts";
import { plural } from "../../content/problems.ts";
import type { Facet, FacetEntry, FacetRegistry } from "../facets.ts";
import { paginate } from "../pagination.ts";
import { breadcrumbLd, collectionPageLd } from "../seo.ts";
import { lazyField } from "../lazy.ts";
import { paths } from "../urls.ts";
import type { ArticleView, CalendarYear, CountedLink, Link, ListKind, ListPageView } from "../views.ts";
import type { BuildContext } from "./context.ts";
import { languageName } from "./dates.ts";

const RELATED_KEYWORDS = 8;

interface ListInput {
  kind: ListKind;
  base: string;
  heading: string;
  headingLang?: string;
  articles: ArticleView[];
  extra?: Partial<ListPageView>;
  breadcrumbs?: Link[];
}

export function listPages(ctx: BuildContext, views: ArticleView[], viewOf: ReadonlyMap<Article, ArticleView>, calendar: CalendarYear[]): ListPageView[] {
  const lists: ListPageView[] = [];
  const add = (input: ListInput) => lists.push(...pagesOf(ctx, input));
  const { atom } = ctx.siteFeeds;
  add({ kind: "home", base: paths.home, heading: "Latest articles", articles: views, extra: { feed: { href: atom.href, title: atom.title } } });
  for (const entry of ctx.index.facets) {
    for (const input of facetLists(entry, ctx, viewOf)) add(input);
  }
  for (const input of dateLists(ctx, views, calendar)) add(input);
  return lists;
}

/**
 * One list input per page a list is paginated into: its landing (the newest articles, with the
 * list's totals, chips and front page), then its numbered pages, which show only what their own
 * articles and the site give (no count, no total), so a full page never changes (../pagination.ts).
 */
function pagesOf(ctx: BuildContext, input: ListInput): ListPageView[] {
  const { kind, base, heading, headingLang, articles, extra = {}, breadcrumbs = [] } = input;
  const { site, settings, urls, siteFeeds } = ctx;
  const feed = extra.feed;
  const feeds = feed ? [{ href: feed.href, title: feed.title, type: "application/atom+xml" }, ...(kind === "home" ? [siteFeeds.json] : [])] : [siteFeeds.atom];
  // What only the landing shows: the chips (related keywords, months) count the whole list.
  const { related, months, ...always } = extra;
  return paginate(articles, settings.pageSize, base, urls).map((page): ListPageView => {
    const n = page.pagination.number;
    if (n === undefined) {
      // The home page is the site itself; every other landing names its list.
      const title = kind === "home" ? site.title : heading;
      return withMeta(ctx, {
        kind,
        path: page.path,
        heading,
        headingLang,
        intro: kind === "home" ? `${plural(articles.length, "article")} in the archive` : `${plural(articles.length, "article")}, newest first`,
        // The last crumb is the list itself.
        breadcrumbs: breadcrumbs.map((c, i) => (i === breadcrumbs.length - 1 ? { ...c, current: true } : c)),
        articles: page.items,
        pagination: page.pagination,
        ...extra,
      }, () => ({
        title,
        path: page.path,
        description: kind === "home" ? site.tagline || site.title : `${plural(articles.length, "article")}: ${heading}.`,
        feeds,
        jsonLd: [collectionPageLd(title, page.path, page.items, urls), ...(breadcrumbs.length ? [breadcrumbLd(breadcrumbs, urls)] : [])],
      }));
    }
    const name = kind === "home" ? "Articles" : heading;
    const title = `${name}, page ${n}`;
    const span = dateSpan(page.items);
    // Home › … › the list (a link to its landing) › this page.
    const crumbs = [...(breadcrumbs.length ? breadcrumbs : [crumb(ctx, "Home", paths.home)]), { label: `Page ${n}`, href: urls.href(page.path), current: true }];
    return withMeta(ctx, {
      kind,
      path: page.path,
      heading: name,
      headingLang: kind === "home" ? undefined : headingLang,
      intro: `Articles ${span}, newest first`,
      breadcrumbs: crumbs,
      articles: page.items,
      pagination: page.pagination,
      ...always,
    }, () => ({
      title,
      path: page.path,
      description: `${kind === "home" ? site.title : heading}: articles ${span}.`,
      feeds,
      jsonLd: [collectionPageLd(title, page.path, page.items, urls), breadcrumbLd(crumbs, urls)],
    }));
  });
}

/**
 * A list page whose metadata and JSON-LD are made when its page is written: a day's build writes
 * a few dozen of 5,700 list pages, and page keys count `meta` by what it is made from
 * (src/incremental/keys.ts), as for an article's page.
 */
function withMeta(ctx: BuildContext, page: Omit<ListPageView, "meta">, meta: () => Parameters<BuildContext["meta"]>[0]): ListPageView {
  // `meta` is passed on its own, not as a field of `page`: a function written as a field is named
  // as it is made (../lazy.ts, once), 5,700 times here.
  const view = page as ListPageView;
  lazyField(view, "meta", () => ctx.meta(meta()));
  return view;
}

/** "from 3 March 2024 to 9 April 2024" (a numbered page is never empty), in the site's language. */
function dateSpan(articles: readonly ArticleView[]): string {
  const newest = articles[0]!.date.listDisplay;
  const oldest = articles.at(-1)!.date.listDisplay;
  return newest === oldest ? `of ${newest}` : `from ${oldest} to ${newest}`;
}

function crumb(ctx: BuildContext, label: string, path: string, lang?: string): Link {
  return { label, href: ctx.urls.href(path), ...(lang ? { lang } : {}) };
}

/** A facet's name pages: with its topic feed, and what only some facets show (see EXTRAS). */
function facetLists({ row, registry }: FacetEntry, ctx: BuildContext, viewOf: ReadonlyMap<Article, ArticleView>): ListInput[] {
  const home = crumb(ctx, "Home", paths.home);
  const directory = crumb(ctx, row.directory.heading, paths.facetFolder(row.folder));
  const extras = EXTRAS[row.key]?.(ctx, registry);
  return [...registry.facets.values()].map((f) => ({
    kind: row.key,
    base: f.path,
    heading: f.name,
    headingLang: f.lang,
    articles: f.articles.map((a) => viewOf.get(a)!),
    extra: { feed: { href: ctx.urls.href(paths.feed(f.path)), title: `${f.name} — ${ctx.site.title} (Atom)` }, ...extras?.(f) },
    breadcrumbs: [home, directory, crumb(ctx, f.name, f.path, f.lang)],
  }));
}

/** What a facet's pages show besides their articles, by facet key: most facets show nothing more. */
const EXTRAS: Record<string, (ctx: BuildContext, registry: FacetRegistry) => (facet: Facet) => Partial<ListPageView>> = {
  keyword: (ctx, keywords) => (facet) => ({ related: coOccurring(ctx, keywords, facet) }),
  source: (ctx) => (facet) => {
    const info = ctx.content.sources.get(facet.identity);
    if (!info) return { details: undefined };
    const language = info.language ? languageName(info.language, ctx.site.lang) : undefined;
    return { details: { url: info.url, country: info.country, description: info.description, language } };
  },
};

/** The keywords that appear with `facet` most often. */
function coOccurring(ctx: BuildContext, keywords: FacetRegistry, facet: Facet): CountedLink[] {
  const counts = new Map<Facet, number>();
  for (const a of facet.articles) {
    for (const other of keywords.of(a)) if (other !== facet) counts.set(other, (counts.get(other) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => y - x || b.articles.length - a.articles.length || (a.name < b.name ? -1 : 1))
    .slice(0, RELATED_KEYWORDS)
    .map(([k, n]) => ({ label: k.name, href: ctx.urls.href(k.path), lang: k.lang, count: n, countLabel: `${plural(n, "article")} together` }));
}

/** Each year's list (with its months as chips), then each of its months with articles. */
function dateLists(ctx: BuildContext, views: ArticleView[], calendar: CalendarYear[]): ListInput[] {
  const home = crumb(ctx, "Home", paths.home);
  const inputs: ListInput[] = [];
  for (const y of calendar) {
    const inYear = views.filter((v) => v.date.year === y.year);
    const months = y.months.filter((m) => m.href).reverse().map((m) => ({ label: m.name, href: m.href!, count: m.count, countLabel: plural(m.count, "article") }));
    const yearCrumb = crumb(ctx, y.year, paths.year(y.year));
    inputs.push({ kind: "year", base: paths.year(y.year), heading: y.year, articles: inYear, extra: { months }, breadcrumbs: [home, crumb(ctx, "Archive", paths.archive), yearCrumb] });
    y.months.forEach((m, i) => {
      if (!m.href) return;
      const month = String(i + 1).padStart(2, "0");
      const inMonth = inYear.filter((v) => v.date.month === month);
      const breadcrumbs = [home, yearCrumb, crumb(ctx, m.name, paths.month(y.year, month))];
      inputs.push({ kind: "month", base: paths.month(y.year, month), heading: `${m.name} ${y.year}`, articles: inMonth, breadcrumbs });
    });
  }
  return inputs;
}
