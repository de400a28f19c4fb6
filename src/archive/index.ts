// Content -> ArchiveIndex: which articles are published, one registry per facet (facet-table.ts), the plan of every other file the build writes, and every problem that makes a site
// impossible (two owners of one file in any form or case, aliases onto Gazette's own files).
// Cheap: no rendering, so `npm run check` runs only this and the warnings.
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { DateTime } from "luxon";
import type { Article, Content } from "../content/load.ts";
import type { Problem } from "../content/problems.ts";
import { SITEMAP_MAX_URLS, type BuildMode, type SiteSettings } from "../site.ts";
import { monthOf, yearOf } from "../content/dates.ts";
import { FACETS, type FacetTable } from "./facet-table.ts";
import { facetRegistries, type FacetEntry, type FacetRegistry } from "./facets.ts";
import { articlePath, paths } from "./urls.ts";
import { numberedPages } from "./pagination.ts";
import { sitemapFilePaths, UNDATED } from "./build/sitemap.ts";
import { FONT_FILES } from "../eleventy/fonts.ts";

/** Top-level paths Gazette owns; a page slug may not take one. */
export const RESERVED_SLUGS = new Set([...FACETS.map((f) => f.folder), "search", "page", "pagefind", "archive", "corrections", "feed", "404", "images", "img", "css", "js"]);

export interface ArchiveIndex {
  /** Published articles, newest first: every one has its page (a retracted one too). */
  published: Article[];
  /** The published articles that lists, facets, related articles, feeds, search and the sitemap
   * show, newest first: all but the retracted ones. */
  listed: Article[];
  /** Articles whose `expires` has passed, newest first: their pages are notices, they are nowhere else. */
  expired: Article[];
  /** One registry per facet, in the table's order. */
  facets: FacetEntry[];
  /** The registry of one facet of the table. */
  registry(key: string): FacetRegistry;
  /** Every file written besides articles, pages and redirects (see plannedPaths). */
  planned: PlannedPath[];
  problems: Problem[];
}

export function indexArchive(
  content: Content & { settings: SiteSettings },
  mode: BuildMode,
  now: DateTime,
  publicFiles: readonly string[] = [],
  table: FacetTable = FACETS,
): ArchiveIndex {
  const due = content.articles
    .filter((a) => (mode.drafts || !a.draft) && (mode.future || a.date <= now))
    // Newest first; the file path breaks ties so order never depends on the file system.
    .sort((a, b) => b.date.toMillis() - a.date.toMillis() || (a.file < b.file ? -1 : 1));
  // An expired article is out of everything (also in the preview, which shows what will be
  // published); only its page stays, as a notice.
  const published = due.filter((a) => !isExpired(a, now));
  const expired = due.filter((a) => isExpired(a, now));

  // A retracted article keeps its page but leaves every list, so no facet page counts it either.
  const listed = published.filter((a) => !isRetracted(a));
  const facets = facetRegistries(listed, table, content);
  const problems = facets.flatMap((f) => f.registry.problems);

  for (const p of content.pages) {
    if (RESERVED_SLUGS.has(p.slug) || /^\d{4}$/.test(p.slug)) {
      problems.push({ file: p.file, field: "slug", message: `"${p.slug}" is a path Gazette uses itself; choose another slug`, severity: "error" });
    }
  }

  // Every file written must have one owner, whatever the case or form of its path.
  const planned = plannedPaths(published, listed, facets, content, publicFiles);
  const owners: Owner[] = [
    ...[...published, ...expired].map((a): Owner => ({ path: articlePath(a.date, a.slug), who: a.file, file: a.file, field: "slug", line: () => a.lineOf(["slug"]) ?? 1 })),
    ...content.pages.map((p): Owner => ({ path: paths.page(p.slug), who: p.file, file: p.file, field: "slug" })),
    ...planned.map((p): Owner => ({ path: p.path, who: p.who })),
    ...[...published, ...expired].flatMap((a) =>
      a.aliases.map((from, i): Owner => ({ path: from, who: `${a.file} (aliases)`, file: a.file, field: "aliases", line: () => a.lineOf(["aliases", i]) })),
    ),
  ];
  problems.push(...collisions(owners, ownedFolders(facets)));
  const byKey = new Map(facets.map((f) => [f.row.key, f.registry]));
  const registry = (key: string) => {
    const found = byKey.get(key);
    if (!found) throw new Error(`Gazette: no facet "${key}" in the facet table (src/archive/facet-table.ts)`);
    return found;
  };
  return { published, listed, expired, facets, registry, planned, problems };
}

/** True once the article's `expires` has passed at `now`. */
export function isExpired(a: Pick<Article, "expires">, now: DateTime): boolean {
  return a.expires !== undefined && a.expires <= now;
}

/** True when the article carries a retraction notice: it keeps its URL and leaves every list. */
export function isRetracted(a: Pick<Article, "corrections">): boolean {
  return a.corrections.some((c) => c.type === "retraction");
}

/** A path Gazette writes besides articles, pages and redirects, and what it is (for messages). */
export interface PlannedPath {
  path: string;
  who: string;
}

