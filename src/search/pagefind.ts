// Search index: rendered article pages -> Pagefind bundles in <output>/pagefind/.
// Article pages are handed over from memory as they are written (src/eleventy/stream.ts; nothing
// is re-read from disk), so Pagefind indexes on the second core while Node renders on the first;
// `data-pagefind-*` attributes in the templates decide what in a page is indexed. A bundle whose
// pages are the same as in the last build is not indexed again but taken from it (an archive's
// old years rarely change). Pagefind reports problems as `errors: string[]`; they are gathered
// and fail the build once, with all. A Pagefind process that dies fails the build at once.
import type { ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";
import { recordPhase } from "../timing.ts";

export interface IndexedPage {
  url: string;
  html: string;
}

export class SearchIndexError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`Search index failed:\n${errors.map((e) => `  ${e}`).join("\n")}`);
    this.name = "SearchIndexError";
  }
}

/** Pagefind's own interfaces, which Gazette's search page replaces; only the highlighter is used. */
const UNUSED_FILES = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css"];

/** How many pages are sent to the Pagefind service at once: enough to keep it busy, bounded memory. */
const BATCH = 64;
/**
 * Pagefind runs as a child process. Its death is caught as it happens (see `watchSpawns`); this
 * limit is for a process that lives but stops answering.
 */
const SILENCE_LIMIT_MS = 120_000;

/**
 * Pagefind's Node API never tells when its process dies: the requests in flight are simply never
 * answered (a build waited 120 s, then listed every page in flight). The process is created inside
 * the first call of each API module, and Node announces every child process it creates on the
 * "child_process" diagnostics channel, synchronously: a call made through `watchSpawns` claims the
 * processes it starts, so that their exit can fail the build at once.
 */
let claimSpawn: ((child: ChildProcess) => void) | undefined;
subscribe("child_process", (message) => claimSpawn?.((message as { process: ChildProcess }).process));

/**
 * When its process is gone, Pagefind's Node API prints "Service stopped" and the broken pipe's
 * stack trace to the console, once per request it could not send. The writer reports the
 * process's death itself, in one line, so that report is left out unless asked for (DEBUG,
 * --verbose).
 */
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (args[0] === "Service stopped" && !process.env.DEBUG && !process.argv.includes("--verbose")) return;
  consoleError(...args);
};

function watchSpawns<T>(call: () => T, claim: (child: ChildProcess) => void): T {
  claimSpawn = claim;
  try {
    return call();
  } finally {
    claimSpawn = undefined;
  }
}

/** Pages are handed over as they are rendered; Pagefind indexes them in its own process meanwhile. */
export interface SearchIndexWriter {
  /** Queues a page; resolves once few enough pages are in flight (back-pressure for the renderer). */
  add(page: IndexedPage): Promise<void>;
  /** Waits for every page and bundle, lays the bundles out under the root, and fails once with every error. */
  finish(): Promise<void>;
  /** The build failed elsewhere: stop Pagefind and remove what was written. */
  abort(): Promise<void>;
}

/** Where each bundle goes (see src/search/bundles.ts) and which pages it holds. */
export interface BundleTarget {
  dir: string;
  articles: readonly string[];
}

export interface IndexOptions {
  /** Pagefind processes to index the bundles with, in turn (setting `search.processes`). */
  processes?: number;
  /** The last build's /pagefind/ folder: bundles whose pages are unchanged are taken from it. */
  previous?: string;
}

/** Written beside the index: each bundle's folder, a hash of its pages and its files, for the next build. */
const MANIFEST = "gazette-bundles.json";
/** What Gazette sends Pagefind and how it lays bundles out; a change here must not reuse old bundles. */
const FORMAT = 2;

interface Manifest {
  format: number;
  pagefind: string;
  language: string;
  bundles: { dir: string; hash: string; files: Record<string, number> }[];
}

/** Besides the first bundle's own files, the root holds the manifest and the other bundles' folders. */
const notOfFirstBundle = (dirs: readonly string[]) => [MANIFEST, ...dirs.filter(Boolean)];

/** What the search page needs from a bundle that is merged into the first; the rest is the first's. */
const BUNDLE_DATA = /^(pagefind-entry\.json|.*\.pf_meta|index|fragment|filter)$/;

