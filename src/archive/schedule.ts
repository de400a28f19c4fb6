// Valid articles + the clock -> what the site will change by itself, soonest first: articles
// that go live (dated in the future, not drafts) and articles that come down (`expires` ahead).
// `npm run check` lists both in the site's time zone; an hourly scheduled build makes them happen
// (docs/hosting.md).
//   [{ when: 2026-12-04T09:00+03:00, what: "goes live", path: "/2026/12/talks/", file, title }]
import type { DateTime } from "luxon";
import type { Article } from "../content/load.ts";
import { articlePath } from "./urls.ts";

export interface ScheduledChange {
  what: "goes live" | "comes down";
  when: DateTime;
  file: string;
  title: string;
  /** Where its page is. */
  path: string;
}

export function scheduledChanges(articles: readonly Article[], now: DateTime): ScheduledChange[] {
  const changes: ScheduledChange[] = [];
  for (const a of articles) {
    // A draft is published by an edit, never by the clock.
    if (a.draft) continue;
    const base = { file: a.file, title: a.title, path: articlePath(a.date, a.slug) };
    if (a.date > now) changes.push({ what: "goes live", when: a.date, ...base });
    if (a.expires && a.expires > now) changes.push({ what: "comes down", when: a.expires, ...base });
  }
  return changes.sort((x, y) => x.when.toMillis() - y.when.toMillis() || (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
}

/** For `npm run check`: one line per change, in the site's zone, with how far off it is. */
export function scheduleLines(changes: readonly ScheduledChange[], now: DateTime): string[] {
  if (!changes.length) return [];
  const zone = now.zoneName ?? "UTC";
  return [
    `Scheduled (times in ${zone}, now ${now.toFormat("yyyy-MM-dd HH:mm")}):`,
    ...changes.map((c) => `  ${c.when.setZone(zone).toFormat("yyyy-MM-dd HH:mm")}  ${c.what.padEnd(10)}  ${`(${c.when.toRelative({ base: now, locale: "en" })})`.padEnd(16)}  ${c.path}  ${c.file}`),
  ];
}

/** The same as data, for `npm run check -- --json`. */
export function scheduleJson(changes: readonly ScheduledChange[], now: DateTime): object {
  const zone = now.zoneName ?? "UTC";
  const iso = (d: DateTime) => d.setZone(zone).toISO({ suppressMilliseconds: true });
  return { timeZone: zone, now: iso(now), changes: changes.map((c) => ({ what: c.what, at: iso(c.when), path: c.path, file: c.file, title: c.title })) };
}
