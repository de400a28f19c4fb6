// What the archive model remembers between builds, in one object the caller owns: a one-shot
// build makes a fresh one; the preview keeps one across rebuilds, since an edit seldom changes
// the dates or keywords these results depend on. Nothing in src/archive keeps state of its own.
//   createArchiveMemo() -> { dates, monthNames, related } ; buildArchive(…, { memo })
import type { DateTime } from "luxon";
import type { DateView } from "./views.ts";

export interface ArchiveMemo {
  /**
   * Formatted dates per parsed date and language pair. Formatting a date in a language is the
   * costly part of an article's view; parsed dates are shared (one object per day and zone,
   * src/content/dates.ts) and immutable, so each day is formatted once per memo.
   */
  dates: WeakMap<DateTime, Map<string, DateView>>;
  /** January to December per language and width ("en:long"). */
  monthNames: Map<string, string[]>;
  /**
   * The last related-articles ranking (related.ts), with the key it was ranked for: it depends
   * only on each position's keywords, which an edit seldom changes.
   */
  related?: { key: string; limit: number; best: Int32Array };
}

export function createArchiveMemo(): ArchiveMemo {
  return { dates: new WeakMap(), monthNames: new Map() };
}
