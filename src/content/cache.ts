// The article cache: what the last production build made of each article and page file, kept
// beside the output as `<out>.gazette-cache`, so the next build parses, validates and renders
// only the files whose text changed. (The preview keeps the same in memory: ./store.ts and
// renderOnce; a one-shot build has nothing else between runs.)
//   ArticleCache.open(out, fingerprint) -> the last build's entries; none when the file is
//                                          missing, unreadable, truncated, of another format,
//                                          or made by other code (a full parse, never an error)
//   cache.take(file, text, keys, parse) -> the cached parse (and rendered body) of `file` when
//                                          its text and the keys are the ones it was made from;
//                                          otherwise parse(text), kept for the next build
//   cache.write(out), commit(out)       -> this build's entries to `<out>.gazette-cache.part` once
//                                          the model is made; renamed into place after a
//                                          successful build (save: both at once); a build
//                                          that fails leaves the last cache, and one that is
//                                          killed a `.part` the next build overwrites (killed
//                                          between commit's two renames, no cache: the next
//                                          build parses every file)
// What an entry depends on, and all of it must match:
//   - the file's text, by sha256: read for every build, since a git checkout changes
//     modification times. The loader hands over only text that is valid UTF-8 without NUL
//     (./load.ts, checkText), and such text is the file's bytes exactly;
//   - the settings the parse reads (ParseSettings in ./load.ts) and, for the rendered body, the
//     Markdown options;
//   - the code fingerprint (src/incremental/fingerprint.ts): Gazette, its dependencies, Node, the
//     templates; another one discards the whole file.
// An entry holds only what Gazette derived from the file: the validated fields (luxon dates as
// instant and zone, the body as its offset in the text, `lineOf` made again from the text when
// first asked), the file's problems and warnings, and the rendered body. Nothing in it is run.
// Format (./cache-file.ts): records, each a node:v8 serialisation (it keeps `undefined` and key
// order, which JSON does not, and decodes faster) and a tail of raw UTF-8: a header, one record
// per file, and an end record with the count, so a truncated file is recognised. An article's
// rendered body is its record's tail, read from the file when the article's page (or feed
// entry, or search record) first asks for it: the file stays open until no body of it is left
// to read. Read one record at a time; written in runs, on libuv's threads (./cache-file.ts).
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, renameSync, rmSync } from "node:fs";
import { DateTime } from "luxon";
import { dateFromMillis } from "./dates.ts";
import { parseFrontMatter } from "./frontmatter.ts";
import type { Problem } from "./problems.ts";
import { cacheFile, FORMAT, readFully, RecordReader, RecordWriter, replacedCacheFile, type Header, type Span } from "./cache-file.ts";
import { rememberRendered, renderedFor, type MarkdownOptions, type RenderedMarkdown } from "../markdown.ts";

export { cacheFile };

/** What a parse and a rendering of a file depend on besides its text and the code. */
export interface CacheKeys {
  /** The settings the parse read, as one string (ParseSettings serialised). */
  parse: string;
  /** The Markdown options bodies are rendered with; undefined when the settings are broken. */
  markdown: MarkdownOptions | undefined;
}

/** A parse: an item (article or page) when the file is valid, and its problems. */
type Parsed = { item?: object; problems: Problem[] };

/** Each item a cache made or took, by the sha256 of its file's text (base64url). */
const textDigests = new WeakMap<object, string>();

/**
 * The sha256 of the text `item` was parsed from, when an article cache read it (every production
 * build): with the file's name, the settings and the code, it stands for the parse and the
 * rendered body (src/incremental/keys.ts counts an article's card by it).
 */
export function textDigestOf(item: object): string | undefined {
  return textDigests.get(item);
}

type DatePath = (string | number)[];

