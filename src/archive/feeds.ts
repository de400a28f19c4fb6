// Article views -> feeds: Atom for the site and for every facet's names (keyword, source,
// translator: facet-table.ts), and a JSON Feed for the site. Entries carry full content with absolute URLs, as readers need,
// and the article's credit (./feed-credit.ts): outlet and original, people, disclaimer, corrections.
import { xmlSafe } from "../content/characters.ts";
import { creditFooter, creditHeader, creditOf } from "./feed-credit.ts";
import { lazyField, once } from "./lazy.ts";
import type { Facet, FacetEntry } from "./facets.ts";
import { rewriteRelativeLinks } from "./links.ts";
import { paths, type Urls } from "./urls.ts";
import type { ArticleView, FeedEntry, FeedView, SiteView } from "./views.ts";

/** Newest entries in the site feeds, and in each facet's (topic) feeds. */
export const SITE_FEED_SIZE = 50;
export const TOPIC_FEED_SIZE = 20;

interface FeedInput {
  site: SiteView;
  urls: Urls;
  views: ArticleView[];
  facets: readonly FacetEntry[];
  /** A facet's newest `count` articles, newest first. */
  articlesOf: (facet: Facet, count: number) => ArticleView[];
}

export function feedsFor(input: FeedInput): FeedView[] {
  const { site, urls, views } = input;
  const entryOf = entryMemo();
  const updates = new Map<ArticleView, Date>();
  const updatedOf = (v: ArticleView) => {
    let d = updates.get(v);
    if (!d) updates.set(v, (d = new Date((v.updated ?? v.date).iso)));
    return d;
  };
  // The entries, made from the articles' views alone, only for the feeds that are written (a
  // day's build writes a few dozen of 2,000): page keys count a feed by its articles.
  const feed = (base: string, title: string, subtitle: string, list: readonly ArticleView[]): FeedView =>
    feedView(urls, { base, title, subtitle, updated: latest(list.map(updatedOf)), shows: { articles: list } }, entriesOf(list, entryOf));
  const topic = ({ row, registry }: FacetEntry) =>
    [...registry.facets.values()].map((f) =>
      feed(f.path, `${f.name} — ${site.title}`, `Articles ${row.feedPhrase} ${f.name}`, input.articlesOf(f, TOPIC_FEED_SIZE)),
    );
  return [feed(paths.home, site.title, site.tagline, views.slice(0, SITE_FEED_SIZE)), ...input.facets.flatMap(topic)];
}

/**
 * A feed view: what it shows (its articles, or the corrections feed's notices), from which alone
 * `entries` is made when first read (../lazy.ts); page keys count a feed by what it shows.
 */
export function feedView(
  urls: Urls,
  feed: { base: string; title: string; subtitle: string; updated: Date; shows: { articles: readonly ArticleView[]; notices?: FeedView["notices"] } },
  entries: () => FeedEntry[],
): FeedView {
  const view = {
    path: paths.feed(feed.base),
    title: xmlSafe(feed.title),
    subtitle: xmlSafe(feed.subtitle),
    self: urls.absolute(paths.feed(feed.base)),
    alternate: urls.absolute(feed.base),
    updated: feed.updated,
    ...feed.shows,
  } satisfies Omit<FeedView, "entries"> as unknown as FeedView;
  lazyField(view, "entries", entries);
  return view;
}

/** The latest of some dates; the epoch for none. */
export function latest(dates: readonly Date[]): Date {
  return dates.reduce((max, d) => (d > max ? d : max), new Date(0));
}

/**
 * A feed's entries, made when first read. Made here, not where the feed is: a function made inside
 * feedsFor would keep its scope, and through `input` the whole model's (every article, its text),
 * alive until the last feed is written; at 50,000 articles that was 480 MB more at the end of a
 * cold build, past its heap limit (docs/performance.md).
 */
function entriesOf(list: readonly ArticleView[], entryOf: (v: ArticleView) => FeedEntry): () => FeedEntry[] {
  return () => list.map(entryOf);
}

/** One entry per article, shared by every feed that shows it (made once, when first asked for). */
function entryMemo(): (v: ArticleView) => FeedEntry {
  const entries = new Map<ArticleView, FeedEntry>();
  return (v) => {
    let e = entries.get(v);
    if (!e) entries.set(v, (e = feedEntry(v)));
    return e;
  };
}

/**
 * `check` rejects every character XML forbids, but a feed that one stray character makes
 * unreadable loses every entry for every reader: the text written into Atom is stripped of them
 * whatever the input (maintainers' settings included).
 */
function feedEntry(v: ArticleView): FeedEntry {
  const credit = once(() => creditOf(v));
  // The fields made when first read are not in the literal (../lazy.ts).
  const entry = {
    id: v.absolute,
    title: xmlSafe(v.title),
    link: v.absolute,
    published: new Date(v.date.iso),
    updated: new Date((v.updated ?? v.date).iso),
    summary: xmlSafe(v.summary),
    categories: v.keywords.map((k) => xmlSafe(k.label)),
    lang: v.lang,
  } satisfies Omit<FeedEntry, "content" | "authors" | "contributors" | "via"> as unknown as FeedEntry;
  // The body with absolute URLs, checked for XML, and the credits: most of an entry's cost, read
  // only by the feeds that are written (a day's build writes a few dozen of 2,000).
  lazyField(entry, "content", () => xmlSafe(`${creditHeader(credit())}\n${absoluteHtml(v.html, v.absolute)}\n${creditFooter(credit())}`));
  // The original's authors write the story; with none named, the outlet stands for them (Atom
  // needs an author), and translators and editors are its contributors.
  lazyField(entry, "authors", () => (credit().authors.length ? credit().authors : [credit().outlet.name]).map(xmlSafe));
  lazyField(entry, "contributors", () => [...new Set([...credit().translators, ...credit().editors])].map(xmlSafe));
  lazyField(entry, "via", () => credit().outlet.url);
  return entry;
}

/** JSON Feed 1.1 for the site, as a plain object, from the site Atom feed's entries (the same newest articles). */
export function jsonFeed(site: SiteView, urls: Urls, views: ArticleView[], entries: FeedEntry[]): object {
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: site.title,
    description: site.tagline,
    home_page_url: urls.absolute(paths.home),
    feed_url: urls.absolute(paths.jsonFeed),
    language: site.lang,
    items: entries.map((e, i) => {
      const v = views[i]!;
      return {
        id: e.id,
        url: e.link,
        ...(e.via ? { external_url: e.via } : {}),
        title: e.title,
        summary: e.summary,
        content_html: e.content,
        date_published: v.date.iso,
        date_modified: (v.updated ?? v.date).iso,
        // JSON Feed has no roles: everyone credited, authors first (the content names the roles).
        authors: [...new Set([...e.authors, ...e.contributors])].map((name) => ({ name })),
        tags: e.categories,
        language: v.lang,
        ...(v.image ? { image: v.image.absolute } : {}),
      };
    }),
  };
}

/** Article HTML -> the same with every link and image absolute, resolved from the article's URL. */
function absoluteHtml(html: string, base: string): string {
  return rewriteRelativeLinks(html, (value) => {
    try {
      return new URL(value.replaceAll("&amp;", "&"), base).href.replaceAll("&", "&amp;");
    } catch {
      return value;
    }
  });
}
