// The output folder: which folders may be one, and how a finished build takes its place.
//   outputRefusal(paths)      -> why this folder may not be an output folder, or undefined
//   recoverOutput(out)        -> earlier interrupted builds' folders gone, the last complete site back at `out`
//   openBuildFolder(out)      -> `<out>.building-PID`, created (or one clear line why it cannot be)
//   swapIn(temp, out)         -> the complete build at `out`: two renames, or filled in place on a mount point
//   retireBuildFolder(temp)   -> a failed build's folder kept as the spare, or removed
// A build owns `out` and its siblings `<out>.building-PID` (being written), `<out>.old-PID`
// (the previous site during the swap), `<out>.gazette-spare` (the previous site after it, the
// next build's folder: src/incremental/folder.ts), `<out>.removing-PID` (a site being removed in
// the background), `<out>.gazette-build.json`, the record an incremental build reads
// (src/incremental/build.ts), and `<out>.gazette-cache` (src/content/cache.ts) with, for a
// moment after each build, the one it replaced (`<out>.gazette-cache.last`); it writes nothing
// else. A build can be killed at any instant; the next one finds out what was left from
// these names alone.
import { spawn } from "node:child_process";
import { copyFile, lstat, mkdir, readdir, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve, sep } from "node:path";
import type { Paths } from "./site.ts";

/** A problem with the output folder: its message is the one line the build prints. */
export class OutputError extends Error {
  override name = "OutputError";
}

/** Folders a build must never replace, remove or write into, with what to call them. */
function protectedFolders(paths: Paths): [string, string][] {
  return [
    // The most precise name first: the articles and pages folders are usually in the content folder.
    [paths.articles, "the articles folder"],
    [paths.pages, "the pages folder"],
    [paths.content, "the content folder"],
    [paths.templates, "the templates folder"],
    [join(paths.root, "public"), "the public folder"],
    [paths.public, "the public folder"],
    [paths.imageCache, "the image cache"],
    [join(paths.root, "src"), "the source folder src"],
    [join(paths.root, "tests"), "the tests folder"],
    [join(paths.root, ".git"), "the .git folder"],
    [join(paths.root, "node_modules"), "the node_modules folder"],
  ];
}

const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);

/** `path` with every symbolic link in its existing part resolved: where a rename or write really lands. */
async function realPlace(path: string): Promise<string> {
  let head = resolve(path);
  const tail: string[] = [];
  for (;;) {
    try {
      return join(await realpath(head), ...tail);
    } catch {
      if (head === dirname(head)) return resolve(path);
      tail.unshift(basename(head));
      head = dirname(head);
    }
  }
}

/** How an output folder can collide with a protected folder, closest first, and how to say it. */
const RELATIONS: [(name: string, where: string) => string, (place: string, where: string) => boolean][] = [
  [(name) => `is ${name}`, (place, where) => place === where],
  [(name, where) => `lies inside ${name} (${where})`, (place, where) => within(place, where)],
  [(name, where) => `contains ${name} (${where})`, (place, where) => within(where, place)],
];

/**
 * Why `out` may not be a folder that Gazette empties and fills (as the end of a sentence about
 * it: "is the content folder"), or undefined. The build's output and the preview's folder are
 * held to the same rule; `others` adds folders of the caller's own (the preview must not be the
 * production output either).
 */
export async function folderRefusal(out: string, paths: Paths, others: readonly [string, string][] = []): Promise<string | undefined> {
  // The folder's parent with links resolved (a rename moves what the name points at within it),
  // and the folder itself resolved (filling a mount point in place writes through a link).
  const places = [...new Set([resolve(out), join(await realPlace(dirname(resolve(out))), basename(resolve(out))), await realPlace(out)])];
  const root = await realPlace(paths.root);
  const folders: [string, string][] = [];
  for (const [folder, name] of [...protectedFolders(paths), ...others]) for (const where of new Set([resolve(folder), await realPlace(folder)])) folders.push([where, name]);
  for (const place of places) {
    if (place === root || place === resolve(paths.root)) return "is the project folder";
    if (within(root, place) || within(resolve(paths.root), place)) return "contains the project folder";
  }
  // The closest relation first: `content` is the content folder before it contains the articles.
  for (const [relation, applies] of RELATIONS) {
    for (const place of places) for (const [where, name] of folders) if (applies(place, where)) return relation(name, where);
  }
  const found = await stat(out).catch(() => lstat(out).catch(() => undefined));
  if (found && !found.isDirectory()) return "is a file, not a folder";
  return undefined;
}

