// The article cache's file (./cache.ts): records, a header first, one per content file, an end
// record with the count. A record is a 4-byte length and a node:v8 serialisation, then a 4-byte
// length and a tail of raw UTF-8 (an article's rendered body; empty for the others): the tail is
// left in the file's bytes and decoded only when something reads it (a day's build renders a
// few dozen of 10,000 bodies; decoding them all was 63 of the cache's 75 MB, and 0.3 s of the
// build with the garbage collection it caused). Apart from the cache itself, so that reading the
// header (src/cli/build.ts sizes a build's heap by it) loads nothing else.
import { closeSync, openSync, read, readSync, write, writeSync } from "node:fs";
import { promisify } from "node:util";
import { deserialize, serialize } from "node:v8";

/** Bump when what an entry holds changes shape. */
export const FORMAT = "gazette-article-cache 2";

/** The cache of the build at `out`. */
export const cacheFile = (out: string) => `${out}.gazette-cache`;

/** The cache the last build replaced, moved aside until removed (./cache.ts, commit). */
export const replacedCacheFile = (out: string) => `${cacheFile(out)}.last`;

export interface Header {
  format: string;
  fingerprint: string;
  parse: string;
  markdown: string;
  /** The bytes of every file this build read (src/cli/build.ts sizes the next build's heap by them). */
  bytes?: number;
}

/**
 * The bytes of Markdown the build at `out` read, from its cache's header (whatever code made it),
 * or undefined when there is no cache or it records none. Reads the header alone.
 */
