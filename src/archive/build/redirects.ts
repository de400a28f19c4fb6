// Article aliases and merged keyword spellings -> redirect pages and the `_redirects` rules.
// Aliases arrive decoded (src/content/sitepath.ts): the page's folder is named in that form,
// as article folders are. `_redirects` gets the form browsers send (non-ASCII percent-encoded)
// and, when it differs, the decoded one, which hosts that decode before matching compare
// against (Netlify's own local proxy does).
import type { Article } from "../../content/load.ts";
import { encodeSitePath } from "../../content/sitepath.ts";
import type { Urls } from "../urls.ts";
import type { ArticleView, RedirectView } from "../views.ts";
import type { BuildContext } from "./context.ts";

export function redirectViews(ctx: BuildContext, viewOf: ReadonlyMap<Article, ArticleView>): RedirectView[] {
  const redirect = (from: string, to: string) => redirectView(ctx.urls, from, to);
  return [
    ...ctx.index.published.flatMap((a) => a.aliases.map((from) => redirect(from, viewOf.get(a)!.path))),
    ...ctx.index.facets.flatMap(({ registry }) => registry.redirects.map((r) => redirect(r.from, r.to))),
  ];
}

function redirectView(urls: Urls, from: string, to: string): RedirectView {
  const href = urls.href(from);
  return { path: from, from: [...new Set([encodeSitePath(href), href])], href: urls.href(to), absolute: urls.absolute(to) };
}

/** Lines of `_redirects`. Every part was validated as a plain path: nothing here is read as a splat or placeholder. */
export function redirectRules(redirects: readonly RedirectView[]): string[] {
  return redirects.flatMap((r) => r.from.map((from) => `${from} ${encodeSitePath(r.href)} 301`));
}
