// Page keys: what a streamed page (article, list, feed) is made from, as one hash, so a build
// renders a page again only when its key differs from the last build's.
//   model, templates -> keyOf(kind, item) = sha256(kind, the model fields templates read, the
//                       item's view with every article it shows (on a card, a feed's entry)
//                       replaced by that article's own hash)
// A streamed page is rendered from exactly { gazette, page, <kind>: item } (src/eleventy/stream.ts)
// and the code, which the fingerprint covers; `page` is made from the item's path. So the key
// covers the item, and of `gazette` the fields the templates name (`gazette.site`,
// `gazette.problems`), found by reading the templates. An article's own page counts its card and
// the articles it links to by theirs. An article another page shows (a related article,
// a list's card, a feed's entry) counts by what a card shows: its view without its related
// articles and neighbours, which only its own page shows; so a new article that becomes related
// to older ones leaves the list pages showing them alone. What is made from the rest of a view
// and the settings alone counts by those: a page's `meta` (title, description, JSON-LD) and a
// feed's entries (each made from its article's view: the feed counts its `articles`), with the settings and data files hashed
// whole into every key (`inputs`). They were two thirds of what keys serialised. A card whose
// article the article cache read counts what its view makes of the article's text alone (title,
// dates, credits, body: MADE_FROM_THE_TEXT in src/archive/build/articles.ts) by the text's sha256,
// which the cache had made anyway: the rest of the card (links, facets, images) is serialised.
// Time needs nothing of its own: what is published "now" (scheduled and expired articles) is
// decided in the model, and the keys follow it.
import { hash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { MADE_FROM_THE_TEXT, textDigestOfView } from "../archive/build/articles.ts";
import type { ArchiveModel } from "../archive/views.ts";
import type { Paths } from "../site.ts";

const sha = (text: string) => hash("sha256", text, "base64url").slice(0, 32);

/** Strings this long (bodies, feed contents) count by their own hash, never escaped into JSON. */
const LONG = 1024;

/**
 * A long string's token: NUL (which no content string holds: src/content/characters.ts refuses
 * it) and its hash. Escaping a body into JSON and hashing the JSON cost about four times what
 * hashing the body once does, and bodies are most of what keys are made of (120 MB at 10,000
 * articles, counting feed entries).
 */
const longToken = (text: string) => `\0${hash("sha256", text, "base64url")}`;

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

/** The settings and data files (site.json, keywords.yaml, sources.yaml), hashed as they are. */
export async function dataFilesHash(paths: Paths): Promise<string> {
  const texts = await Promise.all([paths.siteFile, paths.keywordsFile, paths.sourcesFile].map((f) => readFile(f, "utf8").catch(() => "")));
  return sha(JSON.stringify(texts));
}

export type PageKeyOf = (kind: string, item: object) => string;

/**
 * Keys for `model`'s streamed pages, given the `gazette` fields the templates read. Articles are
 * shared between pages (on cards, in feeds); each is serialised and hashed once, and a page's own
 * fields that hold them (a list's articles, an article's related ones) count by those hashes.
 * Serialising a copy with these swapped is several times faster than a JSON replacer called on
 * every value; a shared object nested deeper is serialised in full (a cycle there: the replacer).
 */
export function pageKeys(model: ArchiveModel, fields: readonly string[], inputs = ""): PageKeyOf {
  const record = model as unknown as Record<string, unknown>;
  const global = sha(`${inputs}\0${JSON.stringify(fields.map((f) => [f, record[f] ?? null]))}`);
  // Articles are shared between pages (a feed counts its articles, from whose views alone its
  // entries are made: src/archive/feeds.ts).
  const shared = new Set<object>(model.articles);
  // A card holds no other article: what links articles (related ones, neighbours) is on their
  // own pages only, and counted there by each linked article's card. A field that came to hold
  // one would count it by path alone, so it stops the build instead.
  const noArticles = (v: object) => {
    if (shared.has(v)) throw new Error(`Gazette: an article's card holds another article (${(v as { path: string }).path}); count it in the article page's key (src/incremental/keys.ts)`);
    return undefined;
  };
  // What a card shows of an article (templates/_includes/streamed/article.njk alone shows its
  // related articles and neighbours; a card that showed them would need them here).
  // Each card by its token: "#" and its hash, made once (a list page names 20 cards).
  const cards = new Map<object, string>();
  const cardToken = (article: object): string => {
    let hash = cards.get(article);
    if (hash === undefined) {
      // Counted by its text's digest where the article cache read it: what the view makes of the
      // text alone is not serialised (src/archive/build/articles.ts, MADE_FROM_THE_TEXT).
      const text = textDigestOfView(article);
      const facets = (article as { facets?: unknown }).facets;
      // Its facet links by theirs, each serialised once (below); the rest as JSON.
      const rest = linkLists(facets) ? `${serialise(article, noArticles, text === undefined ? NOT_ON_CARDS_NOR_FACETS : NOT_ON_CARDS_BESIDE_TEXT_NOR_FACETS)}\0${facetsJson(facets)}` : serialise(article, noArticles, text === undefined ? NOT_ON_CARDS : NOT_ON_CARDS_BESIDE_TEXT);
      hash = `#${sha(text === undefined ? rest : `${text}\0${rest}`)}`;
      cards.set(article, hash);
    }
    return hash;
  };
  // A facet link is one frozen object per facet, shared by every article that has it
  // (src/archive/build/articles.ts): 40,000 links at 10,000 articles are 2,100 objects, each
  // serialised once here. (A link that is not frozen is serialised where it is.)
  const linkJson = new Map<object, string>();
  const facetsJson = (facets: Record<string, readonly object[]>): string => {
    let json = "";
    for (const key of Object.keys(facets)) {
      json += `${JSON.stringify(key)}:`;
      for (const link of facets[key]!) {
        let text = linkJson.get(link);
        if (text === undefined) {
          text = JSON.stringify(link);
          if (Object.isFrozen(link)) linkJson.set(link, text);
        }
        json += `${text},`;
      }
      json += ";";
    }
    return json;
  };
  const byHash = (v: object) => (shared.has(v) ? cardToken(v) : undefined);
  // An article's page: its card, and the articles it links to by theirs (hashed with the rest of
  // the page's key, not on its own: 10,000 fewer hashes of the 38,000 a day's build made).
  const own = (value: object): string => {
    const { related, newer, older } = value as { related?: unknown; newer?: unknown; older?: unknown };
    return `${cardToken(value)}\0${json(swap(related, NO_ROOT, byHash))}\0${json(swap(newer, NO_ROOT, byHash))}\0${json(swap(older, NO_ROOT, byHash))}`;
  };
  return (kind, item) => sha(`${kind}\0${global}\0${shared.has(item) ? own(item) : serialise(item, byHash)}`);
}

/**
 * Fields of a view made from its other fields and the settings alone (see the top of this file);
 * never read here, so a field made on first read (src/archive/lazy.ts) is not made for the key.
 */
const DERIVED = new Set(["meta", "entries"]);
/** What only an article's own page shows (with DERIVED, left out of its card). */
const NOT_ON_CARDS = new Set([...DERIVED, "related", "newer", "older"]);
/** What a card is counted by besides its text's digest. */
const NOT_ON_CARDS_BESIDE_TEXT = new Set([...NOT_ON_CARDS, ...MADE_FROM_THE_TEXT]);
/** The same, when its facet links are counted on their own (facetsJson). */
const NOT_ON_CARDS_NOR_FACETS = new Set([...NOT_ON_CARDS, "facets"]);
const NOT_ON_CARDS_BESIDE_TEXT_NOR_FACETS = new Set([...NOT_ON_CARDS_BESIDE_TEXT, "facets"]);

/** A view's `facets` as made (src/archive/build/articles.ts): facet key -> list of link objects. */
function linkLists(facets: unknown): facets is Record<string, readonly object[]> {
  if (facets === null || typeof facets !== "object" || Array.isArray(facets)) return false;
  for (const list of Object.values(facets)) {
    if (!Array.isArray(list)) return false;
    for (const link of list) if (link === null || typeof link !== "object" || Array.isArray(link)) return false;
  }
  return true;
}

/** A root for `swap` that no value is: every article in a list is counted by its token, the page's own too. */
const NO_ROOT = {};

/** JSON of a value, with a mark of its own for `undefined` (which JSON.stringify does not write). */
const json = (value: unknown): string => JSON.stringify(value) ?? "-";

/**
 * `root` as JSON without the fields in `omit`, with the objects `token` names (at its top level,
 * or as items of a top-level list) replaced by their tokens, and long strings by their hashes.
 * Module-level functions, not closures: this runs 30,000 times a build.
 */
function serialise(root: object, token: (value: object) => string | undefined, omit: ReadonlySet<string> = DERIVED): string {
  const copy: Record<string, unknown> = {};
  const fields = root as Record<string, unknown>;
  // for…in, not Object.keys: the same own fields in the same order for these plain objects, with
  // no array of names made per view (30,000 a build).
  for (const key in fields) if (!omit.has(key)) copy[key] = swap(fields[key], root, token);
  try {
    return JSON.stringify(copy);
  } catch {
    // A cycle below the top level: the slow way, every value through the replacer.
    return JSON.stringify(copy, (_key, value: unknown) => (value !== null && typeof value === "object" && value !== root ? (token(value) ?? value) : value));
  }
}

function swap(value: unknown, root: object, token: (value: object) => string | undefined): unknown {
  if (typeof value === "string") return value.length >= LONG ? longToken(value) : value;
  if (value === root || value === null || typeof value !== "object") return value;
  const named = token(value);
  if (named !== undefined) return named;
  if (!Array.isArray(value)) return value;
  // A list is copied only when one of its items is swapped.
  let list: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (item === null || typeof item !== "object" || item === root) continue;
    const itemToken = token(item);
    if (itemToken !== undefined) (list ??= value.slice())[i] = itemToken;
  }
  return list ?? value;
}
