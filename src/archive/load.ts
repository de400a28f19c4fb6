// Paths -> ArchiveModel, or a ContentError carrying every problem. The entry points the build,
// the check command and the Eleventy plugin share.
import { join } from "node:path";
import { loadContent } from "../content/load.ts";
import { now } from "../content/dates.ts";
import { ContentError, hasErrors, type Problem } from "../content/problems.ts";
import type { BuildMode, Paths } from "../site.ts";
import { sortProblems } from "./check.ts";
import { buildArchive, type ArchiveMemo } from "./model.ts";
import { listPublicFiles } from "./index.ts";
import type { ArchiveModel } from "./views.ts";
import { contentWarnings } from "./warnings.ts";

/**
 * Loads and models everything; problems include warnings. `model` is built from the valid files.
 * `memo`: what to reuse from earlier builds (the preview passes the same one to every rebuild).
 */
export async function checkArchive(paths: Paths, mode: BuildMode, memo?: ArchiveMemo): Promise<{ model?: ArchiveModel; problems: Problem[] }> {
  const content = await loadContent(paths);
  const { settings } = content;
  if (!settings) return { problems: content.problems };
  const withSettings = { ...content, settings };
  const clock = now(settings.timeZone);
  const { model, problems, index } = buildArchive(withSettings, mode, clock, listPublicFiles(join(paths.root, "public")), { memo });
  const warnings = contentWarnings(withSettings, index, join(paths.root, "public"), clock);
  return { model, problems: sortProblems([...content.problems, ...problems, ...warnings]) };
}

export async function loadArchive(paths: Paths, mode: BuildMode, memo?: ArchiveMemo): Promise<ArchiveModel> {
  const { model, problems } = await checkArchive(paths, mode, memo);
  if (!model || hasErrors(problems)) throw new ContentError(problems);
  return model;
}
