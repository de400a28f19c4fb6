// The index writer: search records, handed over one at a time -> Pagefind bundles under the
// site's /pagefind/ folder, with back-pressure for whoever hands them over.
//   open(plan, root) -> add(record) x N (resolves when few enough are in flight) -> finish()
//                                                               (or abort() if the build failed)
// Each bundle is its own Pagefind index (src/search/bundle-writer.ts), written and freed as soon
// as its last record arrives: while records come in date order (the article pages are written
// newest first) about one bundle is held in memory at a time, and writing one overlaps with
// rendering the next. Pagefind reports problems as `errors: string[]`; they are gathered and fail
// the build once, with all. A Pagefind process that dies fails the build at once.
import { hash } from "node:crypto";
import { once } from "../archive/lazy.ts";
import { mkdir, rm } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname, resolve } from "node:path";
import { recordPhase } from "../timing.ts";
import { BundleWriter, type Indexing, type Sent } from "./bundle-writer.ts";
import { layOut, removeLeftovers, tempFolder } from "./layout.ts";
import { readManifest, writeManifest } from "./manifest.ts";
import { openPool, SearchIndexError } from "./pool.ts";
import { pagefindDocument, type SearchRecord } from "./records.ts";

/**
 * An article for the index: its URL, its bundle's key, and its record, made only when needed.
 * `key`, when given, vouches for the record: the same key always makes the same record (an
 * incremental build's page key of the article with the code's fingerprint). A bundle's hash is
 * then taken from the digests the last build recorded for these keys, and an unchanged bundle is
 * reused without making its records at all (a second of a day's build at 10,000 articles).
 */
export interface Indexed {
  url: string;
  part: string;
  key?: string;
  record: () => SearchRecord;
}

/** Records are handed over as pages are rendered; Pagefind indexes them in its own processes meanwhile. */
export interface SearchIndexWriter {
  /** Queues an article; resolves once few enough are in flight (back-pressure for the renderer). */
  add(article: Indexed): Promise<void>;
  /** Waits for every record and bundle, lays the bundles out under the root, and fails once with every error. */
  finish(): Promise<void>;
  /** The build failed elsewhere: stop Pagefind and remove what was written. */
  abort(): Promise<void>;
}

/** What the writer needs of the plan (src/search/plan.ts): the bundles, by key, and their sizes. */
export interface IndexTargets {
  /** The site's language: one index finds every article from one search box. */
  language: string;
  bundles: readonly { dir: string; key: string; articles: readonly string[] }[];
  /** Pagefind processes to index the bundles with, in turn (no more than the machine has cores). */
  processes: number;
}

export interface WriterOptions {
  /** The last build's /pagefind/ folder: bundles whose records are unchanged are taken from it. */
  previous?: string;
  /**
   * Records' digests by the key that vouches for them, kept between builds outside the site (the
   * build's record, src/incremental/build.ts): keys are made of what a page is built from, which
   * is not all published, so two builds of the same site must not write different keys into it.
   */
  digests?: RecordDigests;
  /**
   * Every file the index's folder holds is the file of `previous` at the same place: a recycled
   * build folder (src/incremental/folder.ts). An unchanged bundle's folder is taken from it, less
   * what the last one's lacks, and what it does not take goes when the new index is laid out.
   */
  recycled?: boolean;
}

/** URL -> [what vouches for its record, the record's digest]. */
export type DigestMap = Record<string, [vouch: string, digest: string]>;

export interface RecordDigests {
  /** The digest the last build made for this URL's record under this key, if it did. */
  knownDigest(url: string, vouch: string): string | undefined;
  /** This build's digests, once the index is written. */
  keepDigests(digests: DigestMap): void;
}

/**
 * Opens a writer for `targets`' bundles under `root` (the site's /pagefind/ folder). A record
 * goes to the bundle named by its `part` filter.
 *
 * `language` is forced for every index: Pagefind otherwise splits an index by each record's
 * language and a search page only searches its own, so Arabic articles would be invisible from
 * the (English) search page.
 */
