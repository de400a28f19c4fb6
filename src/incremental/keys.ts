// Page keys: what a streamed page (article, list, feed) is made from, as one hash, so a build
// renders a page again only when its key differs from the last build's.
//   model, templates -> keyOf(kind, item) = sha256(kind, the model fields templates read, the
//                       item's view with every article or feed entry it shows replaced by that
//                       article's or entry's own hash)
// A streamed page is rendered from exactly { gazette, page, <kind>: item } (src/eleventy/stream.ts)
// and the code, which the fingerprint covers; `page` is made from the item's path. So the key
// covers the item whole, and of `gazette` the fields the templates name (`gazette.site`,
// `gazette.problems`), found by reading the templates. An article another page shows (a related
// article, a list's card) counts by its own hash: its whole view, with the articles it links to
// by path, one level being what a card shows. Time needs nothing of its own: what is published
// "now" (scheduled and expired articles) is decided in the model, and the keys follow it.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ArchiveModel } from "../archive/views.ts";

const sha = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 32);

/**
 * The top-level fields of `gazette` that the templates under `_includes` (layouts, partials and
 * the streamed templates) read, or "all" when one uses `gazette` otherwise than as
 * `gazette.field` (then nothing can be reused). Comments are left out.
 */
export async function fieldsTemplatesRead(templates: string): Promise<string[] | "all"> {
  const dir = join(templates, "_includes");
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const fields = new Set<string>();
  for (const e of entries) {
    if (!e.isFile()) continue;
    const text = (await readFile(join(e.parentPath, e.name), "utf8")).replace(/\{#[\s\S]*?#\}/g, "");
    for (const match of text.matchAll(/\bgazette\b(\s*\.\s*([A-Za-z_$][\w$]*))?/g)) {
      if (!match[2]) {
        // "gazette/preview-errors.js" in a script address is a path, not the variable.
        if (text[match.index + match[0].length] === "/") continue;
        return "all";
      }
      fields.add(match[2]);
    }
  }
  return [...fields].sort();
}

export type PageKeyOf = (kind: string, item: object) => string;

/** Keys for `model`'s streamed pages, given the `gazette` fields the templates read. */
export function pageKeys(model: ArchiveModel, fields: readonly string[]): PageKeyOf {
  const record = model as unknown as Record<string, unknown>;
  const global = sha(JSON.stringify(fields.map((f) => [f, record[f] ?? null])));
  const articles = new Set<object>(model.articles);
  const entries = new Set<object>(model.feeds.flatMap((f) => f.entries));
  const own = new Map<object, string>();
  // An article's or entry's own hash: the articles it links to count by path (no cycles).
  const ownHash = (shared: object): string => {
    let hash = own.get(shared);
    if (hash === undefined) {
      hash = sha(JSON.stringify(shared, (_key, value: unknown) => (value !== shared && articles.has(value as object) ? `@${(value as { path: string }).path}` : value)));
      own.set(shared, hash);
    }
    return hash;
  };
  return (kind, item) =>
    sha(`${kind}\0${global}\0${JSON.stringify(item, (_key, value: unknown) => (value !== item && (articles.has(value as object) || entries.has(value as object)) ? `#${ownHash(value as object)}` : value))}`);
}
