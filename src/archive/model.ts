// Content -> ArchiveModel: the one model every page, feed and search record is made from.
// Pure: the same content, mode and clock give the same model.
import type { DateTime } from "luxon";
import type { Article, Content } from "../content/load.ts";
import { humanDate, isoDateTime, monthOf, yearOf } from "../content/dates.ts";
import { plural, type Problem } from "../content/problems.ts";
import { directionOf, type BuildMode, type SiteSettings } from "../site.ts";
import type { Facet, FacetRegistry } from "./facets.ts";
import { indexArchive, type ArchiveIndex } from "./index.ts";
import { encodeSitePath } from "../content/sitepath.ts";
import { groupByLetter } from "./letters.ts";
import { rewriteRootLinks } from "./links.ts";
import { renderOnce } from "../markdown.ts";
import { paginate } from "./pagination.ts";
import { relatedArticles } from "./related.ts";
import { breadcrumbLd, collectionPageLd, createMeta, newsArticleLd } from "./seo.ts";
import { createUrls, paths, type Urls } from "./urls.ts";
import { feedsFor, jsonFeed } from "./feeds.ts";
import type {
  ArchiveModel,
  ArticleView,
  CalendarYear,
  CountedLink,
  DateView,
  DirectoryView,
  Link,
  ListKind,
  ListPageView,
  RedirectView,
  StaticPageView,
} from "./views.ts";

const WORDS_PER_MINUTE = 230;
const RELATED_LIMIT = 5;
const RELATED_KEYWORDS = 8;

type Meta = ReturnType<typeof createMeta>;

