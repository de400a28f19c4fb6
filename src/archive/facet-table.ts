// The facets: ways to browse the archive by a name articles carry (keyword, source, author,
// translator, editor).
// One row each. From this table come the registries (facets.ts), the URL-ownership plan
// (index.ts), the list pages, directories and topic feeds (build/), the search page's slug
// tables and filter list, and the article view's links. Adding a facet is a row here plus what
// its templates show.
//   { key: "keyword", field: "keywords", folder: "keywords", … } -> /keywords/, /keywords/idlib/,
//   /keywords/idlib/feed.xml, facets.json {"keyword": {"idlib": "Idlib"}}, ?keyword=idlib
import type { Article, Content } from "../content/load.ts";

/** Front-matter fields whose value is a name or a list of names. */
export type NameField = {
  [K in keyof Article]-?: NonNullable<Article[K]> extends string | readonly string[] ? K : never;
}[keyof Article];

export interface FacetRow<Key extends string = string> {
  /** Name in the model, the search URL (?keyword=) and facets.json. */
  key: Key;
  /** Front-matter field the names come from: one name or a list of names. */
  field: NameField;
  /** Singular noun for messages and counts: "keyword". */
  noun: string;
  /** Folder of its pages, also the key of its directory link: "keywords" -> /keywords/. */
  folder: string;
  /** The directory page: heading and the noun its intro counts ("7 original outlets"). */
  directory: { heading: string; noun: string };
  /** Topic feed subtitle: "Articles on Idlib", "Articles translated from Wadi Press". */
  feedPhrase: string;
  /** Search page filter: label, and place among the filters (year is 30, language 40). */
  search: { label: string; order: number };
  /** Alias spellings (identity -> the spelling it stands for), where the facet has them, and the file they come from. */
  aliases?: { of: (content: Content) => ReadonlyMap<string, string>; file: string };
}

export const FACETS = [
  {
    key: "keyword",
    field: "keywords",
    noun: "keyword",
    folder: "keywords",
    directory: { heading: "Keywords", noun: "keyword" },
    feedPhrase: "on",
    search: { label: "Keyword", order: 10 },
    aliases: { of: (content) => content.keywordAliases, file: "content/keywords.yaml" },
  },
  {
    key: "source",
    field: "source",
    noun: "source",
    folder: "sources",
    directory: { heading: "Sources", noun: "original outlet" },
    feedPhrase: "translated from",
    search: { label: "Source", order: 20 },
  },
  {
    key: "author",
    field: "author",
    noun: "author",
    folder: "authors",
    directory: { heading: "Authors", noun: "author" },
    feedPhrase: "reported by",
    search: { label: "Author", order: 45 },
  },
  {
    key: "translator",
    field: "translator",
    noun: "translator",
    folder: "translators",
    directory: { heading: "Translators", noun: "translator" },
    feedPhrase: "translated by",
    search: { label: "Translator", order: 50 },
  },
  {
    key: "editor",
    field: "editor",
    noun: "editor",
    folder: "editors",
    directory: { heading: "Editors", noun: "editor" },
    feedPhrase: "edited by",
    search: { label: "Editor", order: 55 },
  },
] as const satisfies readonly FacetRow[];

export type FacetKey = (typeof FACETS)[number]["key"];
export type FacetTable = readonly FacetRow[];

/** The names an article carries for a facet, whether its field holds one name or a list. */
export function namesOf(article: Article, row: FacetRow): readonly string[] {
  const value: unknown = article[row.field];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? (value as string[]) : [];
}

/** Whether the field holds a list (problems then name the item's line). */
export function isListField(article: Article, row: FacetRow): boolean {
  return Array.isArray(article[row.field]);
}
