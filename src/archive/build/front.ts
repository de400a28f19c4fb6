// The home list's landing page -> a news front page over the same articles: a lead story, a row of
// secondary stories, then the latest list; beside them the most-used keywords and the latest
// notices. The numbered pages, and every other list, stay plain lists of the same density.
//   "/" : [a0 … a19]  ->  lead a1 (the newest with an image among a0…a4),
//                                   secondary [a0, a2, a3], latest [a4 … a19]
// The partition keeps every article of the page, in order, so pagination is unchanged.
import { plural } from "../../content/problems.ts";
import { paths } from "../urls.ts";
import type { ArticleView, CorrectionListItem, CountedLink, FrontPageView, ListPageView } from "../views.ts";
import type { BuildContext } from "./context.ts";

/** The lead is the newest story with an image among this many newest (a photograph leads; a day-old text does not). */
const LEAD_WINDOW = 5;
const SECONDARY = 3;
/** Side column. */
const TOP_KEYWORDS = 12;
const RECENT_CORRECTIONS = 3;

/** Sets `front` on the home list's landing page. `corrections` newest first (correctionItems). */
export function frontPage(ctx: BuildContext, lists: ListPageView[], corrections: readonly CorrectionListItem[]): void {
  const home = lists.find((l) => l.kind === "home" && l.pagination.landing);
  if (!home || home.articles.length === 0) return;
  home.front = {
    ...hierarchy(home.articles),
    keywords: topKeywords(ctx),
    corrections: corrections.slice(0, RECENT_CORRECTIONS),
    keywordsHref: ctx.urls.href(paths.facetFolder("keywords")),
    correctionsHref: ctx.urls.href(paths.corrections),
  };
}

/** Lead, secondary, latest: a partition of `articles`, each part in the list's order. */
export function hierarchy(articles: readonly ArticleView[]): Pick<FrontPageView, "lead" | "secondary" | "latest"> {
  const lead = articles.slice(0, LEAD_WINDOW).find((a) => a.image) ?? articles[0]!;
  const rest = articles.filter((a) => a !== lead);
  return { lead, secondary: rest.slice(0, SECONDARY), latest: rest.slice(SECONDARY) };
}

/** The keywords with the most articles (ties: by name), as links with counts. */
function topKeywords(ctx: BuildContext): CountedLink[] {
  const keywords = [...ctx.index.registry("keyword").facets.values()].filter((f) => f.articles.length > 0);
  return keywords
    .sort((a, b) => b.articles.length - a.articles.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, TOP_KEYWORDS)
    .map((f) => ({ label: f.name, href: ctx.urls.href(f.path), lang: f.lang, count: f.articles.length, countLabel: plural(f.articles.length, "article") }));
}