/**
 * The output setting, checked before anything is touched: a build replaces its output folder
 * whole, so the folder must be one that holds nothing but a site. Returns the line to print, or
 * undefined when the folder may be used.
 */
export async function outputRefusal(paths: Paths, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const reason = await folderRefusal(paths.output, paths);
  if (!reason) return undefined;
  const setting = env.GAZETTE_OUTPUT_DIR ? `GAZETTE_OUTPUT_DIR=${env.GAZETTE_OUTPUT_DIR}` : "the default output folder (GAZETTE_OUTPUT_DIR is not set)";
  return `Refusing to build into ${resolve(paths.output)} (${setting}): it ${reason}, and a build replaces its output folder whole. Set GAZETTE_OUTPUT_DIR to a folder that holds only the built site, such as _site.`;
}

/** Whether the build with this process id may still be running (its folders are then left alone). */
function running(pid: number): boolean {
  if (pid === process.pid) return false; // an earlier build that had this id; this one has not started writing
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // exists, run by another user
  }
}

/** `<out>.building-PID` and `<out>.old-PID` beside `out`, with their kind and process id. */
async function ownedSiblings(out: string): Promise<{ path: string; kind: "building" | "old" | "removing"; pid: number }[]> {
  const base = basename(out);
  const names = await readdir(dirname(out)).catch(() => [] as string[]);
  return names.flatMap((name) => {
    if (!name.startsWith(`${base}.`)) return [];
    const match = /^(building|old|removing)-(\d+)$/.exec(name.slice(base.length + 1));
    return match ? [{ path: join(dirname(out), name), kind: match[1] as "building" | "old" | "removing", pid: Number(match[2]) }] : [];
  });
}

/**
 * Cleans up after builds that were killed: a build stopped during the swap, between its two
 * renames, left the last complete site as `<out>.old-PID` and nothing at `out`; it is put back
 * first. Then every folder of a build that is no longer running is removed (a killed build
 * leaves a full `<out>.building-PID`). Folders of builds still running are left alone.
 * Returns the folder put back, if one was.
 */
export async function recoverOutput(out: string): Promise<string | undefined> {
  // A previous site being removed is never put back, whoever is removing it: removing it twice is harmless.
  const leftovers = (await ownedSiblings(out)).filter((s) => s.kind === "removing" || !running(s.pid));
  let restored: string | undefined;
  if (!(await lstat(out).catch(() => undefined))) {
    const olds = leftovers.filter((s) => s.kind === "old");
    // Several can only come from several crashed swaps; the newest site is the last complete one.
    const times = await Promise.all(olds.map((s) => stat(s.path).then((st) => st.mtimeMs, () => -1)));
    const newest = olds[times.indexOf(Math.max(...times))];
    if (newest) {
      await rename(newest.path, out);
      restored = newest.path;
    }
  }
  for (const s of leftovers) if (s.path !== restored) await rm(s.path, { recursive: true, force: true });
  return restored;
}

/**
 * Creates the folder this build writes into, beside `out` (after recoverOutput, which removed any
 * left by an earlier build with this process id); an unwritable place is one clear line.
 */
export async function openBuildFolder(out: string): Promise<{ folder: string; recycled: boolean }> {
  const temp = `${out}.building-${process.pid}`;
  try {
    await mkdir(dirname(temp), { recursive: true });
    // The site the last build replaced, with its folders (src/incremental/folder.ts clears it);
    // only a real folder: a link there would have the build write wherever it points.
    const spare = await lstat(spareFolder(out)).catch(() => undefined);
    if (spare?.isDirectory() && (await rename(spareFolder(out), temp).then(() => true, () => false))) return { folder: temp, recycled: true };
    await mkdir(temp);
  } catch (e) {
    // mkdir says EEXIST when a folder on the way is a file: say which.
    const error = e as NodeJS.ErrnoException;
    const reason = error.code === "EEXIST" && error.path !== temp ? `${error.path} is a file, not a folder` : reasonOf(e);
    throw new OutputError(`Cannot build into ${out}: cannot create the folder ${temp} beside it (${reason}). The build writes the new site there first, so the folder that holds ${basename(out)} must be writable.`);
  }
  return { folder: temp, recycled: false };
}

/**
 * The site a build replaced, kept beside the output to become the next build's folder: it has
 * the 16,000 folders a day's build would otherwise make again (src/incremental/folder.ts).
 */
export const spareFolder = (out: string) => `${out}.gazette-spare`;

/**
 * A build's folder that did not become the site (the build failed): kept as the spare when there
 * is none, which is safe whatever it holds (the next build keeps only the live site's files from
 * it); else removed.
 */