/** One file's entry as stored. */
interface Stored {
  file: string;
  hash: string;
  /** The item, with `lineOf`, its dates (kept in `dates`) and a body kept as `bodyAt` set to null. */
  item?: Record<string, unknown>;
  /** Where the body starts in the text, when the body is the text's tail (else it is in `item`). */
  bodyAt?: number;
  lineOf?: boolean;
  /** Each date: where it is in the item, its instant, zone and offset (minutes) at that instant. */
  dates?: [path: DatePath, ms: number, zone: string, offset: number][];
  problems: Problem[];
  /** The rendered body but its HTML, which is the record's tail. */
  rendered?: Omit<RenderedMarkdown, "html">;
}

/** An entry as read: where its record is in the last cache, and its tail (the body's HTML) there. */
type Read = Stored & { span: Span; html: () => string };

interface End {
  end: number;
}

export class ArticleCache {
  /** This build's entries, by file: what the next build will find. */
  readonly #next = new Map<string, { hash: string; value: Parsed; text: string; copy?: Span }>();
  /** Dates made again, by zone and instant: many articles share a day, as parseDate's do. */
  readonly #dates = new Map<string, DateTime>();
  #keys: CacheKeys | undefined;
  /** The bytes of the files taken so far (their text is valid UTF-8: ./load.ts). */
  #bytes = 0;
  /** The `.part` file `write` made, and its writing, until it is committed or discarded. */
  #written: { part: string; written: Promise<void> } | undefined;
  /** Files taken from the cache, and parsed. */
  hits = 0;
  misses = 0;

  private constructor(
    private readonly fingerprint: string,
    private readonly header: Header | undefined,
    private readonly previous: Map<string, Read>,
    /**
     * The file the entries were read from, still open: its records are copied into the next one
     * as they are, from this very file (another build may have renamed a new cache over its name).
     */
    private readonly source: OpenFile | undefined,
  ) {}

  /** How many entries the last build's cache holds (none when it was missing or unusable). */
  get entries(): number {
    return this.previous.size;
  }

  /** A cache with nothing in it (what a missing or unusable file gives). */
  static empty(fingerprint: string): ArticleCache {
    return new ArticleCache(fingerprint, undefined, new Map(), undefined);
  }

  /** The cache written beside `out` by the last build, when it was made by this code. */
  static open(out: string, fingerprint: string): ArticleCache {
    const read = readRecords(cacheFile(out), fingerprint);
    return read ? new ArticleCache(fingerprint, read.header, read.entries, read.file) : ArticleCache.empty(fingerprint);
  }

