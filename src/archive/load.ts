// Paths -> every problem, and the ArchiveModel when asked for it: the one entry point through
// which the build, the check command, the preview and the Eleventy plugin load content.
//   readArchive(paths, mode, { model: true })  -> { model, problems }   (build, preview)
//   readArchive(paths, mode, { model: false }) -> { problems, summary } (check: no rendering)
// `store` is the content store (src/content/store.ts): the preview passes the one it keeps;
// everything else gets a fresh one, so nothing from one run leaks into the next.
import { join } from "node:path";
import { loadContent, type Article } from "../content/load.ts";
import { now } from "../content/dates.ts";
import { ContentError, hasErrors, type Problem } from "../content/problems.ts";
import type { ContentStore } from "../content/store.ts";
import type { ArchiveMemo } from "./memo.ts";
import type { BuildMode, Paths } from "../site.ts";
import { indexArchive, listPublicFiles } from "./index.ts";
import type { ArchiveModel } from "./views.ts";
import { contentWarnings } from "./warnings.ts";

export interface ReadOptions {
  /** Build the page model too (renders every body); without it, only what checking needs. */
  model: boolean;
  /** The content store to read through (default: a fresh one). */
  store?: ContentStore;
  /** What the model may reuse from earlier builds (default: nothing). */
  memo?: ArchiveMemo;
}

/** What a preview keeps from one rebuild to the next; a one-shot build or check starts empty. */
export interface Reuse {
  store?: ContentStore;
  memo?: ArchiveMemo;
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
}

export async function readArchive(paths: Paths, mode: BuildMode, options: ReadOptions): Promise<ArchiveRead> {
  const content = await loadContent(paths, options.store);
  const { settings } = content;
  if (!settings) return { problems: content.problems };
  const withSettings = { ...content, settings };
  const clock = now(settings.timeZone);
  const publicDir = paths.public;
  const publicFiles = listPublicFiles(publicDir);
  if (options.model) {
    // Loaded only here: checking alone never renders, and stays small to start.
    const { buildArchive } = await import("./model.ts");
    const { model, problems, index } = buildArchive(withSettings, mode, clock, publicFiles, { memo: options.memo });
    const warnings = contentWarnings(withSettings, index, publicDir, clock);
    return { model, problems: sortProblems([...content.problems, ...problems, ...warnings]), summary: model.summary };
  }
  // Drafts and scheduled articles are checked like the rest: a clash should surface before publishing.
  const index = indexArchive(withSettings, { ...mode, drafts: true, future: true }, clock, publicFiles);
  return {
    problems: sortProblems([...content.problems, ...index.problems, ...contentWarnings(withSettings, index, publicDir, clock)]),
    summary: `${index.published.length} articles, ${index.registry("keyword").facets.size} keywords, ${index.registry("source").facets.size} sources, ${content.pages.length} pages`,
    articles: content.articles,
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