export function buildArchive(
  content: Content & { settings: SiteSettings },
  mode: BuildMode,
  now: DateTime,
  publicFiles: readonly string[] = [],
): { model: ArchiveModel; problems: Problem[]; index: ArchiveIndex } {
  const { settings } = content;
  const urls = createUrls(settings.url, mode.pathPrefix);
  const index = indexArchive(content, mode, now, publicFiles);
  const { published, keywords, sources, translators, problems } = index;

  const site = {
    title: settings.title,
    tagline: settings.tagline,
    notice: settings.notice,
    url: urls.absolute("/"),
    lang: settings.language,
    dir: directionOf(settings.language),
    navigation: settings.navigation.map((n) => ({ label: n.label, href: n.url.startsWith("/") ? urls.href(n.url) : n.url })),
    preview: mode.drafts,
    links: {
      home: urls.href(paths.home),
      keywords: urls.href(paths.keywords),
      sources: urls.href(paths.sources),
      translators: urls.href(paths.translators),
      archive: urls.href(paths.archive),
      search: urls.href(paths.search),
      stylesheet: urls.href("/css/gazette.css"),
      favicon: urls.href("/favicon.svg"),
      logo: urls.href("/logo.svg"),
      pagefind: urls.href("/pagefind/"),
      feed: urls.href(paths.feed("/")),
    },
  };
  const meta = createMeta(site, urls);
  const siteFeed = { href: urls.href(paths.feed("/")), title: `${site.title} (Atom)`, type: "application/atom+xml" };
  const siteJsonFeed = { href: urls.href(paths.jsonFeed), title: `${site.title} (JSON Feed)`, type: "application/feed+json" };

  // Articles, then the links between them.
  const views = published.map((a) => articleView(a, settings, { keywords, sources, translators }, urls, now));
  const viewOf = new Map(published.map((a, i) => [a, views[i]!]));
  // Distinct keywords, as on the article: two spellings of one keyword count once.
  const related = relatedArticles(published, (a) => [...new Set(a.keywords.flatMap((k) => keywords.lookup(k) ?? []))], RELATED_LIMIT);
  views.forEach((v, i) => {
    const newer = views[i - 1];
    const older = views[i + 1];
    if (newer) v.newer = { label: newer.title, href: newer.href };
    if (older) v.older = { label: older.title, href: older.href };
    v.related = related.get(published[i]!)!.map((a) => viewOf.get(a)!);
    v.meta = meta({
      title: v.title,
      path: v.path,
      description: v.summary || v.subtitle || v.title,
      lang: v.lang,
      ogType: "article",
      image: v.image,
      article: { published: v.date.iso, modified: (v.updated ?? v.date).iso, tags: v.keywords.map((k) => k.label) },
      feeds: [siteFeed],
      jsonLd: [
        newsArticleLd(v, site, urls, !isOrganization(v.translator.label, settings)),
        breadcrumbLd(v.breadcrumbs, urls),
      ],
    });
  });

  const articlesOf = (facet: Facet) => facet.articles.map((a) => viewOf.get(a)!);
  const lists: ListPageView[] = [];
  const listPages = (kind: ListKind, base: string, heading: string, articles: ArticleView[], extra: Partial<ListPageView> = {}, breadcrumbs: Link[] = []) => {
    const feed = extra.feed;
    for (const page of paginate(articles, settings.pageSize, base, urls)) {
      const n = page.pagination.number;
      // The home page is the site itself; every other page names its list (and page number).
      const pageTitle = n > 1 ? `${heading}, page ${n} of ${page.pagination.total}` : kind === "home" ? site.title : heading;
      const intro = kind === "home" ? `${plural(articles.length, "article")} in the archive` : `${plural(articles.length, "article")}, newest first`;
      lists.push({
        kind,
        path: page.path,
        heading,
        intro,
        breadcrumbs,
        articles: page.items,
        pagination: page.pagination,
        ...extra,
        meta: meta({
          title: pageTitle,
          path: page.path,
          description: kind === "home" ? site.tagline || site.title : `${plural(articles.length, "article")}: ${heading}.`,
          feeds: feed ? [{ href: feed.href, title: feed.title, type: "application/atom+xml" }, ...(kind === "home" ? [siteJsonFeed] : [])] : [siteFeed],
          jsonLd: [collectionPageLd(pageTitle, page.path, page.items, urls), ...(breadcrumbs.length ? [breadcrumbLd(breadcrumbs, urls)] : [])],
        }),
      });
    }
  };
  const crumb = (label: string, path: string): Link => ({ label, href: urls.href(path) });
  const home = crumb("Home", paths.home);
  const feedOf = (path: string, title: string) => ({ href: urls.href(paths.feed(path)), title: `${title} — ${site.title} (Atom)` });

  listPages("home", paths.home, "Latest articles", views, { feed: { href: siteFeed.href, title: siteFeed.title } });
  const coKeywords = coOccurring(keywords);
  for (const k of keywords.facets.values()) {
    listPages("keyword", k.path, k.name, articlesOf(k), { feed: feedOf(k.path, k.name), related: coKeywords(k, urls) }, [home, crumb("Keywords", paths.keywords), crumb(k.name, k.path)]);
  }
  for (const s of sources.facets.values()) {
    const info = content.sources.get(s.identity);
    const details = info ? { url: info.url, country: info.country, description: info.description, language: info.language ? languageName(info.language, site.lang) : undefined } : undefined;
    listPages("source", s.path, s.name, articlesOf(s), { feed: feedOf(s.path, s.name), details }, [home, crumb("Sources", paths.sources), crumb(s.name, s.path)]);
  }
  for (const t of translators.facets.values()) {
    listPages("translator", t.path, t.name, articlesOf(t), { feed: feedOf(t.path, t.name) }, [home, crumb("Translators", paths.translators), crumb(t.name, t.path)]);
  }
  const calendar = calendarOf(views, settings, urls);
  for (const y of calendar) {
    const inYear = views.filter((v) => v.date.year === y.year);
    const months = y.months.filter((m) => m.href).reverse().map((m) => ({ label: m.name, href: m.href!, count: m.count, countLabel: plural(m.count, "article") }));
    listPages("year", paths.year(y.year), y.year, inYear, { months }, [home, crumb("Archive", paths.archive), crumb(y.year, paths.year(y.year))]);
    for (const m of y.months) {
      if (!m.href) continue;
      const month = String(y.months.indexOf(m) + 1).padStart(2, "0");
      const inMonth = inYear.filter((v) => v.date.month === month);
      listPages("month", paths.month(y.year, month), `${m.name} ${y.year}`, inMonth, {}, [home, crumb(y.year, paths.year(y.year)), crumb(m.name, paths.month(y.year, month))]);
    }
  }

  const directories: DirectoryView[] = [
    directory(paths.keywords, "Keywords", "keyword", keywords, site.lang, urls, meta),
    directory(paths.sources, "Sources", "original outlet", sources, site.lang, urls, meta),
    directory(paths.translators, "Translators", "translator", translators, site.lang, urls, meta),
  ];

  const pages: StaticPageView[] = content.pages.map((p) => ({
    path: paths.page(p.slug),
    title: p.title,
    description: p.description,
    html: rewriteRootLinks(renderOnce(p, p.body, settings.markdown).html, urls.href),
    lang: p.lang,
    dir: p.dir,
    meta: meta({ title: p.title, path: paths.page(p.slug), description: p.description ?? p.title, lang: p.lang }),
  }));

  // Aliases arrive decoded (src/content/sitepath.ts): the page's folder is named in that form,
  // as article folders are. `_redirects` gets the form browsers send (non-ASCII percent-encoded)
  // and, when it differs, the decoded one, which hosts that decode before matching compare
  // against (Netlify's own local proxy does).
  const redirect = (from: string, to: string): RedirectView => {
    const href = urls.href(from);
    return { path: from, from: [...new Set([encodeSitePath(href), href])], href: urls.href(to), absolute: urls.absolute(to) };
  };
  const redirects: RedirectView[] = [
    ...published.flatMap((a) => a.aliases.map((from) => redirect(from, viewOf.get(a)!.path))),
    ...keywords.redirects.map((r) => redirect(r.from, r.to)),
  ];

  const feeds = feedsFor({ site, settings, urls, views, keywords, sources, translators, articlesOf });
  const sitemap = [
    ...views.map((v) => ({ loc: urls.absolute(v.path), lastmod: (v.updated ?? v.date).iso })),
    ...lists.map((l) => ({ loc: urls.absolute(l.path), lastmod: l.articles[0] ? (l.articles[0].updated ?? l.articles[0].date).iso : undefined })),
    ...directories.map((d) => ({ loc: urls.absolute(d.path) })),
    ...pages.map((p) => ({ loc: urls.absolute(p.path) })),
    { loc: urls.absolute(paths.archive) },
  ];

  const model: ArchiveModel = {
    site,
    summary: [
      plural(views.length, "article"),
      plural(keywords.facets.size, "keyword"),
      plural(sources.facets.size, "source"),
      plural(translators.facets.size, "translator"),
      plural(pages.length, "page"),
    ].join(", "),
    articles: views,
    lists,
    directories,
    calendar: {
      path: paths.archive,
      years: calendar,
      monthNames: monthNames(site.lang),
      meta: meta({ title: "Archive by date", path: paths.archive, description: `Every month of ${site.title}, with the number of articles in each.`, feeds: [siteFeed] }),
    },
    pages,
    redirects,
    feeds,
    jsonFeed: jsonFeed(site, urls, views, feeds[0]!.entries),
    sitemap,
    // Every part was validated as a plain path: nothing here is read as a splat or placeholder.
    redirectRules: redirects.flatMap((r) => r.from.map((from) => `${from} ${encodeSitePath(r.href)} 301`)),
    search: {
      path: paths.search,
      meta: meta({ title: "Search", path: paths.search, description: `Search every article in ${site.title}.` }),
      facets: { keyword: slugNames(keywords), source: slugNames(sources), translator: slugNames(translators) },
      timeZone: settings.timeZone,
      settings: settings.search,
    },
    notFound: { path: paths.notFound, meta: meta({ title: "Page not found", path: paths.notFound, description: "This page does not exist." }) },
  };
  assertPlanned(model, index);
  return { problems, index, model };
}

