// Paths -> every error and warning, without rendering or building the page model: what
// `npm run check` runs. The same entry point as the build (./load.ts), asked for no model.
import type { BuildMode, Paths } from "../site.ts";
import { readArchive, type ArchiveRead } from "./load.ts";

export { sortProblems } from "./load.ts";

/** Validates everything without rendering: errors and warnings, for `npm run check`. */
export async function checkContent(paths: Paths, mode: BuildMode): Promise<Omit<ArchiveRead, "model">> {
  return readArchive(paths, mode, { model: false });
}