export async function openSearchIndex(targets: IndexTargets, root: string, options: WriterOptions = {}): Promise<SearchIndexWriter> {
  try {
    // An unwritable output folder is a plain error here, before Pagefind panics on it.
    await mkdir(dirname(root), { recursive: true });
    await removeLeftovers(root);
  } catch (e) {
    throw new SearchIndexError([`cannot write the search index to ${root}: ${(e as Error).message}`]);
  }
  const { bundles } = targets;
  // Pagefind takes the language as ISO 639-1.
  const language = targets.language.split("-")[0]!;
  const pool = await openPool(Math.min(targets.processes, bundles.length, availableParallelism()), bundles.length ? language : undefined);
  const manifest = options.previous ? await readManifest(options.previous, targets.language) : undefined;
  const indexing: Indexing = {
    pool,
    language,
    errors: [],
    inFlight: new Set(),
    // Never the live index itself (Eleventy run on its own writes into it): its bundles stay put.
    previous: manifest && { root: options.previous!, manifest, recycled: options.recycled && resolve(root) !== resolve(options.previous!) ? root : undefined },
    spent: { writing: 0, reusing: 0 },
  };
  const writers = bundles.map((b, i) => new BundleWriter(indexing, pool.apis[i % pool.apis.length]!, b.dir, tempFolder(root, i), b.articles.length));
  const byKey = new Map(bundles.map((b, i) => [b.key, writers[i]!]));
  const started = performance.now();
  let sending: Promise<void> = Promise.resolve(); // the last completed bundle's held records, going to Pagefind
  const removeTemps = () => Promise.all(writers.map((w) => rm(w.temp, { recursive: true, force: true })));

  return {
    async add({ url, part, key, record }) {
      if (pool.died) throw new SearchIndexError([pool.died]); // stops the renderer: nothing more can be indexed
      const writer = byKey.get(part);
      if (!writer) return void indexing.errors.push(`${url}: not in any search bundle`);
      // The bundle's key is in the record (its `part` filter), so it is part of what vouches for it.
      const vouch = key === undefined ? undefined : `${key}/${part}`;
      const digest = vouch === undefined || !manifest ? undefined : options.digests?.knownDigest(url, vouch);
      if (await writer.take(sentOf(url, vouch, record, digest))) {
        // One changed bundle's held records at a time go to Pagefind while the renderer goes on
        // (an unchanged one's files are taken meanwhile: src/search/bundle-writer.ts).
        await sending;
        sending = writer.complete();
      }
    },
    async finish() {
      try {
        // Bundles whose records did not all arrive (or that have none) are completed now, in turn.
        for (const writer of writers) await writer.done();
        reportPhases(indexing, writers, started);
      } finally {
        await pool.close();
      }
      if (pool.died || indexing.errors.length) {
        await removeTemps();
        throw new SearchIndexError(pool.died ? [pool.died] : indexing.errors);
      }
      await layOut(writers, root);
      // Written last, and whole: a manifest vouches for a complete tree.
      await writeManifest(root, targets.language, writers.map((w) => ({ dir: w.dir, hash: w.digest, files: w.files })));
      options.digests?.keepDigests(Object.fromEntries(writers.flatMap((w) => w.keyed)));
    },
    async abort() {
      try {
        await Promise.allSettled([sending, ...writers.map((w) => w.settle())]);
      } finally {
        await pool.close();
        await removeTemps();
      }
    },
  };
}

/** What a bundle writer is given: the document is made when first asked for, its digest from it unless known. */
function sentOf(url: string, key: string | undefined, record: () => SearchRecord, known: string | undefined): Sent {
  const document = once(() => pagefindDocument(record()));
  return { url, key, digest: known ?? hash("sha256", document(), "base64url"), document };
}

function reportPhases(indexing: Indexing, writers: readonly BundleWriter[], started: number): void {
  const reused = writers.filter((w) => w.reused).length;
  if (indexing.previous) recordPhase(`search index: ${reused} of ${writers.length} bundles unchanged, reused`, indexing.spent.reusing);
  recordPhase("search index: add pages (alongside rendering)", performance.now() - started);
  recordPhase("search index: write files", indexing.spent.writing);
}

/**
 * Every record at once (the preview's re-index, in the live folder): open, add each bundle's
 * records in turn, finish. Bundles the edit did not touch are kept from the index being replaced.
 */
export async function writeSearchIndex(records: Iterable<SearchRecord>, root: string, targets: IndexTargets): Promise<void> {
  const writer = await openSearchIndex(targets, root, { previous: root });
  for (const record of records) await writer.add({ url: record.url, part: record.filters.part?.[0] ?? "", record: () => record });
  await writer.finish();
}