/**
 * Every page the model makes must be one that indexArchive planned, since that plan is what
 * `check` holds aliases against: a page kind added here and not there fails every build and test.
 */
function assertPlanned(model: ArchiveModel, index: ArchiveIndex): void {
  const known = new Set([...index.planned.map((p) => p.path), ...model.articles.map((a) => a.path), ...model.pages.map((p) => p.path)]);
  const made = [...model.lists, ...model.feeds, ...model.directories, model.calendar, model.search, model.notFound];
  const unplanned = made.map((p) => p.path).filter((path) => !known.has(path));
  if (unplanned.length) {
    throw new Error(`Gazette: the model makes pages that src/archive/index.ts does not plan (${unplanned.slice(0, 3).join(", ")}); add their kind to plannedPaths so no alias can take them`);
  }
}

function articleView(
  a: Article,
  settings: SiteSettings,
  facets: { keywords: FacetRegistry; sources: FacetRegistry; translators: FacetRegistry },
  urls: Urls,
  now: DateTime,
): ArticleView {
  const date = dateView(a.date, a.lang, settings.language);
  const path = paths.article(date.year, date.month, a.slug);
  const body = renderOnce(a, a.body, settings.markdown);
  const summary = a.summary ?? body.firstParagraph;
  const source = facets.sources.lookup(a.source);
  const translator = facets.translators.lookup(a.translator);
  return {
    path,
    href: urls.href(path),
    absolute: urls.absolute(path),
    file: a.file,
    title: a.title,
    subtitle: a.subtitle,
    lang: a.lang,
    dir: a.dir,
    date,
    updated: a.updated ? dateView(a.updated, a.lang, settings.language) : undefined,
    source: { name: a.source, url: a.source_url, href: urls.href(source?.path ?? paths.sources), lang: scriptLanguage(a.source) },
    originalTitle: a.original_title,
    originalLanguage: a.original_language,
    originalLanguageName: a.original_language ? languageName(a.original_language, settings.language) : undefined,
    author: a.author,
    translator: { label: a.translator, href: urls.href(translator?.path ?? paths.translators) },
    disclaimer: disclaimerText(a, settings),
    // Distinct keywords: two spellings on one article may be aliases of one keyword.
    keywords: [...new Set(a.keywords.flatMap((raw) => facets.keywords.lookup(raw) ?? []))].map((k) => ({
      label: k.name,
      href: urls.href(k.path),
      lang: scriptLanguage(k.name),
    })),
    summary,
    html: rewriteRootLinks(body.html, urls.href),
    readingMinutes: Math.max(1, Math.round(body.words / WORDS_PER_MINUTE)),
    image: a.image ? { src: a.image.startsWith("/") ? urls.href(a.image) : a.image, alt: a.image_alt ?? "", credit: a.image_credit } : undefined,
    draft: a.draft,
    scheduled: a.date > now,
    badge: a.draft ? "Draft" : a.date > now ? "Scheduled" : undefined,
    related: [],
    breadcrumbs: [
      { label: "Home", href: urls.href(paths.home) },
      { label: date.year, href: urls.href(paths.year(date.year)) },
      { label: monthNames(settings.language)[Number(date.month) - 1]!, href: urls.href(paths.month(date.year, date.month)) },
    ],
    meta: undefined as never, // set once related articles are known
  };
}

