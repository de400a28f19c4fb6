// Preview rebuilds: after an edit, render only the pages whose content changed.
//   model -> the same model with its paginated collections (articles, lists, feeds, redirects,
//   indexes, pages) cut down to the items that differ from the last build; files of pages that
//   no longer exist are removed. Eleventy then writes just those pages; the rest stay on disk.
// A change to a template, the stylesheet or anything but content renders everything, and so does
// a change to what every page shows (site settings, the error overlay).
// The common edit, an article's text or title, has a quicker way: when only article files changed
// and no article's place in the archive did (its URL, dates, keywords, source, translator,
// aliases, badge), every other view is as it was, and the pages to render are the edited articles
// and the pages that show them. Anything else goes through the comparison of every view.
import { rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { articleOf } from "../archive/model.ts";
import type { Article } from "../content/load.ts";
import type { ArchiveModel, ArticleView } from "../archive/views.ts";
import { writeSearchIndex, type BundleTarget } from "../search/pagefind.ts";
import { outputFile } from "./stream.ts";

type Paged = "articles" | "lists" | "feeds" | "redirects" | "directories" | "pages";
const PAGED: readonly Paged[] = ["articles", "lists", "feeds", "redirects", "directories", "pages"];

/** What an article contributes to other pages (lists, related, neighbours): enough to notice a change. */
function card(a: ArticleView): unknown {
  return [a.href, a.title, a.summary, a.date.iso, a.updated?.iso, a.source.name, a.keywords, a.badge, a.lang, a.translator.label, a.image?.src];
}

const isArticle = (value: unknown): value is ArticleView => !!value && typeof value === "object" && "html" in value && "related" in value;

/**
 * Where an article stands in the archive: everything about it that pages other than its own and
 * those listing it depend on (order, lists, keyword pages and their related keywords, redirects,
 * sitemap, search bundles). Equal for every article, in the same order: only cards and pages changed.
 */
function place(v: ArticleView): string {
  const a = articleOf(v);
  return JSON.stringify([v.path, v.date.iso, v.updated?.iso, v.badge, v.keywords, v.source.name, v.source.href, v.translator, a?.keywords, a?.source, a?.translator, a?.aliases]);
}

/** On the quick way: whether a page shows one of the edited articles. */
function showsEdited(name: Paged, edited: ReadonlySet<ArticleView>): ((item: object) => boolean) | undefined {
  const hrefs = new Set([...edited].map((v) => v.href));
  const urls = new Set([...edited].map((v) => v.absolute));
  switch (name) {
    case "articles":
      return (item) => {
        const v = item as ArticleView;
        return edited.has(v) || v.related.some((r) => edited.has(r)) || hrefs.has(v.newer?.href ?? "") || hrefs.has(v.older?.href ?? "");
      };
    case "lists":
      return (item) => (item as ArchiveModel["lists"][number]).articles.some((a) => edited.has(a));
    case "feeds":
      return (item) => (item as ArchiveModel["feeds"][number]).entries.some((e) => urls.has(e.id));
    default:
      return undefined; // few and cheap: compared as always
  }
}

/** Texts longer than this (article bodies, feed contents) are compared as they are, not serialised. */
const LONG_TEXT = 512;

/**
 * What a page shows: a string that changes whenever it changes, plus its long texts, compared
 * apart (serialising 10,000 bodies through a JSON replacer took 2 of the 3.5 s of a preview
 * rebuild at 10,000 articles). Other articles count by their card. Three levels deep reach every
 * nested article and long text in the view models: a list's articles, a feed's entries' contents.
 */
function fingerprint(item: object, cardOf: (a: ArticleView) => string): { print: string; texts: string[] } {
  const texts: string[] = [];
  const project = (value: unknown, depth: number): unknown => {
    if (typeof value === "string" && value.length > LONG_TEXT) return texts.push(value) && "#";
    if (value !== item && isArticle(value)) return cardOf(value);
    if (depth === 0 || !value || typeof value !== "object" || value instanceof Date) return value;
    // Copied only where something inside was replaced: most of a view is serialised as it is.
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      value.forEach((v, i) => {
        const p = project(v, depth - 1);
        if (p !== v) (out ??= value.slice())[i] = p;
      });
      return out ?? value;
    }
    let out: Record<string, unknown> | undefined;
    for (const k in value) {
      const v = (value as Record<string, unknown>)[k];
      const p = project(v, depth - 1);
      if (p !== v) (out ??= { ...value })[k] = p;
    }
    return out ?? value;
  };
  return { print: JSON.stringify(project(item, 3)), texts };
}

