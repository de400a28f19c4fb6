// Preview rebuilds: after an edit, render only the pages whose content changed.
//   model -> the same model with its paginated collections (articles, lists, feeds, redirects,
//   indexes, pages) cut down to the items that differ from the last build; files of pages that
//   no longer exist are removed. Eleventy then writes just those pages; the rest stay on disk.
// Each page is compared with the last build's by a print of its view, in which other articles
// count by URL and bodies count apart: a page is rendered again when its print changed, when an
// article it shows changed (as lists show it: everything but its body and links), or when a body
// it carries changed. What is made from views alone is left out of the prints (page metadata,
// feed entries), so the prints are small: finding the pages for one edit at 10,000 articles
// takes about 0.3 s. Anything else renders everything: a change to a file other than Markdown
// content (settings, data files, templates, the stylesheet), to what every page shows (site
// settings, the error overlay), or a build that failed before writing its pages.
import { rm } from "node:fs/promises";
import { join, relative } from "node:path";
import type { ArchiveModel, ArticleView } from "../archive/views.ts";
import { ContentStore } from "../content/store.ts";
import { createArchiveMemo } from "../archive/memo.ts";
import { fieldsExcept } from "../archive/lazy.ts";
import { writeSearchIndex, type SearchPlan } from "../search/pagefind.ts";
import { outputFile } from "./stream.ts";

type Paged = "articles" | "lists" | "feeds" | "redirects" | "directories" | "pages";
const PAGED: readonly Paged[] = ["articles", "lists", "feeds", "redirects", "directories", "pages"];

/** An article as other pages show it: everything but its body and its links to other articles. */
const NOT_SHOWN = new Set(["html", "related", "newer", "older", "meta"]);
const shown = (v: ArticleView) => JSON.stringify(fieldsExcept(v, NOT_SHOWN));

/** A page's print, and the articles (by absolute URL) it shows and whose bodies it carries. */
interface Print {
  print: string;
  shows?: readonly string[];
  carries?: readonly string[];
}

function printOf(name: Paged, item: object, shownOf: (v: ArticleView) => string): Print {
  switch (name) {
    case "articles": {
      // Its metadata is made from the view and the site.
      const v = item as ArticleView;
      return { print: `${shownOf(v)}\n${JSON.stringify([v.newer, v.older, v.related.map((r) => r.path)])}`, shows: v.related.map((r) => r.absolute), carries: [v.absolute] };
    }
    case "lists": {
      const list = item as ArchiveModel["lists"][number];
      // The front page's stories are the list's own articles, in another arrangement.
      const paths = (views: readonly ArticleView[]) => views.map((a) => a.path);
      const front = list.front && { ...list.front, lead: list.front.lead.path, secondary: paths(list.front.secondary), latest: paths(list.front.latest) };
      return { print: JSON.stringify({ ...list, articles: paths(list.articles), front, meta: undefined }), shows: list.articles.map((a) => a.absolute) };
    }
    case "feeds": {
      // An entry is made from its article's view alone.
      const feed = item as ArchiveModel["feeds"][number];
      const urls = feed.entries.map((e) => e.id);
      // Its articles by their entries' URLs: a view holds its related views (a cycle).
      return { print: JSON.stringify({ ...feed, articles: undefined, entries: urls }), shows: urls, carries: urls };
    }
    default:
      return { print: JSON.stringify(item) }; // few and small: the whole view
  }
}

export class PreviewRebuilds {
  /** Every content file's last parse, kept for the preview's life: a rebuild re-reads only what changed. */
  readonly store = new ContentStore();
  /** What the model reuses between rebuilds: each day's date formatting, the related ranking. */
  readonly memo = createArchiveMemo();
  /** The last model built without errors, shown (with the overlay) when nothing else can be built. */
  lastGood: ArchiveModel | undefined;
  #printed = new Map<string, string>(); // page path -> print last rendered
  #shown = new Map<string, string>(); // article URL -> `shown` last rendered
  #bodies = new Map<string, string>(); // article URL -> body HTML last rendered
  #global = "";
  #renderAll = true;
  #unwritten = false; // the last selection's pages were not all written (the build failed)
  #indexing: Promise<void> = Promise.resolve();
  #indexAgain = false;
  #latest: SearchPlan | undefined;

  constructor(private readonly outputDir: string) {}

  /** Eleventy's list of changed files, before a rebuild: anything but Markdown content renders everything. */
  changed(files: readonly string[], contentDirs: readonly string[]): void {
    const isMarkdown = (file: string) => file.endsWith(".md") && contentDirs.some((dir) => !relative(dir, file).startsWith(".."));
    if (files.some((f) => !isMarkdown(f.startsWith(".") ? join(process.cwd(), f) : f))) this.#renderAll = true;
  }

  async select(model: ArchiveModel): Promise<ArchiveModel> {
    const global = JSON.stringify({ site: model.site, problems: model.problems });
    // After a failed build the prints describe pages that were never written: render everything.
    const all = this.#renderAll || this.#unwritten || global !== this.#global;
    this.#renderAll = false;
    this.#unwritten = true;
    this.#global = global;

    // Articles that changed as other pages show them, and bodies that changed, by absolute URL.
    const shownNow = new Map<ArticleView, string>();
    const changedShown = new Set<string>();
    const changedBodies = new Set<string>();
    const [lastShown, lastBodies] = [this.#shown, this.#bodies];
    [this.#shown, this.#bodies] = [new Map(), new Map()];
    for (const v of model.articles) {
      const s = shown(v);
      shownNow.set(v, s);
      this.#shown.set(v.absolute, s);
      this.#bodies.set(v.absolute, v.html);
      if (lastShown.get(v.absolute) !== s) changedShown.add(v.absolute);
      if (lastBodies.get(v.absolute) !== v.html) changedBodies.add(v.absolute);
    }

    const seen = new Set<string>();
    const cut: Partial<Record<Paged, unknown[]>> = {};
    for (const name of PAGED) {
      const items = model[name] as { path: string }[];
      cut[name] = items.filter((item) => {
        seen.add(item.path);
        const { print, shows, carries } = printOf(name, item, (v) => shownNow.get(v)!);
        const same = this.#printed.get(item.path) === print && !shows?.some((u) => changedShown.has(u)) && !carries?.some((u) => changedBodies.has(u));
        this.#printed.set(item.path, print);
        return all || !same;
      });
    }
    // Pages that existed last time and not now: remove their files, so the preview serves a 404.
    const gone = [...this.#printed.keys()].filter((path) => !seen.has(path));
    for (const path of gone) {
      this.#printed.delete(path);
      await rm(outputFile(this.outputDir, path), { force: true });
    }
    return { ...model, ...cut } as ArchiveModel;
  }

  /** Every page of the last selection is written. */
  written(): void {
    this.#unwritten = false;
  }

  /** Rebuilds the search index from every article's record, after the pages are served, one run at a time. */
  reindex(outputDir: string, plan: SearchPlan): void {
    // A queued run indexes the newest plan when it starts, not that of the build that queued it.
    this.#latest = plan;
    if (this.#indexAgain) return; // one is already queued; it will index this plan
    this.#indexAgain = true;
    this.#indexing = this.#indexing.then(async () => {
      this.#indexAgain = false;
      const latest = this.#latest!;
      try {
        await writeSearchIndex(latest.records(), join(outputDir, "pagefind"), latest);
      } catch (e) {
        console.error((e as Error).message);
      }
    });
  }
}