function slugNames(registry: FacetRegistry): Record<string, string> {
  return Object.fromEntries([...registry.facets.values()].map((f) => [f.slug, f.name]));
}

/** Language to mark on a name written in a right-to-left script, when it can be told from the script. */
function scriptLanguage(name: string): string | undefined {
  if (/\p{Script=Arabic}/u.test(name)) return "ar";
  if (/\p{Script=Hebrew}/u.test(name)) return "he";
  return undefined;
}

// Formatting a date in a language is the costly part of an article's view. Parsed dates are
// shared (one object per day and zone, src/content/dates.ts) and immutable, so each day is
// formatted once per language pair, for the build and for every preview rebuild after it.
const dateViews = new WeakMap<DateTime, Map<string, DateView>>();

function dateView(date: DateTime, lang: string, siteLang: string): DateView {
  let byLang = dateViews.get(date);
  if (!byLang) dateViews.set(date, (byLang = new Map()));
  const key = `${lang} ${siteLang}`;
  let view = byLang.get(key);
  if (!view) {
    view = { iso: isoDateTime(date), display: humanDate(date, lang), listDisplay: humanDate(date, siteLang), year: yearOf(date), month: monthOf(date) };
    byLang.set(key, view);
  }
  return view;
}

function disclaimerText(a: Article, settings: SiteSettings): ArticleView["disclaimer"] {
  if (a.disclaimer === false) return undefined;
  const custom = a.disclaimer !== true;
  // A function replacement: "$&" in a name must stay literal.
  const text = (custom ? (a.disclaimer as string) : settings.disclaimer).replaceAll("{translator}", () => a.translator);
  const lang = custom ? a.lang : settings.language;
  return { text, lang, dir: directionOf(lang) };
}

