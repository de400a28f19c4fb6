// Content -> ArchiveIndex: which articles are published, the keyword/source/translator
// registries, and every problem that makes a site impossible (shared URLs, reserved slugs).
// Cheap: no rendering, so `npm run check` runs only this and the warnings.
import type { DateTime } from "luxon";
import type { Article, Content } from "../content/load.ts";
import type { Problem } from "../content/problems.ts";
import type { BuildMode, SiteSettings } from "../site.ts";
import { facetRegistry, type FacetRegistry } from "./facets.ts";
import { paths } from "./urls.ts";

/** Paths Gazette generates besides articles and pages: no alias may point there. */
const GENERATED = [
  /^\/$/, // home
  /^\/(page|keywords|sources|translators|archive|search|pagefind|css|js|images)\//, // lists, indexes, assets
  /^\/\d{4}\/((\d{2}\/)?(page\/\d+\/)?)?$/, // year and month pages
  /^\/(feed\.xml|feed\.json|sitemap\.xml|robots\.txt|404\.html|_redirects|favicon\.svg|logo\.svg)$/,
  /\/feed\.xml$/,
];

/** Top-level paths Gazette owns; a page slug may not take one. */
export const RESERVED_SLUGS = new Set(["keywords", "search", "page", "pagefind", "sources", "translators", "archive", "feed", "404", "images", "css", "js"]);

export interface ArchiveIndex {
  /** Published articles, newest first. */
  published: Article[];
  keywords: FacetRegistry;
  sources: FacetRegistry;
  translators: FacetRegistry;
  problems: Problem[];
}

export function indexArchive(content: Content & { settings: SiteSettings }, mode: BuildMode, now: DateTime): ArchiveIndex {
  const published = content.articles
    .filter((a) => (mode.drafts || !a.draft) && (mode.future || a.date <= now))
    // Newest first; the file path breaks ties so order never depends on the file system.
    .sort((a, b) => b.date.toMillis() - a.date.toMillis() || (a.file < b.file ? -1 : 1));

  const keywords = facetRegistry(published, {
    field: "keywords",
    noun: "keyword",
    path: paths.keyword,
    values: (a) => a.keywords,
    aliases: content.keywordAliases,
  });
  const sources = facetRegistry(published, { field: "source", noun: "source", path: paths.source, values: (a) => [a.source] });
  const translators = facetRegistry(published, { field: "translator", noun: "translator", path: paths.translator, values: (a) => [a.translator] });
  const problems = [...keywords.problems, ...sources.problems, ...translators.problems];

  for (const p of content.pages) {
    if (RESERVED_SLUGS.has(p.slug) || /^\d{4}$/.test(p.slug)) {
      problems.push({ file: p.file, field: "slug", message: `"${p.slug}" is a path Gazette uses itself; choose another slug`, severity: "error" });
    }
  }

  // Every path written must have one owner.
  const fixed = (path: string, who: string): Owner => ({ path, who });
  const owners: Owner[] = [
    ...published.map((a): Owner => ({ path: articlePath(a), who: a.file, file: a.file, field: "slug", line: () => a.lineOf(["slug"]) ?? 1 })),
    ...[keywords, sources, translators].flatMap((r) => [...r.facets.values()].map((f) => fixed(f.path, `the page of "${f.name}"`))),
    ...content.pages.map((p): Owner => ({ path: paths.page(p.slug), who: p.file, file: p.file, field: "slug" })),
    fixed(paths.keywords, "the keyword index"),
    fixed(paths.sources, "the source index"),
    fixed(paths.translators, "the translator index"),
    fixed(paths.archive, "the date archive"),
    fixed(paths.search, "the search page"),
    ...published.flatMap((a) =>
      a.aliases.map((from, i): Owner => ({ path: aliasPath(from), who: `${a.file} (aliases)`, file: a.file, field: "aliases", line: () => a.lineOf(["aliases", i]) })),
    ),
  ];
  problems.push(...collisions(owners));
  for (const a of published) {
    a.aliases.forEach((from, i) => {
      const path = aliasPath(from);
      if (GENERATED.some((pattern) => pattern.test(path))) {
        problems.push({ file: a.file, line: a.lineOf(["aliases", i]), field: "aliases", message: `${from} is a path Gazette writes itself (a list, feed, asset or index page); an alias must be an old URL of this article`, severity: "error" });
      }
    });
  }
  return { published, keywords, sources, translators, problems };
}

export function articlePath(a: Article): string {
  return paths.article(String(a.date.year), String(a.date.month).padStart(2, "0"), a.slug);
}

/** "/old/page" and "/old/page/" are the same page; aliases are written as folders with index.html. */
export function aliasPath(path: string): string {
  if (/\.[a-z0-9]+$/i.test(path)) return path;
  return path.endsWith("/") ? path : `${path}/`;
}

/** Something that writes a path: a fixed page, or a file's article, page or alias. */
interface Owner {
  path: string;
  /** How to name it in a message. */
  who: string;
  file?: string;
  field?: string;
  /** Found only when there is a clash: finding lines means parsing the YAML again. */
  line?: () => number | undefined;
}

/** Two things that would write the same path are an error naming both, on the later one. */
function collisions(owners: readonly Owner[]): Problem[] {
  const first = new Map<string, Owner>();
  const problems: Problem[] = [];
  for (const owner of owners) {
    const taken = first.get(owner.path);
    if (!taken) {
      first.set(owner.path, owner);
      continue;
    }
    const culprit = owner.file ? owner : taken;
    const other = culprit === owner ? taken : owner;
    problems.push({
      file: culprit.file ?? culprit.who,
      line: culprit.line?.(),
      field: culprit.field,
      message: `would be published at ${owner.path}, the same URL as ${other.who}; give one of them another ${culprit.field === "aliases" ? "alias" : "slug"}`,
      severity: "error",
    });
  }
  return problems;
}
