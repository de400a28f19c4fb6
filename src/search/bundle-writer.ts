// One bundle's way through Pagefind: records in -> an index written to the bundle's temporary
// folder, or the last build's files for it when its records are the same.
//   take(record) ... take(last record) -> complete(): reused, or sent and written
// Without a last build to compare with, records go to Pagefind as they arrive. With one, they are
// held until the bundle's last record, when its hash tells whether it changed.
import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { reuseBundle, type Manifest, type ManifestBundle } from "./manifest.ts";
import type { PagefindApi, PagefindIndex, PagefindPool } from "./pool.ts";

/** How many records may be with Pagefind at once: enough to keep it busy, bounded memory. */
const BATCH = 64;

/** What every bundle of one index shares: its processes, its problems, its pace and its clock. */
export interface Indexing {
  pool: PagefindPool;
  /** ISO 639-1: Pagefind reads every record as this language. */
  language: string;
  /** Pagefind's problems, gathered to fail the build once, with all. */
  errors: string[];
  /** Requests waiting for Pagefind, of every bundle: the renderer waits while there are BATCH. */
  inFlight: Set<Promise<void>>;
  /**
   * The last build's /pagefind/ folder and its manifest, when it can be trusted; `recycled`: this
   * build's index folder, whose files are the last one's at the same places (see WriterOptions).
   */
  previous?: { root: string; manifest: Manifest; recycled?: string };
  /** Milliseconds spent writing index files and taking bundles from the last build. */
  spent: { writing: number; reusing: number };
}

/** A document for Pagefind, with the URL it is found under: made when first asked for, known by its digest. */
export interface Sent {
  url: string;
  /** What vouches for the document (see Indexed in writer.ts), recorded with its digest. */
  key?: string;
  digest: string;
  document: () => string;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class BundleWriter {
  readonly #hash = createHash("sha256");
  readonly #inFlight = new Set<Promise<void>>();
  readonly #earlier: ManifestBundle | undefined;
  #held: Sent[] = [];
  #added = 0;
  #index: Promise<PagefindIndex | undefined> | undefined;
  #written: Promise<void> | undefined;
  #completed: Promise<void> | undefined;
  /** An unchanged bundle's files being taken from the last build (and, should that fail, its records sent). */
  #reusing: Promise<void> | undefined;
  /** The hash of its records, once complete. */
  digest = "";
  /** A bundle taken from the last build: its files (name -> size), as checked then. */
  files: Record<string, number> | undefined;
  get reused(): boolean {
    return this.files !== undefined;
  }
  /** URL -> [key, digest] of its records that had a key, for the manifest. */
  readonly keyed: [string, [string, string]][] = [];

  constructor(
    private readonly indexing: Indexing,
    private readonly api: PagefindApi,
    readonly dir: string,
    readonly temp: string,
    private readonly size: number,
  ) {
    this.#earlier = indexing.previous?.manifest.bundles.find((b) => b.dir === dir);
  }

  /** Takes one record's document; true when it was the bundle's last. */
  async take(sent: Sent): Promise<boolean> {
    this.#hash.update(`${sent.url}\0${sent.digest}\0`);
    if (sent.key !== undefined) this.keyed.push([sent.url, [sent.key, sent.digest]]);
    if (this.#earlier) this.#held.push(sent);
    else await this.#send(sent);
    return ++this.#added === this.size;
  }

  /**
   * Every record has arrived (or no more will): an unchanged bundle is taken from the last build,
   * a changed one gets its held records now; then it is written. Resolves once it is sent; an
   * unchanged bundle's files are taken meanwhile, on a worker (see `done`), and nothing waits for
   * that: the renderer waited for each one in turn, 50 ms of a day's build at 10,000 articles.
   */
  complete(): Promise<void> {
    return (this.#completed ??= (async () => {
      this.digest = this.#hash.digest("hex");
      const held = this.#held.splice(0);
      if (this.#earlier?.hash === this.digest) {
        // Should its files not be there after all, its records are sent and written as a changed one's.
        this.#reusing = this.#reuse().then(async (reused) => {
          if (reused) return;
          for (const sent of held) await this.#send(sent);
          await this.#write();
        });
        this.#reusing.catch(() => undefined); // seen by done() (or settle())
        return;
      }
      for (const sent of held) await this.#send(sent);
      void this.#write();
    })());
  }

  /** Resolves once the bundle is complete and its files are written (or taken from the last build). */
  async done(): Promise<void> {
    await this.complete();
    await this.#reusing;
    await this.#written;
  }

  /** Waits for whatever this bundle has started, failed or not. */
  async settle(): Promise<void> {
    await Promise.allSettled([this.#completed, this.#reusing, this.#written]);
  }

  async #reuse(): Promise<boolean> {
    const { root, manifest, recycled } = this.indexing.previous!;
    const from = performance.now();
    this.files = await reuseBundle(root, manifest, this.#earlier!, this.temp, recycled);
    if (!this.reused) await rm(this.temp, { recursive: true, force: true });
    this.indexing.spent.reusing += performance.now() - from;
    if (this.reused) this.#written = Promise.resolve();
    return this.reused;
  }

  /** The bundle's Pagefind index, created on first use; undefined (and an error recorded) if it could not be. */
  #open(): Promise<PagefindIndex | undefined> {
    const { pool, language, errors } = this.indexing;
    return (this.#index ??= pool.createIndex(this.api, language).then(
      (created) => {
        errors.push(...created.errors);
        if (!created.index && !created.errors.length) errors.push("Pagefind could not create an index");
        return created.index;
      },
      // Recorded, not thrown: several callers wait on this one promise, none of them for its failure.
      (e: unknown) => void errors.push(message(e)),
    ));
  }

  async #send({ url, document }: Sent): Promise<void> {
    const index = await this.#open();
    if (!index) return;
    const { pool, errors, inFlight } = this.indexing;
    const work = pool.answered(index.addHTMLFile({ url, content: document() }), `indexing ${url}`).then(
      (r) => void errors.push(...r.errors.map((e) => `${url}: ${e}`)),
      (e: unknown) => void errors.push(`${url}: ${message(e)}`),
    );
    for (const set of [inFlight, this.#inFlight]) {
      set.add(work);
      void work.finally(() => set.delete(work));
    }
    if (inFlight.size >= BATCH) await Promise.race(inFlight);
  }

  #write(): Promise<void> {
    const { pool, errors, spent } = this.indexing;
    return (this.#written ??= (async () => {
      const index = await this.#open();
      if (!index) return;
      await Promise.all(this.#inFlight);
      const from = performance.now();
      const written = await pool.answered(index.writeFiles({ outputPath: this.temp }), "writing the index");
      spent.writing += performance.now() - from;
      errors.push(...written.errors);
      await pool.answered(index.deleteIndex(), "freeing a written bundle");
    })().catch((e: unknown) => void errors.push(message(e))));
  }
}
