// items -> pages of `size`, each with numbered navigation ready to render.
//   12 items, size 5, base /keywords/x/ -> /keywords/x/, /keywords/x/page/2/, /keywords/x/page/3/
// An empty list still has one (empty) page, so every list URL exists.
import { paths, type Urls } from "./urls.ts";

export interface PageLink {
  number: number;
  href: string;
  current: boolean;
}

export interface PaginationView {
  number: number;
  total: number;
  /** Page links to show: first, last, and a window around the current page; `null` marks a gap. */
  pages: (PageLink | null)[];
  first: string;
  last: string;
  prev?: string;
  next?: string;
}

export interface Paged<T> {
  path: string;
  items: T[];
  pagination: PaginationView;
}

const WINDOW = 2;

export function paginate<T>(items: readonly T[], size: number, base: string, urls: Urls): Paged<T>[] {
  const total = Math.max(1, Math.ceil(items.length / size));
  const href = (n: number) => urls.href(paths.listPage(base, n));
  const result: Paged<T>[] = [];
  for (let n = 1; n <= total; n++) {
    const shown: (PageLink | null)[] = [];
    let last = 0;
    for (let i = 1; i <= total; i++) {
      if (i === 1 || i === total || Math.abs(i - n) <= WINDOW) {
        if (last && i - last > 1) shown.push(null);
        shown.push({ number: i, href: href(i), current: i === n });
        last = i;
      }
    }
    result.push({
      path: paths.listPage(base, n),
      items: items.slice((n - 1) * size, n * size),
      pagination: {
        number: n,
        total,
        pages: shown,
        first: href(1),
        last: href(total),
        prev: n > 1 ? href(n - 1) : undefined,
        next: n < total ? href(n + 1) : undefined,
      },
    });
  }
  return result;
}
