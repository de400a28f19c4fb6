// Settings + URL authority -> the site view every page shares (title, language, navigation,
// links), and the site's own feeds as pages announce them.
import { directionOf, type BuildMode, type SiteSettings } from "../../site.ts";
import type { FacetTable } from "../facet-table.ts";
import { paths, type Urls } from "../urls.ts";
import type { SiteView } from "../views.ts";
import type { FeedLink } from "./context.ts";

/**
 * How wide the stylesheet draws an image in each place (public/css/gazette.css): the article
 * column (68ch, about 46rem), the front page's lead image (three fifths of the column beside the side column), the front page's row
 * of secondary stories, and list thumbnails. Browsers pick the srcset width from these.
 */
const IMAGE_SIZES = {
  lead: "(min-width: 50rem) 46rem, calc(100vw - 2rem)",
  front: "(min-width: 64rem) 27rem, (min-width: 48rem) 58vw, calc(100vw - 2rem)",
  secondary: "(min-width: 40rem) 14rem, 6rem",
  thumb: "6rem",
};

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
    imageSizes: IMAGE_SIZES,
  };
}

export function siteFeeds(site: SiteView, urls: Urls): { atom: FeedLink; json: FeedLink } {
  return {
    atom: { href: urls.href(paths.feed(paths.home)), title: `${site.title} (Atom)`, type: "application/atom+xml" },
    json: { href: urls.href(paths.jsonFeed), title: `${site.title} (JSON Feed)`, type: "application/feed+json" },
  };
}
