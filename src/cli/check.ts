// `npm run check [-- --json]`: validate all content without building. Every problem in one run,
// grouped by file; warnings do not fail. Exit 1 on errors.
import { parseArgs } from "node:util";
import { checkContent } from "../archive/check.ts";
import { formatReport, hasErrors } from "../content/problems.ts";
import { buildMode, PROJECT_ROOT as root, resolvePaths } from "../site.ts";
import { runIfMain } from "./run.ts";

export async function check(args = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: "boolean", default: false } } });
  const started = performance.now();
  const { problems, summary } = await checkContent(resolvePaths(root), buildMode());
  const failed = !summary || hasErrors(problems);
  if (values.json) {
    const errors = problems.filter((p) => p.severity === "error").length;
    console.log(JSON.stringify({ ok: !failed, errors, warnings: problems.length - errors, problems }, null, 2));
    return failed ? 1 : 0;
  }
  if (problems.length) console.error(formatReport(problems));
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (failed) {
    console.error(`Checked in ${seconds} s: fix the errors above.`);
    return 1;
  }
  console.log(`Content is valid (${summary}), checked in ${seconds} s.`);
  return 0;
}

runIfMain(import.meta.url, () => check());
