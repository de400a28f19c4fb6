// Article -> up to N related articles: shared keywords, each weighted by its rarity
// (log(1 + articles / articles with that keyword)), then newer first, then path. Deterministic.
import type { Article } from "../content/load.ts";
import type { Facet } from "./facets.ts";

/** Keywords on more articles than this add (almost) nothing to relatedness and cost O(n²). */
const MAX_KEYWORD_ARTICLES = 1000;

export function relatedArticles(
  articles: readonly Article[],
  keywordsOf: (a: Article) => readonly Facet[],
  limit: number,
): Map<Article, Article[]> {
  const total = articles.length;
  const rank = new Map(articles.map((a, i) => [a, i])); // articles arrive newest first
  const result = new Map<Article, Article[]>();
  for (const article of articles) {
    const scores = new Map<Article, number>();
    for (const facet of keywordsOf(article)) {
      const df = facet.articles.length;
      if (df < 2 || df > MAX_KEYWORD_ARTICLES) continue;
      const weight = Math.log(1 + total / df);
      for (const other of facet.articles) {
        if (other !== article) scores.set(other, (scores.get(other) ?? 0) + weight);
      }
    }
    const ranked = [...scores.entries()]
      .sort(([a, sa], [b, sb]) => sb - sa || rank.get(a)! - rank.get(b)!)
      .slice(0, limit)
      .map(([a]) => a);
    result.set(article, ranked);
  }
  return result;
}