/**
 * Opens an index writer for `bundles`, written under `root` (the site's /pagefind/ folder): the
 * first bundle at the root, the others in sub-folders holding only their index data.
 *
 * Each bundle is its own Pagefind index. A bundle is written and freed as soon as its last page
 * arrives, so while pages come in date order (the article pages do) about one bundle is held in
 * memory at a time, and writing one overlaps with rendering the next. When the last build left
 * an index, a bundle's pages are held until its last one, then sent to Pagefind while the next
 * bundle renders, unless the bundle is unchanged and taken from the last build.
 *
 * `language` is forced for every index: Pagefind otherwise splits an index by each page's
 * <html lang> and a search page only searches its own language, so Arabic articles would be
 * invisible from the (English) search page. One index finds every article from one search box.
 *
 * With `processes` > 1 the bundles go to that many Pagefind processes in turn (no more than the
 * machine has cores); see indexProcesses in src/search/bundles.ts.
 */
export async function openSearchIndex(language: string, bundles: readonly BundleTarget[], root: string, options: IndexOptions = {}): Promise<SearchIndexWriter> {
  const errors: string[] = [];
  const apis = await pagefindProcesses(Math.min(options.processes ?? 1, bundles.length, availableParallelism()));
  const earlier = options.previous ? await previousBundles(options.previous, language) : undefined;
  const bundleOf = new Map<string, number>();
  bundles.forEach((b, i) => b.articles.forEach((path) => bundleOf.set(path, i)));
  const parts = bundles.map((b, i) => ({
    ...b,
    api: apis[i % apis.length]!,
    temp: `${root}.part-${i}`,
    added: 0,
    index: undefined as Promise<pagefind.PagefindIndex | undefined> | undefined,
    inFlight: new Set<Promise<void>>(),
    written: undefined as Promise<void> | undefined,
    /** What this bundle's pages were (URL and searchable part, in order), to recognise it next time. */
    hash: createHash("sha256"),
    digest: "",
    /** The last build's bundle of the same folder: pages are held back until it is known whether they changed. */
    earlier: earlier?.bundles.find((e) => e.dir === b.dir),
    held: [] as IndexedPage[],
    completed: undefined as Promise<void> | undefined,
    reused: false,
  }));
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let writing = 0;

  // A Pagefind process that exits before `close` is a crash: every pending and later request
  // fails with one message, which alone is reported (the pages in flight add nothing to it).
  let closing = false;
  let died: string | undefined;
  let onDeath: (error: SearchIndexError) => void = () => undefined;
  const death = new Promise<never>((_, reject) => (onDeath = reject));
  death.catch(() => undefined); // observed through `answered`; unobserved when nothing is pending
  const watch = (child: ChildProcess) => {
    const fail = (how: string) => {
      if (closing || died) return;
      died = `Pagefind ${how}; no search index was written`;
      onDeath(new SearchIndexError([died]));
      void close();
    };
    child.once("exit", (code, signal) => fail(`${signal ? `was stopped (${signal})` : `exited unexpectedly (exit code ${code})`} while indexing`));
    child.once("error", (e) => fail(`could not be started (${e.message})`));
  };
  const answered = <T>(work: Promise<T>, step: string) => answeredOrDead(work, step, death);

  const open = (part: (typeof parts)[number]) =>
    (part.index ??= answered(watchSpawns(() => part.api.createIndex({ forceLanguage: language.split("-")[0]! }), watch), "creating the index").then(
      (created) => {
        errors.push(...created.errors);
        if (!created.index && !created.errors.length) errors.push("Pagefind could not create an index");
        return created.index;
      },
      // Recorded, not thrown: several callers wait on this one promise, none of them for its failure.
      (e: unknown) => void errors.push(e instanceof Error ? e.message : String(e)),
    ));
  const write = (part: (typeof parts)[number]) =>
    (part.written ??= (async () => {
      const index = await open(part);
      if (!index) return;
      await Promise.all(part.inFlight);
      const from = performance.now();
      const written = await answered(index.writeFiles({ outputPath: part.temp }), "writing the index");
      writing += performance.now() - from;
      errors.push(...written.errors);
      await answered(index.deleteIndex(), "freeing a written bundle");
    })().catch((e: unknown) => void errors.push(e instanceof Error ? e.message : String(e))));

  const send = async (part: (typeof parts)[number], url: string, content: string) => {
    const index = await open(part);
    if (!index) return;
    const work = answered(index.addHTMLFile({ url, content }), `indexing ${url}`).then(
      (r) => void errors.push(...r.errors.map((e) => `${url}: ${e}`)),
      (e: unknown) => void errors.push(`${url}: ${e instanceof Error ? e.message : String(e)}`),
    );
    for (const set of [inFlight, part.inFlight]) {
      set.add(work);
      void work.finally(() => set.delete(work));
    }
    if (inFlight.size >= BATCH) await Promise.race(inFlight);
  };
  let reusing = 0;
  let sending: Promise<void> = Promise.resolve(); // the last completed bundle's held pages, going to Pagefind
  // Every page of a bundle has arrived: an unchanged bundle is taken from the last build (its
  // files linked, not copied), a changed one gets its held pages now; then it is written.
  const complete = (part: (typeof parts)[number]) =>
    (part.completed ??= (async () => {
      part.digest = part.hash.digest("hex");
      const held = part.held.splice(0);
      if (part.earlier && part.earlier.hash === part.digest) {
        const from = performance.now();
        // Checked after linking: the linked files cannot change under the check.
        part.reused = await linkTree(join(options.previous!, part.dir), part.temp, part.dir ? [] : notOfFirstBundle(earlier!.bundles.map((b) => b.dir)))
          .then(async () => sameFiles(await listFiles(part.temp), part.earlier!.files))
          .catch(() => false);
        if (!part.reused) await rm(part.temp, { recursive: true, force: true });
        reusing += performance.now() - from;
        if (part.reused) return void (part.written = Promise.resolve());
      }
      for (const page of held) await send(part, page.url, page.html);
      void write(part);
    })());

  try {
    // An unwritable output folder is a plain error here, before Pagefind panics on it.
    await mkdir(dirname(root), { recursive: true });
    // Bundle folders left by an interrupted run (the preview writes into a live folder).
    const base = basename(root);
    for (const name of await readdir(dirname(root))) if (name.startsWith(`${base}.part-`)) await rm(join(dirname(root), name), { recursive: true, force: true });
  } catch (e) {
    throw new SearchIndexError([`cannot write the search index to ${root}: ${(e as Error).message}`]);
  }
  const close = () => {
    closing = true;
    return Promise.all(apis.map((api) => answeredOrDead(api.close(), "closing").catch(() => undefined)));
  };
  const removeParts = () => Promise.all(parts.map((p) => rm(p.temp, { recursive: true, force: true })));
  return {
    async add(page) {
      if (died) throw new SearchIndexError([died]); // stops the renderer: nothing more can be indexed
      const at = bundleOf.get(page.url);
      const part = at === undefined ? undefined : parts[at];
      if (!part) return void errors.push(`${page.url}: not an article page, so not in any search bundle`);
      const content = searchablePart(page.html);
      part.hash.update(`${page.url}\0${content}\0`);
      if (part.earlier) part.held.push({ url: page.url, html: content });
      else await send(part, page.url, content);
      if (++part.added === part.articles.length) {
        // One bundle's held pages at a time go to Pagefind while the renderer goes on.
        await sending;
        sending = complete(part);
      }
    },
    async finish() {
      try {
        // Bundles whose pages did not all arrive (or that have none) are completed now, in turn.
        for (const part of parts) {
          await complete(part);
          await part.written;
        }
        const reused = parts.filter((p) => p.reused).length;
        if (earlier) recordPhase(`search index: ${reused} of ${parts.length} bundles unchanged, reused`, reusing);
        recordPhase("search index: add pages (alongside rendering)", performance.now() - started);
        recordPhase("search index: write files", writing);
      } finally {
        await close();
      }
      if (died || errors.length) {
        await removeParts();
        throw new SearchIndexError(died ? [died] : errors);
      }
      await layOut(parts, root);
      // Written last, and whole (renamed into place): a manifest vouches for a complete tree.
      const bundleFiles = await Promise.all(parts.map((p) => listFiles(join(root, p.dir), p.dir ? [] : notOfFirstBundle(parts.map((q) => q.dir)))));
      const manifest: Manifest = { format: FORMAT, pagefind: await pagefindVersion(), language, bundles: parts.map((p, i) => ({ dir: p.dir, hash: p.digest, files: bundleFiles[i]! })) };
      await writeFile(join(root, `${MANIFEST}.part`), `${JSON.stringify(manifest)}\n`);
      await rename(join(root, `${MANIFEST}.part`), join(root, MANIFEST));
    },
    async abort() {
      try {
        await Promise.allSettled([sending, ...parts.map((p) => p.completed), ...parts.map((p) => p.written)]);
      } finally {
        await close();
        await removeParts();
      }
    },
  };
}

