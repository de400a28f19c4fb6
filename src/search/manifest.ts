// The reuse manifest: what each bundle of the last build was made from, so an unchanged bundle is
// taken from it instead of being indexed again (an archive's old years rarely change).
//   read:   <previous>/gazette-bundles.json -> the last build's bundles, if it can be trusted
//   reuse:  a bundle whose records hash the same -> its files hard-linked, then checked by size
//   write:  the bundles just laid out -> gazette-bundles.json, renamed into place last
// A bundle's hash covers its records (the documents Pagefind is given), not the article pages:
// a template change leaves the index alone, any change to a record indexes its bundle again.
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { WorkerCalls } from "../worker-calls.ts";
import { MANIFEST, notOfFirstBundle } from "./layout.ts";

/**
 * What Gazette sends Pagefind and how it lays bundles out; a change here must not reuse old
 * bundles. 3: bundles hashed by their records, made from the model. 4: by their records'
 * digests.
 */
const FORMAT = 4;

export interface ManifestBundle {
  dir: string;
  hash: string;
  /** Every file of the bundle's folder -> its size. */
  files: Record<string, number>;
}

export interface Manifest {
  format: number;
  pagefind: string;
  language: string;
  bundles: ManifestBundle[];
}

/** The last build's bundles, when it was written by this Gazette and Pagefind for this language. */
export async function readManifest(previous: string, language: string): Promise<Manifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(previous, MANIFEST), "utf8")) as Partial<Manifest>;
    const version = await pagefindVersion();
    const wellFormed = Array.isArray(manifest.bundles) && manifest.bundles.every((b) => typeof b?.dir === "string" && typeof b.hash === "string" && !!b.files && typeof b.files === "object");
    return wellFormed && manifest.format === FORMAT && version !== "unknown" && manifest.pagefind === version && manifest.language === language ? (manifest as Manifest) : undefined;
  } catch {
    return undefined; // no earlier build, or not one to trust
  }
}

/**
 * The last build's bundle (of `manifest`, under `previous`) -> its files linked into `temp`;
 * its files (name -> size) when they are all there as recorded, else undefined. Checked after
 * linking: linked files cannot change under the check. On a worker thread (TreeWorker, below),
 * while the pages go on rendering.
 * `recycled`: the index's folder in a build folder that held a site (src/incremental/folder.ts),
 * where every file left is the previous index's file at the same place. The bundle's folder
 * there becomes `temp`, and only what it lacks is linked: a bundle of 2,000 articles is 2,200
 * files, each otherwise removed with the recycled folder and linked again, a day's build's
 * largest share of file-system work.
 */