  /**
   * `file`'s parse: the last build's when `text` hashes to its entry's and the keys are the
   * ones it was made with (its rendered body is then handed to renderOnce too), else parse(text).
   * `read`: the text's digest and UTF-8 size, when the caller has them (the file was read ahead:
   * ./read-ahead.ts); measuring 60 MB of text again cost 25 ms of a day's build.
   */
  take<T extends Parsed>(file: string, text: string, keys: CacheKeys, parse: (text: string) => T, read?: { sha256: string; size: number }): T {
    this.#keys = keys;
    this.#bytes += read?.size ?? Buffer.byteLength(text);
    const hash = read?.sha256 ?? createHash("sha256").update(text).digest("base64url");
    const old = this.previous.get(file);
    this.previous.delete(file); // used once; the decoded entry is not kept beside the result
    if (old && old.hash === hash && this.header?.parse === keys.parse) {
      // The bodies were rendered with these Markdown options: compared once per kind of file.
      const sameBody = this.#renderedAsNow(keys);
      const value = restoreSafely(old, file, text, sameBody ? keys.markdown : undefined, this.#dates);
      if (value) {
        this.hits++;
        if (value.item) textDigests.set(value.item, hash);
        // Its record is written again as it is when it already holds the body rendered as now.
        this.#next.set(file, { hash, value, text, copy: sameBody && old.rendered ? old.span : undefined });
        return value as T;
      }
    }
    this.misses++;
    const value = parse(text);
    if (value.item) textDigests.set(value.item, hash);
    this.#next.set(file, { hash, value, text });
    return value as T;
  }

  #compared: { keys: CacheKeys; same: boolean } | undefined;

  /** Whether the last cache's bodies were rendered with `keys.markdown`. */
  #renderedAsNow(keys: CacheKeys): boolean {
    if (this.#compared?.keys !== keys) this.#compared = { keys, same: keys.markdown !== undefined && this.header?.markdown === JSON.stringify(keys.markdown) };
    return this.#compared.same;
  }

  /**
   * This build's entries -> `<out>.gazette-cache.part`, once the model is made (every body is
   * rendered by then): memory is lowest before Eleventy renders. New entries are serialised here
   * (what the writer holds of them while Eleventy renders is at most 8 MB, and a buffer of 1 MB);
   * the file is written on libuv's threads meanwhile, the unchanged entries' records copied from
   * the last cache as they are. An entry whose item holds something that cannot be stored exactly is left out. The
   * file becomes the cache only by `commit`, after the build.
   */
  write(out: string): void {
    const keys = this.#keys;
    if (!keys?.markdown) return;
    const part = `${cacheFile(out)}.part`;
    const fd = openSync(part, "w");
    try {
      const header: Header = { format: FORMAT, fingerprint: this.fingerprint, parse: keys.parse, markdown: JSON.stringify(keys.markdown), bytes: this.#bytes };
      const writer = new RecordWriter(fd);
      writer.write(header);
      const same = this.header && this.header.parse === header.parse && this.header.markdown === header.markdown;
      // Held until the file is written: the last cache stays open while anything refers to it.
      const source = same && this.source ? unchanged(this.source) : undefined;
      let count = 0;
      for (const [file, { hash, value, text, copy }] of this.#next) {
        // An unchanged file's record is copied from the last cache: nothing to serialise.
        if (copy && source) {
          writer.copy(source.fd, copy);
          count++;
          continue;
        }
        const stored = store(file, hash, value, text, keys.markdown);
        if (!stored) continue;
        writer.write(stored.entry, stored.html);
        count++;
      }
      writer.write({ end: count } satisfies End);
      const written = writer.writeTo().finally(() => {
        closeSync(fd);
        void source; // the last cache, kept open until its records are copied
      });
      written.catch(() => undefined); // a failure is for commit (or discard) to see
      this.#written = { part, written };
    } catch (e) {
      closeSync(fd);
      rmSync(part, { force: true });
      throw e;
    } finally {
      // Written: what the entries hold (every file's text, the last cache's decoded records) is
      // let go before the pages render, when memory is at its highest (317 MB of text alone at
      // 50,000 articles).
      this.#next.clear();
      this.previous.clear();
      this.#dates.clear();
    }
  }

  /**
   * After a successful build: the file `write` made becomes the cache, once it is written. The
   * last cache is moved aside first, to `.last`, returned for the caller to remove where it costs
   * the build nothing (src/output.ts, removeDetached); undefined when there was none, and one left
   * behind is removed by the next build (src/cli/build.ts). Renamed over the last cache, the new
   * one would cost the build twice: ext4 frees the replaced file's blocks there and then (60 to
   * 120 ms for 75 MB at 10,000 articles), and writes out the new file's before the rename returns
   * (its guard against an empty file after a crash: 32 ms). Between the two renames there is no
   * cache: a build stopped there leaves the next one a full parse, never a wrong cache.
   */
  async commit(out: string): Promise<string | undefined> {
    const pending = this.#written;
    if (!pending) return undefined;
    await pending.written; // a file that could not be written is the caller's to discard()
    const file = cacheFile(out);
    const last = replacedCacheFile(out);
    rmSync(last, { force: true });
    let kept: string | undefined;
    try {
      renameSync(file, last);
      kept = last;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e; // no last cache: nothing to move
    }
    try {
      renameSync(pending.part, file);
    } catch (e) {
      // The last cache back in its place; the new one is for discard().
      if (kept) renameSync(kept, file);
      throw e;
    }
    this.#written = undefined;
    return kept;
  }

  /** A build that failed: the file `write` made is removed (once its writing stops), and the last cache stays. */
  async discard(): Promise<void> {
    const pending = this.#written;
    this.#written = undefined;
    if (!pending) return;
    await pending.written.catch(() => undefined);
    rmSync(pending.part, { force: true });
  }

  /** `write` then `commit`, the last cache removed here. */
  async save(out: string): Promise<void> {
    this.write(out);
    const last = await this.commit(out);
    if (last) rmSync(last, { force: true });
  }
}

/**
 * An entry as stored, and its body's HTML (the record's tail), or undefined when its item holds a
 * value that cannot be kept exactly.
 */
function store(file: string, hash: string, value: Parsed, text: string, markdown: MarkdownOptions): { entry: Stored; html?: string } | undefined {
  const stored: Stored = { file, hash, problems: value.problems };
  if (!value.item) return { entry: stored };
  const item = value.item as Record<string, unknown>;
  const dates: NonNullable<Stored["dates"]> = [];
  const copy: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(item)) {
    if (key === "body" && typeof v === "string" && text.endsWith(v)) {
      // A slice of the text, which is read anyway: kept as where it starts. (A file with CRLF
      // line ends or a BOM has its body normalised, and stored as it is.)
      stored.bodyAt = text.length - v.length;
      copy[key] = null;
    } else if (key === "lineOf" && typeof v === "function") {
      stored.lineOf = true;
      copy[key] = null;
    } else {
      const plain = plainCopy(v, [key], dates);
      if (plain === NOT_PLAIN) return undefined;
      copy[key] = plain;
    }
  }
  stored.item = copy;
  stored.dates = dates;
  const rendered = typeof item.body === "string" ? renderedFor(item, item.body, markdown) : undefined;
  if (!rendered) return { entry: stored };
  stored.rendered = { firstParagraph: rendered.firstParagraph, words: rendered.words };
  return { entry: stored, html: rendered.html };
}

const NOT_PLAIN = Symbol("not plain data");

/** `value` as plain data (its DateTimes as null, listed in `dates`), or NOT_PLAIN. */
function plainCopy(value: unknown, path: DatePath, dates: NonNullable<Stored["dates"]>): unknown {
  if (value === null || typeof value !== "object") return typeof value === "function" || typeof value === "symbol" ? NOT_PLAIN : value;
  if (DateTime.isDateTime(value)) {
    if (!value.isValid || !value.zoneName) return NOT_PLAIN;
    dates.push([path, value.toMillis(), value.zoneName, value.offset]);
    return null;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const v = plainCopy(value[i], [...path, i], dates);
      if (v === NOT_PLAIN) return NOT_PLAIN;
      out.push(v);
    }
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const copy = plainCopy(v, [...path, k], dates);
    if (copy === NOT_PLAIN) return NOT_PLAIN;
    out[k] = copy;
  }
  return out;
}

