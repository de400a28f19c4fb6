// Incremental production builds: the last build's streamed pages (articles, lists, feeds, sitemap
// files) whose keys are unchanged are taken from its output instead of being rendered again.
//   openIncremental(paths, model) -> { reason } for a full build, or a reuse that vouches for the
//                                    last build; stream.ts asks it per page; save() after the swap
// The record of the last build sits beside the output, as `<out>.gazette-build.json` (never
// published): the code fingerprint, and per page its key and the file's size and modification
// time. Not its inode: a CI cache restores the output as copies (new inodes, the same times), and
// a build there should still be incremental; the time is compared to the second, as tar keeps it.
// A page is reused by a hard link (a copy where links fail) into the new build's folder, so the
// last site stays untouched until the swap and the new folder is complete on its own. That folder
// is the site the last build replaced, cleared of all but the live site's own files, so most pages
// are there already, in their folders (./folder.ts); the rest are linked by a worker thread, on the
// other core, while this one works out and renders the changed pages. Everything else is written
// fresh: Eleventy's own pages (a few, and the news and sitemap files that change with every
// article), the public files and the search index (whose bundles have their own reuse,
// src/search/manifest.ts).
// A full build, named in one line, when the record cannot vouch for the last output: none or
// unreadable, another fingerprint (Gazette, a dependency, Node, a template), a template that
// reads `gazette` whole, or a recorded file that is gone or was changed since.
import { lstat, readFile, rename, rm, unlink, writeFile } from "node:fs/promises";
import type { ArchiveModel } from "../archive/views.ts";
import type { DigestMap } from "../search/writer.ts";
import type { Paths } from "../site.ts";
import { outputFile, pageFile, STREAMED } from "../eleventy/stream.ts";
import { recordFile, type BuildFolder } from "./folder.ts";
import { dataFilesHash, fieldsTemplatesRead, pageKeys, type PageKeyOf } from "./keys.ts";
import { expectLongRun, LONG_RUN_PAGES } from "../tiering.ts";

/** 2: keys of streamed pages, files by size and modification time. 3: search records' digests. */
const FORMAT = 3;

/** A page's key and its file as written: size, modification time (ms). */
type PageRecord = [key: string, size: number, mtimeMs: number];

interface BuildRecord {
  format: number;
  fingerprint: string;
  pages: Record<string, PageRecord>;
  /** Each indexed article's search record digest, by what vouches for it (src/search/writer.ts). */
  digests?: DigestMap;
}

export { recordFile };

/** How a streamed page is made: rendered, or its file taken from the last build. */
export interface PageReuse {
  /** True when the last build's file for this page can be taken as it is (its key is unchanged). */
  reusable(kind: string, path: string, item: object): boolean;
  /** The last build's file for a reusable page -> its place in `outputDir` (its folder is made too), soon. */
  take(path: string, outputDir: string): void;
  /** Once every page taken is in place; rejects with the first that could not be. */
  settle(): Promise<void>;
  /** Before a page is rendered to `target`: a file there from the live site is unlinked, not written into. */
  vacate(path: string, target: string): Promise<void> | undefined;
  /** A page was rendered and written to `target`. */
  written(kind: string, path: string, item: object, target: string): Promise<void>;
  /** Search records' digests: the last build's, and this one's to keep (src/search/writer.ts). */
  knownDigest(url: string, vouch: string): string | undefined;
  keepDigests(digests: DigestMap): void;
  /**
   * What vouches for an article's search record (made from its view alone, by this code): its
   * page key with the code's fingerprint, once `reusable` has seen the article; else undefined.
   */
  recordKey(path: string): string | undefined;
}

export class IncrementalBuild implements PageReuse {
  readonly #next: Record<string, PageRecord> = {};
  readonly #keys = new Map<string, string>();
  /** Pages taken from the last build, and rendered. */
  reused = 0;
  rendered = 0;

  private constructor(
    private readonly fingerprint: string,
    private readonly keyOf: PageKeyOf | undefined,
    private readonly previous: { out: string; pages: Record<string, PageRecord> } | undefined,
    /** Why nothing is reused, when nothing is (one line for the build to print). */
    readonly reason: string | undefined,
    private readonly folder: BuildFolder,
    /** Files in the (recycled) folder that are the live site's: each taken, vacated or removed. */
    private readonly kept: Set<string>,
  ) {}

