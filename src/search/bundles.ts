// Published articles -> search bundles: runs of consecutive years packed into bundles of about
// `size` articles, from the oldest year, listed newest first. A year larger than a bundle is
// split into runs of whole months instead.
//   sizes per year 2025: 900, 2024: 800, 2023: 150, 2022: 100 with size 1000 -> [2025] [2024] [2023, 2022]
//   2024: 5,000 (about 420 a month) with size 2500 -> [2024-07-12] [2024-01-06]: as few runs as
//   the size allows, of about equal size
// Packing from the oldest year keeps every bundle but the newest as it was while the current
// year grows, so a day's build indexes one bundle again and takes the others from the last build.
// Pagefind's time and memory grow faster than the number of pages in one index (460 MB for
// 1,000 articles, 4.2 GB for 10,000), so a large archive is indexed one bundle at a time and the
// search page merges the bundles. A small site is one bundle, exactly as Pagefind lays it out.
// Bundles never overlap in time: the search page lists results newest first by asking one bundle
// at a time (each article carries its bundle's `key` as the filter `part`) and joining the answers.
// The newest month is a bundle of its own (key "2025-12") when the newest bundle would otherwise
// hold more than RECENT_FROM articles: a day's new article then indexes that month again, not
// thousands (see RECENT_FROM for what it costs readers).

export interface SearchBundle {
  /** Folder under the bundle root: "" for the first (newest) bundle, which the search page loads first. */
  dir: string;
  /** The bundle's name, its time span ("2024", "2022-2023", "2024-01-06"): the other bundles' folder. */
  key: string;
  /** Years it has articles of, newest first (a split year is in several bundles). */
  years: string[];
  /** Paths of the article pages it indexes, newest first. */
  articles: string[];
}

/**
 * A newest bundle larger than this gets the newest month split off as a bundle of its own (the
 * rolling bundle). Pagefind indexes about 500 articles in a second or two; a bundle of 2,500
 * takes 6 s or more. Readers pay for one bundle more: its metadata and one index chunk per
 * query word (measured in docs/scaling.md).
 */
export const RECENT_FROM = 500;

type Planned = { path: string; year: string; month: string };

/**
 * `articles` newest first; `month` is "01" to "12". The newest month is split off when the
 * newest bundle would hold more than `recentFrom` articles (the plan passes RECENT_FROM).
 */
export function planBundles(articles: readonly Planned[], size: number, recentFrom = Infinity): SearchBundle[] {
  const bundles = packBundles(articles, size);
  const newest = articles[0];
  if (!newest || bundles[0]!.articles.length <= recentFrom) return bundles;
  const inMonth = (a: Planned) => a.year === newest.year && a.month === newest.month;
  const rest = articles.filter((a) => !inMonth(a));
  if (!rest.length) return bundles;
  const key = `${newest.year}-${newest.month}`;
  const older = packBundles(rest, size);
  older[0]!.dir = older[0]!.key;
  return [{ dir: "", key, years: [newest.year], articles: articles.filter(inMonth).map((a) => a.path) }, ...older];
}

/** Whole years, or runs of months of a large year, packed from the oldest; newest first. */
function packBundles(articles: readonly Planned[], size: number): SearchBundle[] {
  const byMonth = new Map<string, string[]>(); // "2024-07" -> paths, newest first
  for (const a of articles) {
    const month = `${a.year}-${a.month}`;
    const list = byMonth.get(month) ?? [];
    list.push(a.path);
    byMonth.set(month, list);
  }
  const months = [...byMonth.keys()].sort();
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  const countOf = (ms: readonly string[]) => ms.reduce((n, m) => n + byMonth.get(m)!.length, 0);

  // Oldest first: whole years packed together, or a large year's runs of months on their own.
  const packed: { months: string[]; split: boolean }[] = [];
  let open: { months: string[]; split: boolean } | undefined;
  for (const year of years) {
    const inYear = months.filter((m) => m.startsWith(year));
    const count = countOf(inYear);
    if (count > size && inYear.length > 1) {
      // As few runs as the size allows, of about equal size: a run ends at the month boundary
      // nearest to its share of the year.
      open = undefined;
      const runs = Math.ceil(count / size);
      let run: string[] = [];
      let done = 0; // articles of the year in closed runs and this one
      let closed = 0;
      for (const m of inYear) {
        const n = byMonth.get(m)!.length;
        const goal = ((closed + 1) * count) / runs;
        if (run.length && done + n - goal > goal - done) {
          packed.push({ months: run, split: true });
          run = [];
          closed++;
        }
        run.push(m);
        done += n;
      }
      packed.push({ months: run, split: true });
      continue;
    }
    if (!open || (countOf(open.months) > 0 && countOf(open.months) + count > size)) packed.push((open = { months: [], split: false }));
    open.months.push(...inYear);
  }

  const bundles: SearchBundle[] = packed.reverse().map(({ months: ms, split }) => {
    const newestFirst = [...ms].reverse();
    const spanYears = [...new Set(newestFirst.map((m) => m.slice(0, 4)))];
    const [first, last] = [ms[0]!, ms[ms.length - 1]!];
    const key = split
      ? `${first.slice(0, 4)}-${first.slice(5)}${first === last ? "" : `-${last.slice(5)}`}`
      : spanYears.length === 1 ? spanYears[0]! : `${spanYears[spanYears.length - 1]}-${spanYears[0]}`;
    return { dir: key, key, years: spanYears, articles: newestFirst.flatMap((m) => byMonth.get(m)!) };
  });
  if (!bundles.length) return [{ dir: "", key: "all", years: [], articles: [] }];
  bundles[0]!.dir = "";
  return bundles;
}

/**
 * How many Pagefind processes index the bundles (setting `search.processes`). One process does
 * one thing at a time, so while it writes a bundle the next bundle's pages wait; with two, one
 * writes while the other takes pages: at 10,000 articles 18 % faster for 35 % more memory. "auto"
 * means two, unless some bundle is half again as large as `bundleSize` (a month larger than a
 * bundle; runs of months may pass the size by a little): two such bundles at once would double
 * the largest memory, which is what `bundleSize` is there to bound. Nor in a large archive
 * (LARGE_ARCHIVE articles or more), where Node's own share grows with the archive: at 50,000
 * articles Node and two Pagefind processes peaked at 4.1–4.4 GB, over the 4 GB a build may take.
 */
export function indexProcesses(setting: number | "auto", bundles: readonly SearchBundle[], size: number): number {
  if (setting !== "auto") return setting;
  const articles = bundles.reduce((n, b) => n + b.articles.length, 0);
  return articles >= LARGE_ARCHIVE || bundles.some((b) => b.articles.length > 1.5 * size) ? 1 : 2;
}

/** From this many articles, one Pagefind process (about where the build's heap is limited: src/cli/build.ts). */
export const LARGE_ARCHIVE = 14_000;
