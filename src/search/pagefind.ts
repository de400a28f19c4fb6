// Search index: rendered article pages -> a Pagefind bundle in <output>/pagefind/.
// The caller hands over the article pages straight from memory (nothing is re-read from disk);
// `data-pagefind-*` attributes in the templates decide what in them is indexed. Pagefind reports problems as `errors: string[]`;
// they are gathered and fail the build once, with all of them.
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

/** How many pages are sent to the Pagefind service at once: enough to keep it busy, bounded memory. */
const BATCH = 64;

/**
 * `language` is forced for the whole index: Pagefind otherwise splits the index by each page's
 * <html lang> and a search page only searches its own language, so Arabic articles would be
 * invisible from the (English) search page. One index finds every article from one search box.
 */
export async function writeSearchIndex(pages: readonly IndexedPage[], outputPath: string, language: string): Promise<void> {
  const errors: string[] = [];
  const created = await pagefind.createIndex({ forceLanguage: language.split("-")[0]! });
  errors.push(...created.errors);
  const index = created.index;
  if (!index) throw new SearchIndexError(errors.length ? errors : ["Pagefind could not create an index"]);
  try {
    for (let i = 0; i < pages.length; i += BATCH) {
      const responses = await Promise.all(
        pages.slice(i, i + BATCH).map((p) => index.addHTMLFile({ url: p.url, content: p.html })),
      );
      responses.forEach((r, j) => errors.push(...r.errors.map((e) => `${pages[i + j]!.url}: ${e}`)));
    }
    const written = await index.writeFiles({ outputPath });
    errors.push(...written.errors);
  } finally {
    await pagefind.close();
  }
  if (errors.length) throw new SearchIndexError(errors);
}
