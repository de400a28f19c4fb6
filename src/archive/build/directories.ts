// Registries -> one directory page per facet (/keywords/, /sources/, /translators/): every
// name with its number of articles, grouped A–Z.
import { plural } from "../../content/problems.ts";
import type { FacetEntry } from "../facets.ts";
import { groupByLetter } from "../letters.ts";
import { paths } from "../urls.ts";
import type { DirectoryView } from "../views.ts";
import type { BuildContext } from "./context.ts";
import { scriptLanguage } from "../../content/scripts.ts";

export function directories(ctx: BuildContext): DirectoryView[] {
  return ctx.index.facets.map((entry) => directory(ctx, entry));
}

function directory(ctx: BuildContext, { row, registry }: FacetEntry): DirectoryView {
  const path = paths.facetFolder(row.folder);
  const { heading, noun } = row.directory;
  const entries = [...registry.facets.values()].map((f) => ({
    label: f.name,
    href: ctx.urls.href(f.path),
    lang: f.lang,
    count: f.articles.length,
    countLabel: plural(f.articles.length, "article"),
  }));
  const groups = groupByLetter(entries, (e) => e.label, ctx.site.lang).map((g) => ({ letter: g.letter, lang: scriptLanguage(g.letter), id: g.id, entries: g.items }));
  const intro = `${plural(entries.length, noun)}, with the number of articles for each.`;
  return { path, heading, intro, groups, meta: ctx.meta({ title: heading, path, description: `Every ${noun} in the archive, with the number of articles for each.` }) };
}