  /**
   * `fingerprint`: the code's (./fingerprint.ts), which the article cache is opened with too.
   * `folder`: the build's (./folder.ts); once this returns, it holds nothing but files of the
   * live site at this model's streamed pages.
   */
  static async open(paths: Paths, model: ArchiveModel, fingerprint: string, folder: BuildFolder): Promise<IncrementalBuild> {
    const [fields, inputs, kept] = await Promise.all([fieldsTemplatesRead(paths.templates), dataFilesHash(paths), folder.kept()]);
    // A file of the live site at a place that is not a streamed page now (another version of
    // Gazette may make it differently) goes before anything is written over it.
    const pages = new Set(STREAMED.flatMap((kind) => kind.items(model).map((item) => pageFile(item.path))));
    const stray = [...kept].filter((file) => !pages.has(file));
    if (stray.length) {
      for (const file of stray) kept.delete(file);
      await folder.clean(stray);
    }
    const keyOf = fields === "all" ? undefined : pageKeys(model, fields, inputs);
    const full = (reason: string) => new IncrementalBuild(fingerprint, keyOf, undefined, reason, folder, kept);
    if (!keyOf) return full("a template reads `gazette` whole, so no page can be reused");
    let record: BuildRecord;
    try {
      record = JSON.parse(await readFile(recordFile(paths.output), "utf8")) as BuildRecord;
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
      return full(missing ? "no record of an earlier build" : "the record of the last build cannot be read");
    }
    if (record?.format !== FORMAT || typeof record.pages !== "object" || !record.pages) return full("the record of the last build is of another format");
    if (record.fingerprint !== fingerprint) return full("Gazette, its dependencies, Node or the templates changed since the last build");
    // Checked on the folder's worker, which read the record too.
    const changed = await folder.changedPages();
    if (!changed) return full("the record of the last build cannot be read");
    if (changed.length) return full(`${changed.length} file${changed.length === 1 ? "" : "s"} of the last build changed since it was written (${changed[0]})`);
    const build = new IncrementalBuild(fingerprint, keyOf, { out: paths.output, pages: record.pages }, undefined, folder, kept);
    if (record.digests && typeof record.digests === "object") build.#lastDigests = record.digests;
    return build;
  }

  readonly #articleKeys = new Map<string, string>();
  #lastDigests: DigestMap = {};
  #digests: DigestMap = {};

  knownDigest(url: string, vouch: string): string | undefined {
    const known = Object.hasOwn(this.#lastDigests, url) ? this.#lastDigests[url] : undefined;
    return Array.isArray(known) && known[0] === vouch && typeof known[1] === "string" ? known[1] : undefined;
  }

  keepDigests(digests: DigestMap): void {
    this.#digests = digests;
  }

  recordKey(path: string): string | undefined {
    const key = this.#articleKeys.get(path);
    return key === undefined ? undefined : `${this.fingerprint.slice(0, 16)}${key}`;
  }

  reusable(kind: string, path: string, item: object): boolean {
    if (!this.keyOf) return false;
    const key = this.keyOf(kind, item);
    if (kind === "article") this.#articleKeys.set(path, key);
    if (this.previous?.pages[path]?.[0] === key) return true;
    this.#keys.set(path, key); // for written(): the page is rendered
    return false;
  }

  take(path: string, outputDir: string): void {
    const earlier = this.previous!.pages[path]!;
    this.#next[path] = earlier; // the same file, size and time unchanged
    // Already there when the folder was recycled: the very file, in its folder.
    if (!this.kept.delete(pageFile(path))) this.folder.link(outputFile(this.previous!.out, path), outputFile(outputDir, path), path);
    this.reused++;
  }

  vacate(path: string, target: string): Promise<void> | undefined {
    if (!this.kept.delete(pageFile(path))) return undefined;
    return unlink(target).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
  }

  async settle(): Promise<void> {
    // Copied where a link failed: a new file, recorded by its own size and time.
    for (const [path, size, mtimeMs] of await this.folder.linked()) this.#next[path] = [this.#next[path]![0], size, mtimeMs];
    // What is left of the live site's files is no page of this build (an article deleted, a list
    // that got shorter), nor are the folders that leaves empty.
    await this.folder.clean(this.kept);
    this.kept.clear();
  }

  async written(kind: string, path: string, item: object, target: string): Promise<void> {
    // Many pages to render: no longer a day's build (src/tiering.ts).
    if (++this.rendered === LONG_RUN_PAGES) expectLongRun();
    const key = this.#keys.get(path) ?? this.keyOf?.(kind, item);
    this.#keys.delete(path);
    if (key) await this.#record(path, key, target);
  }

  async #record(path: string, key: string, file: string): Promise<void> {
    const s = await lstat(file);
    this.#next[path] = [key, s.size, s.mtimeMs];
  }

  /** Before the swap: the last record goes, so a build stopped during the swap leaves none to trust. */
  static async forget(out: string): Promise<void> {
    await rm(recordFile(out), { force: true });
  }

  /** After the swap (renamed into place): this build's record, written whole. */
  async save(out: string): Promise<void> {
    if (!this.keyOf) return;
    const record: BuildRecord = { format: FORMAT, fingerprint: this.fingerprint, pages: this.#next, digests: this.#digests };
    await writeFile(`${recordFile(out)}.part`, JSON.stringify(record));
    await rename(`${recordFile(out)}.part`, recordFile(out));
  }
}
