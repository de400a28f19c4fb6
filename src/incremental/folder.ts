// The folder a build writes into, and the files it takes from the last build.
//   new BuildFolder(folder, live, recycled, after)
//                                           -> a worker thread that, for a recycled folder (the
//                                              site the last build replaced, src/output.ts),
//                                              starts clearing it once `after` has settled
//   kept()                                  -> the files left in it: each the very file (the
//                                              same inode) at the same place in the live site
//   link(source, target, path)              -> a page taken from the live site, made beside the
//                                              rest, on the worker
//   clean(files), done(), close()
// Why recycle: a day's build takes 17,000 unchanged pages from the live site, each a hard link in
// a folder of its own, and on a busy ext4 disk making 16,000 folders cost 1 to 5 s (10,000
// folders: 0.3 s under /tmp, 4.7 s in an older, fuller folder of the same disk), and removing
// them again as much, in the background. The site the last build replaced has those folders,
// and most of its pages are already the live site's files (a page taken from a build is the same
// file in both), so it is kept beside the output and becomes the next build's folder.
// What makes it safe: every file in it that is not the live site's file at the same place (by
// device and inode) is removed before anything is written. What is left is a part of the live
// site, exactly: a page the build takes stays as it is, a page it renders is unlinked first
// (writing into it would write into the live site), and a page it neither takes nor renders is
// removed with its empty folders before the swap. The search index's files that are left are its
// unchanged bundles' (the same files in every build that reuses them): a bundle taken from the
// last build takes its folder from here, cleared of anything the live one lacks, and the rest of
// the index's folder is replaced by the new one (src/search/manifest.ts, layout.ts). So the
// folder ends as a cold build would make it, whatever it held.
import { WorkerCalls } from "../worker-calls.ts";

type Copied = [path: string, size: number, mtimeMs: number];
type Reply = { copied?: Copied[]; kept?: string[]; changed?: string[] };

/** The record of the build at `out` (./build.ts): beside it, never published. */
export const recordFile = (out: string) => `${out}.gazette-build.json`;

export class BuildFolder {
  static readonly BATCH = 512;
  // A worker that dies fails everything still waiting for it, and so the build.
  readonly #worker = new WorkerCalls<Reply>(FOLDER_WORKER, (e) => new Error(`cannot prepare the build's folder: ${e.message}`));
  #batch: [source: string, target: string, path: string][] = [];
  readonly #pending: Promise<Copied[]>[] = [];
  readonly #kept: Promise<Set<string>>;

  /**
   * `folder` (the build's), `live` (the site in place now); `recycled`: `folder` held a site.
   * `after`: what the worker waits for before it starts (its work is needed only once the content
   * is modelled, and the other core has the content to read ahead and the modules to find first).
   */
  constructor(
    readonly folder: string,
    live: string,
    recycled: boolean,
    after: Promise<unknown> = Promise.resolve(),
  ) {
    const ask = (message: object) => after.then(() => this.#ask(message), () => this.#ask(message));
    this.#kept = recycled ? ask({ type: "recycle", folder, live }).then((r) => new Set(r.kept)) : Promise.resolve(new Set());
    this.#kept.catch(() => undefined); // awaited by whoever needs it; a failure is theirs to report
    // The live site's pages checked against the last build's record, on the worker while the
    // content loads (17,000 file lookups, a quarter of a second, made by the recycling's walk
    // when there is one).
    this.#changed = ask({ type: "verify", record: recordFile(live), live }).then((r) => r.changed);
    this.#changed.catch(() => undefined);
  }

  readonly #changed: Promise<string[] | undefined>;

  /**
   * The first few pages (by path) of the last build's record whose file at the live site is gone
   * or not the one recorded (by size, and time to the second); undefined when the record could not
   * be read (the caller reads it too, and says why).
   */
  changedPages(): Promise<string[] | undefined> {
    return this.#changed;
  }

  #ask(message: object): Promise<Reply> {
    return this.#worker.ask(message);
  }

  /**
   * The files left in a recycled folder (paths relative to it, with "/"), once it is cleared;
   * nothing may be written into the folder before. Empty for a new folder.
   */
  kept(): Promise<Set<string>> {
    return this.#kept;
  }

