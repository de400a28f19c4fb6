// Article aliases and merged keyword spellings -> redirect pages and the `_redirects` rules.
// Aliases arrive decoded (src/content/sitepath.ts): the page's folder is named in that form,
// as article folders are. `_redirects` gets the form browsers send (non-ASCII percent-encoded)
// and, when it differs, the decoded one, which hosts that decode before matching compare
// against (Netlify's own local proxy does).
import type { Article } from "../../content/load.ts";
import { encodeSitePath } from "../../content/sitepath.ts";
import type { Host } from "../../site.ts";
import { articlePath, type Urls } from "../urls.ts";
import type { ArticleView, RedirectView } from "../views.ts";
import type { BuildContext } from "./context.ts";

export function redirectViews(ctx: BuildContext, viewOf: ReadonlyMap<Article, ArticleView>): RedirectView[] {
  const redirect = (from: string, to: string) => redirectView(ctx.urls, from, to);
  return [
    ...ctx.index.published.flatMap((a) => a.aliases.map((from) => redirect(from, viewOf.get(a)!.path))),
    // An expired article's old URLs still lead to its page, which says it is gone.
    ...ctx.index.expired.flatMap((a) => a.aliases.map((from) => redirect(from, articlePath(a.date, a.slug)))),
    ...ctx.index.facets.flatMap(({ registry }) => registry.redirects.map((r) => redirect(r.from, r.to))),
  ];
}

function redirectView(urls: Urls, from: string, to: string): RedirectView {
  const href = urls.href(from);
  return { path: from, from: [...new Set([encodeSitePath(href), href])], href: urls.href(to), absolute: urls.absolute(to) };
}

/**
 * Cloudflare Pages applies the first 2,000 static rules of `_redirects` and ignores the rest
 * (https://developers.cloudflare.com/pages/configuration/redirects/); the redirect pages answer
 * for those.
 */
export const CLOUDFLARE_MAX_RULES = 2_000;

/**
 * Lines of `_redirects`. Every part was validated as a plain path: nothing here is read as a
 * splat or placeholder. Every alias also has its redirect page, and Netlify serves a file that
 * exists rather than apply a rule for its path ("shadowing") unless the rule is forced, `301!`,
 * a status Cloudflare Pages refuses: forced on Netlify only (docs/hosting.md).
 */
export function redirectRules(redirects: readonly RedirectView[], host: Host = "other"): string[] {
  const status = host === "netlify" ? "301!" : "301";
  const rules = redirects.flatMap((r) => r.from.map((from) => `${from} ${encodeSitePath(r.href)} ${status}`));
  if (host !== "cloudflare" || rules.length <= CLOUDFLARE_MAX_RULES) return rules;
  return [
    `# Cloudflare Pages applies ${CLOUDFLARE_MAX_RULES.toLocaleString("en")} rules; the other ${(rules.length - CLOUDFLARE_MAX_RULES).toLocaleString("en")} old URLs are answered by their redirect pages.`,
    ...rules.slice(0, CLOUDFLARE_MAX_RULES),
  ];
}
