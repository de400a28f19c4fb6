// The related-articles ranking (./related.ts) on numbers: each article's keywords in, `limit`
// positions per article out. Scores live in one typed array indexed by position (articles arrive
// newest first), so the whole archive is ranked without allocating a map per article. Where it
// runs:
//   rankHere     when the result is first asked for, on this thread
//   rankOnThread at once, on a thread of its own (./thread.ts), while the model's main thread
//                makes every article's view; read when the articles are linked
// Anything that goes wrong on the thread ranks here instead: the same function (the thread runs
// its source), so the same ranking.
import { resultOnThread } from "./thread.ts";

/** The ranking's input: keywords as numbers, positions newest first. */
export interface RankInput {
  limit: number;
  /** Keywords on more articles than this are not counted. */
  maxArticles: number;
  /** Article i's keywords are keywordIds[keywordStarts[i]] up to keywordIds[keywordStarts[i + 1]]. */
  keywordStarts: Int32Array;
  keywordIds: Int32Array;
  /** Keyword k's articles (positions) are members[memberStarts[k]] up to members[memberStarts[k + 1]]. */
  memberStarts: Int32Array;
  members: Int32Array;
}

/** Starts ranking `input`; the ranking (`limit` positions per article, -1 where fewer) when called. */
export type Ranker = (input: RankInput) => () => Int32Array;

/** Ranks here, when the result is first asked for. */
export const rankHere: Ranker = (input) => () => rankPositions(input, new Int32Array(rankLength(input)));

/** The ranking's length: `limit` positions per article. */
export const rankLength = (input: RankInput) => (input.keywordStarts.length - 1) * input.limit;

export const rankOnThread: Ranker = (input) => resultOnThread(RANK_THREAD, input, rankHere(input));

/**
 * The ranking, into `best` (`limit` positions per article, -1 where fewer), which it returns.
 * Self-contained, with no function inside it: the ranking thread runs this very function, from
 * its source (RANK_THREAD, below).
 */
export function rankPositions(input: RankInput, best: Int32Array): Int32Array {
  const { limit, maxArticles, keywordStarts, keywordIds, memberStarts, members } = input;
  const total = keywordStarts.length - 1;
  const scores = new Float64Array(total);
  // The positions scored for one article, reused for every article (a list per article was most
  // of what the model allocated in a day's build).
  const touched = new Int32Array(total);
  best.fill(-1);
  for (let self = 0; self < total; self++) {
    let count = 0;
    for (let k = keywordStarts[self]!; k < keywordStarts[self + 1]!; k++) {
      const id = keywordIds[k]!;
      const from = memberStarts[id]!;
      const to = memberStarts[id + 1]!;
      const df = to - from;
      if (df < 2 || df > maxArticles) continue;
      const weight = Math.log(1 + total / df);
      for (let m = from; m < to; m++) {
        const other = members[m]!;
        if (other === self || other < 0) continue;
        if (scores[other] === 0) touched[count++] = other;
        scores[other] = scores[other]! + weight;
      }
    }
    // Top `limit` by score, then by position (newer first): a partial selection, not a full sort,
    // kept in place in this article's row of `best`.
    const row = self * limit;
    let size = 0;
    for (let t = 0; t < count; t++) {
      const i = touched[t]!;
      let at = size;
      while (at > 0 && (scores[best[row + at - 1]!]! < scores[i]! || (scores[best[row + at - 1]!] === scores[i] && best[row + at - 1]! > i))) at--;
      if (at < limit) {
        for (let s = Math.min(size, limit - 1); s > at; s--) best[row + s] = best[row + s - 1]!;
        best[row + at] = i;
        if (size < limit) size++;
      }
    }
    for (let t = 0; t < count; t++) scores[touched[t]!] = 0;
  }
  return best;
}

/** The thread's function, as plain JavaScript: the ranking function's own source, run on the input. */
export const RANK_THREAD = `(input) => {
  const rankPositions = ${rankPositions.toString()};
  return rankPositions(input, new Int32Array((input.keywordStarts.length - 1) * input.limit));
}`;
