// Corrections as data: an article's `corrections` -> its dated notices (a retraction apart, the
// others oldest first) and the date it was last changed; every notice of every published article
// -> the /corrections/ pages (newest first, paginated like any list) and their Atom feed.
//   corrections: [{ date: 2024-07-10, type: update, text: "…" }] ->
//     { notices: [{ label: "Update", id: "correction-20240710-update", … }], latest: 2024-07-10 }
import type { DateTime } from "luxon";
import type { Article } from "../../content/load.ts";
import { plural } from "../../content/problems.ts";
import { xmlSafe } from "../../content/characters.ts";
import { paginate } from "../pagination.ts";
import { breadcrumbLd } from "../seo.ts";
import { paths } from "../urls.ts";
import { feedView, latest, SITE_FEED_SIZE } from "../feeds.ts";
import { escapeHtml } from "../feed-credit.ts";
import type { ArticleView, CorrectionListItem, CorrectionView, FeedView, ListPageView } from "../views.ts";
import type { BuildContext } from "./context.ts";
import { directionOf } from "../../site.ts";
import { wordsFor } from "../words.ts";
import { dateView } from "./dates.ts";

export interface ArticleCorrections {
  /** Corrections, clarifications and updates, oldest first (the order they happened in). */
  notices: CorrectionView[];
  retraction?: CorrectionView;
  /** The latest notice's date: it sets "Updated" and dateModified when later than `updated`. */
  latest?: DateTime;
}

export function articleCorrections(a: Article, ctx: BuildContext): ArticleCorrections {
  if (!a.corrections.length) return { notices: [] };
  const { memo, settings } = ctx;
  // Labelled in the article's language where Gazette has its words (../words.ts).
  const words = wordsFor(a.lang, settings.language);
  const ids = new Map<string, number>();
  // Stable order whatever the file's: by date, then as written.
  const sorted = a.corrections.map((c, i) => ({ c, i })).sort((x, y) => x.c.date.toMillis() - y.c.date.toMillis() || x.i - y.i);
  const views = sorted.map(({ c }): CorrectionView => {
    // A fragment id from the date and type, so a notice's link and feed id survive other
    // notices being added; two of one type on one day are numbered.
    const base = `correction-${c.date.toFormat("yyyyLLdd")}-${c.type}`;
    const seen = (ids.get(base) ?? 0) + 1;
    ids.set(base, seen);
    return {
      type: c.type,
      label: words.corrections[c.type],
      labelLang: words.lang,
      labelDir: directionOf(words.lang),
      date: dateView(memo, c.date, a.lang, settings),
      text: c.text,
      id: seen > 1 ? `${base}-${seen}` : base,
    };
  });
  // One retraction is shown; should there be several, the first is when it was retracted.
  const retraction = views.find((v) => v.type === "retraction");
  return { notices: views.filter((v) => v.type !== "retraction"), retraction, latest: sorted.at(-1)!.c.date };
}

/** Every notice of every published article (retracted ones included: their pages remain), newest first. */
export function correctionItems(ctx: BuildContext, views: readonly ArticleView[]): CorrectionListItem[] {
  const items: { item: CorrectionListItem; order: number }[] = [];
  views.forEach((v, order) => {
    for (const n of [...(v.retraction ? [v.retraction] : []), ...v.corrections]) {
      items.push({
        order,
        item: { ...n, article: { label: v.title, href: v.href, absolute: v.absolute, lang: v.lang, dir: v.dir }, href: `${v.href}#${n.id}` },
      });
    }
  });
  // Newest notice first; on one instant, the newer article first (views are newest first), then the page's order.
  return items
    .sort((x, y) => (x.item.date.iso === y.item.date.iso ? x.order - y.order : Date.parse(y.item.date.iso) - Date.parse(x.item.date.iso)))
    .map((x) => x.item);
}

/** The pages of /corrections/, paginated by the site's page size like every list. */
export function correctionPages(ctx: BuildContext, items: readonly CorrectionListItem[]): ListPageView[] {
  const { urls, site } = ctx;
  const heading = "Corrections";
  const feed = { href: urls.href(paths.feed(paths.corrections)), title: `${heading} — ${site.title} (Atom)` };
  const breadcrumbs = [
    { label: "Home", href: urls.href(paths.home) },
    { label: heading, href: urls.href(paths.corrections), current: true },
  ];
  const intro = items.length ? `${plural(items.length, "notice")} of corrections, clarifications, updates and retractions, newest first` : "No article has been corrected.";
  return paginate(items, ctx.settings.pageSize, paths.corrections, urls).map((page) => {
    const n = page.pagination.number;
    // A numbered page shows no count and keeps its notices for ever (../pagination.ts).
    const title = n === undefined ? heading : `${heading}, page ${n}`;
    const crumbs = n === undefined ? breadcrumbs : [breadcrumbs[0]!, { label: heading, href: urls.href(paths.corrections) }, { label: `Page ${n}`, href: urls.href(page.path), current: true }];
    return {
      kind: "corrections",
      path: page.path,
      heading,
      intro: n === undefined ? intro : "Corrections, clarifications, updates and retractions, newest first",
      breadcrumbs: crumbs,
      articles: [],
      corrections: page.items,
      pagination: page.pagination,
      feed,
      meta: ctx.meta({
        title,
        path: page.path,
        description: `Every correction, clarification, update and retraction of ${site.title}, newest first.`,
        feeds: [{ ...feed, type: "application/atom+xml" }],
        jsonLd: [breadcrumbLd(crumbs, urls)],
      }),
    };
  });
}

/** /corrections/feed.xml: one entry per notice, newest first, each linking to its notice on the article page. */
export function correctionsFeed(ctx: BuildContext, items: readonly CorrectionListItem[]): FeedView {
  const { urls, site } = ctx;
  const notices = items.slice(0, SITE_FEED_SIZE);
  // Made from the notices and the site's name alone, like an article feed's from its articles,
  // by a function that keeps nothing else of the model alive until it is written (../feeds.ts).
  return feedView(
    urls,
    {
      base: paths.corrections,
      title: `Corrections — ${site.title}`,
      subtitle: `Every correction, clarification, update and retraction of ${site.title}`,
      updated: latest(notices.map((c) => new Date(c.date.iso))),
      shows: { articles: [], notices },
    },
    noticeEntries(notices, site.title, site.lang),
  );
}

/** The corrections feed's entries, one per notice. */
function noticeEntries(notices: readonly CorrectionListItem[], siteTitle: string, siteLang: string): () => FeedView["entries"] {
  return () => notices.map((c) => {
    const link = `${c.article.absolute}#${c.id}`;
    const when = new Date(c.date.iso);
    return {
      id: link,
      title: xmlSafe(`${c.label}: ${c.article.label}`),
      link,
      published: when,
      updated: when,
      summary: xmlSafe(c.text),
      content: xmlSafe(`<p>${escapeHtml(c.text)}</p><p><a href="${escapeHtml(c.article.absolute)}">${escapeHtml(c.article.label)}</a></p>`),
      // Atom needs an author on every entry: the notice is the site's own word.
      authors: [xmlSafe(siteTitle)],
      contributors: [],
      categories: [c.type],
      lang: c.article.lang ?? siteLang,
    };
  });
}