/** Folders Gazette fills itself, now or once a keyword, source or year is added: no alias below them. */
const ownedFolders = (facets: readonly FacetEntry[]): PlannedPath[] => [
  ...facets.map(({ row }) => ({ path: paths.facetFolder(row.folder), who: `the ${row.noun} pages` })),
  { path: paths.listPage(paths.home, 2).replace(/\d+\/$/, ""), who: "the pages of the home list" },
  { path: paths.search, who: "the search page" },
  { path: paths.archive, who: "the date archive" },
  { path: paths.corrections, who: "the corrections pages" },
  { path: paths.pagefind, who: "the search index" },
  // Beside /pagefind/, each bundle is written into "/pagefind.part-N/" first (src/search/layout.ts,
  // tempFolder), which is cleared before and moved after: a redirect there would be lost, and the
  // recycled build folder counts what is there as the index's, not as a page.
  { path: `${paths.pagefind.replace(/\/$/, "")}.part-`, who: "where the search index's bundles are written before they are laid out" },
  { path: paths.sitemapFolder, who: "the sitemaps" },
];
/** Year and month lists (and their pages) of any year, not only the years the archive has now. */
const DATE_LISTS = /^\/\d{4}\/(\d{2}\/)?(page\/[^/]+\/)?$/;

/**
 * Every file the build writes besides articles, pages and redirects, from the same registries,
 * dates and page size the model makes its pages from. The model checks each page it makes is
 * here (`assertPlanned` in model.ts), so a page kind added there and forgotten here fails at once.
 * Fixed files come from templates/ (feeds, sitemaps, robots, _redirects, _headers, 404) and public/.
 * The sitemap files are counted as the pages are planned: each year's articles and lists, and
 * the undated pages (build/sitemap.ts splits them the same way).
 */
function plannedPaths(
  published: readonly Article[],
  listed: readonly Article[],
  facets: readonly FacetEntry[],
  content: Pick<Content, "pages"> & { settings: SiteSettings },
  publicFiles: readonly string[],
): PlannedPath[] {
  const { pageSize } = content.settings;
  const planned: PlannedPath[] = [];
  const inSitemap = new Map<string, number>();
  const addToSitemap = (group: string, n: number) => inSitemap.set(group, (inSitemap.get(group) ?? 0) + n);
  const list = (base: string, count: number, what: string) => {
    // The landing, then the numbered pages (../archive/pagination.ts).
    const numbered = numberedPages(count, pageSize);
    planned.push({ path: base, who: what });
    for (let n = 1; n <= numbered; n++) planned.push({ path: paths.listPage(base, n), who: `page ${n} of ${what}` });
    addToSitemap(/^\/\d{4}\//.test(base) ? base.slice(1, 5) : UNDATED, 1 + numbered);
  };
  list(paths.home, listed.length, "the home page");
  planned.push({ path: paths.feed(paths.home), who: "the site feed" }, { path: paths.jsonFeed, who: "the JSON feed" });
  for (const { row, registry } of facets) {
    const noun = row.noun;
    for (const f of registry.facets.values()) {
      list(f.path, f.articles.length, `the page of ${noun} "${f.name}"`);
      planned.push({ path: paths.feed(f.path), who: `the feed of ${noun} "${f.name}"` });
    }
    for (const r of registry.redirects) planned.push({ path: r.from, who: `the redirect of a ${noun} alias (${row.aliases?.file ?? "aliases"})` });
  }
  const months = new Map<string, number>();
  for (const a of listed) {
    for (const key of [yearOf(a.date), `${yearOf(a.date)}/${monthOf(a.date)}`]) months.set(key, (months.get(key) ?? 0) + 1);
  }
  for (const [key, count] of months) list(`/${key}/`, count, `the list of ${key}`);
  for (const a of listed) addToSitemap(yearOf(a.date), 1);
  // Every correction of every published article (a retraction too: its page is still there).
  const corrections = published.reduce((n, a) => n + a.corrections.length, 0);
  list(paths.corrections, corrections, "the list of corrections");
  planned.push({ path: paths.feed(paths.corrections), who: "the corrections feed" });
  planned.push(
    ...facets.map(({ row }) => ({ path: paths.facetFolder(row.folder), who: `the ${row.noun} index` })),
    { path: paths.archive, who: "the date archive" },
    { path: paths.search, who: "the search page" },
    { path: paths.searchFacets, who: "the search filters file" },
    { path: paths.searchWords, who: "the search suggestions file" },
    { path: paths.notFound, who: "the 404 page" },
    { path: paths.sitemap, who: "the sitemap" },
    { path: paths.newsSitemap, who: "the news sitemap" },
    { path: paths.robots, who: "the robots file" },
    { path: paths.redirects, who: "the _redirects file" },
    { path: paths.headers, who: "the _headers file" },
    ...publicFiles.map((f) => ({ path: f, who: `public${f}` })),
    // The self-hosted font and its licence, copied from their npm package (src/eleventy/fonts.ts).
    ...Object.keys(FONT_FILES).map((f) => ({ path: `/${f}`, who: "the site's web font" })),
  );
  // The undated pages besides lists: one index per facet, the pages, the date archive.
  addToSitemap(UNDATED, facets.length + content.pages.length + 1);
  for (const [group, n] of inSitemap) {
    for (const path of sitemapFilePaths(group, n, content.settings.sitemap?.urlsPerFile ?? SITEMAP_MAX_URLS)) planned.push({ path, who: `the sitemap ${path}` });
  }
  return planned;
}

/** Site paths of every file under public/ ("/css/gazette.css"), copied into the site as they are. */
export function listPublicFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => `/${relative(dir, join(e.parentPath, e.name)).split(sep).join("/")}`);
  } catch {
    return []; // no public/ folder: nothing is copied
  }
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

