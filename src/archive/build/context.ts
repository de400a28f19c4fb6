// What every builder of the archive model reads: content, settings, the URL authority, the
// index (registries, plan), the site view, the page-metadata maker and the caller's memo.
import type { DateTime } from "luxon";
import type { Content } from "../../content/load.ts";
import type { BuildMode, SiteSettings } from "../../site.ts";
import type { ArchiveIndex } from "../index.ts";
import type { ArchiveMemo } from "../memo.ts";
import type { createMeta } from "../seo.ts";
import type { Urls } from "../urls.ts";
import type { PageMeta, SiteView } from "../views.ts";
import type { PreparedImage } from "../../images/lead-images.ts";

export type Meta = ReturnType<typeof createMeta>;
export type FeedLink = PageMeta["feeds"][number];

export interface BuildContext {
  content: Content & { settings: SiteSettings };
  settings: SiteSettings;
  mode: BuildMode;
  now: DateTime;
  urls: Urls;
  memo: ArchiveMemo;
  index: ArchiveIndex;
  site: SiteView;
  meta: Meta;
  /** The site's Atom and JSON feeds, as pages announce them. */
  siteFeeds: { atom: FeedLink; json: FeedLink };
  /** Whether a list page is written at `path` (a month holding only a retracted article has none). */
  hasPage(path: string): boolean;
  /** Lead images made for the page and for link previews, by `image` as written (local files only). */
  images: ReadonlyMap<string, PreparedImage>;
}
