// Articles whose `expires` has passed -> the notices their pages become.
//   2024/07/talks/ (expired 1 Aug 2024) -> "This article is no longer available" (noindex)
// The decision (docs/site.md): the URL keeps answering, so a link or a citation finds why the
// article is gone rather than a "not found"; nothing of the article (headline, body, names,
// image) is on the notice, since an expiry is how an article that must come down comes down.
// It is in no list, feed, sitemap or search index, and its aliases still lead to it.
import type { DateTime } from "luxon";
import { humanDate, isoDateTime } from "../../content/dates.ts";
import { articlePath } from "../urls.ts";
import type { ExpiredPageView } from "../views.ts";
import type { BuildContext } from "./context.ts";

export function expiredPages(ctx: BuildContext): ExpiredPageView[] {
  const lang = ctx.settings.language;
  const at = (date: DateTime) => ({ iso: isoDateTime(date), display: humanDate(date, lang) });
  return ctx.index.expired.map((a) => {
    const path = articlePath(a.date, a.slug);
    return {
      path,
      published: at(a.date),
      expired: at(a.expires!),
      meta: ctx.meta({ title: "Article no longer available", path, description: "This article has expired and is no longer published." }),
    };
  });
}
