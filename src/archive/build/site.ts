// Settings + URL authority -> the site view every page shares (title, language, navigation,
// links), and the site's own feeds as pages announce them.
import { directionOf, type BuildMode, type SiteSettings } from "../../site.ts";
import type { FacetTable } from "../facet-table.ts";
import { paths, type Urls } from "../urls.ts";
import type { SiteView } from "../views.ts";
import type { FeedLink } from "./context.ts";

export function siteView(settings: SiteSettings, mode: BuildMode, urls: Urls, facets: FacetTable): SiteView {
  return {
    title: settings.title,
    tagline: settings.tagline,
    notice: settings.notice,
    url: urls.absolute(paths.home),
    lang: settings.language,
    dir: directionOf(settings.language),
    navigation: settings.navigation.map((n) => ({ label: n.label, href: n.url.startsWith("/") ? urls.href(n.url) : n.url })),
    preview: mode.drafts,
    sitemap: urls.absolute(paths.sitemap),
    newsSitemap: urls.absolute(paths.newsSitemap),
    links: {
      home: urls.href(paths.home),
      ...Object.fromEntries(facets.map((f) => [f.folder, urls.href(paths.facetFolder(f.folder))])),
      archive: urls.href(paths.archive),
      corrections: urls.href(paths.corrections),
      search: urls.href(paths.search),
      ...urls.assets,
      feed: urls.href(paths.feed(paths.home)),
    },
  };
}

export function siteFeeds(site: SiteView, urls: Urls): { atom: FeedLink; json: FeedLink } {
  return {
    atom: { href: urls.href(paths.feed(paths.home)), title: `${site.title} (Atom)`, type: "application/atom+xml" },
    json: { href: urls.href(paths.jsonFeed), title: `${site.title} (JSON Feed)`, type: "application/feed+json" },
  };
}