/** A desk or team credited as translator is an Organization in JSON-LD; a named person is a Person. */
function isOrganization(name: string, settings: SiteSettings): boolean {
  return name === settings.translator || /\b(desk|team|staff|service|unit|agency)\b/i.test(name);
}

/** For each keyword, the keywords that appear with it most often. */
function coOccurring(keywords: FacetRegistry) {
  return (facet: Facet, urls: Urls): CountedLink[] => {
    const counts = new Map<Facet, number>();
    for (const a of facet.articles) {
      for (const raw of a.keywords) {
        const other = keywords.lookup(raw);
        if (other && other !== facet) counts.set(other, (counts.get(other) ?? 0) + 1);
      }
    }
    return [...counts.entries()]
      .sort(([a, x], [b, y]) => y - x || b.articles.length - a.articles.length || (a.name < b.name ? -1 : 1))
      .slice(0, RELATED_KEYWORDS)
      .map(([k, n]) => ({ label: k.name, href: urls.href(k.path), count: n, countLabel: `${plural(n, "article")} together` }));
  };
}

function directory(path: string, heading: string, noun: string, registry: FacetRegistry, lang: string, urls: Urls, meta: Meta): DirectoryView {
  const entries = [...registry.facets.values()].map((f) => ({
    label: f.name,
    href: urls.href(f.path),
    lang: scriptLanguage(f.name),
    count: f.articles.length,
    countLabel: plural(f.articles.length, "article"),
  }));
  const groups = groupByLetter(entries, (e) => e.label, lang).map((g) => ({ letter: g.letter, id: g.id, entries: g.items }));
  const intro = `${plural(entries.length, noun)}, each with its number of articles.`;
  return { path, heading, intro, groups, meta: meta({ title: heading, path, description: `Every ${noun} in the archive, with the number of articles for each.` }) };
}

function calendarOf(views: readonly ArticleView[], settings: SiteSettings, urls: Urls): CalendarYear[] {
  const counts = new Map<string, number[]>();
  for (const v of views) {
    const months = counts.get(v.date.year) ?? Array<number>(12).fill(0);
    months[Number(v.date.month) - 1]! += 1;
    counts.set(v.date.year, months);
  }
  const names = monthNames(settings.language);
  const short = monthNames(settings.language, "short");
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([year, months]) => {
      const count = months.reduce((s, n) => s + n, 0);
      return {
        year,
        href: urls.href(paths.year(year)),
        count,
        countLabel: plural(count, "article"),
        months: months.map((n, i) => ({
          label: short[i]!,
          name: names[i]!,
          count: n,
          href: n ? urls.href(paths.month(year, String(i + 1).padStart(2, "0"))) : undefined,
        })),
      };
    });
}

const monthNameCache = new Map<string, string[]>();

/** January to December in `lang` (memoised: asked for once per article). */
function monthNames(lang: string, width: "long" | "short" = "long"): string[] {
  const key = `${lang}:${width}`;
  let names = monthNameCache.get(key);
  if (!names) {
    const format = new Intl.DateTimeFormat(lang, { month: width, timeZone: "UTC" });
    names = Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2000, i, 15))));
    monthNameCache.set(key, names);
  }
  return names;
}

function languageName(code: string, inLang: string): string {
  try {
    return new Intl.DisplayNames([inLang, "en"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