export async function retireBuildFolder(temp: string, out: string): Promise<void> {
  if (!(await lstat(temp).catch(() => undefined))) return; // swapped in
  if (await rename(temp, spareFolder(out)).then(() => true, () => false)) return;
  await rm(temp, { recursive: true, force: true });
}

/** Errors that mean `out` cannot be renamed because it is a mount point (a Docker volume, a bind mount). */
const MOUNT_POINT = new Set(["EBUSY", "EXDEV"]);

/**
 * The complete build in `temp` -> `out`. Normally two renames: `out` to `<out>.old-PID`, `temp` to
 * `out`, then the old site renamed `<out>.gazette-spare`, the next build's folder (removing its
 * 16,000 folders took 2.5 s of a day's build at 10,000 articles, and the next build made them
 * again); should a spare be there already, the old site is renamed `<out>.removing-PID` and removed
 * by a process of its own. `out` is missing only between the two renames, and a build
 * killed there is recovered by the next (see recoverOutput). A mount point cannot be renamed:
 * it is filled in place from the complete build instead, and a build killed while filling it
 * leaves a mix that the next build's fill replaces. Returns how the site was put in place.
 */
export async function swapIn(temp: string, out: string): Promise<"renamed" | "filled in place"> {
  const old = `${out}.old-${process.pid}`;
  let hadSite = true;
  try {
    await rename(out, old);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    if (code === "ENOENT") hadSite = false;
    else if (MOUNT_POINT.has(code)) {
      try {
        await fillInPlace(temp, out);
      } catch (error) {
        throw new OutputError(`Cannot fill ${out} in place (it is a mount point, so it cannot be replaced whole): ${reasonOf(error)}. The site there may be incomplete; the next build fills it again.`);
      }
      await rm(temp, { recursive: true, force: true });
      return "filled in place";
    } else throw new OutputError(`Cannot replace ${out} with the new site (${reasonOf(e)}). ${basename(out)} was not changed.`);
  }
  try {
    await rename(temp, out);
  } catch (e) {
    if (hadSite) await rename(old, out).catch(() => undefined);
    throw new OutputError(`Cannot move the new site into ${out} (${reasonOf(e)}). ${basename(out)} was not changed.`);
  }
  // The replaced site is the next build's folder; should there already be one, it is removed.
  if (hadSite && !(await rename(old, spareFolder(out)).then(() => true, () => false))) await removeInBackground(old, `${out}.removing-${process.pid}`);
  return "renamed";
}

/**
 * `folder`, renamed `removing` (which no build ever puts back), removed by a detached Node that
 * outlives this one. Should it die first, the next build removes what is left.
 */
async function removeInBackground(folder: string, removing: string): Promise<void> {
  try {
    await rename(folder, removing);
  } catch {
    await rm(folder, { recursive: true, force: true });
    return;
  }
  removeDetached(removing);
}

/**
 * `path` (a file or a folder) removed by a detached Node that outlives this one: freeing a large
 * file's or a whole site's blocks takes the file system a while, which no build need wait for.
 */
export function removeDetached(path: string): void {
  const script = "require('node:fs').rmSync(process.argv[1], { recursive: true, force: true, maxRetries: 3 })";
  // A remover that cannot start (Node replaced by an upgrade, no processes left) costs nothing
  // but the space: the next build removes what is left. Unheard, its error would end this one.
  spawn(process.execPath, ["-e", script, path], { detached: true, stdio: "ignore" })
    .on("error", () => undefined)
    .unref();
}

/**
 * Makes `to` hold exactly what `from` holds: entries that are not in `from` (or are a file where a
 * folder is wanted, or the reverse) are removed, every file is copied beside its place and
 * renamed over it, so a reader never sees a half-written file.
 */
async function fillInPlace(from: string, to: string): Promise<void> {
  const wanted = new Map((await readdir(from, { withFileTypes: true })).map((e) => [e.name, e.isDirectory()]));
  for (const entry of await readdir(to, { withFileTypes: true })) {
    if (wanted.get(entry.name) !== entry.isDirectory()) await rm(join(to, entry.name), { recursive: true, force: true });
  }
  for (const [name, isDirectory] of wanted) {
    const [source, target] = [join(from, name), join(to, name)];
    if (isDirectory) {
      await mkdir(target, { recursive: true });
      await fillInPlace(source, target);
    } else {
      const part = `${target}.gazette-part`;
      await copyFile(source, part);
      await rename(part, target);
    }
  }
}

/** A file-system error -> its code and plain words ("EROFS: read-only file system, mkdir '…'"). */
function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}