/**
 * `compared` remembers, for a text already compared, the old text it equalled: a feed entry's
 * content is in several feeds, and the shortcut holds only against that same old text.
 */
function samePrint(a: { print: string; texts: string[] } | undefined, b: { print: string; texts: string[] }, compared: Map<string, string>): boolean {
  if (!a || a.print !== b.print || a.texts.length !== b.texts.length) return false;
  return b.texts.every((t, i) => {
    const old = a.texts[i]!;
    if (compared.get(t) === old) return true;
    const same = t === old;
    if (same) compared.set(t, old);
    return same;
  });
}

export class PreviewRebuilds {
  // page path -> fingerprint last rendered; undefined for a page rendered the quick way, which the
  // next comparison renders again
  #printed = new Map<string, { print: string; texts: string[] } | undefined>();
  #global = "";
  #renderAll = true;
  #onlyArticles = false; // every file changed since the last build is an article
  #places = "";
  #parsed = new Map<string, Article | undefined>(); // page path -> the article it was made from
  /** Article pages as last rendered, for the search index (the preview only renders changes). */
  readonly articleHtml = new Map<string, string>();
  #indexing: Promise<void> = Promise.resolve();
  #indexAgain = false;
  #latest: { language: string; bundles: readonly BundleTarget[] } | undefined;

  constructor(private readonly outputDir: string) {}

  /** Eleventy's list of changed files, before a rebuild. */
  changed(files: readonly string[], contentDirs: readonly string[], articlesDir: string): void {
    const under = (dir: string, file: string) => !relative(dir, file).startsWith("..");
    const absolute = files.map((f) => (f.startsWith(".") ? join(process.cwd(), f) : f));
    if (absolute.some((f) => !contentDirs.some((dir) => under(dir, f)))) this.#renderAll = true;
    this.#onlyArticles = absolute.length > 0 && absolute.every((f) => under(articlesDir, f) && f.endsWith(".md"));
  }

  async select(model: ArchiveModel): Promise<ArchiveModel> {
    const global = JSON.stringify({ site: model.site, problems: model.problems });
    const all = this.#renderAll || global !== this.#global;
    const places = model.articles.map(place).join("\n");
    const quick = !all && this.#onlyArticles && places === this.#places;
    this.#renderAll = false;
    this.#onlyArticles = false;
    this.#global = global;
    this.#places = places;
    const edited = new Set(model.articles.filter((v) => articleOf(v) !== this.#parsed.get(v.path)));
    this.#parsed = new Map(model.articles.map((v) => [v.path, articleOf(v)]));
    const seen = new Set<string>();
    const cut: Partial<Record<Paged, unknown[]>> = {};
    const compared = new Map<string, string>();
    const cards = new Map<ArticleView, string>();
    const cardOf = (a: ArticleView) => {
      let c = cards.get(a);
      if (c === undefined) cards.set(a, (c = JSON.stringify(card(a))));
      return c;
    };
    for (const name of PAGED) {
      const items = model[name] as { path: string }[];
      const shows = quick ? showsEdited(name, edited) : undefined;
      cut[name] = items.filter((item) => {
        seen.add(item.path);
        if (shows) {
          if (!shows(item)) return false;
          this.#printed.set(item.path, undefined);
          return true;
        }
        const print = fingerprint(item, cardOf);
        const same = samePrint(this.#printed.get(item.path), print, compared);
        this.#printed.set(item.path, print);
        return all || !same;
      });
    }
    // Pages that existed last time and not now: remove their files, so the preview serves a 404.
    const gone = [...this.#printed.keys()].filter((path) => !seen.has(path));
    for (const path of gone) {
      this.#printed.delete(path);
      this.articleHtml.delete(path);
      await rm(outputFile(this.outputDir, path), { force: true });
    }
    return { ...model, ...cut } as ArchiveModel;
  }

  /** Rebuilds the search index from every article page, after the pages are served, one at a time. */
  reindex(outputDir: string, language: string, bundles: readonly BundleTarget[]): void {
    // A queued run reads the newest bundles and pages when it starts, not those of the build that queued it.
    this.#latest = { language, bundles };
    if (this.#indexAgain) return; // one is already queued; it will see these pages too
    this.#indexAgain = true;
    this.#indexing = this.#indexing.then(async () => {
      this.#indexAgain = false;
      const { language, bundles } = this.#latest!;
      const current = new Set(bundles.flatMap((b) => b.articles));
      const pages = [...this.articleHtml].filter(([url]) => current.has(url)).map(([url, html]) => ({ url, html }));
      try {
        await writeSearchIndex(pages, join(outputDir, "pagefind"), language, bundles);
      } catch (e) {
        console.error((e as Error).message);
      }
    });
  }
}
