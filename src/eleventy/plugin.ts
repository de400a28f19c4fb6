// The Gazette Eleventy plugin: registers the archive model as global data, the public folder,
// the filters, the streamed pages (articles, lists, feeds and sitemap files) and the search index.
// Run by the preview's server (npm start), it renders into the preview's own folder only.
//
// Eleventy's role: the host. It owns the configuration (eleventy.config.ts and every plugin added
// there), the data cascade, the Nunjucks environment with every filter and shortcode a plugin
// registers, the development server and watching, and the passthrough copy. Gazette owns the
// content and the model, and writes the archive's bulk itself (./stream.ts), because Eleventy
// keeps every page it renders until the build ends. The render pipeline, for every page:
//   content --(store, load, validate; src/archive/load.ts)--> model
//     --(global data `gazette`)--> Eleventy's pages (search, directories, pages, redirects, 404)
//     --(eleventy.after, Eleventy's own Nunjucks)--> streamed pages (articles, lists, feeds, sitemaps)
//   each page --(Eleventy's registered transforms, ./transforms.ts)--> written
// So a transform or an HTML-transform plugin added to eleventy.config.ts sees every page Gazette
// writes, with the same `page` (url, inputPath, outputPath) it gets on Eleventy's own.
import { join, resolve } from "node:path";
import { rssPlugin } from "../commonjs.ts";
import { checkArchive, loadArchive } from "../archive/load.ts";
import type { ArchiveModel } from "../archive/views.ts";
import { ContentError, formatReport, hasErrors } from "../content/problems.ts";
import { openSearchIndex, planSearchIndex, type SearchPlan } from "../search/pagefind.ts";
import { PreviewRebuilds } from "./preview.ts";
import { isPreviewRun, previewDir } from "./preview-server.ts";
import { fontCopies } from "./fonts.ts";
import { publicCopyFilter } from "./public-files.ts";
import { writeStreamedPages, type NunjucksRuntime } from "./stream.ts";
import type { PageReuse } from "../incremental/build.ts";
import { registeredTransforms } from "./transforms.ts";
import { timed } from "../timing.ts";
import { copyImageFiles } from "../images/lead-images.ts";
import { buildMode, resolvePaths, type BuildMode, type Paths } from "../site.ts";
import type { EleventyAfterEvent, EleventyConfig } from "@11ty/eleventy";

export interface GazetteOptions {
  /** Project root; content/ and public/ are found under it. */
  root: string;
  /**
   * A model already loaded and checked (by `npm run build`), rendered as it is instead of
   * loading content again. Used for the first build only: a watch rebuild loads fresh content.
   */
  model?: ArchiveModel;
  /**
   * With the model: which of its streamed pages the last build's output already holds
   * (src/incremental/build.ts), taken from there instead of being rendered.
   */
  reuse?: PageReuse;
}

