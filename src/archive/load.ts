// Paths -> ArchiveModel, or a ContentError carrying every problem. The entry points the build,
// the check command and the Eleventy plugin share.
import { join } from "node:path";
import { loadContent, type Content } from "../content/load.ts";
import { now } from "../content/dates.ts";
import { ContentError, hasErrors, type Problem } from "../content/problems.ts";
import type { BuildMode, Paths, SiteSettings } from "../site.ts";
import { indexArchive } from "./index.ts";
import { buildArchive } from "./model.ts";
import type { ArchiveModel } from "./views.ts";
import { contentWarnings } from "./warnings.ts";

/** Validates everything without rendering: errors and warnings, for `npm run check`. */
export async function checkContent(paths: Paths, mode: BuildMode): Promise<{ problems: Problem[]; summary?: string }> {
  const content = await loadContent(paths);
  const { settings } = content;
  if (!settings) return { problems: content.problems };
  const withSettings = { ...content, settings };
  const clock = now(settings.timeZone);
  const index = indexArchive(withSettings, mode, clock);
  const problems = [...content.problems, ...index.problems, ...contentWarnings(withSettings, index, join(paths.root, "public"), clock)];
  return {
    problems: sortProblems(problems),
    summary: `${index.published.length} articles, ${index.keywords.facets.size} keywords, ${index.sources.facets.size} sources, ${content.pages.length} pages`,
  };
}

/** Loads and models everything; problems include warnings. `model` is built from the valid files. */
export async function checkArchive(paths: Paths, mode: BuildMode): Promise<{ model?: ArchiveModel; problems: Problem[] }> {
  const content = await loadContent(paths);
  const { settings } = content;
  if (!settings) return { problems: content.problems };
  const withSettings = { ...content, settings };
  const { model, problems } = buildArchive(withSettings, mode, now(settings.timeZone));
  return { model, problems: sortProblems([...content.problems, ...problems, ...warningsFor(withSettings, paths, mode)]) };
}

export async function loadArchive(paths: Paths, mode: BuildMode): Promise<ArchiveModel> {
  const { model, problems } = await checkArchive(paths, mode);
  if (!model || hasErrors(problems)) throw new ContentError(problems);
  return model;
}

function warningsFor(content: Content & { settings: SiteSettings }, paths: Paths, mode: BuildMode): Problem[] {
  return contentWarnings(content, indexArchive(content, mode, now(content.settings.timeZone)), join(paths.root, "public"), now(content.settings.timeZone));
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1));
}
