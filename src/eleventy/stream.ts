// Streamed pages: the archive's bulk (article pages, article lists and Atom feeds) rendered with
// Eleventy's own Nunjucks environment and written one at a time, rather than as Eleventy pages.
//   model.articles -> _includes/streamed/article.njk -> <output>/2024/07/slug/index.html (and the search index)
//   model.lists    -> _includes/streamed/list.njk    -> <output>/keywords/idlib/page/2/index.html
//   model.feeds    -> _includes/streamed/feed.njk    -> <output>/keywords/idlib/feed.xml
//   model.sitemaps -> _includes/streamed/sitemap.njk -> <output>/sitemaps/2024.xml
// Why: Eleventy keeps every page it renders in memory until the build ends (each paginated page
// is a Template object holding its output). A heap snapshot of a 1,000-article build put page
// HTML and feeds at two thirds of the heap, and a 50,000-article build ran out of memory; at
// 10,000 articles, after articles and feeds were streamed, list pages were most of what was left. A
// streamed page is rendered, run through Eleventy's transforms, written, handed to the search
// index and let go.
// The templates stay ordinary Nunjucks files with the same layout, filters, shortcodes and global
// data as every other page, and get Eleventy's `page` variable; they sit under _includes/ so that
// Eleventy does not render them as pages. Every page then goes through Eleventy's registered
// transforms (./transforms.ts), so a plugin added to eleventy.config.ts reaches these pages too.
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, extname, join, relative } from "node:path";
import type { ArchiveModel } from "../archive/views.ts";
import type { PageReuse } from "../incremental/build.ts";
import type { PageContext, RunTransforms } from "./transforms.ts";
import { timed } from "../timing.ts";

export interface StreamedKind {
  /** File in the templates folder's _includes/streamed/. */
  template: string;
  /** Name the template knows each item by. */
  alias: string;
  items(model: ArchiveModel): readonly { path: string }[];
}

export const STREAMED: readonly StreamedKind[] = [
  { template: "article.njk", alias: "article", items: (m) => m.articles },
  { template: "list.njk", alias: "list", items: (m) => m.lists },
  { template: "feed.njk", alias: "feed", items: (m) => m.feeds },
  { template: "sitemap.njk", alias: "sitemap", items: (m) => m.sitemaps },
];

/** The parts of Nunjucks (as Eleventy configured it) that rendering a file needs. */
export interface NunjucksRuntime {
  nunjucks: { Template: new (source: string, env: object, path: string, eagerCompile?: boolean) => NunjucksTemplate };
  environment: object;
}

/** Eleventy's Nunjucks and its transforms: everything a streamed page goes through. */
export interface StreamRuntime extends NunjucksRuntime {
  /** Eleventy's registered transforms, run on each page before it is written. */
  transform: RunTransforms;
}

interface NunjucksTemplate {
  render(context: object, callback: (error: Error | null, result?: string) => void): void;
}

/** A page's file, relative to the output folder: "/a/b/" -> "a/b/index.html", "/a/feed.xml" -> "a/feed.xml". */
export function pageFile(path: string): string {
  // Leading slashes dropped without a regular expression: 36,000 calls in a day's build.
  let start = 0;
  while (path.charCodeAt(start) === 47) start++;
  const file = start ? path.slice(start) : path;
  return path.endsWith("/") ? `${file}index.html` : file;
}

/** A page's file in `outputDir`. */
export function outputFile(outputDir: string, path: string): string {
  return join(outputDir, ...pageFile(path).split("/"));
}

/** How many files may be waiting to be written while the next page renders. */
const WRITES_IN_FLIGHT = 16;

/**
 * Renders every streamed page of `model` into `outputDir`, in model order (articles newest
 * first, so search bundles fill one after another), each through Eleventy's transforms.
 * `rendered` sees each page after it is written, e.g. to index it; its promise applies
 * back-pressure. With `reuse` (an incremental build), a page whose inputs are unchanged is not
 * rendered: its file is taken from the last build, and `rendered` sees it all the same.
 */
export async function writeStreamedPages(
  runtime: StreamRuntime,
  templatesDir: string,
  model: ArchiveModel,
  outputDir: string,
  rendered: (kind: StreamedKind, path: string) => Promise<void> | void = () => undefined,
  reuse?: PageReuse,
): Promise<number> {
  const made = new Set<string>();
  const writes = new Set<Promise<void>>();
  let failed: Error | undefined;
  let count = 0;
  for (const kind of STREAMED) {
    const file = join(templatesDir, "_includes", "streamed", kind.template);
    const template = new runtime.nunjucks.Template(readFileSync(file, "utf8"), runtime.environment, file, false);
    // Written the way Eleventy writes a template's inputPath.
    const inputPath = `./${relative(process.cwd(), file)}`;
    for (const item of kind.items(model)) {
      if (reuse?.reusable(kind.alias, item.path, item)) {
        // Its folder and link are made on the side (src/incremental/build.ts).
        reuse.take(item.path, outputDir);
        await rendered(kind, item.path);
        count++;
        continue;
      }
      const target = outputFile(outputDir, item.path);
      const page: PageContext = { url: item.path, inputPath, outputPath: target, outputFileExtension: extname(target).slice(1), templateSyntax: "njk" };
      const html = await runtime.transform(await render(template, { gazette: model, page, [kind.alias]: item }, inputPath), page);
      const dir = dirname(target);
      if (!made.has(dir)) {
        await mkdir(dir, { recursive: true });
        made.add(dir);
      }
      // A recycled folder may hold the live site's file here: it is replaced, never written into.
      await reuse?.vacate(item.path, target);
      // A write that fails is remembered and fails the build, even if nothing awaited it.
      const written = writeFile(target, html).then(() => reuse?.written(kind.alias, item.path, item, target));
      const write = written.then(
        () => void writes.delete(write),
        (e: Error) => {
          writes.delete(write);
          failed ??= new Error(`cannot write ${target}: ${e.message}`, { cause: e });
        },
      );
      writes.add(write);
      if (writes.size >= WRITES_IN_FLIGHT) await Promise.race(writes);
      if (failed) throw failed;
      await rendered(kind, item.path);
      count++;
    }
  }
  await Promise.all(writes);
  if (failed) throw failed;
  if (reuse) await timed("incremental: waiting for the pages taken from the last build", () => reuse.settle());
  return count;
}

function render(template: NunjucksTemplate, context: object, file: string): Promise<string> {
  return new Promise((resolve, reject) =>
    template.render(context, (error, result) =>
      // Worded like Eleventy's own template errors, so the build reports both the same way.
      error ? reject(new Error(`Having trouble rendering njk template ${file}`, { cause: error })) : resolve(result ?? ""),
    ),
  );
}
