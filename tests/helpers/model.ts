// Builds the archive model in memory from Markdown texts: the pure path, no Eleventy, no disk.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildArchive } from "../../src/archive/model.ts";
import { parseDate } from "../../src/content/dates.ts";
import { keywordIdentity } from "../../src/content/keywords.ts";
import type { ArchiveModel, ArticleView, FeedView, ListPageView } from "../../src/archive/views.ts";
import { parseArticle, type Article, type Content } from "../../src/content/load.ts";
import { siteSchema, type BuildMode } from "../../src/site.ts";
import { articleFile, type ArticleFileFields } from "./articles.ts";
import { ROOT } from "./site.ts";

export const settings = siteSchema.parse(JSON.parse(readFileSync(join(ROOT, "tests/fixtures/content/site.json"), "utf8")));

export interface ModelOptions {
  pageSize?: number;
  aliases?: Record<string, string>;
  mode?: Partial<BuildMode>;
  now?: string;
}

export function modelFrom(files: Record<string, string>, options: ModelOptions = {}) {
  const s = { ...settings, pageSize: options.pageSize ?? settings.pageSize };
  const articles = Object.entries(files).map(([file, text]) => {
    const { article, problems } = parseArticle(file, text, s);
    if (!article) throw new Error(problems.map((p) => p.message).join("\n"));
    return article;
  });
  const content: Content & { settings: typeof s } = {
    settings: s,
    articles,
    pages: [],
    keywordAliases: new Map(Object.entries(options.aliases ?? {}).map(([a, t]) => [keywordIdentity(a), t])),
    sources: new Map(),
    problems: [],
  };
  const mode = { drafts: false, future: false, pathPrefix: "/", ...options.mode };
  return buildArchive(content, mode, parseDate(options.now ?? "2026-01-01", s.timeZone)!);
}

/** A real Article parsed from an article file with these fields (see articles.ts), for unit tests. */
export function articleFrom(file: string, fields: ArticleFileFields = {}): Article {
  const { article, problems } = parseArticle(file, articleFile(fields), settings);
  if (!article) throw new Error(problems.map((p) => p.message).join("\n"));
  return article;
}

// Typed fakes: a real model of two articles, with the parts a test cares about replaced. Every
// field keeps its type, so a fake cannot drift from the views when they change.
let base: ArchiveModel | undefined;
function baseModel(): ArchiveModel {
  return (base ??= modelFrom({ "a.md": articleFile({ title: "Base one", keywords: ["Base"] }), "b.md": articleFile({ title: "Base two", date: "2024-07-10" }) }).model);
}

/** An archive model with no pages but those given. */
export function fakeModel(parts: Partial<ArchiveModel> = {}): ArchiveModel {
  return { ...baseModel(), articles: [], lists: [], feeds: [], redirects: [], directories: [], pages: [], sitemaps: [], ...parts };
}

/** An article view at `path` (href the same, absolute under example.org), its other fields a real view's. */
export function fakeArticleView(path: string, overrides: Partial<ArticleView> = {}): ArticleView {
  return { ...baseModel().articles[0]!, path, href: path, absolute: `https://example.org${path}`, title: path, related: [], ...overrides };
}

export function fakeListPage(path: string, articles: ArticleView[], overrides: Partial<ListPageView> = {}): ListPageView {
  return { ...baseModel().lists[0]!, path, heading: path, articles, ...overrides };
}

/** A feed whose entries are the given articles, identified by their absolute URLs. */
export function fakeFeed(path: string, articles: ArticleView[], overrides: Partial<FeedView> = {}): FeedView {
  const entry = baseModel().feeds[0]!.entries[0]!;
  return { ...baseModel().feeds[0]!, path, articles, entries: articles.map((a) => ({ ...entry, id: a.absolute, content: "…" })), ...overrides };
}