/** Bundle folders -> the first at `root`, the rest in sub-folders with their index data only. */
async function layOut(parts: readonly { dir: string; temp: string }[], root: string): Promise<void> {
  // The manifest goes first: a tree left half-removed must not be trusted by the next build.
  await rm(join(root, MANIFEST), { force: true });
  await rm(root, { recursive: true, force: true });
  const [first, ...rest] = parts;
  await rename(first!.temp, root);
  await Promise.all(UNUSED_FILES.map((f) => rm(join(root, f), { force: true })));
  for (const part of rest) {
    const target = join(root, part.dir);
    await rename(part.temp, target);
    // The first bundle's script and WebAssembly serve every bundle.
    for (const name of await readdir(target)) if (!BUNDLE_DATA.test(name)) await rm(join(target, name), { recursive: true, force: true });
  }
}

/**
 * A rendered page -> just what Pagefind reads from it: the <html lang>, the head tags marked for
 * it, and the element marked `data-pagefind-body`. A third of the bytes to send and parse; the
 * page itself is untouched. Falls back to the whole page if the markers are not there.
 */
export function searchablePart(html: string): string {
  const open = /<html\b[^>]*>/.exec(html)?.[0];
  const start = html.search(/<(\w+)\b[^>]*\sdata-pagefind-body\b/);
  if (!open || start < 0) return html;
  const tag = /^<(\w+)/.exec(html.slice(start))![1]!;
  const end = html.indexOf(`</${tag}>`, start);
  if (end < 0) return html;
  const headTags = html.slice(0, start).match(/<meta\b[^>]*\sdata-pagefind-[^>]*>/g) ?? [];
  return `<!doctype html>${open}<head>${headTags.join("")}</head><body>${html.slice(start, end + tag.length + 3)}</body></html>`;
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

/** The last build's bundles, when it was written by this Gazette and Pagefind for this language. */
async function previousBundles(previous: string, language: string): Promise<Manifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(previous, MANIFEST), "utf8")) as Partial<Manifest>;
    const version = await pagefindVersion();
    const wellFormed = Array.isArray(manifest.bundles) && manifest.bundles.every((b) => typeof b?.dir === "string" && typeof b.hash === "string" && !!b.files && typeof b.files === "object");
    return wellFormed && manifest.format === FORMAT && version !== "unknown" && manifest.pagefind === version && manifest.language === language ? (manifest as Manifest) : undefined;
  } catch {
    return undefined; // no earlier build, or not one to trust
  }
}

