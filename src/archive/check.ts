// Paths -> every error and warning, without rendering or building the page model: what
// `npm run check` runs. Kept apart from the model so the command loads only what it needs.
import { join } from "node:path";
import { loadContent } from "../content/load.ts";
import { now } from "../content/dates.ts";
import type { Problem } from "../content/problems.ts";
import type { BuildMode, Paths } from "../site.ts";
import { indexArchive, listPublicFiles } from "./index.ts";
import { contentWarnings } from "./warnings.ts";

/** Validates everything without rendering: errors and warnings, for `npm run check`. */
export async function checkContent(paths: Paths, mode: BuildMode): Promise<{ problems: Problem[]; summary?: string }> {
  const content = await loadContent(paths);
  const { settings } = content;
  if (!settings) return { problems: content.problems };
  const withSettings = { ...content, settings };
  const clock = now(settings.timeZone);
  // Drafts and scheduled articles are checked like the rest: a clash should surface before publishing.
  const index = indexArchive(withSettings, { ...mode, drafts: true, future: true }, clock, listPublicFiles(join(paths.root, "public")));
  const problems = [...content.problems, ...index.problems, ...contentWarnings(withSettings, index, join(paths.root, "public"), clock)];
  return {
    problems: sortProblems(problems),
    summary: `${index.published.length} articles, ${index.registry("keyword").facets.size} keywords, ${index.registry("source").facets.size} sources, ${content.pages.length} pages`,
  };
}

export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1));
}