const filters = {
  /** Serialises data for a JSON-LD <script>; `<` is escaped so no value can close the script. */
  jsonLd: (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c"),
} as const;

/** What one Eleventy run carries from its data step to its `eleventy.after` step. */
interface RunState {
  /** The model Eleventy renders from, kept for the streamed pages written after Eleventy's own. */
  model?: ArchiveModel;
  nunjucks?: NunjucksRuntime;
  /** A model handed over in the options, not yet used. */
  handedOver?: ArchiveModel;
  /** The handed-over model's page reuse, for the run that renders it. */
  reuse?: PageReuse;
  /** The search index planned from this run's whole model (the preview renders only some of it). */
  search?: SearchPlan;
}

export function gazette(eleventyConfig: EleventyConfig, options: GazetteOptions): void {
  const paths = resolvePaths(options.root);
  const state: RunState = { handedOver: options.model };
  // The preview's machinery (partial rebuilds, the content store kept between rebuilds, the error
  // overlay) only for the preview's server: a build that includes drafts (GAZETTE_INCLUDE_DRAFTS)
  // is still a build.
  const preview = isPreviewRun() ? new PreviewRebuilds(previewDir(paths)) : undefined;
  eleventyConfig.addGlobalData("gazette", async () => {
    // Eleventy run as a server some other way (its own CLI) would write drafts into whatever
    // folder it was given: only the preview's folder is allowed.
    if (preview && resolve(eleventyConfig.directories.output) !== previewDir(paths)) {
      throw new Error(`The preview renders only into its own folder (${previewDir(paths)}): start it with \`npm start\``);
    }
    // Called on every build (also each watch rebuild), so the model is never stale.
    const mode = buildMode();
    const model = state.handedOver ?? (await timed("load and model (Eleventy data)", () => (preview ? previewModel(paths, mode, preview) : loadArchive(paths, mode))));
    state.reuse = state.handedOver ? options.reuse : undefined;
    state.handedOver = undefined; // once: a rebuild (watch mode) loads fresh content
    state.search = planSearchIndex(model); // of every article, also when the preview renders only some
    state.model = preview ? await preview.select(model) : model;
    return state.model;
  });
  // The search page's bundle list. Eleventy computes global data in the order it was added, so
  // this plan is the one just made from `gazette`; it is used up once the build has indexed.
  eleventyConfig.addGlobalData("searchIndex", () => {
    if (!state.search) throw new Error("Gazette: the search index was not planned before the search page's data");
    return { bundleList: state.search.bundleList };
  });
  if (preview) eleventyConfig.on("eleventy.beforeWatch", (changed: string[]) => preview.changed(changed, [paths.content, paths.articles]));
  eleventyConfig.on("eleventy.engine.njk", (runtime) => {
    state.nunjucks = runtime;
  });
  // Feed helpers (dateToRfc3339) from the official feed plugin.
  eleventyConfig.addPlugin(rssPlugin);
  eleventyConfig.addWatchTarget(paths.content);
  eleventyConfig.addWatchTarget(paths.articles);
  const publicDir = paths.public;
  eleventyConfig.addPassthroughCopy({ [publicDir]: "/" }, { filter: publicCopyFilter(publicDir) });
  eleventyConfig.addPassthroughCopy(fontCopies());
  // Pages load the preview's error overlay only from the preview's server, which serves it.
  eleventyConfig.addNunjucksGlobal("previewServer", preview !== undefined);
  for (const [name, fn] of Object.entries(filters)) eleventyConfig.addFilter(name, fn);

  eleventyConfig.on("eleventy.after", async ({ directories }: EleventyAfterEvent) => {
    const { model, nunjucks, search: plan, reuse } = state;
    state.search = undefined;
    if (!model || !plan || !nunjucks) throw new Error("Gazette: Eleventy finished without the archive model, its search plan or its Nunjucks environment");
    // Read now, when every plugin has registered its transforms.
    const transform = registeredTransforms(eleventyConfig);
    const output = resolve(directories.output);
    // Each article's search record (made from the model) goes to the index as its page is
    // written, newest first, so each bundle is complete (and written and freed) before the next
    // fills. The preview indexes every record after the reload. The build writes beside the live
    // site, whose unchanged bundles are reused.
    const index = preview ? undefined : await openSearchIndex(plan, join(output, "pagefind"), { previous: join(paths.output, "pagefind"), digests: reuse, recycled: true });
    try {
      await timed("lead images (copied from the cache)", () => copyImageFiles(model.imageFiles, output));
      await timed("streamed pages (articles, lists, feeds, sitemaps)", () =>
        writeStreamedPages({ ...nunjucks, transform }, paths.templates, model, output, (kind, path) => {
          if (kind.alias === "article" && index && plan.indexes(path)) {
            // Bound, not an arrow: named in place, it would be named as it is made (src/archive/lazy.ts, once).
            return index.add({ url: path, part: plan.partOf(path), key: reuse?.recordKey(path), record: plan.recordOf.bind(plan, path) });
          }
        }, reuse),
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

// First added wins: `npm run build` adds the plugin with the model it checked (through
// Eleventy's programmatic `config` callback, which runs before eleventy.config.ts), and the
// config file's own addPlugin(gazette) is then skipped rather than run twice.
Object.defineProperty(gazette, "eleventyPackage", { value: "gazette" });
Object.defineProperty(gazette, "eleventyPluginOptions", { value: { unique: true } });

/**
 * The preview never stops on a bad file: the site is built from the valid files, the problems
 * go to the terminal and onto every page (an overlay), and fixing the file brings it back. When
 * nothing can be built (the settings file itself is broken), the last good site is shown with
 * the overlay instead. The preview's content store makes each rebuild re-read only the files
 * that changed.
 */
async function previewModel(paths: Paths, mode: BuildMode, preview: PreviewRebuilds): Promise<ArchiveModel> {
  const { model, problems } = await checkArchive(paths, mode, { store: preview.store, memo: preview.memo });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) console.error(formatReport(errors));
  const warnings = problems.length - errors.length;
  if (warnings) console.error(`${warnings} warning${warnings === 1 ? "" : "s"}: run \`npm run check\` to see them.`);
  const overlay = { title: `${errors.length} problem${errors.length === 1 ? "" : "s"} to fix`, lines: formatReport(errors).split("\n").slice(0, -1) };
  if (!model) {
    if (preview.lastGood) return { ...preview.lastGood, problems: overlay };
    throw new ContentError(problems); // nothing has ever built: the terminal says why
  }
  if (!hasErrors(problems)) {
    preview.lastGood = model;
    return model;
  }
  return { ...model, problems: overlay };
}
