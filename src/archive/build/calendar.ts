// Article views -> the date archive: every year (newest first) with its twelve months and counts.
import { plural } from "../../content/problems.ts";
import { paths } from "../urls.ts";
import type { ArchiveModel, ArticleView, CalendarYear } from "../views.ts";
import type { BuildContext } from "./context.ts";
import { monthNames } from "./dates.ts";

export function calendarYears(ctx: BuildContext, views: readonly ArticleView[]): CalendarYear[] {
  const { urls, memo, settings } = ctx;
  const counts = new Map<string, number[]>();
  for (const v of views) {
    const months = counts.get(v.date.year) ?? Array<number>(12).fill(0);
    months[Number(v.date.month) - 1]! += 1;
    counts.set(v.date.year, months);
  }
  const names = monthNames(memo, settings);
  const short = monthNames(memo, settings, "short");
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([year, months]) => {
      const count = months.reduce((s, n) => s + n, 0);
      return {
        year,
        href: urls.href(paths.year(year)),
        count,
        countLabel: plural(count, "article"),
        months: months.map((n, i) => ({
          label: short[i]!,
          name: names[i]!,
          count: n,
          href: n ? urls.href(paths.month(year, String(i + 1).padStart(2, "0"))) : undefined,
        })),
      };
    });
}

/** The /archive/ page's view. */
export function calendarView(ctx: BuildContext, years: CalendarYear[]): ArchiveModel["calendar"] {
  return {
    path: paths.archive,
    years,
    monthNames: monthNames(ctx.memo, ctx.settings),
    meta: ctx.meta({ title: "Archive by date", path: paths.archive, description: `Every month of ${ctx.site.title}, with the number of articles in each.`, feeds: [ctx.siteFeeds.atom] }),
  };
}
