// How soon V8 optimises the build's hot functions, by how long the build will run.
//   expectShortRun()  -> a day's build: a function is optimised after sixteen times the bytecode
//   expectLongRun()   -> everything else: V8's own default
// V8 considers a function for optimisation each time it has run its interrupt budget of bytecode
// (66 KB by default). A day's build is short: at 10,000 articles, compiling what got hot took
// about a second of CPU on V8's threads, from the core the workers, the garbage collector and
// Pagefind share, and with sixteen times the budget a day's build was 0.2 s faster (6%, ten
// alternating pairs) and half a second of CPU lighter. A long build is not: a day's build at
// 50,000 articles, whose loops over the articles run five times as long before their functions
// are optimised, took 13.9 s against 12.8 s with V8's default (three alternating pairs). So the
// build starts short only when the last build left its record, and turns long as soon as it
// learns otherwise: no usable article cache or more than SHORT_RUN_ARTICLES in it, a full build,
// or many pages to render. Cold builds run exactly as V8 runs by default (docs/performance.md).
// The flag is the process's: worker threads follow it.
import { setFlagsFromString } from "node:v8";

/** V8's interrupt budget in Node 20 (`node --v8-options`). */
const DEFAULT_BUDGET = 67_584;
/**
 * The V8 this was measured on (Node 20's). Another may have another default, or tier otherwise:
 * there every build runs as V8 runs by default.
 */
const MEASURED = /^11\.3\./.test(process.versions.v8);
const SHORT_RUN_BUDGET = 16 * DEFAULT_BUDGET;

/** Articles in the last build's cache above which a build is a long one (measured: 10,000 short, 50,000 long). */
export const SHORT_RUN_ARTICLES = 20_000;

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
  if (MEASURED) setBudget(SHORT_RUN_BUDGET);
}

export function expectLongRun(): void {
  setBudget(DEFAULT_BUDGET);
}