export async function reuseBundle(previous: string, manifest: Manifest, earlier: ManifestBundle, temp: string, recycled?: string): Promise<Record<string, number> | undefined> {
  const skip = earlier.dir ? [] : notOfFirstBundle(manifest.bundles.map((b) => b.dir));
  // The first bundle's folder is the index's own, which holds the others: never taken whole.
  const take = recycled !== undefined && earlier.dir ? join(recycled, earlier.dir) : undefined;
  try {
    const files = await treeWorker().ask({ type: "link", from: join(previous, earlier.dir), to: temp, skip, take });
    return sameFiles(files, earlier.files) ? files : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The bundles laid out under `root`, with their hashes -> the manifest, written whole. A bundle
 * taken from the last build comes with its files, checked when it was taken.
 */
export async function writeManifest(root: string, language: string, bundles: readonly { dir: string; hash: string; files?: Record<string, number> }[]): Promise<void> {
  const dirs = bundles.map((b) => b.dir);
  const files = await Promise.all(bundles.map((b) => b.files ?? treeWorker().ask({ type: "list", dir: join(root, b.dir), skip: b.dir ? [] : notOfFirstBundle(dirs) })));
  const manifest: Manifest = { format: FORMAT, pagefind: await pagefindVersion(), language, bundles: bundles.map((b, i) => ({ dir: b.dir, hash: b.hash, files: files[i]! })) };
  await writeFile(join(root, `${MANIFEST}.part`), `${JSON.stringify(manifest)}\n`);
  await rename(join(root, `${MANIFEST}.part`), join(root, MANIFEST));
}

/** Pagefind's version: a bundle written by another version is never reused. */
async function pagefindVersion(): Promise<string> {
  try {
    const manifest = fileURLToPath(new URL("../package.json", import.meta.resolve("pagefind")));
    return (JSON.parse(await readFile(manifest, "utf8")) as { version: string }).version;
  } catch {
    return "unknown"; // never matches a recorded version, so nothing is reused
  }
}

function sameFiles(found: Record<string, number>, recorded: Record<string, number>): boolean {
  const names = Object.keys(recorded);
  return names.length === Object.keys(found).length && names.every((n) => found[n] === recorded[n]);
}

type TreeRequest = { type: "link"; from: string; to: string; skip: readonly string[]; take?: string } | { type: "list"; dir: string; skip: readonly string[] };

/**
 * One worker thread for the bundles' files: thousands of links and sizes, each one short system
 * call made synchronously there (queued on libuv's threads they took several times longer), so
 * the main thread renders meanwhile. Another is started should it ever stop.
 */
let worker: WorkerCalls<{ files: Record<string, number> }> | undefined;

function treeWorker(): { ask(request: TreeRequest): Promise<Record<string, number>> } {
  const calls = (worker ??= new WorkerCalls(TREE_WORKER, (e) => {
    if (worker === calls) worker = undefined;
    return e;
  }));
  return { ask: async (request) => (await calls.ask(request)).files };
}

/** The worker's code: plain JavaScript, so it runs the same with or without a TypeScript loader. */
const TREE_WORKER = `
const { parentPort } = require("node:worker_threads");
const { chmodSync, copyFileSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } = require("node:fs");
const { join } = require("node:path");

// from -> to, every file hard-linked (copied where links are not possible), without skip at the top.
// taken: to is a recycled bundle folder (reuseBundle), whose files are from's own and stay; what
// else it holds goes (an empty folder would be published), and its folders get from's modes.
function linkTree(from, to, skip, taken) {
  mkdirSync(to, { recursive: true });
  const there = new Set(readdirSync(to));
  if (taken) {
    const mode = statSync(from).mode & 0o7777;
    if ((statSync(to).mode & 0o7777) !== mode) chmodSync(to, mode);
  }
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skip.includes(entry.name)) continue;
    const source = join(from, entry.name), target = join(to, entry.name);
    const had = there.delete(entry.name);
    if (entry.isDirectory()) linkTree(source, target, [], taken && had);
    else if (!had) {
      try { linkSync(source, target); } catch { copyFileSync(source, target); }
    }
  }
  if (taken) for (const name of there) rmSync(join(to, name), { recursive: true, force: true });
}

// A recycled bundle folder -> to; false when there is none (or it cannot be moved): to is linked whole.
function take(folder, to) {
  try { renameSync(folder, to); return true; } catch { return false; }
}

// Every file under dir (but skip at its top) -> its size, by path relative to dir.
function listFiles(dir, skip) {
  const files = {};
  const walk = (at, prefix, skipping) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (skipping.includes(entry.name)) continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path, prefix + entry.name + "/", []);
      else files[prefix + entry.name] = statSync(path).size;
    }
  };
  walk(dir, "", skip);
  return files;
}

parentPort.on("message", (m) => {
  try {
    if (m.type === "link") linkTree(m.from, m.to, m.skip, m.take ? take(m.take, m.to) : false);
    parentPort.postMessage({ id: m.id, files: listFiles(m.type === "link" ? m.to : m.dir, m.type === "link" ? [] : m.skip) });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String(e && e.message) });
  }
});
`;
