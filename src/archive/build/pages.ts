// Content pages (content/pages/*.md) -> their views; and the views of the pages every site has
// besides its content: search (its slug tables and filter list from the facet table) and 404.
import { dateLocale } from "../../content/dates.ts";
import { renderOnce } from "../../markdown.ts";
import type { FacetRegistry } from "../facets.ts";
import { rewriteRootLinks } from "../links.ts";
import { paths } from "../urls.ts";
import type { ArchiveModel, SearchFilter, StaticPageView } from "../views.ts";
import type { BuildContext } from "./context.ts";
import { searchVocabulary } from "./search-words.ts";

export function staticPages(ctx: BuildContext): StaticPageView[] {
  const { urls, settings } = ctx;
  return ctx.content.pages.map((p) => ({
    path: paths.page(p.slug),
    title: p.title,
    description: p.description,
    html: rewriteRootLinks(renderOnce(p, p.body, settings.markdown).html, urls.href),
    lang: p.lang,
    dir: p.dir,
    meta: ctx.meta({ title: p.title, path: paths.page(p.slug), description: p.description ?? p.title, lang: p.lang }),
  }));
}

/** The search filters that are not facets, with their place among the facets' (FacetRow.search.order). */
const OTHER_FILTERS: (SearchFilter & { order: number })[] = [
  { key: "year", label: "Year", slugged: false, sortByValue: true, order: 30 },
  { key: "language", label: "Language", slugged: false, order: 40 },
];

/** The search page's view; the index's bundles are planned by src/search/plan.ts from the model. */
/** `words`: the headlines' words, counted meanwhile (search-words.ts); counted here when left out. */
export function searchView(ctx: BuildContext, words?: () => string[]): ArchiveModel["search"] {
  const facetFilters = ctx.index.facets.map(({ row }) => ({ key: row.key, label: row.search.label, slugged: true, narrow: true, order: row.search.order, index: ctx.urls.href(paths.facetFolder(row.folder)) }));
  const others = OTHER_FILTERS.map((f) => (f.key === "year" ? { ...f, index: ctx.urls.href(paths.archive) } : f));
  const filters = [...facetFilters, ...others].sort((a, b) => a.order - b.order).map(({ order: _, ...f }) => f);
  return {
    path: paths.search,
    meta: ctx.meta({ title: "Search", path: paths.search, description: `Search every article in ${ctx.site.title}.` }),
    facets: Object.fromEntries(ctx.index.facets.map(({ row, registry }) => [row.key, slugNames(registry)])),
    words: searchVocabulary(ctx, words),
    filters: JSON.stringify(filters),
    timeZone: ctx.settings.timeZone,
    // Result dates as the lists write them (the site's date style).
    dateLocale: dateLocale(ctx.settings.dates, ctx.settings.language),
    settings: ctx.settings.search,
  };
}

function slugNames(registry: FacetRegistry): Record<string, string> {
  return Object.fromEntries([...registry.facets.values()].map((f) => [f.slug, f.name]));
}

export function notFoundView(ctx: BuildContext): ArchiveModel["notFound"] {
  return { path: paths.notFound, meta: ctx.meta({ title: "Page not found", path: paths.notFound, description: "This page does not exist." }) };
}
