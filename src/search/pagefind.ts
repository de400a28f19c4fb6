// Search index: rendered article pages -> a Pagefind bundle in <output>/pagefind/.
// Pages are handed over from memory as Eleventy renders them (nothing is re-read from disk), so
// Pagefind indexes on the second core while Node renders on the first; `data-pagefind-*`
// attributes in the templates decide what in a page is indexed. Pagefind reports problems as
// `errors: string[]`; they are gathered and fail the build once, with all of them.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
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
/** Pagefind runs as a child process; if it crashes its promises never settle. Fail instead of hanging. */
const SILENCE_LIMIT_MS = 120_000;

/** Pages are handed over as they are rendered; Pagefind indexes them in its own process meanwhile. */
export interface SearchIndexWriter {
  /** Queues a page; resolves once few enough pages are in flight (back-pressure for the renderer). */
  add(page: IndexedPage): Promise<void>;
  /** Waits for every page, writes the bundle to `outputPath`, and fails once with every error. */
  finish(outputPath: string): Promise<void>;
}

/**
 * `language` is forced for the whole index: Pagefind otherwise splits the index by each page's
 * <html lang> and a search page only searches its own language, so Arabic articles would be
 * invisible from the (English) search page. One index finds every article from one search box.
 */
export async function openSearchIndex(language: string): Promise<SearchIndexWriter> {
  const errors: string[] = [];
  const created = await answered(pagefind.createIndex({ forceLanguage: language.split("-")[0]! }), "creating the index");
  errors.push(...created.errors);
  const index = created.index;
  if (!index) throw new SearchIndexError(errors.length ? errors : ["Pagefind could not create an index"]);
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  return {
    async add(page) {
      const work = answered(index.addHTMLFile({ url: page.url, content: searchablePart(page.html) }), `indexing ${page.url}`).then(
        (r) => void errors.push(...r.errors.map((e) => `${page.url}: ${e}`)),
        (e: Error) => void errors.push(`${page.url}: ${e.message}`),
      );
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
      if (inFlight.size >= BATCH) await Promise.race(inFlight);
    },
    async finish(outputPath) {
      try {
        await Promise.all(inFlight);
        recordPhase("search index: add pages (alongside rendering)", performance.now() - started);
        // Surface an unwritable output folder as a plain error before Pagefind panics on it.
        try {
          await mkdir(outputPath, { recursive: true });
        } catch (e) {
          throw new SearchIndexError([`cannot write the search index to ${outputPath}: ${(e as Error).message}`]);
        }
        const writing = performance.now();
        const written = await answered(index.writeFiles({ outputPath }), "writing the index");
        recordPhase("search index: write files", performance.now() - writing);
        errors.push(...written.errors);
      } finally {
        await answered(pagefind.close(), "closing").catch(() => undefined);
      }
      if (errors.length) throw new SearchIndexError(errors);
      await Promise.all(UNUSED_FILES.map((f) => rm(join(outputPath, f), { force: true })));
    },
  };
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

/** All pages at once: open, add each, finish. */
export async function writeSearchIndex(pages: readonly IndexedPage[], outputPath: string, language: string): Promise<void> {
  const writer = await openSearchIndex(language);
  for (const page of pages) await writer.add(page);
  await writer.finish(outputPath);
}

function answered<T>(work: Promise<T>, step: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SearchIndexError([`Pagefind stopped answering while ${step} (no reply in ${SILENCE_LIMIT_MS / 1000} s)`])), SILENCE_LIMIT_MS);
  });
  return Promise.race([work, silence]).finally(() => clearTimeout(timer));
}
