// `npm run check [-- --json] [--verbose]`: validate all content without building. Every problem in
// one run, grouped by file; warnings do not fail. Exit 1 on errors, 2 on a mistyped command.
// Whatever happens, the output is one clear line per problem (with --json: one JSON document),
// never a stack trace unless --verbose or DEBUG asks for it.
import { parseArgs } from "node:util";
import { checkContent } from "../archive/check.ts";
import { formatReport, hasErrors, type Problem } from "../content/problems.ts";
import { buildMode, PROJECT_ROOT as root, resolvePaths } from "../site.ts";
import { runIfMain } from "./run.ts";

const USAGE = "usage: npm run check [-- --json] [--verbose]";

export async function check(args = process.argv.slice(2)): Promise<number> {
  // Read before parsing, so a mistyped flag beside --json still answers in JSON.
  const json = args.includes("--json");
  let verbose = args.includes("--verbose") || Boolean(process.env.DEBUG);
  const started = performance.now();
  try {
    ({ verbose } = parseOptions(args, verbose));
  } catch (e) {
    const message = `${(e as Error).message.split("\n")[0]}`;
    if (json) printJson([{ file: ".", message: `${message}; ${USAGE}`, severity: "error" }], false);
    else console.error(`${message}\n${USAGE}`);
    return 2;
  }
  let problems: Problem[];
  let summary: string | undefined;
  try {
    ({ problems, summary } = await checkContent(resolvePaths(root), buildMode()));
  } catch (e) {
    // A bug or an unforeseen file-system state: one line, and the stack only when asked for.
    const message = `the check stopped unexpectedly: ${(e as Error)?.message?.split("\n")[0] ?? String(e)}${verbose ? "" : " (run with --verbose or DEBUG=1 for details)"}`;
    if (verbose) console.error(e);
    if (json) printJson([{ file: ".", message, severity: "error" }], false);
    else console.error(message);
    return 1;
  }
  const failed = !summary || hasErrors(problems);
  if (json) {
    printJson(problems, !failed);
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

function parseOptions(args: string[], verbose: boolean): { json: boolean; verbose: boolean } {
  const { values } = parseArgs({ args, strict: true, options: { json: { type: "boolean", default: false }, verbose: { type: "boolean", default: false } } });
  return { json: values.json, verbose: values.verbose || verbose };
}

function printJson(problems: readonly Problem[], ok: boolean): void {
  const errors = problems.filter((p) => p.severity === "error").length;
  console.log(JSON.stringify({ ok, errors, warnings: problems.length - errors, problems }, null, 2));
}

runIfMain(import.meta.url, () => check());
