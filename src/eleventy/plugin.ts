// The Gazette Eleventy plugin: registers the archive model as global data, the public folder,
// the filters, the streamed pages (articles, lists and feeds) and the search index. Run by the
// preview's server (npm start), it renders into the preview's own folder only.
import { join, resolve } from "node:path";
import { rssPlugin } from "@11ty/eleventy-plugin-rss";
import { checkArchive, loadArchive } from "../archive/load.ts";
import { keepParsedFiles } from "../content/load.ts";
import type { ArchiveModel } from "../archive/views.ts";
import { ContentError, formatReport, hasErrors } from "../content/problems.ts";
import { openSearchIndex, planSearchIndex, type SearchPlan } from "../search/pagefind.ts";
import { cacheNunjucksCompilation } from "./nunjucks-cache.ts";
import { PreviewRebuilds } from "./preview.ts";
import { isPreviewRun, previewDir } from "./preview-server.ts";
import { publicCopyFilter } from "./public-files.ts";
import { writeStreamedPages, type NunjucksRuntime } from "./stream.ts";
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

  // Called on every build (also each watch rebuild), so the model is never stale. The model
  // Eleventy renders from is kept for the streamed pages, written after Eleventy's own.
  let current: ArchiveModel | undefined;
  let search: SearchPlan | undefined;
  // The preview's machinery (partial rebuilds, the error overlay) only for the preview's server:
  // a build that includes drafts (GAZETTE_INCLUDE_DRAFTS) is still a build.
  const preview = isPreviewRun() ? new PreviewRebuilds(previewDir(paths)) : undefined;
  eleventyConfig.addGlobalData("gazette", async () => {
    // Eleventy run as a server some other way (its own CLI) would write drafts into whatever
    // folder it was given: only the preview's folder is allowed.
    if (preview && resolve(eleventyConfig.directories.output) !== previewDir(paths)) {
      throw new Error(`The preview renders only into its own folder (${previewDir(paths)}): start it with \`npm start\``);
    }
    const mode = buildMode();
    const model = handedOver ?? (await timed("load and model (Eleventy data)", () => (preview ? previewModel(paths, mode) : loadArchive(paths, mode))));
    handedOver = undefined; // once: a rebuild (watch mode) loads fresh content
    search = planSearchIndex(model); // of every article, also when the preview renders only some
    current = preview ? await preview.select(model) : model;
    return current;
  });
  // The search page's bundle list. Eleventy computes global data in the order it was added, so
  // this plan is the one just made from `gazette`; it is used up once the build has indexed.
  eleventyConfig.addGlobalData("searchIndex", () => {
    if (!search) throw new Error("Gazette: the search index was not planned before the search page's data");
    return { bundleList: search.bundleList };
  });
  if (preview) eleventyConfig.on("eleventy.beforeWatch", (changed: string[]) => preview.changed(changed, [paths.content, paths.articles]));
  let nunjucks: NunjucksRuntime | undefined;
  eleventyConfig.on("eleventy.engine.njk", (runtime) => {
    cacheNunjucksCompilation(runtime.nunjucks);
    nunjucks = runtime;
  });
  // Feed helpers (dateToRfc3339) from the official feed plugin.
  eleventyConfig.addPlugin(rssPlugin);
  eleventyConfig.addWatchTarget(paths.content);
  eleventyConfig.addWatchTarget(paths.articles);
  const publicDir = join(options.root, "public");
  eleventyConfig.addPassthroughCopy({ [publicDir]: "/" }, { filter: publicCopyFilter(publicDir) });
  // Pages load the preview's error overlay only from the preview's server, which serves it.
  eleventyConfig.addNunjucksGlobal("previewServer", preview !== undefined);
  for (const [name, fn] of Object.entries(filters)) eleventyConfig.addFilter(name, fn);

  eleventyConfig.on("eleventy.after", async ({ directories }: EleventyAfterEvent) => {
    const model = current;
    const plan = search;
    search = undefined;
    if (!model || !plan || !nunjucks) throw new Error("Gazette: Eleventy finished without the archive model, its search plan or its Nunjucks environment");
    const output = resolve(directories.output);
    // Each article's search record (made from the model) goes to the index as its page is
    // written, newest first, so each bundle is complete (and written and freed) before the next
    // fills. The preview indexes every record after the reload. The build writes beside the live
    // site, whose unchanged bundles are reused.
    const index = preview ? undefined : await openSearchIndex(plan, join(output, "pagefind"), { previous: join(paths.output, "pagefind") });
    try {
      await timed("streamed pages (articles, lists, feeds)", () =>
        writeStreamedPages(nunjucks!, paths.templates, model, output, (kind, path) => {
          if (kind.alias === "article" && index) return index.add(plan.recordOf(path));
        }),
      );
    } catch (error) {
      await index?.abort();
      throw error;
    }
    if (preview) {
      preview.written();
      return preview.reindex(output, plan);
    }
    await timed("search index", () => index!.finish());
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
  const warnings = problems.length - errors.length;
  if (warnings) console.error(`${warnings} warning${warnings === 1 ? "" : "s"}: run \`npm run check\` to see them.`);
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