export function markdownBytesRead(out: string): number | undefined {
  let fd: number;
  try {
    fd = openSync(cacheFile(out), "r");
  } catch {
    return undefined;
  }
  try {
    const header = new RecordReader(fd, 4096).next() as Partial<Header> | undefined;
    return header?.format === FORMAT && typeof header.bytes === "number" && Number.isFinite(header.bytes) ? header.bytes : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Where a record is in a cache file: its offset and length (with its length prefixes and tail). */
export type Span = [offset: number, length: number];

/** Records from a file descriptor, read in chunks; each one's tail is passed over, its place kept. */
export class RecordReader {
  #buffer: Buffer;
  #start = 0;
  #end = 0;
  /** File offset of the buffer's first byte. */
  #base = 0;
  /** `chunk`: bytes read at a time (a record larger than that is read whole all the same). */
  constructor(
    private readonly fd: number,
    chunk = 1 << 20,
  ) {
    this.#buffer = Buffer.allocUnsafe(chunk);
  }

  /** Where the last record's tail is in the file: its offset and length. */
  tail: Span = [0, 0];

  /** File offset of the next record. */
  get position(): number {
    return this.#base + this.#start;
  }

  /** The next record, or undefined at the end of the file (or in the middle of a record). */
  next(): unknown {
    if (!this.#fill(4)) return undefined;
    const length = this.#buffer.readUInt32LE(this.#start);
    if (!this.#fill(4 + length + 4)) return undefined;
    const tail = this.#buffer.readUInt32LE(this.#start + 4 + length);
    const value = deserialize(this.#buffer.subarray(this.#start + 4, this.#start + 4 + length));
    this.tail = [this.#base + this.#start + 4 + length + 4, tail];
    this.#skip(4 + length + 4 + tail);
    return value;
  }

  /**
   * Past `bytes` from the next unread one. A tail beyond what is buffered is never read (a cut
   * one shows as the end record missing after it).
   */
  #skip(bytes: number): void {
    if (this.#end - this.#start >= bytes) {
      this.#start += bytes;
      return;
    }
    this.#base += this.#start + bytes;
    this.#start = this.#end = 0;
  }

  /** At least `bytes` unread bytes in the buffer; false when the file ends first. */
  #fill(bytes: number): boolean {
    if (this.#end - this.#start >= bytes) return true;
    if (this.#buffer.length < bytes) {
      const bigger = Buffer.allocUnsafe(Math.max(bytes, this.#buffer.length * 2));
      this.#buffer.copy(bigger, 0, this.#start, this.#end);
      this.#buffer = bigger;
    } else {
      this.#buffer.copy(this.#buffer, 0, this.#start, this.#end);
    }
    this.#end -= this.#start;
    this.#base += this.#start;
    this.#start = 0;
    while (this.#end < bytes) {
      const read = readSync(this.fd, this.#buffer, this.#end, this.#buffer.length - this.#end, this.#base + this.#end);
      if (read === 0) return false;
      this.#end += read;
    }
    return true;
  }
}

/**
 * Records for a file: new ones serialised into buffers of a megabyte, and records of another cache
 * file copied as they are. What it holds is written by `writeTo`, on libuv's threads: a day's build
 * copies 10,000 records of 75 MB, which read and written on the main thread cost it 45 ms. A
 * build that serialises many records (a cold one: 375 MB at 50,000 articles) is not held whole:
 * past HELD bytes of new records, everything so far is written there and then.
 */
export class RecordWriter {
  static readonly HELD = 8 << 20;
  #buffer = Buffer.allocUnsafe(1 << 20);
  #size = 0;
  /** What goes into the file next, in order: bytes, or a span of another file to copy. */
  #pieces: (Buffer | { from: number; span: Span })[] = [];
  /** Bytes of new records in `#pieces` and the buffer. */
  #held = 0;
  /** Where the next piece goes in the file. */
  #position = 0;

  constructor(private readonly fd: number) {}

  /** `value`, and `tail` as UTF-8 after it. */
  write(value: unknown, tail = ""): void {
    const body = serialize(value);
    const tailLength = Buffer.byteLength(tail);
    const bytes = 4 + body.length + 4 + tailLength;
    this.#room(bytes);
    this.#size = this.#buffer.writeUInt32LE(body.length, this.#size);
    this.#size += body.copy(this.#buffer, this.#size);
    this.#size = this.#buffer.writeUInt32LE(tailLength, this.#size);
    this.#size += this.#buffer.write(tail, this.#size, "utf8");
    if ((this.#held += bytes) > RecordWriter.HELD) this.#writeHeld();
  }

  /** A record as it is in another cache file (`from`, at `span`); records next to each other there are copied as one. */
  copy(from: number, [offset, length]: Span): void {
    this.#flush();
    const last = this.#pieces.at(-1);
    if (last && !Buffer.isBuffer(last) && last.from === from && last.span[0] + last.span[1] === offset) last.span = [last.span[0], last.span[1] + length];
    else this.#pieces.push({ from, span: [offset, length] });
  }

  /** The rest, into the file; the files copied from must stay open until then. */
  async writeTo(): Promise<void> {
    this.#flush();
    const bounce = Buffer.allocUnsafe(1 << 20);
    const out = async (bytes: Buffer) => {
      for (let at = 0; at < bytes.length; ) at += (await fsWrite(this.fd, bytes, at, bytes.length - at, this.#position + at)).bytesWritten;
      this.#position += bytes.length;
    };
    for (const piece of this.#take()) {
      if (Buffer.isBuffer(piece)) {
        await out(piece);
        continue;
      }
      const [offset, length] = piece.span;
      for (let done = 0; done < length; ) {
        const { bytesRead } = await fsRead(piece.from, bounce, 0, Math.min(bounce.length, length - done), offset + done);
        if (bytesRead === 0) throw new Error("the last article cache ended early");
        await out(bounce.subarray(0, bytesRead));
        done += bytesRead;
      }
    }
  }

  /** Everything so far, written here and now. */
  #writeHeld(): void {
    this.#flush();
    const out = (bytes: Buffer) => {
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at, bytes.length - at, this.#position + at);
      this.#position += bytes.length;
    };
    let bounce: Buffer | undefined;
    for (const piece of this.#take()) {
      if (Buffer.isBuffer(piece)) {
        out(piece);
        continue;
      }
      bounce ??= Buffer.allocUnsafe(1 << 20);
      const [offset, length] = piece.span;
      for (let done = 0; done < length; done += bounce.length) {
        const part = bounce.subarray(0, Math.min(bounce.length, length - done));
        readFully(piece.from, part, 0, [offset + done, part.length]);
        out(part);
      }
    }
    this.#held = 0;
  }

  /** The pieces so far, handed over once. */
  #take(): (Buffer | { from: number; span: Span })[] {
    const pieces = this.#pieces;
    this.#pieces = [];
    return pieces;
  }

  /** The bytes written so far become a piece of their own, and a new buffer takes the next. */
  #flush(): void {
    if (!this.#size) return;
    this.#pieces.push(this.#buffer.subarray(0, this.#size));
    this.#buffer = this.#buffer.subarray(this.#size);
    this.#size = 0;
  }

  /** Room for `bytes` more in the buffer: a new one (of a megabyte, or as large as they need) when they do not fit. */
  #room(bytes: number): void {
    if (this.#size + bytes <= this.#buffer.length) return;
    this.#flush();
    if (this.#buffer.length < bytes) this.#buffer = Buffer.allocUnsafe(Math.max(1 << 20, bytes));
  }
}

const fsRead = promisify(read);
const fsWrite = promisify(write) as (fd: number, buffer: Buffer, offset: number, length: number, position: number) => Promise<{ bytesWritten: number }>;

/** The bytes at `span` in the file `fd`, into `into` from `start`; throws when the file ends first. */
export function readFully(fd: number, into: Buffer, start: number, [offset, length]: Span): void {
  for (let at = 0; at < length; ) {
    const read = readSync(fd, into, start + at, length - at, offset + at);
    if (read === 0) throw new Error("the last article cache ended early");
    at += read;
  }
}
