// Page keys: what a streamed page (article, list, feed) is made from, as one hash, so a build
// renders a page again only when its key differs from the last build's.
//   model, templates -> keyOf(kind, item) = sha256(kind, the model fields templates read, the
//                       item's view with every article or feed entry it shows replaced by that
//                       article's or entry's own hash)
// A streamed page is rendered from exactly { gazette, page, <kind>: item } (src/eleventy/stream.ts)
// and the code, which the fingerprint covers; `page` is made from the item's path. So the key
// covers the item whole, and of `gazette` the fields the templates name (`gazette.site`,
// `gazette.problems`), found by reading the templates. An article's own page counts its whole
// view, with the articles it links to by path. An article another page shows (a related article,
// a list's card) counts by what a card shows: its view without its related articles and
// neighbours, which only its own page shows; so a new article that becomes related to older ones
// leaves the list pages showing them alone. Time needs nothing of its own: what is published
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

/**
 * Keys for `model`'s streamed pages, given the `gazette` fields the templates read. Articles and
 * feed entries are shared between pages; each is serialised and hashed once, and a page's own
 * fields that hold them (a list's articles, an article's related ones) count by those hashes.
 * Serialising a copy with these swapped is several times faster than a JSON replacer called on
 * every value; a shared object nested deeper is serialised in full (a cycle there: the replacer).
 */
export function pageKeys(model: ArchiveModel, fields: readonly string[]): PageKeyOf {
  const record = model as unknown as Record<string, unknown>;
  const global = sha(JSON.stringify(fields.map((f) => [f, record[f] ?? null])));
  const shared = new Set<object>([...model.articles, ...model.feeds.flatMap((f) => f.entries)]);
  const articles = new Set<object>(model.articles);
  const own = new Map<object, string>();
  // An article's or entry's own hash: the articles it links to count by path (no cycles).
  const ownHash = (value: object): string => {
    let hash = own.get(value);
    if (hash === undefined) {
      hash = sha(serialise(value, (v) => (articles.has(v) ? `@${(v as { path: string }).path}` : undefined)));
      own.set(value, hash);
    }
    return hash;
  };
  // An article shown on another page (a list's card, a related article) counts by what a card
  // shows: its view without the articles it links to, which only its own page shows
  // (templates/_includes/streamed/article.njk). A card that showed them would need them here.
  const cards = new Map<object, string>();
  const cardHash = (value: object): string => {
    let hash = cards.get(value);
    if (hash === undefined) {
      hash = sha(serialise({ ...value, related: undefined, newer: undefined, older: undefined }, (v) => (articles.has(v) ? `@${(v as { path: string }).path}` : undefined)));
      cards.set(value, hash);
    }
    return hash;
  };
  const byHash = (v: object) => (articles.has(v) ? `#${cardHash(v)}` : shared.has(v) ? `#${ownHash(v)}` : undefined);
  return (kind, item) => sha(`${kind}\0${global}\0${shared.has(item) ? `${ownHash(item)}\0${serialise(item, byHash, true)}` : serialise(item, byHash)}`);
}

/**
 * `root` as JSON with the objects `token` names (at its top level, or as items of a top-level
 * list) replaced by their tokens; `tokensOnly` keeps nothing but the tokens.
 */
function serialise(root: object, token: (value: object) => string | undefined, tokensOnly = false): string {
  const swap = (value: unknown): unknown => {
    if (value === root || value === null || typeof value !== "object") return tokensOnly ? undefined : value;
    const named = token(value);
    if (named !== undefined) return named;
    if (Array.isArray(value)) {
      const items = value.map((v: unknown) => (v !== null && typeof v === "object" && v !== root ? (token(v) ?? (tokensOnly ? null : v)) : tokensOnly ? null : v));
      return tokensOnly && items.every((v) => v === null) ? undefined : items;
    }
    return tokensOnly ? undefined : value;
  };
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(root)) copy[key] = swap(value);
  try {
    return JSON.stringify(copy);
  } catch {
    // A cycle below the top level: the slow way, every value through the replacer.
    return JSON.stringify(copy, (_key, value: unknown) => (value !== null && typeof value === "object" && value !== root ? (token(value) ?? value) : value));
  }
}
