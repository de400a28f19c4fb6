// The Gazette Eleventy plugin: registers the archive model as global data, the public folder,
// the filters and the search-index hook, each from a table so the wiring reads at a glance.
import { join, resolve } from "node:path";
import { rssPlugin } from "@11ty/eleventy-plugin-rss";
import { checkArchive, loadArchive } from "../archive/load.ts";
import { keepParsedFiles } from "../content/load.ts";
import type { ArchiveModel } from "../archive/views.ts";
import { ContentError, formatReport, hasErrors } from "../content/problems.ts";
import { openSearchIndex, type BundleTarget, type SearchIndexWriter } from "../search/pagefind.ts";
import { cacheNunjucksCompilation } from "./nunjucks-cache.ts";
import { PreviewRebuilds } from "./preview.ts";
import { timed } from "../timing.ts";
import { buildMode, resolvePaths, type BuildMode, type Paths } from "../site.ts";
import type { EleventyAfterEvent, EleventyConfig } from "@11ty/eleventy";

export interface GazetteOptions {
  /** Project root; content/ and public/ are found under it. */
  root: string;
}

const filters = {
  /** Serialises data for a JSON-LD <script>; `<` is escaped so no value can close the script. */
  jsonLd: (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c"),
} as const;

/** A model the build command has just made and checked, handed to the next Eleventy build once. */
let handedOver: ArchiveModel | undefined;

/** Lets the build command pass the model it validated, so Eleventy does not load it again. */
export function handOverModel(model: ArchiveModel): void {
  handedOver = model;
}

export function gazette(eleventyConfig: EleventyConfig, options: GazetteOptions): void {
  const paths = resolvePaths(options.root);

  // Called on every build (also each watch rebuild), so the model is never stale.
  // The search index needs the article pages and the site's language: taken from the model
  // each build.
  let search = { language: "en", articles: new Set<string>(), bundles: [] as BundleTarget[] };
  const preview = buildMode().drafts ? new PreviewRebuilds(paths.output) : undefined;
  eleventyConfig.addGlobalData("gazette", async () => {
    const mode = buildMode();
    const model = handedOver ?? (await timed("load and model (Eleventy data)", () => (mode.drafts ? previewModel(paths, mode) : loadArchive(paths, mode))));
    handedOver = undefined; // once: a rebuild (watch mode) loads fresh content
    search = { language: model.site.lang, articles: new Set(model.articles.map((a) => a.path)), bundles: model.search.bundles };
    return preview ? preview.select(model) : model;
  });
  if (preview) eleventyConfig.on("eleventy.beforeWatch", (changed: string[]) => preview.changed(changed, [paths.content, paths.articles]));
  eleventyConfig.on("eleventy.engine.njk", ({ nunjucks }) => cacheNunjucksCompilation(nunjucks));
  // Feed helpers (dateToRfc3339) from the official feed plugin.
  eleventyConfig.addPlugin(rssPlugin);
  eleventyConfig.addWatchTarget(paths.content);
  eleventyConfig.addWatchTarget(paths.articles);
  eleventyConfig.addPassthroughCopy({ [join(options.root, "public")]: "/" });
  for (const [name, fn] of Object.entries(filters)) eleventyConfig.addFilter(name, fn);

  // Article pages go to the search index as soon as each is rendered (URLs unprefixed: Pagefind's
  // client adds the path its bundle is served from); each bundle is written after its last page.
  let index: Promise<SearchIndexWriter> | undefined;
  const open = (output: string) => openSearchIndex(search.language, search.bundles, resolve(output, "pagefind"));
  eleventyConfig.addTransform("gazette-search-index", async function (this: { page: { url: string | false } }, content: string) {
    const url = this.page.url;
    if (url && search.articles.has(url)) {
      if (preview) preview.articleHtml.set(url, content);
      else {
        index ??= open(eleventyConfig.directories.output);
        await (await index).add({ url, html: content });
      }
    }
    return content;
  });
  eleventyConfig.on("eleventy.after", async ({ directories }: EleventyAfterEvent) => {
    // The preview reloads the browser first and brings the search index up to date just after.
    if (preview) return preview.reindex(directories.output, search.language, search.bundles);
    const writer = await (index ?? open(directories.output));
    index = undefined;
    await timed("search index", () => writer.finish());
  });
}

/**
 * The preview never stops on a bad file: the site is built from the valid files, the problems
 * go to the terminal and onto every page (an overlay), and fixing the file brings it back. When
 * nothing can be built (the settings file itself is broken), the last good site is shown with
 * the overlay instead.
 */
let lastGoodPreview: ArchiveModel | undefined;

async function previewModel(paths: Paths, mode: BuildMode): Promise<ArchiveModel> {
  keepParsedFiles(); // each rebuild re-reads only the files that changed
  const { model, problems } = await checkArchive(paths, mode);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) console.error(formatReport(errors));
  if (problems.length > errors.length) console.error(`${problems.length - errors.length} warnings: run \`npm run check\` to see them.`);
  const overlay = { title: `${errors.length} problem${errors.length === 1 ? "" : "s"} to fix`, lines: formatReport(errors).split("\n").slice(0, -1) };
  if (!model) {
    if (lastGoodPreview) return { ...lastGoodPreview, problems: overlay };
    throw new ContentError(problems); // nothing has ever built: the terminal says why
  }
  if (!hasErrors(problems)) {
    lastGoodPreview = model;
    return model;
  }
  return { ...model, problems: overlay };
}
