// items (newest first) -> a list's landing page and its numbered pages, counted from the oldest,
// each with navigation ready to render.
//   45 items, size 10, base /keywords/x/ ->
//     /keywords/x/          the landing: the newest 15 (the newest partial page and the full page before it)
//     /keywords/x/page/3/   items 21–30 from the oldest     /page/2/: 11–20     /page/1/: 1–10
// Why from the oldest: a numbered page holds the same articles for ever (an article added is on
// the landing; the numbered pages before it stay as they are), so its URL is a citable address and
// an incremental build leaves it alone. Only the landing changes with each new article, and the
// navigation of the WINDOW pages next to it when a page fills up. Everything a numbered page shows
// of the list comes from its number alone: no total, no count (docs/design.md).
// An empty list still has its landing (empty), so every list URL exists.
import { paths, type Urls } from "./urls.ts";

export interface PageLink {
  /** "Latest" for the landing, else the page's number. */
  label: string;
  /** Read by screen readers: "Latest page", "Page 3", "Page 1, the oldest". */
  name: string;
  href: string;
  current: boolean;
}

export interface PaginationView {
  /** True on the landing page (the list's own URL, its newest articles). */
  landing: boolean;
  /** A numbered page's number, counted from the oldest page (1); absent on the landing. */
  number?: number;
  /** Links, newest first: the landing, a window around this page, page 1 (the oldest); `null` marks a gap. Empty when the list is one page. */
  pages: (PageLink | null)[];
  newer?: string;
  older?: string;
}

export interface Paged<T> {
  path: string;
  items: T[];
  pagination: PaginationView;
}

/** Page numbers shown on each side of the current page. */
const WINDOW = 2;

/**
 * How many numbered pages a list of `count` items has: every full page but the newest, which the
 * landing shows with the items after it (so the landing holds `size` to 2×`size`−1 items).
 */
export function numberedPages(count: number, size: number): number {
  return Math.max(0, Math.floor(count / size) - 1);
}

/** `items` newest first -> the landing, then the numbered pages from 1 (the oldest) up. */
export function paginate<T>(items: readonly T[], size: number, base: string, urls: Urls): Paged<T>[] {
  const count = numberedPages(items.length, size);
  // Module functions, not closures: this runs for each of 2,000 lists, and the TypeScript loader
  // names every named function as it is made (./lazy.ts, once).
  const result = [pageOf(items, size, base, urls, count, count + 1)];
  for (let n = 1; n <= count; n++) result.push(pageOf(items, size, base, urls, count, n));
  return result;
}

/** Page `n` of a list of `count` numbered pages (`count` + 1: its landing). */
function pageOf<T>(items: readonly T[], size: number, base: string, urls: Urls, count: number, n: number): Paged<T> {
  const landing = n > count;
  // Newest first: page n holds the items n×size … (n−1)×size+1 counted from the oldest.
  const end = items.length - (n - 1) * size;
  return {
    path: landing ? base : paths.listPage(base, n),
    items: landing ? items.slice(0, items.length - count * size) : items.slice(end - size, end),
    pagination: {
      landing,
      ...(landing ? {} : { number: n }),
      pages: pageLinks(base, urls, count, n),
      newer: landing ? undefined : pageHref(base, urls, count, n + 1),
      older: n > 1 && count > 0 ? pageHref(base, urls, count, Math.min(n, count + 1) - 1) : undefined,
    },
  };
}

const pageHref = (base: string, urls: Urls, count: number, n: number) => urls.href(n > count ? base : paths.listPage(base, n));

/** The page links page `current` shows. Position count + 1 is the landing: the window and its gaps read the same on every page. */
function pageLinks(base: string, urls: Urls, count: number, current: number): (PageLink | null)[] {
  if (count === 0) return [];
  const shown: (PageLink | null)[] = [];
  let last = 0;
  for (let i = count + 1; i >= 1; i--) {
    if (i !== 1 && i !== count + 1 && Math.abs(i - current) > WINDOW) continue;
    if (last && last - i > 1) shown.push(null);
    const landing = i === count + 1;
    shown.push({ label: landing ? "Latest" : String(i), name: landing ? "Latest page" : i === 1 ? "Page 1, the oldest" : `Page ${i}`, href: pageHref(base, urls, count, i), current: i === current });
    last = i;
  }
  return shown;
}
