// Reading ahead: every Markdown file of the content folders read, and hashed, on a worker thread
// while the build's main thread loads its modules, so that loading the content reads nothing.
//   ReadAhead.start(dirs) -> a worker that walks `dirs` and reads each .md file whole into
//                            shared chunks, with its sha256, size, modification time and whether
//                            it is clean UTF-8 (no NUL)
//   take(path)            -> that file's text, digest and stat, once (undefined when the worker
//                            did not read it: the loader then reads it itself, as without one)
// Why: opening, reading, hashing and closing 10,000 files cost the main thread 0.3 s of a day's
// build, at a time when the other core was idle. The loader (./load.ts) still lists the folders
// itself and decides what is read, with every warning; a file read ahead is only used when the
// loader asks for its path, so the worker may read more than it needs, never less.
// What the worker reads is what the loader would: regular files, by name, never through a
// symbolic link (not followed when listing, nor when opening), nothing whose name starts with a
// dot. A file larger than MAX_AHEAD is left to the loader, which says what is wrong with it.
// The digest is of the file's bytes; the loader hands it on (to the article cache) only for a
// clean file, whose bytes are then exactly its text's UTF-8. A text that is not clean goes through
// the loader's strict check, which reads the file again and parses what it checked.
import { Worker } from "node:worker_threads";

/** Files larger than this are left to the loader (the body limit is 1,000,000 characters). */
export const MAX_AHEAD = 8 << 20;

/** A file as read ahead. */
export interface AheadFile {
  text: string;
  /** sha256 of the file's bytes, base64url. */
  sha256: string;
  /** The bytes are UTF-8 without NUL (checked on the worker): the text is exactly them. */
  clean: boolean;
  mtimeMs: number;
  size: number;
}

/** `ascii`: every byte is below 0x80 (then clean too), so the text is decoded as Latin-1, byte for byte. */
type Entry = [path: string, chunk: number, start: number, length: number, mtimeMs: number, size: number, sha256: string, clean: boolean, ascii: boolean];

export class ReadAhead {
  #chunks: Buffer[] = [];
  readonly #entries = new Map<string, Entry>();
  readonly #ready: Promise<void>;
  /** The worker while it reads; undefined once it has answered, failed or stopped. */
  #worker: Worker | undefined;

