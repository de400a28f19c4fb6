// Article -> up to N related articles: shared keywords, each weighted by its rarity
// (log(1 + articles / articles with that keyword)), then newer first, then path. Deterministic.
// The ranking itself works on positions and keyword numbers (./rank.ts), so that a large archive
// is ranked on a thread of its own while the model goes on.
import type { Article } from "../content/load.ts";
import type { Facet } from "./facets.ts";
import type { ArchiveMemo } from "./memo.ts";
import { rankHere, rankOnThread, type RankInput } from "./rank.ts";

/** Keywords on more articles than this add (almost) nothing to relatedness and cost O(n²). */
const MAX_KEYWORD_ARTICLES = 1000;

/**
 * From this many articles the ranking runs on a thread of its own: 110–150 ms of a day's build at
 * 10,000 articles, against a few milliseconds to start the thread.
 */
const THREAD_FROM = 2000;

/**
 * The ranking depends only on each position's keywords, so the last one is kept with them in
 * `memo`: the preview models the archive again after every edit (with the same memo), and an
 * edit seldom changes any keywords. Without a memo nothing is kept. Ranking starts now; the
 * returned function waits for it.
 */
export function relatedArticles(
  articles: readonly Article[],
  keywordsOf: (a: Article) => readonly Facet[],
  limit: number,
  memo: Pick<ArchiveMemo, "related"> = {},
): () => Map<Article, Article[]> {
  const keywords = articles.map(keywordsOf);
  // The count first: no articles and one without keywords would otherwise have the same key.
  const key = `${articles.length}\n${keywords.map((facets) => facets.map((f) => f.path).join(" ")).join("\n")}`;
  const last = memo.related;
  const kept = last?.key === key && last.limit === limit ? last.best : undefined;
  const ranking = kept ? undefined : (articles.length >= THREAD_FROM ? rankOnThread : rankHere)(rankInput(articles, keywords, limit));
  return () => {
    let best = kept;
    if (!best) memo.related = { key, limit, best: (best = ranking!()) };
    const related = new Map<Article, Article[]>();
    for (let i = 0; i < articles.length; i++) {
      const list: Article[] = [];
      for (let j = i * limit; j < (i + 1) * limit && best[j]! >= 0; j++) list.push(articles[best[j]!]!);
      related.set(articles[i]!, list);
    }
    return related;
  };
}

function rankInput(articles: readonly Article[], keywords: readonly (readonly Facet[])[], limit: number): RankInput {
  const position = new Map(articles.map((a, i) => [a, i]));
  const ids = new Map<Facet, number>();
  const keywordStarts = new Int32Array(articles.length + 1);
  const keywordIds: number[] = [];
  const memberLists: Int32Array[] = [];
  keywords.forEach((facets, i) => {
    keywordStarts[i] = keywordIds.length;
    for (const facet of facets) {
      let id = ids.get(facet);
      if (id === undefined) {
        ids.set(facet, (id = memberLists.length));
        memberLists.push(Int32Array.from(facet.articles, (a) => position.get(a) ?? -1));
      }
      keywordIds.push(id);
    }
  });
  keywordStarts[articles.length] = keywordIds.length;
  const memberStarts = new Int32Array(memberLists.length + 1);
  const members = new Int32Array(memberLists.reduce((n, m) => n + m.length, 0));
  memberLists.forEach((list, k) => {
    members.set(list, memberStarts[k]!);
    memberStarts[k + 1] = memberStarts[k]! + list.length;
  });
  return { limit, maxArticles: MAX_KEYWORD_ARTICLES, keywordStarts, keywordIds: Int32Array.from(keywordIds), memberStarts, members };
}
