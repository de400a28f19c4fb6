// `npm run check`: validate all content without building. Every problem, one run; exit 1 on errors.
import { fileURLToPath } from "node:url";
import { checkArchive } from "../archive/load.ts";
import { formatReport, hasErrors } from "../content/problems.ts";
import { buildMode, resolvePaths } from "../site.ts";

const root = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

export async function check(): Promise<number> {
  const { model, problems } = await checkArchive(resolvePaths(root), buildMode());
  if (problems.length) console.error(formatReport(problems));
  if (!model || hasErrors(problems)) return 1;
  console.log(`Content is valid: ${model.summary}.`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await check();
}