/** restore(), or undefined for an entry not of the shape Gazette writes (then the file is parsed). */
function restoreSafely(...args: Parameters<typeof restore>): Parsed | undefined {
  try {
    return restore(...args);
  } catch {
    return undefined;
  }
}

/**
 * A stored entry -> the parse it stands for, made whole again from the file's text. `markdown`:
 * the options its body was rendered with, when they are this build's (else it is rendered again).
 */
function restore(stored: Read, file: string, text: string, markdown: MarkdownOptions | undefined, made: Map<string, DateTime>): Parsed {
  if (!stored.item) return { problems: stored.problems };
  const item = stored.item;
  for (const [path, ms, zone, offset] of stored.dates ?? []) {
    let at: Record<string | number, unknown> = item;
    for (const step of path.slice(0, -1)) at = at[step] as typeof at;
    const key = `${zone} ${ms}`;
    let date = made.get(key);
    if (!date) made.set(key, (date = dateFromMillis(ms, zone, offset)));
    at[path.at(-1)!] = date;
  }
  if (stored.bodyAt !== undefined) item.body = text.slice(stored.bodyAt);
  if (stored.lineOf) item.lineOf = lazyLineOf(file, text);
  if (stored.rendered && markdown && typeof item.body === "string") {
    rememberRendered(item, item.body, markdown, lazyHtml(stored.rendered, stored.html));
  }
  return { item, problems: stored.problems };
}

