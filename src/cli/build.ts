// `npm run build`: content -> a complete site, swapped into place only when everything worked.
//   1. load and validate all content; on errors print every problem and exit 1, touching nothing
//   2. Eleventy renders into a temporary sibling folder; the plugin writes the search index there
//   3. the temporary folder replaces the output folder in two renames
import { rm, rename, mkdir } from "node:fs/promises";
import { dirname, relative } from "node:path";
import Eleventy from "@11ty/eleventy";
import { checkArchive } from "../archive/load.ts";
import { formatReport, hasErrors } from "../content/problems.ts";
import { buildMode, PROJECT_ROOT as root, resolvePaths } from "../site.ts";
import { runIfMain } from "./run.ts";

export async function build(): Promise<number> {
  const started = performance.now();
  const paths = resolvePaths(root);
  const out = relative(process.cwd(), paths.output) || paths.output;

  const { model, problems } = await checkArchive(paths, buildMode());
  if (problems.length) console.error(formatReport(problems));
  if (!model || hasErrors(problems)) {
    console.error(`Build stopped: fix the errors above. ${out}/ was not changed.`);
    return 1;
  }

  const temp = `${paths.output}.building-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(dirname(temp), { recursive: true });
  try {
    const eleventy = new Eleventy(`${root}/templates`, temp, {
      configPath: `${root}/eleventy.config.ts`,
      quietMode: true,
    });
    await eleventy.write();
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    console.error(errorMessage(error));
    console.error(`Build failed. ${out}/ was not changed.`);
    return 1;
  }

  const old = `${paths.output}.old-${process.pid}`;
  await rename(paths.output, old).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== "ENOENT") throw e;
  });
  await rename(temp, paths.output);
  await rm(old, { recursive: true, force: true });

  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log(`Built ${model.summary} into ${out}/ in ${seconds} s`);
  return 0;
}

/** The innermost message: Eleventy wraps errors from data and events in its own. */
function errorMessage(error: unknown): string {
  let e = error as { message?: string; cause?: unknown; originalError?: unknown } | undefined;
  const seen = new Set<unknown>();
  let message = String(e?.message ?? error);
  while (e && !seen.has(e)) {
    seen.add(e);
    if (e.message) message = e.message;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return message;
}

runIfMain(import.meta.url, build);