/**
 * The file a path is written to, as a file system that ignores case and Unicode normalisation
 * (macOS, Windows: where editors preview) sees it: "/About/" and "/about/index.html" are one file.
 */
function fileKey(path: string): string {
  return (path.endsWith("/") ? `${path}index.html` : path).normalize("NFC").toLowerCase();
}

/**
 * Two things that would write the same file, or one a file where the other needs a folder, are an
 * error on the later one (a file's, when the other is Gazette's own), naming both.
 */
function collisions(owners: readonly Owner[], ownedFolders: readonly PlannedPath[]): Problem[] {
  const files = new Map<string, Owner>();
  const folders = new Map<string, Owner>();
  const problems: Problem[] = [];
  const owned = ownedFolders.map((f) => ({ ...f, key: f.path.toLowerCase() }));
  for (const owner of owners) {
    const key = fileKey(owner.path);
    let clash: { other: Owner; how: "same" | "below" | "above" } | undefined;
    const same = files.get(key);
    if (same) clash = { other: same, how: "same" };
    // The folders the file is in ("/a/b/index.html": "/a/b", "/a"), nearest first, up to the first
    // one already known as a folder: a known folder is no file, and neither is any folder above it
    // (a file there would have clashed), so each path looks at its new folders only (18,000 paths
    // at 10,000 articles, most of them in a few dozen date folders).
    const added: string[] = [];
    for (let end = clash ? 0 : key.lastIndexOf("/"); end > 0; end = key.lastIndexOf("/", end - 1)) {
      const folder = key.slice(0, end);
      if (folders.has(folder)) break;
      const file = files.get(folder);
      if (file) {
        clash = { other: file, how: "below" };
        break;
      }
      added.push(folder);
    }
    const below = !clash && folders.get(key);
    if (below) clash = { other: below, how: "above" };
    if (clash) {
      problems.push(clashProblem(owner, clash.other, clash.how));
      continue;
    }
    if (owner.field === "aliases") {
      const folder = owned.find((f) => key.startsWith(f.key) && key !== `${f.key}index.html`);
      const dated = DATE_LISTS.test(owner.path.toLowerCase()) ? "the year and month lists" : undefined;
      if (folder || dated) {
        problems.push(aliasProblem(owner, `everything under ${folder?.path ?? "/YYYY/ and /YYYY/MM/"} is ${folder?.who ?? dated}`));
        continue;
      }
    }
    files.set(key, owner);
    for (const folder of added) folders.set(folder, owner);
  }
  return problems;
}

function clashProblem(owner: Owner, taken: Owner, how: "same" | "below" | "above"): Problem {
  const culprit = owner.file ? owner : taken;
  const other = culprit === owner ? taken : owner;
  const caseOnly = how === "same" && owner.path !== taken.path && owner.path.toLowerCase() === taken.path.toLowerCase();
  const relation =
    how === "below"
      ? `inside ${other.path}, which is a file (${other.who})`
      : how === "above"
        ? `where ${other.path} (${other.who}) needs a folder`
        : owner.path === taken.path
          ? `the same URL as ${other.who}`
          : `the same file as ${other.path} (${other.who})${caseOnly ? " on a file system that ignores case" : ""}`;
  // Gazette's own files are not the author's to rename: an alias onto one is refused as such.
  if (culprit.field === "aliases" && !other.file) {
    const own =
      how === "below"
        ? `${other.path} is a file (${other.who}), so nothing can be published inside it`
        : how === "above"
          ? `${other.who} at ${other.path} needs a folder there`
          : owner.path === taken.path
            ? `${other.who} is published there`
            : `${other.who} is published at ${other.path}, the same file${caseOnly ? " on a file system that ignores case" : ""}`;
    return aliasProblem(culprit, own);
  }
  return {
    file: culprit.file ?? culprit.who,
    line: culprit.line?.(),
    field: culprit.field,
    message: `would be published at ${culprit.path}, ${relation}; give one of them another ${culprit.field === "aliases" ? "alias" : "slug"}`,
    severity: "error",
  };
}

function aliasProblem(alias: Owner, why: string): Problem {
  return {
    file: alias.file!,
    line: alias.line?.(),
    field: alias.field,
    message: `${alias.path} is a path Gazette writes itself: ${why}; an alias must be an old URL of this article`,
    severity: "error",
  };
}
