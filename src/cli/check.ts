// `npm run check [-- --json] [--links] [--verbose]`: validate all content without building. Every
// problem in one run, grouped by file; warnings do not fail. Then what the clock will change:
// articles that go live or come down later, in the site's time zone (src/archive/schedule.ts). Exit 1 on errors, 2 on a mistyped
// command. `--links` also asks every original and archived copy over the network (cached).
// Whatever happens, the output is one clear line per problem (with --json: one JSON document),
// never a stack trace unless --verbose or DEBUG asks for it.
import { join } from "node:path";
import { parseArgs } from "node:util";
import { checkContent } from "../archive/check.ts";
import { formatReport, hasErrors, type Problem } from "../content/problems.ts";
import type { Article } from "../content/load.ts";
import { checkSourceLinks, type SourceLink } from "../content/source-links.ts";
import { scheduleJson, scheduleLines } from "../archive/schedule.ts";
import { buildMode, PROJECT_ROOT as root, resolvePaths } from "../site.ts";
import { runIfMain } from "./run.ts";

const USAGE = "usage: npm run check [-- --json] [--links] [--verbose]";

export async function check(args = process.argv.slice(2)): Promise<number> {
  // Read before parsing, so a mistyped flag beside --json still answers in JSON.
  const json = args.includes("--json");
  let verbose = args.includes("--verbose") || Boolean(process.env.DEBUG);
  let links = false;
  const started = performance.now();
  try {
    ({ verbose, links } = parseOptions(args, verbose));
  } catch (e) {
    const message = `${(e as Error).message.split("\n")[0]}`;
    if (json) printJson([{ file: ".", message: `${message}; ${USAGE}`, severity: "error" }], false);
    else console.error(`${message}\n${USAGE}`);
    return 2;
  }
  let problems: Problem[];
  let summary: string | undefined;
  let schedule: Awaited<ReturnType<typeof checkContent>>["schedule"];
  try {
    const read = await checkContent(resolvePaths(root), buildMode());
    ({ problems, summary, schedule } = read);
    if (links && read.articles) {
      const result = await checkSourceLinks(sourceLinks(read.articles), { cacheFile: process.env.GAZETTE_LINK_CACHE || join(root, ".cache/gazette-links.json") });
      problems = [...problems, ...result.problems].sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1));
      if (!json) console.error(`Links: ${result.links} checked, ${result.asked} asked now, ${result.links - result.asked} from the cache (.cache/gazette-links.json).`);
    }
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
    printJson(problems, !failed, schedule && scheduleJson(schedule.changes, schedule.now));
    return failed ? 1 : 0;
  }
  if (problems.length) console.error(formatReport(problems));
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (failed) {
    console.error(`Checked in ${seconds} s: fix the errors above.`);
    return 1;
  }
  console.log(`Content is valid (${summary}), checked in ${seconds} s.`);
  if (schedule) for (const line of scheduleLines(schedule.changes, schedule.now)) console.log(line);
  return 0;
}

function parseOptions(args: string[], verbose: boolean): { json: boolean; verbose: boolean; links: boolean } {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { json: { type: "boolean", default: false }, verbose: { type: "boolean", default: false }, links: { type: "boolean", default: false } },
  });
  return { json: values.json, verbose: values.verbose || verbose, links: values.links };
}

/** Every original and archived copy the articles cite, where it is written. */
function sourceLinks(articles: readonly Article[]): SourceLink[] {
  return articles.flatMap((a) => [
    ...(a.source_url ? [{ file: a.file, line: a.lineOf(["source_url"]), field: "source_url", url: a.source_url, archived: Boolean(a.source_archive_url) }] : []),
    ...(a.source_archive_url ? [{ file: a.file, line: a.lineOf(["source_archive_url"]), field: "source_archive_url", url: a.source_archive_url }] : []),
  ]);
}

function printJson(problems: readonly Problem[], ok: boolean, scheduled?: object): void {
  const errors = problems.filter((p) => p.severity === "error").length;
  console.log(JSON.stringify({ ok, errors, warnings: problems.length - errors, problems, ...(scheduled ? { scheduled } : {}) }, null, 2));
}

runIfMain(import.meta.url, () => check());
