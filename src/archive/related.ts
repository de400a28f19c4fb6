// Article -> up to N related articles: shared keywords, each weighted by its rarity
// (log(1 + articles / articles with that keyword)), then newer first, then path. Deterministic.
// Scores live in one typed array indexed by position (articles arrive newest first), so the
// whole archive is ranked without allocating a map per article.
import type { Article } from "../content/load.ts";
import type { Facet } from "./facets.ts";
import type { ArchiveMemo } from "./memo.ts";

/** Keywords on more articles than this add (almost) nothing to relatedness and cost O(n²). */
const MAX_KEYWORD_ARTICLES = 1000;

/**
 * The ranking depends only on each position's keywords, so the last one is kept with them in
 * `memo`: the preview models the archive again after every edit (with the same memo), and an
 * edit seldom changes any keywords. Without a memo nothing is kept.
 */
export function relatedArticles(
  articles: readonly Article[],
  keywordsOf: (a: Article) => readonly Facet[],
  limit: number,
  memo: Pick<ArchiveMemo, "related"> = {},
): Map<Article, Article[]> {
  const keywords = articles.map(keywordsOf);
  // The count first: no articles and one without keywords would otherwise have the same key.
  const key = `${articles.length}\n${keywords.map((facets) => facets.map((f) => f.path).join(" ")).join("\n")}`;
  let last = memo.related;
  if (last?.key !== key || last.limit !== limit) memo.related = last = { key, limit, best: rank(articles, keywords, limit) };
  const best = last.best;
  return new Map(articles.map((a, i) => [a, best[i]!.map((j) => articles[j]!)]));
}

function rank(articles: readonly Article[], keywords: readonly (readonly Facet[])[], limit: number): number[][] {
  const total = articles.length;
  const position = new Map(articles.map((a, i) => [a, i]));
  // Members of each keyword as positions, computed once per keyword.
  const members = new Map<Facet, Int32Array>();
  const membersOf = (facet: Facet) => {
    let list = members.get(facet);
    if (!list) members.set(facet, (list = Int32Array.from(facet.articles, (a) => position.get(a)!)));
    return list;
  };
  const scores = new Float64Array(total);
  // The positions scored for one article, reused for every article (a list per article was most
  // of what the model allocated in a day's build).
  const touched = new Int32Array(total);
  return keywords.map((facets, self) => {
    let count = 0;
    for (const facet of facets) {
      const df = facet.articles.length;
      if (df < 2 || df > MAX_KEYWORD_ARTICLES) continue;
      const weight = Math.log(1 + total / df);
      for (const other of membersOf(facet)) {
        if (other === self) continue;
        if (scores[other] === 0) touched[count++] = other;
        scores[other] = scores[other]! + weight;
      }
    }
    // Top `limit` by score, then by position (newer first): a partial selection, not a full sort.
    const best: number[] = [];
    for (let t = 0; t < count; t++) {
      const i = touched[t]!;
      let at = best.length;
      while (at > 0 && (scores[best[at - 1]!]! < scores[i]! || (scores[best[at - 1]!] === scores[i] && best[at - 1]! > i))) at--;
      if (at < limit) {
        best.splice(at, 0, i);
        if (best.length > limit) best.pop();
      }
    }
    for (let t = 0; t < count; t++) scores[touched[t]!] = 0;
    return best;
  });
}
