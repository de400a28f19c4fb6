// The archive model -> the search index's plan: its bundles (src/search/bundles.ts), how many
// Pagefind processes index them, the bundle list the search page reads, and each article's record.
//   model with 5,000 articles of 2024 and `search: { bundleSize: 2500 }` ->
//   { bundles: [{ dir: "", key: "2024-07-12", href: "/pagefind/", … }, { dir: "2024-01-06", … }],
//     processes: 2, bundleList: '[{"href":"/pagefind/","key":"2024-07-12","years":["2024"]}, …]' }
// The model knows nothing of bundles: they are the search index's business.
import type { ArchiveModel, ArticleView } from "../archive/views.ts";
import { indexProcesses, planBundles, RECENT_FROM, type SearchBundle } from "./bundles.ts";
import { searchRecord, type SearchRecord } from "./records.ts";

export interface PlannedBundle extends SearchBundle {
  /** Where the search page loads it from, under the path prefix. */
  href: string;
}

export interface SearchPlan {
  language: string;
  /** Newest first; the first is at the bundle root. */
  bundles: readonly PlannedBundle[];
  /** Pagefind processes that index the bundles in turn. */
  processes: number;
  /** The bundles' addresses, keys and years as JSON, for the search page's script (data-bundles). */
  bundleList: string;
  /** True when the article page at `path` is in the index: every published article but a retracted one. */
  indexes(path: string): boolean;
  /** The search record of a published article's page, by its path. */
  recordOf(path: string): SearchRecord;
  /** The key of the bundle an indexed article's record goes to. */
  partOf(path: string): string;
  /** Every article's record, bundle by bundle (the order the writer completes bundles in). */
  records(): Generator<SearchRecord>;
}

export function planSearchIndex(model: ArchiveModel): SearchPlan {
  const { bundleSize, processes } = model.search.settings;
  // A retracted article keeps its page, but search no longer finds it.
  const indexed = model.articles.filter((a) => !a.retraction);
  const bundles = planBundles(
    indexed.map((a) => ({ path: a.path, year: a.date.year, month: a.date.month })),
    bundleSize,
    RECENT_FROM,
  ).map((b) => ({ ...b, href: `${model.site.links.pagefind}${b.dir ? `${b.dir}/` : ""}` }));
  const viewOf = new Map<string, ArticleView>(indexed.map((a) => [a.path, a]));
  const keyOf = new Map(bundles.flatMap((b) => b.articles.map((path) => [path, b.key] as const)));
  const recordOf = (path: string) => {
    const [view, key] = [viewOf.get(path), keyOf.get(path)];
    if (!view || key === undefined) throw new Error(`Gazette: ${path} is not a published article, so it has no search record`);
    return searchRecord(view, key);
  };
  return {
    language: model.site.lang,
    bundles,
    processes: indexProcesses(processes, bundles, bundleSize),
    bundleList: JSON.stringify(bundles.map((b) => ({ href: b.href, key: b.key, years: b.years }))),
    indexes: (path) => keyOf.has(path),
    recordOf,
    partOf: (path) => keyOf.get(path) ?? "",
    *records() {
      for (const b of bundles) for (const path of b.articles) yield recordOf(path);
    },
  };
}
