// How soon V8 optimises the build's hot functions, by how long the build will run.
//   expectShortRun()  -> a day's build: a function is optimised after sixteen times the bytecode
//   expectLongRun()   -> everything else: V8's own default
// V8 considers a function for optimisation each time it has run its interrupt budget of bytecode
// (66 KB by default). A day's build is short: at 10,000 articles, compiling what got hot took
// about a second of CPU on V8's threads, from the core the workers, the garbage collector and
// Pagefind share, and with sixteen times the budget a day's build was 0.2 s faster (6%, ten
// alternating pairs) and half a second of CPU lighter. A long build gains from optimising early:
// a cold build with the large budget took 38.0 s instead of 34.6 s. So the build starts short
// only when the last build left what a day's build needs, and turns long as soon as it learns
// otherwise: no usable article cache, a full build, or many pages to render
// (docs/performance.md). The flag is the process's: worker threads follow it.
import { setFlagsFromString } from "node:v8";

/** V8's interrupt budget in Node 20 (`node --v8-options`). */
const DEFAULT_BUDGET = 67_584;
const SHORT_RUN_BUDGET = 16 * DEFAULT_BUDGET;

/** Pages rendered after which an incremental build is a long one (a day's renders about 100). */
export const LONG_RUN_PAGES = 1_000;

let budget = DEFAULT_BUDGET;

function setBudget(bytes: number): void {
  if (bytes === budget) return;
  budget = bytes;
  // A function whose budget is running keeps it until it is spent, then takes the new one.
  setFlagsFromString(`--interrupt-budget=${bytes}`);
}

export function expectShortRun(): void {
  setBudget(SHORT_RUN_BUDGET);
}

export function expectLongRun(): void {
  setBudget(DEFAULT_BUDGET);
}
