// Content -> ArchiveModel: the one model every page, feed and search record is made from.
// Pure: the same content, mode and clock give the same model.
import type { DateTime } from "luxon";
import type { Article, Content, Page } from "../content/load.ts";
import { humanDate, isoDateTime, monthOf, yearOf } from "../content/dates.ts";
import { keywordIdentity } from "../content/keywords.ts";
import { plural, type Problem } from "../content/problems.ts";
import { directionOf, type BuildMode, type SiteSettings } from "../site.ts";
import { keywordRegistry, type Keyword } from "./keywords.ts";
import { groupByLetter } from "./letters.ts";
import type { ArchiveModel, ArticleView, DateView, KeywordView, PageMeta, StaticPageView } from "./views.ts";

/** Top-level paths Gazette owns; a page slug may not take one. */
export const RESERVED_SLUGS = new Set(["keywords", "search", "page", "pagefind", "sources", "translators", "archive", "feed", "404"]);

const WORDS_PER_MINUTE = 230;
const DESCRIPTION_LENGTH = 160;

export function buildArchive(
  content: Content & { settings: SiteSettings },
  mode: BuildMode,
  now: DateTime,
): { model: ArchiveModel; problems: Problem[] } {
  const { settings } = content;
  const problems: Problem[] = [];
  const published = content.articles
    .filter((a) => (mode.drafts || !a.draft) && (mode.future || a.date <= now))
    // Newest first; the file path breaks ties so order never depends on the file system.
    .sort((a, b) => b.date.toMillis() - a.date.toMillis() || (a.file < b.file ? -1 : 1));

  const registry = keywordRegistry(published);
  problems.push(...registry.problems);
  const keywordOf = (raw: string) => registry.keywords.get(keywordIdentity(raw));

  const site = {
    title: settings.title,
    tagline: settings.tagline,
    url: settings.url.replace(/\/$/, ""),
    lang: settings.language,
    dir: directionOf(settings.language),
    navigation: settings.navigation,
    preview: mode.drafts,
  };
  const meta = (title: string, url: string, description: string, lang = site.lang): PageMeta => ({
    title: title === site.title ? title : `${title} — ${site.title}`,
    description: truncate(description, DESCRIPTION_LENGTH),
    canonical: `${site.url}${url}`,
    lang,
    dir: directionOf(lang),
  });

  const views = published.map((a) => articleView(a, settings, keywordOf, now, meta));
  linkNeighbours(views);
  problems.push(...collisions(views.map((v) => [v.url, v.file])));

  const byIdentity = new Map(published.map((a, i) => [a, views[i]!]));
  const keywords: KeywordView[] = [...registry.keywords.values()].map((k) => keywordView(k, byIdentity, meta));
  const groups = groupByLetter(keywords, (k) => k.name, site.lang).map((g) => ({
    letter: g.letter,
    id: g.id,
    keywords: g.items.map((k) => ({ label: k.name, url: k.url, count: k.count, countLabel: k.countLabel })),
  }));

  const pages = content.pages.map((p) => pageView(p, meta));
  for (const p of content.pages) {
    if (RESERVED_SLUGS.has(p.slug) || /^\d{4}$/.test(p.slug)) {
      problems.push({ file: p.file, field: "slug", message: `"${p.slug}" is a path Gazette uses itself; choose another slug`, severity: "error" });
    }
  }
  problems.push(...collisions(pages.map((p, i) => [p.url, content.pages[i]!.file])));

  return {
    problems,
    model: {
      site,
      articles: views,
      home: {
        articles: views.slice(0, settings.pageSize),
        total: views.length,
        totalLabel: plural(views.length, "article"),
        meta: meta(site.title, "/", site.tagline || site.title),
      },
      keywords,
      keywordIndex: {
        groups,
        total: keywords.length,
        meta: meta("Keywords", "/keywords/", `Every keyword in ${site.title}, with the number of articles on each.`),
      },
      pages,
      search: { meta: meta("Search", "/search/", `Search every article in ${site.title}.`) },
      notFound: { meta: meta("Page not found", "/404.html", "This page does not exist.") },
    },
  };
}

