// Paths -> ArchiveModel, or a ContentError carrying every problem. The one entry point the
// build, the check command and the Eleventy plugin share.
import { loadContent } from "../content/load.ts";
import { now } from "../content/dates.ts";
import { ContentError, hasErrors, type Problem } from "../content/problems.ts";
import type { BuildMode, Paths } from "../site.ts";
import { buildArchive } from "./model.ts";
import type { ArchiveModel } from "./views.ts";

export async function checkArchive(paths: Paths, mode: BuildMode): Promise<{ model?: ArchiveModel; problems: Problem[] }> {
  const content = await loadContent(paths);
  const { settings } = content;
  if (!settings) return { problems: content.problems };
  const { model, problems } = buildArchive({ ...content, settings }, mode, now(settings.timeZone));
  return { model, problems: [...content.problems, ...problems] };
}

export async function loadArchive(paths: Paths, mode: BuildMode): Promise<ArchiveModel> {
  const { model, problems } = await checkArchive(paths, mode);
  if (!model || hasErrors(problems)) throw new ContentError(problems);
  return model;
}
