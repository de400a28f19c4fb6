// `npm run build [-- --verbose]`: content -> a complete site, swapped into place only when
// everything worked.
//   1. refuse an output folder that is not one of its own (src/output.ts), before touching anything
//   2. clean up after interrupted builds: the last complete site back in place, their folders removed
//   3. load and validate all content; on errors print every problem and exit 1, touching nothing
//   4. Eleventy renders into a sibling folder (the site the last build replaced, recycled:
//      src/incremental/folder.ts); the plugin writes the search index there
//   5. that folder replaces the output folder in two renames (a mount point is filled in place);
//      the site replaced is kept beside it for the next build
// A large archive is built in a child Node with a heap limit (see `heapLimitMb`).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { statSync } from "node:fs";
import { readdir, rm, stat, writeFile } from "node:fs/promises";
import { constants } from "node:os";
import { isAbsolute, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { getHeapStatistics } from "node:v8";
import { markdownBytesRead, replacedCacheFile } from "../content/cache-file.ts";
import { formatReport, hasErrors } from "../content/problems.ts";
import { openBuildFolder, OutputError, outputRefusal, recoverOutput, removeDetached, retireBuildFolder, swapIn } from "../output.ts";
import { BuildFolder, recordFile } from "../incremental/folder.ts";
import { eleventyConfigFile } from "../eleventy/config-file.ts";
import { codeFingerprint } from "../incremental/fingerprint.ts";
import { ReadAhead } from "../content/read-ahead.ts";
import { buildMode, type Paths, PROJECT_ROOT as root, resolvePaths } from "../environment.ts";
import { expectLongRun, expectShortRun, SHORT_RUN_ARTICLES } from "../tiering.ts";
import { phaseTimes, timed } from "../timing.ts";
import { runIfMain } from "./run.ts";

const USAGE = "Usage: npm run build [-- --verbose]";

export async function build(args = process.argv.slice(2)): Promise<number> {
  let values: { verbose: boolean };
  try {
    ({ values } = parseArgs({ args, options: { verbose: { type: "boolean", default: false } } }));
  } catch (e) {
    // Node's first sentence names the option or argument ("Unknown option '--x'"); what follows is
    // advice about `--` that does not apply to `npm run build`.
    console.error(`${(e as Error).message.split(". ")[0]!.replace(/^Unknown option '([^']+)'$/, "Unknown option $1")}. ${USAGE}`);
    return 2;
  }
  const verbose = values.verbose || !!process.env.DEBUG;
  // The TypeScript loader turns source maps on, and Node then reads the map of every module loaded
  // from here on, Eleventy's included (55 ms of a day's build's profile). A stack trace, printed
  // only when asked for detail, keeps them.
  if (!verbose) process.setSourceMapsEnabled(false);
  const started = performance.now();
  const paths = resolvePaths(root);
  const out = shortPath(paths.output);
  // A day's build is short (../tiering.ts): the last build left its record.
  if (recorded(paths.output)) expectShortRun();

  const limit = process.env.GAZETTE_BUILD_CHILD ? undefined : await heapLimitMb(paths.articles, paths.output);
  // Loaded while the output folder is checked, when the build runs here (a parent that only waits
  // for its child loads none of it). A large archive's child does not read its Markdown ahead:
  // the worker's copy would add to the build's peak, which its heap limit is there to bound.
  let modules = limit ? undefined : buildModules(paths, { readAhead: !process.env.GAZETTE_BUILD_CHILD });

  const refusal = await outputRefusal(paths);
  if (refusal) {
    console.error(refusal);
    return 1;
  }
  try {
    const restored = await recoverOutput(paths.output);
    if (restored) console.error(`An earlier build was stopped while replacing ${out}/; its last complete site was put back.`);
  } catch (e) {
    console.error(`Cannot clean up after an earlier build beside ${out}/: ${(e as Error).message.split("\n")[0]}`);
    if (verbose) console.error(e);
    return 1;
  }

  if (limit) {
    if (verbose) console.log(`Building with Node's heap limited to ${limit} MB for this archive`);
    const code = await buildInChild(limit, args);
    if (code !== "out of heap") return code;
    console.error(`The build needed more than its ${limit} MB heap; building again without a limit.`);
  } else if (process.env.GAZETTE_BUILD_CHILD && verbose) {
    console.log(`Node's heap limit: ${Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)} MB`);
  }
  // Built here after all, since the limited build ran out of heap: a large archive, not read ahead.
  modules ??= buildModules(paths, { readAhead: false });
  // A cache an earlier build replaced and left behind (its removal never ran), removed on libuv's
  // threads meanwhile.
  rm(replacedCacheFile(paths.output), { force: true }).catch(() => undefined);

  // Made first: an unwritable place fails now, in one line, not after the content is loaded.
  let opened: Awaited<ReturnType<typeof openBuildFolder>>;
  try {
    opened = await openBuildFolder(paths.output);
  } catch (e) {
    if (!(e instanceof OutputError)) throw e;
    console.error(e.message);
    return 1;
  }
  const temp = opened.folder;
  // A recycled folder is cleared on the worker while the content loads.
  const folder = new BuildFolder(temp, paths.output, opened.recycled, Promise.all([modules.content, modules.ahead?.finished()]));
  try {
    return await buildInto(temp, paths, out, verbose, started, folder, modules);
  } finally {
    await folder.close();
    // Gone once swapped in; otherwise kept for the next build to recycle, or removed.
    await retireBuildFolder(temp, paths.output);
  }
}

/**
 * What a build loads besides this file, imported only by the process that builds: a parent that
 * only waits for its child stays small (Eleventy alone is about 150 MB), and its memory counts in
 * the build's. Eleventy is needed only once the content is modelled (see `eleventy`).
 */
function buildModules(paths: Paths, { readAhead = true } = {}) {
  // The code's fingerprint (reading and hashing the code, on the side) goes on meanwhile too, and
  // the content files are read on a worker (src/content/read-ahead.ts).
  const fingerprint = codeFingerprint(paths);
  const ahead = readAhead ? ReadAhead.start([paths.articles, paths.pages]) : undefined;
  // The model's builders too, which checkArchive imports only when asked for a model.
  const content = Promise.all([import("../archive/load.ts"), import("../incremental/build.ts"), import("../content/cache.ts"), import("../archive/model.ts")]);
  const renderer = content.then(() => import("../eleventy/plugin.ts"));
  // All are awaited in turn by buildInto; one that fails before then is not unhandled.
  for (const p of [fingerprint, content, renderer]) p.catch(() => undefined);
  return { fingerprint, ahead, content, renderer };
}

async function buildInto(temp: string, paths: Paths, out: string, verbose: boolean, started: number, folder: BuildFolder, modules: ReturnType<typeof buildModules>): Promise<number> {
  const [{ checkArchive }, { IncrementalBuild }, { ArticleCache }] = await modules.content;
  const renderer = modules.renderer;

  // A fresh content store (the default); what the last build made of each unchanged file comes
  // from the article cache beside the output (src/content/cache.ts).
  // One fingerprint of the code for both caches of the last build: the articles and the pages.
  const fingerprint = await modules.fingerprint;
  const cache = await timed("load: article cache read", async () => ArticleCache.open(paths.output, fingerprint));
  // Every article to parse and render, or a large archive: a long build.
  if (!cache.entries || cache.entries > SHORT_RUN_ARTICLES) expectLongRun();
  const { model, problems } = await timed("load, validate and model", () => checkArchive(paths, buildMode(), { cache, ahead: modules.ahead }));
  if (verbose) console.log(`Article cache: ${cache.hits} files taken, ${cache.misses} parsed`);
  const errors = problems.filter((p) => p.severity === "error");
  if (!model || hasErrors(problems)) {
    console.error(formatReport(verbose ? problems : errors));
    console.error(`Build stopped: fix the errors above. ${out}/ was not changed.`);
    return 1;
  }
  if (problems.length) {
    if (verbose) console.error(formatReport(problems));
    else console.error(`${problems.length} warning${problems.length === 1 ? "" : "s"}: run \`npm run check\` to see them.`);
  }
  // Written now, while memory is at its lowest (every body is rendered by now); it replaces the
  // last cache only once this build has succeeded. One that cannot be written costs the next
  // build time, not this one.
  const cacheFailed = (e: Error) => {
    if (verbose) console.error(`The article cache could not be written: ${e.message}`);
  };
  await timed("article cache write", async () => cache.write(paths.output)).catch(cacheFailed);

  // What of the last build can be taken as it is; a full build says why in one line (a first
  // build, into an empty place, says nothing).
  const reuse = await timed("incremental: check the last build", () => IncrementalBuild.open(paths, model, fingerprint, folder));
  if (reuse.reason) expectLongRun();
  if (reuse.reason && (verbose || (await exists(paths.output)))) console.log(`Full build: ${reuse.reason}.`);

  const { gazette } = await renderer;
  const Eleventy = await eleventy();
  try {
    const eleventy = new Eleventy(paths.templates, temp, {
      configPath: eleventyConfigFile(root),
      quietMode: true,
      // The model just checked goes to the plugin in its options, so Eleventy does not load the
      // content again; this runs before the config file, whose own addPlugin(gazette) then yields.
      config: (eleventyConfig) => eleventyConfig.addPlugin(gazette, { root, model, reuse }),
    });
    // Eleventy prints its own error report with stack traces; Gazette prints one readable line
    // instead, unless asked for detail.
    if (!verbose) eleventy.disableLogger();
    await timed("Eleventy (render, write, search index)", () => eleventy.write());
  } catch (error) {
    dropLateCopyFailures(verbose);
    console.error(errorMessage(error));
    if (verbose) console.error(error);
    console.error(`${out}/ was not changed.`);
    await cache.discard();
    return 1;
  }

  let how: Awaited<ReturnType<typeof swapIn>>;
  try {
    await IncrementalBuild.forget(paths.output);
    how = await timed("swap into place", () => swapIn(temp, paths.output));
  } catch (e) {
    if (!(e instanceof OutputError)) throw e;
    console.error(e.message);
    if (verbose) console.error(e);
    await cache.discard();
    return 1;
  }
  // A folder filled in place holds copies, not the files recorded: the next build is a full one.
  if (how === "renamed") await reuse.save(paths.output);
  // The article cache written above becomes the next build's.
  try {
    const last = await cache.commit(paths.output);
    if (last) removeDetached(last);
  } catch (e) {
    cacheFailed(e as Error);
    await cache.discard();
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const pages = reuse.reason ? "" : ` (${reuse.rendered} pages rendered, ${reuse.reused} unchanged taken from the last build)`;
  console.log(`Built ${model.summary} into ${out}/${how === "filled in place" ? " (a mount point: filled in place)" : ""}${pages} in ${seconds} s`);
  const phases = phaseTimes();
  if (verbose) for (const [phase, ms] of Object.entries(phases)) console.log(`  ${phase}: ${ms} ms`);
  if (process.env.GAZETTE_TIMINGS) await writeFile(process.env.GAZETTE_TIMINGS, JSON.stringify(phases));
  return 0;
}

/** The last build's record is beside `out` (any reason it cannot be looked at is for later steps to report). */
function recorded(out: string): boolean {
  try {
    return statSync(recordFile(out)).isFile();
  } catch {
    return false;
  }
}

/**
 * Eleventy, required rather than imported where Node can. Node 20.19 and later (but 21 and 22
 * before 22.12) load an ES module graph that is required in the main thread, without the
 * TypeScript loader's hooks, which run on a thread of their own and cost every imported file two
 * round trips to it (../commonjs.ts). Eleventy is 107 files of its own and many more of its
 * dependencies: 250–270 ms required against 360–430 ms imported, alone. The same module instances
 * either way: a later import finds them loaded. Where it cannot be required (a Node without
 * require(esm), whose Eleventy entry then throws; top-level await in its graph), it is imported.
 */
async function eleventy(): Promise<typeof import("@11ty/eleventy").default> {
  try {
    return (createRequire(import.meta.url)("@11ty/eleventy") as typeof import("@11ty/eleventy")).default;
  } catch {
    return (await import("@11ty/eleventy")).default;
  }
}

/** Archives with this much Markdown or more are built with a heap limit (about 14,000 articles). */
const LIMIT_FROM_BYTES = 64e6;

/**
 * V8 lets its heap grow well past what is live before it collects hard: at 50,000 articles Node
 * reached 2.7 GB for about 1 GB of live model and pages. A limit sized to the content (512 MB plus
 * 4.7 times the Markdown: at 50,000 articles three times ran out of heap, 4.7 times peaked at
 * 3.9 GB for the whole build; docs/performance.md) keeps it near what is live. Small archives, where the
 * difference is small, are not limited. GAZETTE_HEAP_LIMIT_MB sets a limit (0: none).
 * The Markdown is what the last build into `out` read (its article cache says), which a day's
 * build changes by a file or two; sizing every file again cost 0.15 s at 10,000 articles. Without
 * a last build, the files under `articles` are sized.
 */
export async function heapLimitMb(articles: string, out?: string): Promise<number | undefined> {
  const set = process.env.GAZETTE_HEAP_LIMIT_MB;
  if (set !== undefined) return Number(set) > 0 ? Number(set) : undefined;
  const read = out === undefined ? undefined : markdownBytesRead(out);
  if (read !== undefined) return limitFor(read);
  const files = (await readdir(articles, { recursive: true }).catch(() => [] as string[])).filter((f) => f.endsWith(".md"));
  // One synchronous stat after another: a third of the time of the promise API's, for 10,000 files.
  let bytes = 0;
  for (const f of files) bytes += statSync(join(articles, f), { throwIfNoEntry: false })?.size ?? 0;
  return limitFor(bytes);
}

const limitFor = (bytes: number) => (bytes >= LIMIT_FROM_BYTES ? Math.round(512 + (4.7 * bytes) / 1e6) : undefined);

/**
 * This build again, in a child Node with the heap limit. A child that runs out of heap aborts
 * (V8 cannot recover); its half-written folder is removed and "out of heap" returned, so the
 * caller builds without a limit rather than fail where an unlimited build would have worked.
 * A child stopped by any other signal is cleaned up the same way and the build fails, naming it.
 * Stopping the parent stops the child, which would otherwise swap its site in later.
 */
function buildInChild(limitMb: number, args: string[]): Promise<number | "out of heap"> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${limitMb}`, fileURLToPath(import.meta.url), ...args], {
      stdio: ["inherit", "inherit", "pipe"],
      env: { ...process.env, GAZETTE_BUILD_CHILD: "1" },
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, forward);
    // The child's messages pass through as they come, except V8's dump when it runs out of heap
    // (its first line is looked for across chunk boundaries too).
    const MARKER = "<--- Last few GCs --->";
    let dying = false;
    let tail = "";
    child.stderr.on("data", (chunk: Buffer) => {
      const text = tail + chunk.toString("utf8");
      dying ||= text.includes(MARKER);
      tail = text.slice(-MARKER.length);
      if (!dying) process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      for (const s of ["SIGINT", "SIGTERM"] as const) process.off(s, forward);
      if (!signal) return resolve(code ?? 1);
      const outOfHeap = dying && signal === "SIGABRT";
      if (!outOfHeap) console.error(`The build was stopped (${signal}).`);
      rm(`${resolvePaths(root).output}.building-${child.pid}`, { recursive: true, force: true }).then(
        () => resolve(outOfHeap ? "out of heap" : 128 + (constants.signals[signal] ?? 0)),
        reject,
      );
    });
  });
}

/**
 * Eleventy wraps an error in its own, several levels deep ("Having trouble rendering njk
 * template ./templates/x.njk" -> "[Line 3, Column 3]" -> "filter not found: y"): one line with
 * each distinct part, outermost first, so the file, the place and the cause are all there.
 */
function errorMessage(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  let e = error as { message?: string; cause?: unknown; originalError?: unknown } | undefined;
  while (e && !seen.has(e)) {
    seen.add(e);
    for (const line of String(e.message ?? e).split("\n")) {
      // A heading line ("Search index failed:") runs on into its items without a doubled colon.
      const text = line.replace(/\s+/g, " ").replace(/\(via \w+\)$/, "").trim().replace(/:$/, "");
      if (text && !parts.some((p) => p.includes(text))) parts.push(text);
    }
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return `Build failed: ${parts.join(": ")}`;
}

/**
 * Eleventy 3 starts copying the public files before it renders, and when a template fails it stops
 * waiting for that copy (TemplateWriter.write awaits the templates before it joins the two), so
 * the copy can fail later, with nothing listening, into the folder the failed build has already
 * given up (an unhandled rejection: Node would print its stack and exit). The build has said why
 * it failed by then; such a failure is dropped, and any other rejection still fails the process.
 */
function dropLateCopyFailures(verbose: boolean): void {
  process.on("unhandledRejection", (reason) => {
    const chain: unknown[] = [];
    for (let e = reason as { originalError?: unknown; cause?: unknown } | undefined; e && !chain.includes(e) && chain.length < 10; e = (e.originalError ?? e.cause) as typeof e) chain.push(e);
    if (chain.some((e) => /Passthrough/.test((e as Error).name ?? ""))) {
      if (verbose) console.error("(A copy of the public files stopped with the failed build.)");
      return;
    }
    console.error(reason);
    process.exitCode = 1;
  });
}

const exists = (path: string) => stat(path).then(() => true, () => false);

function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

runIfMain(import.meta.url, () => build());