type MetaFn = (title: string, url: string, description: string, lang?: string) => PageMeta;

function articleView(
  a: Article,
  settings: SiteSettings,
  keywordOf: (raw: string) => Keyword | undefined,
  now: DateTime,
  meta: MetaFn,
): ArticleView {
  const url = `/${yearOf(a.date)}/${monthOf(a.date)}/${a.slug}/`;
  return {
    url,
    file: a.file,
    title: a.title,
    subtitle: a.subtitle,
    lang: a.lang,
    dir: a.dir,
    date: dateView(a.date, a.lang, settings.language),
    updated: a.updated ? dateView(a.updated, a.lang, settings.language) : undefined,
    source: { name: a.source, url: a.source_url },
    originalTitle: a.original_title,
    originalLanguage: a.original_language,
    originalLanguageName: a.original_language ? languageName(a.original_language, a.lang) : undefined,
    author: a.author,
    translator: a.translator,
    disclaimer: disclaimerText(a, settings),
    keywords: a.keywords.flatMap((raw) => {
      const k = keywordOf(raw);
      return k ? [{ label: k.name, url: k.url }] : [];
    }),
    summary: a.summary,
    html: a.html,
    readingMinutes: Math.max(1, Math.round(a.words / WORDS_PER_MINUTE)),
    image: a.image ? { src: a.image, alt: a.image_alt ?? "", credit: a.image_credit } : undefined,
    draft: a.draft,
    scheduled: a.date > now,
    meta: meta(a.title, url, a.summary || a.subtitle || a.title, a.lang),
  };
}

function dateView(date: DateTime, lang: string, siteLang: string): DateView {
  return {
    iso: isoDateTime(date),
    display: humanDate(date, lang),
    listDisplay: humanDate(date, siteLang),
    year: yearOf(date),
    month: monthOf(date),
  };
}

function disclaimerText(a: Article, settings: SiteSettings): ArticleView["disclaimer"] {
  if (a.disclaimer === false) return undefined;
  const custom = a.disclaimer !== true;
  const text = (custom ? (a.disclaimer as string) : settings.disclaimer).replaceAll("{translator}", a.translator);
  const lang = custom ? a.lang : settings.language;
  return { text, lang, dir: directionOf(lang) };
}

/** Views are newest first: the newer neighbour comes before, the older after. */
function linkNeighbours(views: ArticleView[]): void {
  views.forEach((v, i) => {
    const newer = views[i - 1];
    const older = views[i + 1];
    if (newer) v.newer = { label: newer.title, url: newer.url };
    if (older) v.older = { label: older.title, url: older.url };
  });
}

function keywordView(k: Keyword, views: Map<Article, ArticleView>, meta: MetaFn): KeywordView {
  const articles = k.articles.map((a) => views.get(a)!);
  const countLabel = plural(articles.length, "article");
  return {
    name: k.name,
    slug: k.slug,
    url: k.url,
    count: articles.length,
    countLabel,
    articles,
    meta: meta(k.name, k.url, `${countLabel} on ${k.name}.`),
  };
}

function pageView(p: Page, meta: MetaFn): StaticPageView {
  const url = `/${p.slug}/`;
  return {
    url,
    title: p.title,
    description: p.description,
    html: p.html,
    lang: p.lang,
    dir: p.dir,
    meta: meta(p.title, url, p.description ?? p.title, p.lang),
  };
}

/** Two sources that would write the same URL are an error naming both files. */
function collisions(entries: readonly (readonly [string, string])[]): Problem[] {
  const owner = new Map<string, string>();
  const problems: Problem[] = [];
  for (const [url, file] of entries) {
    const first = owner.get(url);
    if (first) {
      problems.push({ file, field: "slug", message: `would be published at ${url}, the same URL as ${first}; give one of them another slug`, severity: "error" });
    } else {
      owner.set(url, file);
    }
  }
  return problems;
}

function languageName(code: string, inLang: string): string {
  try {
    return new Intl.DisplayNames([inLang, "en"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2))}…`;
}
