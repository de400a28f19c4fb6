// The content store: every Markdown file Gazette read, keyed by its path, with what its parse
// was made from. One object, passed in, owned by whoever runs more than one load:
//   the preview keeps one for its whole life, so a rebuild re-reads only the files that changed;
//   a one-shot build or check, and each test, makes a fresh one (nothing to reuse, nothing kept).
// Like Astro's content layer store, an entry is reloaded only when its file changed, and each
// load adds, changes or drops entries one by one:
//   same mtime and size (and the same settings)  -> the entry as it was, the file not even read
//   mtime or size changed, same text             -> the entry as it was (a save without an edit)
//   text changed, or settings changed            -> read and parsed again
//   file gone                                     -> entry dropped (`keepOnly`)
// The digest is the file's text itself: comparing it costs nothing until a file's stat changes,
// and it costs no memory, because an article's body is a slice of that text and keeps it alive
// anyway. A hash would cost about 5 % of `npm run check` at 10,000 articles, on every run.
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";

interface Entry {
  mtimeMs: number;
  size: number;
  /** The settings the parse depended on (time zone, default language and translator). */
  settings: string;
  text: string;
  value: unknown;
}

/** What the last load did, entry by entry. */
export interface StoreChanges {
  added: string[];
  changed: string[];
  unchanged: string[];
  removed: string[];
}

export class ContentStore {
  readonly #entries = new Map<string, Entry>();
  #changes: StoreChanges = { added: [], changed: [], unchanged: [], removed: [] };

  /**
   * The parse of the file at `path`, made by `parse` from its text when the file (or the
   * settings) changed since the store last saw it. Throws what reading the file throws.
   */
  entry<T>(path: string, settings: string, parse: (text: string) => T, ahead?: { text: string; mtimeMs: number; size: number }): T {
    // One open for the stat and the read: what readFileSync(path) does anyway, so a fresh
    // store costs a one-shot command nothing. A file read ahead (./read-ahead.ts) is not opened.
    let fd: number | undefined;
    try {
      if (!ahead) fd = openSync(path, "r");
      const { mtimeMs, size } = ahead ?? fstatSync(fd!);
      const old = this.#entries.get(path);
      if (old && old.mtimeMs === mtimeMs && old.size === size && old.settings === settings) {
        this.#changes.unchanged.push(path);
        return old.value as T;
      }
      const text = ahead ? ahead.text : readFileSync(fd!, "utf8");
      if (old && old.text === text && old.settings === settings) {
        Object.assign(old, { mtimeMs, size });
        this.#changes.unchanged.push(path);
        return old.value as T;
      }
      const value = parse(text);
      this.#entries.set(path, { mtimeMs, size, settings, text, value });
      this.#changes[old ? "changed" : "added"].push(path);
      return value;
    } catch (e) {
      this.#entries.delete(path); // unreadable now: its last parse no longer stands
      throw e;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** Drops the entries of files not in `paths` (deleted or moved away); ends a load. */
  keepOnly(paths: ReadonlySet<string>): void {
    for (const path of this.#entries.keys()) {
      if (paths.has(path)) continue;
      this.#entries.delete(path);
      this.#changes.removed.push(path);
    }
  }

  /** Forgets what the last load did; called as a load starts. */
  startLoad(): void {
    this.#changes = { added: [], changed: [], unchanged: [], removed: [] };
  }

  /** What the last load did: which files were parsed, reused or dropped. */
  get changes(): Readonly<StoreChanges> {
    return this.#changes;
  }

  get size(): number {
    return this.#entries.size;
  }
}