/**
 * A rendered body whose HTML is decoded from the last cache's bytes when first read. A class, so
 * that 10,000 of them share one getter: an object literal's getter is a function per object,
 * which left each of them a dictionary in V8.
 */
class LazyHtml implements RenderedMarkdown {
  #decoded: string | undefined;
  constructor(
    readonly firstParagraph: string,
    readonly words: number,
    readonly read: () => string,
  ) {}

  get html(): string {
    return (this.#decoded ??= this.read());
  }
}

function lazyHtml(rendered: Omit<RenderedMarkdown, "html">, html: () => string): RenderedMarkdown {
  return new LazyHtml(rendered.firstParagraph, rendered.words, html);
}

/** An article's `lineOf`, from its text: the front matter is parsed again only when first asked. */
function lazyLineOf(file: string, text: string): (path: readonly (string | number)[]) => number | undefined {
  let lineOf: ((path: readonly (string | number)[]) => number | undefined) | undefined;
  return (path) => {
    if (!lineOf) {
      const fm = parseFrontMatter(file, text);
      lineOf = fm.ok ? fm.value.lineOf : () => undefined;
    }
    return lineOf(path);
  };
}

/**
 * The header and entries of the cache at `path`, or undefined when it cannot be used whole. Each
 * entry's body stays in the file (the record's tail) until read; the file is closed once nothing
 * that could read one is left (or when the process ends).
 */
function readRecords(path: string, fingerprint: string): { header: Header; entries: Map<string, Read>; file: OpenFile } | undefined {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return undefined;
  }
  let open: OpenFile | undefined;
  try {
    const reader = new RecordReader(fd);
    const header = reader.next() as Header | undefined;
    if (header?.format !== FORMAT || header.fingerprint !== fingerprint || typeof header.parse !== "string" || typeof header.markdown !== "string") return undefined;
    const { mtimeMs, size } = fstatSync(fd);
    const file: OpenFile = { fd, mtimeMs, size };
    const entries = new Map<string, Read>();
    for (;;) {
      const span = reader.position;
      const record = reader.next() as Stored | End | undefined;
      if (!record || typeof record !== "object") return undefined; // truncated
      if ("end" in record) {
        if (record.end !== entries.size) return undefined;
        open = file;
        openFiles.register(file, fd);
        return { header, entries, file };
      }
      if (typeof record.file !== "string" || typeof record.hash !== "string" || !Array.isArray(record.problems)) return undefined;
      const [at, length] = reader.tail;
      entries.set(record.file, Object.assign(record, { span: [span, reader.position - span] as Span, html: tailOf(file, at, length) }));
    }
  } catch {
    return undefined; // unreadable or not a cache: a full parse
  } finally {
    if (!open) closeSync(fd);
  }
}

/** The reader of one record's tail (made here, unnamed: the TypeScript loader names a named function as it is made, 10,000 times in readRecords). */
function tailOf(file: OpenFile, at: number, length: number): () => string {
  return () => readTail(file, at, length);
}

/** A cache file kept open for the bodies read from it (the last build's, which this one replaces). */
interface OpenFile {
  readonly fd: number;
  /** As read: a file written over in place (never by Gazette, which renames) is not read again. */
  readonly mtimeMs: number;
  readonly size: number;
}

/** Closes a cache file once no entry that reads from it is left. */
const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed with the process
  }
});

/** `file`, once checked to be as it was read (a file written over in place is not read again). */
function unchanged(file: OpenFile): OpenFile {
  const now = fstatSync(file.fd);
  if (now.mtimeMs !== file.mtimeMs || now.size !== file.size) throw new Error("the last article cache was written over while this build read it");
  return file;
}

/** `length` bytes at `at` in `file`, as UTF-8. */
function readTail(file: OpenFile, at: number, length: number): string {
  const bytes = Buffer.allocUnsafe(length);
  readFully(unchanged(file).fd, bytes, 0, [at, length]);
  return bytes.toString("utf8");
}