  /** `target` made the same file as `source` (a copy where a link fails: another file system), soon. */
  link(source: string, target: string, path: string): void {
    this.#batch.push([source, target, path]);
    if (this.#batch.length >= BuildFolder.BATCH) this.#send();
  }

  #send(): void {
    if (!this.#batch.length) return;
    const batch = this.#batch;
    this.#batch = [];
    this.#pending.push(this.#ask({ type: "link", batch }).then((r) => r.copied!));
  }

  /** Every link asked for made; returns the copies' paths, sizes and times (a copy is a new file). */
  async linked(): Promise<Copied[]> {
    this.#send();
    return (await Promise.all(this.#pending)).flat();
  }

  /** `files` (relative to the folder) removed, and every folder that leaves empty. */
  async clean(files: Iterable<string>): Promise<void> {
    await this.#ask({ type: "clean", folder: this.folder, files: [...files] });
  }

  /** The worker stopped (whatever it was doing: the folder is then left to be removed or recycled). */
  async close(): Promise<void> {
    await this.#worker.close();
  }
}

/**
 * The worker's code: plain JavaScript, so it runs the same with or without a TypeScript loader.
 * Synchronous calls: each is one short system call, and thousands queued on libuv's threads took
 * longer than making them one after another.
 */
const FOLDER_WORKER = `
const { parentPort } = require("node:worker_threads");
const { copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, unlinkSync } = require("node:fs");
const { dirname, join } = require("node:path");
const made = new Set();
// Folders something was removed from: removed in turn at the end when nothing is left in them.
const emptied = new Set();

function remove(path) {
  try { unlinkSync(path); } catch (e) { if (e.code !== "ENOENT") throw e; }
  emptied.add(dirname(path));
}

// The live site's files as the walk below found them (relative path -> [size, mtimeMs]), for
// verify(): it would otherwise look up the same 17,000 files again a moment later.
let seen = new Map();

function recycle(folder, live) {
  const kept = [];
  // index: under /pagefind/ (or a bundle's temporary folder beside it, left by a build that
  // stopped). Its files that are the live site's stay where they are, an unchanged bundle's folder
  // taken whole (src/search/manifest.ts, which removes what else such a folder holds); they are no
  // page, so not in kept, and the rest of the index's folder goes when the new index is laid out.
  const walk = (dir, rel, index) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = dir + "/" + entry.name;
      const relative = rel ? rel + "/" + entry.name : entry.name;
      if (entry.isDirectory()) {
        walk(path, relative, index || (rel === "" && (entry.name === "pagefind" || entry.name.startsWith("pagefind.part-"))));
        continue;
      }
      if (entry.isFile()) {
        const mine = lstatSync(path);
        const theirs = lstatSync(live + "/" + relative, { throwIfNoEntry: false });
        if (!index) seen.set(relative, theirs && theirs.isFile() ? [theirs.size, theirs.mtimeMs] : null);
        if (theirs && theirs.isFile() && theirs.ino === mine.ino && theirs.dev === mine.dev) {
          if (!index) kept.push(relative);
          continue;
        }
      }
      if (index) unlinkSync(path);
      else remove(path);
    }
  };
  walk(folder, "", false);
  return kept;
}

// As ./build.ts checks a record: each page's file by size, and time to the second (as tar keeps it).
function verify(record, live) {
  let pages;
  try {
    pages = JSON.parse(readFileSync(record, "utf8")).pages;
  } catch {
    return undefined;
  }
  if (!pages || typeof pages !== "object") return undefined;
  const changed = [];
  for (const path of Object.keys(pages)) {
    const [, size, mtimeMs] = pages[path];
    let file = path.endsWith("/") ? path + "index.html" : path;
    while (file.charCodeAt(0) === 47) file = file.slice(1); // recorded as "/2024/…", walked as "2024/…"
    // As recycle() found it, or looked up now (a file it did not meet, or no folder recycled).
    let found = seen.get(file);
    if (found === undefined) {
      const s = lstatSync(join(live, ...file.split("/")), { throwIfNoEntry: false });
      found = s && s.isFile() ? [s.size, s.mtimeMs] : null;
    }
    if (!found || found[0] !== size || Math.floor(found[1] / 1000) !== Math.floor(mtimeMs / 1000)) changed.push(path);
    if (changed.length === 5) break;
  }
  seen = new Map();
  return changed;
}

function link(batch) {
  const copied = [];
  for (const [source, target, path] of batch) {
    const dir = dirname(target);
    if (!made.has(dir)) mkdirSync(dir, { recursive: true }), made.add(dir);
    try {
      linkSync(source, target);
    } catch (e) {
      if (e.code === "EEXIST") {
        // Never written into: it may be another build's file.
        unlinkSync(target);
        linkSync(source, target);
        continue;
      }
      copyFileSync(source, target);
      const s = lstatSync(target);
      copied.push([path, s.size, s.mtimeMs]);
    }
  }
  return copied;
}

function clean(folder, files) {
  for (const file of files) remove(folder + "/" + file);
  // The deepest first, then each one's parents, up to the folder itself (kept).
  const dirs = [...emptied].sort((a, b) => b.length - a.length);
  for (let dir of dirs) {
    while (dir.length > folder.length && dir.startsWith(folder + "/")) {
      try { rmdirSync(dir); } catch { break; }
      dir = dirname(dir);
    }
  }
  emptied.clear();
}

parentPort.on("message", (message) => {
  const { id } = message;
  try {
    if (message.type === "recycle") parentPort.postMessage({ id, kept: recycle(message.folder, message.live) });
    else if (message.type === "verify") parentPort.postMessage({ id, changed: verify(message.record, message.live) });
    else if (message.type === "link") parentPort.postMessage({ id, copied: link(message.batch) });
    else if (message.type === "clean") clean(message.folder, message.files), parentPort.postMessage({ id });
  } catch (e) {
    const what = message.type === "link" ? "take " + (e && e.path ? e.path : "a page") + " from the last build" : message.type + " the build's folder";
    parentPort.postMessage({ id, error: "cannot " + what + ": " + (e && e.message) });
  }
});
`;
