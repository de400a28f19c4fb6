// Published articles -> search bundles: runs of consecutive years packed into bundles of about
// `size` articles, from the oldest year, listed newest first.
//   sizes per year 2025: 900, 2024: 800, 2023: 150, 2022: 100 with size 1000 -> [2025] [2024] [2023, 2022]
// Packing from the oldest year keeps every bundle but the newest as it was while the current
// year grows, so a day's build indexes one bundle again and takes the others from the last build.
// Pagefind's time and memory grow faster than the number of pages in one index (460 MB for
// 1,000 articles, 4.2 GB for 10,000), so a large archive is indexed one bundle at a time and the
// search page merges the bundles. A small site is one bundle, exactly as Pagefind lays it out.
// A year is never split between bundles: the search page lists results newest first by asking
// each bundle in turn for its years, which only works when years do not straddle bundles.

export interface SearchBundle {
  /** Folder under the bundle root: "" for the first (newest) bundle, which the search page loads first. */
  dir: string;
  /** Years in the bundle, newest first. */
  years: string[];
  /** Paths of the article pages it indexes. */
  articles: string[];
}

/** `articles` newest first. */
export function planBundles(articles: readonly { path: string; year: string }[], size: number): SearchBundle[] {
  const byYear = new Map<string, string[]>();
  for (const a of articles) {
    const list = byYear.get(a.year) ?? [];
    list.push(a.path);
    byYear.set(a.year, list);
  }
  const oldestFirst: { years: string[]; size: number }[] = [];
  let current: { years: string[]; size: number } | undefined;
  for (const year of [...byYear.keys()].sort()) {
    const count = byYear.get(year)!.length;
    if (!current || (current.size > 0 && current.size + count > size)) oldestFirst.push((current = { years: [], size: 0 }));
    current.years.unshift(year);
    current.size += count;
  }
  const bundles: SearchBundle[] = oldestFirst.reverse().map(({ years }) => ({ dir: "", years, articles: years.flatMap((y) => byYear.get(y)!) }));
  for (const b of bundles.slice(1)) {
    const newest = b.years[0]!;
    const oldest = b.years[b.years.length - 1]!;
    b.dir = newest === oldest ? newest : `${oldest}-${newest}`;
  }
  return bundles.length ? bundles : [{ dir: "", years: [], articles: [] }];
}

/**
 * How many Pagefind processes index the bundles (setting `search.processes`). One process does
 * one thing at a time, so while it writes a bundle the next bundle's pages wait; with two, one
 * writes while the other takes pages: at 10,000 articles 18 % faster for 35 % more memory. "auto"
 * means two, unless some year holds more articles than a bundle should: two such bundles at
 * once would double the largest memory, which is what `bundleSize` is there to bound.
 */
export function indexProcesses(setting: number | "auto", bundles: readonly SearchBundle[], size: number): number {
  if (setting !== "auto") return setting;
  return bundles.some((b) => b.articles.length > size) ? 1 : 2;
}
