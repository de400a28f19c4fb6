// Article[] + a facet row (facet-table.ts) -> its registry: each distinct name once,
// in its most common spelling, with a slug, a path and its articles (in the order given).
//   "Idlib" x3, "idlib" x1, "Idleb" (an alias of Idlib) x1 -> one facet "Idlib" with 5 articles
// Two different names that would share a slug are a problem naming both.
import type { Article, Content } from "../content/load.ts";
import { cleanKeyword, keywordIdentity, slugify } from "../content/keywords.ts";
import type { Problem } from "../content/problems.ts";
import { scriptLanguage } from "../content/scripts.ts";
import { isListField, namesOf, type FacetRow, type FacetTable } from "./facet-table.ts";
import { paths } from "./urls.ts";

export interface Facet {
  identity: string;
  name: string;
  slug: string;
  path: string;
  articles: Article[];
  /** The alias spellings that stand for it (as identities: lower case), for search. */
  aliases: string[];
  /** The language its name is written in, where its script tells (an Arabic keyword: "ar"), to mark it wherever it is shown. */
  lang?: string;
}

/** What a registry is built from: the facet's row, and its alias spellings where it has them. */
export interface FacetKind {
  row: FacetRow;
  /** identity of an alias spelling -> the spelling it stands for. */
  aliases?: ReadonlyMap<string, string>;
}

export interface FacetRegistry {
  facets: Map<string, Facet>;
  /** Finds the facet for any spelling, aliases included. */
  lookup(raw: string): Facet | undefined;
  /**
   * An article's facets: one for each of its names (in this row) that has one, in the order
   * written, a name given twice counting twice. Found once per article: views, lists and related
   * articles each ask for every article's (120,000 lookups at 10,000 articles, each a name folded
   * and looked up twice).
   */
  of(article: Article): readonly Facet[];
  /** Old pages of alias spellings: alias path -> facet path. */
  redirects: { from: string; to: string }[];
  problems: Problem[];
}

/** One registry per row of the table, in table order. */
export interface FacetEntry {
  row: FacetRow;
  registry: FacetRegistry;
}

export function facetRegistries(articles: readonly Article[], table: FacetTable, content: Content): FacetEntry[] {
  return table.map((row) => ({ row, registry: facetRegistry(articles, { row, aliases: row.aliases?.of(content) }) }));
}

export function facetRegistry(articles: readonly Article[], kind: FacetKind): FacetRegistry {
  const { row } = kind;
  const pathOf = (slug: string) => paths.facet(row.folder, slug);
  const canonical = (raw: string) => {
    const id = keywordIdentity(raw);
    const target = kind.aliases?.get(id);
    return target === undefined ? id : keywordIdentity(target);
  };
  const spellings = new Map<string, Map<string, number>>();
  const members = new Map<string, Article[]>();
  for (const article of articles) {
    for (const raw of namesOf(article, row)) {
      const id = canonical(raw);
      const counts = spellings.get(id) ?? new Map<string, number>();
      // Alias spellings never become the display name.
      if (!kind.aliases?.has(keywordIdentity(raw))) {
        const spelling = cleanKeyword(raw);
        counts.set(spelling, (counts.get(spelling) ?? 0) + 1);
      }
      spellings.set(id, counts);
      const list = members.get(id) ?? [];
      if (list[list.length - 1] !== article) list.push(article);
      members.set(id, list);
    }
  }

  const facets = new Map<string, Facet>();
  const bySlug = new Map<string, Facet>();
  const problems: Problem[] = [];
  for (const [id, counts] of spellings) {
    const name = mostCommon(counts) ?? cleanKeyword(aliasTarget(kind, id) ?? id);
    const slug = slugify(name);
    const facet: Facet = { identity: id, name, slug, path: pathOf(slug), articles: members.get(id)!, aliases: [], lang: scriptLanguage(name) };
    const clash = bySlug.get(slug);
    if (clash) {
      const article = facet.articles[0]!;
      const position = namesOf(article, row).findIndex((v) => canonical(v) === id);
      problems.push({
        file: article.file,
        line: article.lineOf(isListField(article, row) ? [row.field, Math.max(0, position)] : [row.field]),
        field: row.field,
        message: `${row.noun} "${name}" would share the page ${facet.path} with "${clash.name}" (used in ${clash.articles[0]!.file}); spell them alike${row.aliases ? `, or map one to the other in ${row.aliases.file}` : ""}`,
        severity: "error",
      });
      continue;
    }
    bySlug.set(slug, facet);
    facets.set(id, facet);
  }

  const redirects: { from: string; to: string }[] = [];
  for (const [aliasId, target] of kind.aliases ?? []) {
    const facet = facets.get(keywordIdentity(target));
    facet?.aliases.push(aliasId);
    const from = pathOf(slugify(aliasId));
    if (facet && from !== facet.path && !bySlug.has(slugify(aliasId))) redirects.push({ from, to: facet.path });
  }

  const lookup = (raw: string) => facets.get(canonical(raw));
  const found = new WeakMap<Article, Facet[]>();
  const of = (article: Article) => {
    let list = found.get(article);
    if (!list) {
      list = [];
      for (const raw of namesOf(article, row)) {
        const facet = lookup(raw);
        if (facet) list.push(facet);
      }
      found.set(article, list);
    }
    return list;
  };
  return { facets, lookup, of, redirects, problems };
}

function aliasTarget(kind: FacetKind, id: string): string | undefined {
  for (const target of kind.aliases?.values() ?? []) if (keywordIdentity(target) === id) return target;
  return undefined;
}

/** Most used spelling; ties go to the first seen, so the result is deterministic. */
function mostCommon(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [spelling, count] of counts) {
    if (count > bestCount) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}
