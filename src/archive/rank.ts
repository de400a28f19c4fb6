// The related-articles ranking (./related.ts) on numbers: each article's keywords in, `limit`
// positions per article out. Scores live in one typed array indexed by position (articles arrive
// newest first), so the whole archive is ranked without allocating a map per article. Where it
// runs:
//   rankHere     when the result is first asked for, on this thread
//   rankOnThread at once, on a thread of its own, while the model's main thread makes every
//                article's view; read when the articles are linked
// The model stays synchronous: the thread's result is waited for with Atomics.wait on shared
// memory, which needs no turn of the event loop. Anything that goes wrong on the thread (it
// cannot start, it fails, it has not answered in 20 s) ranks here instead: the same function (the
// thread runs its source), so the same ranking.
import { Worker } from "node:worker_threads";

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

/** A thread that has not answered by then is given up, and the ranking made here. */
const WAIT_MS = 20_000;

export const rankOnThread: Ranker = (input) => {
  const best = new Int32Array(new SharedArrayBuffer(rankLength(input) * 4));
  // 0 while ranking, 1 when done, 2 when it failed.
  const state = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    worker = new Worker(RANK_THREAD, { eval: true, execArgv: [], workerData: { input, best, state } });
  } catch {
    return rankHere(input);
  }
  worker.unref();
  // A failure shows in `state`; the listener only keeps it from being thrown as an event.
  worker.on("error", () => undefined);
  return () => {
    // A thread that died without a word (out of memory, a fatal error) is waited for WAIT_MS: no
    // event can say so while this thread waits, not even its id, which changes on the event loop.
    Atomics.wait(state, 0, 0, WAIT_MS);
    void worker.terminate();
    return Atomics.load(state, 0) === 1 ? best : rankHere(input)();
  };
};

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

/** The thread, as plain JavaScript: the ranking function's own source, run on the input. */
const RANK_THREAD = `
const { workerData } = require("node:worker_threads");
// The TypeScript loader may name a function defined inside another with a helper of its own.
const __name = (f) => f;
const { input, best, state } = workerData;
const rankPositions = ${rankPositions.toString()};
try {
  rankPositions(input, best);
  Atomics.store(state, 0, 1);
} catch {
  Atomics.store(state, 0, 2);
}
Atomics.notify(state, 0);
`;
