// `npm run check`: validate all content without building. Every problem, one run; exit 1 on errors.
import { checkArchive } from "../archive/load.ts";
import { formatReport, hasErrors } from "../content/problems.ts";
import { buildMode, PROJECT_ROOT as root, resolvePaths } from "../site.ts";
import { runIfMain } from "./run.ts";

export async function check(): Promise<number> {
  const { model, problems } = await checkArchive(resolvePaths(root), buildMode());
  if (problems.length) console.error(formatReport(problems));
  if (!model || hasErrors(problems)) return 1;
  console.log(`Content is valid: ${model.summary}.`);
  return 0;
}

runIfMain(import.meta.url, check);