  private constructor(dirs: readonly string[]) {
    this.#ready = new Promise<void>((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(READ_AHEAD_WORKER, { eval: true, workerData: { dirs, max: MAX_AHEAD } });
      } catch {
        return resolve(); // no worker: the loader reads every file itself
      }
      this.#worker = worker;
      const done = () => {
        this.#worker = undefined;
        resolve();
      };
      worker.once("message", ({ chunks, entries }: { chunks: ArrayBuffer[]; entries: Entry[] }) => {
        // Each chunk as far as its files go (the last is seldom full).
        const ends = chunks.map(() => 0);
        for (const e of entries) {
          this.#entries.set(e[0], e);
          ends[e[1]] = Math.max(ends[e[1]]!, e[2] + e[3]);
        }
        this.#chunks = chunks.map((c, i) => Buffer.from(c, 0, ends[i]));
        done();
        void worker.terminate();
      });
      // A worker that fails has read nothing: the loader reads every file itself.
      worker.once("error", done);
      worker.once("exit", done);
      // After the listeners, which would otherwise keep it referenced: a build that stops early
      // (its output folder refused) does not wait for the reading. Once `ready()` is awaited, it is
      // referenced again (below).
      worker.unref();
    });
  }

  /** Starts reading `dirs` (the articles and pages folders) on a worker. */
  static start(dirs: readonly string[]): ReadAhead {
    return new ReadAhead(dirs);
  }

  /**
   * Once the worker has read everything it will (or failed). Awaiting it holds the process open
   * until then: a promise alone does not, and a build whose modules had all loaded while the
   * worker still read would otherwise end there, silently and with exit code 0.
   */
  ready(): Promise<void> {
    this.#worker?.ref();
    return this.#ready;
  }

  /** Settles as `ready()` does, without holding the process open for it (something else to wait for). */
  finished(): Promise<void> {
    return this.#ready;
  }

  /** The file at `path` (as the loader lists it), once; undefined when it was not read ahead. */
  take(path: string): AheadFile | undefined {
    const entry = this.#entries.get(path);
    if (!entry) return undefined;
    this.#entries.delete(path);
    const [, chunk, start, length, mtimeMs, size, sha256, clean, ascii] = entry;
    // An ASCII file is a slice of its chunk decoded whole as Latin-1 (byte for byte the same
    // string as UTF-8 would give): Node keeps a string that large outside V8's heap, and a slice
    // of it is a small object pointing into it, so the young generation neither copies 60 MB of
    // text at 10,000 articles nor collects that much sooner. Decoding each file as UTF-8 cost
    // 41–76 ms for the bench's corpus, 96 % of it ASCII (English text: an Arabic name or a curly
    // quote makes a file UTF-8, decoded alone).
    const text = !length ? "" : ascii ? this.#latin1(chunk).slice(start, start + length) : this.#chunks[chunk]!.toString("utf8", start, start + length);
    if (!this.#entries.size) this.release();
    return { text, sha256, clean, mtimeMs, size };
  }

  readonly #decoded = new Map<number, string>();

  /** Chunk `i` as one Latin-1 string, decoded once. */
  #latin1(i: number): string {
    let text = this.#decoded.get(i);
    if (text === undefined) this.#decoded.set(i, (text = this.#chunks[i]!.toString("latin1")));
    return text;
  }

  /** Lets go of what was not taken. */
  release(): void {
    this.#entries.clear();
    this.#chunks = [];
    this.#decoded.clear();
  }
}

/**
 * The worker, as plain JavaScript. Paths are joined with "/" as the loader joins them, so they
 * compare equal. Files are read into chunks of 16 MB (a larger file into one of its own),
 * transferred, not copied, at the end.
 */
const READ_AHEAD_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { closeSync, constants, fstatSync, openSync, readdirSync, readSync } = require("node:fs");
const { createHash } = require("node:crypto");
const { isAscii, isUtf8 } = require("node:buffer");
const { dirs, max } = workerData;
const CHUNK = 16 << 20;
const chunks = [];
let bytes = Buffer.alloc(0);
let used = 0;
const entries = [];
const readFile = (path) => {
  let fd;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > max) return;
    if (!chunks.length || used + stat.size > bytes.length) {
      bytes = Buffer.allocUnsafeSlow(Math.max(CHUNK, stat.size));
      chunks.push(bytes);
      used = 0;
    }
    let length = 0;
    while (length < stat.size) {
      const n = readSync(fd, bytes, used + length, stat.size - length, null);
      if (n === 0) break;
      length += n;
    }
    // A file that changed size while being read is left to the loader.
    if (length !== stat.size || readSync(fd, Buffer.alloc(1), 0, 1, null) !== 0) return;
    const read = bytes.subarray(used, used + length);
    const sha256 = createHash("sha256").update(read).digest("base64url");
    const noNul = !read.includes(0);
    const ascii = noNul && isAscii(read);
    entries.push([path, chunks.length - 1, used, length, stat.mtimeMs, stat.size, sha256, ascii || (noNul && isUtf8(read)), ascii]);
    used += length;
  } catch {
    // unreadable: the loader reads it again and says why
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
};
const walk = (folder) => {
  let list;
  try {
    list = readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of list) {
    if (e.name.startsWith(".")) continue;
    const path = folder + "/" + e.name;
    if (e.isDirectory()) walk(path);
    else if (e.isFile() && e.name.endsWith(".md")) readFile(path);
  }
};
for (const dir of dirs) walk(dir);
const buffers = chunks.map((c) => c.buffer);
parentPort.postMessage({ chunks: buffers, entries }, buffers);
`;
