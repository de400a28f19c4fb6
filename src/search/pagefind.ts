// Search index: rendered article pages -> a Pagefind bundle in <output>/pagefind/.
// The caller hands over the article pages straight from memory (nothing is re-read from disk);
// `data-pagefind-*` attributes in the templates decide what in them is indexed. Pagefind reports problems as `errors: string[]`;
// they are gathered and fail the build once, with all of them.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import * as pagefind from "pagefind";

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

/**
 * `language` is forced for the whole index: Pagefind otherwise splits the index by each page's
 * <html lang> and a search page only searches its own language, so Arabic articles would be
 * invisible from the (English) search page. One index finds every article from one search box.
 */
export async function writeSearchIndex(pages: readonly IndexedPage[], outputPath: string, language: string): Promise<void> {
  const errors: string[] = [];
  // Surface an unwritable output folder as a plain error before Pagefind panics on it.
  try {
    await mkdir(outputPath, { recursive: true });
  } catch (e) {
    throw new SearchIndexError([`cannot write the search index to ${outputPath}: ${(e as Error).message}`]);
  }
  const created = await answered(pagefind.createIndex({ forceLanguage: language.split("-")[0]! }), "creating the index");
  errors.push(...created.errors);
  const index = created.index;
  if (!index) throw new SearchIndexError(errors.length ? errors : ["Pagefind could not create an index"]);
  try {
    for (let i = 0; i < pages.length; i += BATCH) {
      const responses = await answered(
        Promise.all(pages.slice(i, i + BATCH).map((p) => index.addHTMLFile({ url: p.url, content: p.html }))),
        `indexing ${pages[i]!.url}`,
      );
      responses.forEach((r, j) => errors.push(...r.errors.map((e) => `${pages[i + j]!.url}: ${e}`)));
    }
    const written = await answered(index.writeFiles({ outputPath }), "writing the index");
    errors.push(...written.errors);
  } finally {
    await answered(pagefind.close(), "closing").catch(() => undefined);
  }
  if (errors.length) throw new SearchIndexError(errors);
  await Promise.all(UNUSED_FILES.map((f) => rm(join(outputPath, f), { force: true })));
}

function answered<T>(work: Promise<T>, step: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SearchIndexError([`Pagefind stopped answering while ${step} (no reply in ${SILENCE_LIMIT_MS / 1000} s)`])), SILENCE_LIMIT_MS);
  });
  return Promise.race([work, silence]).finally(() => clearTimeout(timer));
}
