// Paths -> every problem, and the ArchiveModel when asked for it: the one entry point through
// which the build, the check command, the preview and the Eleventy plugin load content.
//   readArchive(paths, mode, { model: true })  -> { model, problems }   (build, preview)
//   readArchive(paths, mode, { model: false }) -> { problems, summary } (check: no rendering)
// `store` is the content store (src/content/store.ts): the preview passes the one it keeps;
// everything else gets a fresh one, so nothing from one run leaks into the next.
import { join } from "node:path";
import type { DateTime } from "luxon";
import { loadContent, type Article } from "../content/load.ts";
import { now } from "../content/dates.ts";
import { ContentError, hasErrors, type Problem } from "../content/problems.ts";
import type { ContentStore } from "../content/store.ts";
import type { ArticleCache } from "../content/cache.ts";
import type { ReadAhead } from "../content/read-ahead.ts";
import type { ArchiveMemo } from "./memo.ts";
import type { BuildMode, Paths } from "../site.ts";
import { indexArchive, listPublicFiles } from "./index.ts";
import { scheduledChanges, type ScheduledChange } from "./schedule.ts";
import type { ArchiveModel } from "./views.ts";
import { contentWarnings } from "./warnings.ts";
import { imageProblems, imageRequests, prepareImages, type ImageFolders } from "../images/lead-images.ts";
import { timed } from "../timing.ts";

export interface ReadOptions {
  /** Build the page model too (renders every body); without it, only what checking needs. */
  model: boolean;
  /** The content store to read through (default: a fresh one). */
  store?: ContentStore;
  /** What the model may reuse from earlier builds (default: nothing). */
  memo?: ArchiveMemo;
  /** The production build's article cache (src/content/cache.ts; default: none). */
  cache?: ArticleCache;
  /** The content files read ahead on a worker (src/content/read-ahead.ts; default: none). */
  ahead?: ReadAhead;
}

/** What a preview keeps from one rebuild to the next; a one-shot build or check starts empty. */
export interface Reuse {
  store?: ContentStore;
  memo?: ArchiveMemo;
  /** A production build's article cache, read from and kept for the next build. */
  cache?: ArticleCache;
  /** The content files, read on a worker while the build started (src/content/read-ahead.ts). */
  ahead?: ReadAhead;
}

export interface ArchiveRead {
  /** Built from the valid files when `model` was asked for and the settings are valid. */
  model?: ArchiveModel;
  /** Errors and warnings, sorted by file and line. */
  problems: Problem[];
  /** "N articles, N keywords, …" when the settings are valid. */
  summary?: string;
  /** Every valid article, drafts and scheduled ones included (the link check reads their sources). */
  articles?: readonly Article[];
  /** Check only: articles going live or coming down after `now` (the site's zone), soonest first. */
  schedule?: { now: DateTime; changes: ScheduledChange[] };
}

export async function readArchive(paths: Paths, mode: BuildMode, options: ReadOptions): Promise<ArchiveRead> {
  const content = await timed("load: read, parse and validate", () => loadContent(paths, options.store, options.cache, options.ahead));
  const { settings } = content;
  if (!settings) return { problems: content.problems };
  const withSettings = { ...content, settings };
  const clock = now(settings.timeZone);
  const publicDir = paths.public;
  const publicFiles = listPublicFiles(publicDir);
  const folders: ImageFolders = { publicDir, publicFiles: new Set(publicFiles), cacheDir: paths.imageCache };
  if (options.model) {
    // Loaded only here: checking alone never renders, and stays small to start.
    const { buildArchive } = await import("./model.ts");
    // Every lead image made (or found in the cache) before the model, which only names the files.
    const images = await timed("lead images", () => prepareImages(imageRequests(withSettings, paths), folders));
    const { model, problems, index } = buildArchive(withSettings, mode, clock, publicFiles, { memo: options.memo, images });
    const warnings = contentWarnings(withSettings, index, publicDir, clock);
    return { model, problems: sortProblems([...content.problems, ...problems, ...images.problems, ...warnings]), summary: model.summary };
  }
  // Drafts and scheduled articles are checked like the rest: a clash should surface before publishing.
  const index = indexArchive(withSettings, { ...mode, drafts: true, future: true }, clock, publicFiles);
  return {
    problems: sortProblems([...content.problems, ...index.problems, ...contentWarnings(withSettings, index, publicDir, clock), ...(await imageProblems(imageRequests(withSettings, paths), folders))]),
    summary: `${index.published.length} articles, ${index.registry("keyword").facets.size} keywords, ${index.registry("source").facets.size} sources, ${content.pages.length} pages`,
    articles: content.articles,
    schedule: { now: clock, changes: scheduledChanges(content.articles, clock) },
  };
}

/** Loads and models everything; problems include warnings. `model` is built from the valid files. */
export async function checkArchive(paths: Paths, mode: BuildMode, reuse: Reuse = {}): Promise<{ model?: ArchiveModel; problems: Problem[] }> {
  return readArchive(paths, mode, { model: true, ...reuse });
}

/** The model, or a ContentError carrying every problem when any is an error. */
export async function loadArchive(paths: Paths, mode: BuildMode, reuse: Reuse = {}): Promise<ArchiveModel> {
  const { model, problems } = await checkArchive(paths, mode, reuse);
  if (!model || hasErrors(problems)) throw new ContentError(problems);
  return model;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1));
}