/** Every file under `dir` (but `skip` at its top) -> its size, by path relative to `dir`. */
async function listFiles(dir: string, skip: readonly string[] = []): Promise<Record<string, number>> {
  const files: Record<string, number> = {};
  const walk = async (at: string, prefix: string, skipping: readonly string[]) => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      if (skipping.includes(entry.name)) continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path, `${prefix}${entry.name}/`, []);
      else files[`${prefix}${entry.name}`] = (await stat(path)).size;
    }
  };
  await walk(dir, "", skip);
  return files;
}

function sameFiles(found: Record<string, number>, recorded: Record<string, number>): boolean {
  const names = Object.keys(recorded);
  return names.length === Object.keys(found).length && names.every((n) => found[n] === recorded[n]);
}

/** `from` -> `to`, every file hard-linked (copied where links are not possible), without `skip`. */
async function linkTree(from: string, to: string, skip: readonly string[]): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (skip.includes(entry.name)) continue;
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) await linkTree(source, target, []);
    else await link(source, target).catch(() => copyFile(source, target));
  }
}

/**
 * `count` Pagefind APIs, each with its own process. The package keeps one process per module
 * instance, so the others are further instances of the same module, told apart by a query.
 */
async function pagefindProcesses(count: number): Promise<(typeof pagefind)[]> {
  const apis = [pagefind];
  for (let n = 1; n < count; n++) apis.push(await import(`${import.meta.resolve("pagefind")}?process=${n}`));
  return apis;
}

/**
 * All pages at once (the preview's re-index, in the live folder): open, add each bundle's pages in
 * turn, finish. Bundles the edit did not touch are kept from the index being replaced.
 */
export async function writeSearchIndex(pages: readonly IndexedPage[], root: string, language: string, bundles?: readonly BundleTarget[]): Promise<void> {
  const targets = bundles ?? [{ dir: "", articles: pages.map((p) => p.url) }];
  const order = new Map<string, number>();
  targets.forEach((b, i) => b.articles.forEach((path) => order.set(path, i)));
  const writer = await openSearchIndex(language, targets, root, { previous: root });
  for (const page of [...pages].sort((a, b) => (order.get(a.url) ?? 0) - (order.get(b.url) ?? 0))) await writer.add(page);
  await writer.finish();
}

/** A Pagefind request, failed when its process dies (`death`) or stays silent too long. */
function answeredOrDead<T>(work: Promise<T>, step: string, death?: Promise<never>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SearchIndexError([`Pagefind stopped answering while ${step} (no reply in ${SILENCE_LIMIT_MS / 1000} s)`])), SILENCE_LIMIT_MS);
  });
  return Promise.race([work, silence, ...(death ? [death] : [])]).finally(() => clearTimeout(timer));
}
