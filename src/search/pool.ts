// The Pagefind process pool: a count -> that many Pagefind APIs, each with its own child
// process, and the one rule for every request: it fails when its process dies or stays silent.
//   openPool(2) -> { apis: [pagefind, pagefind?process=1], createIndex, answered, died, close }
// Pagefind's Node API never tells when its process dies: the requests in flight are simply never
// answered (a build waited 120 s, then listed every page in flight). The pool watches the processes
// it starts, so that a death fails the build at once, with one message.
import type { ChildProcess } from "node:child_process";
import { subscribe } from "node:diagnostics_channel";
import * as pagefind from "pagefind";

export type PagefindApi = typeof pagefind;
export type PagefindIndex = pagefind.PagefindIndex;

/** The search index failed: every problem Pagefind reported, or the one that stopped it. */
export class SearchIndexError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`Search index failed:\n${errors.map((e) => `  ${e}`).join("\n")}`);
    this.name = "SearchIndexError";
  }
}

/**
 * Pagefind runs as a child process. Its death is caught as it happens (see `watchSpawns`); this
 * limit is for a process that lives but stops answering.
 */
const SILENCE_LIMIT_MS = 120_000;

/**
 * The process is created inside the first call of each API module, and Node announces every child
 * process it creates on the "child_process" diagnostics channel, synchronously: a call made
 * through `watchSpawns` claims the processes it starts, so that their exit can fail the build.
 */
let claimSpawn: ((child: ChildProcess) => void) | undefined;
subscribe("child_process", (message) => claimSpawn?.((message as { process: ChildProcess }).process));

function watchSpawns<T>(call: () => T, claim: (child: ChildProcess) => void): T {
  claimSpawn = claim;
  try {
    return call();
  } finally {
    claimSpawn = undefined;
  }
}

/**
 * When its process is gone, Pagefind's Node API prints "Service stopped" and the broken pipe's
 * stack trace to the console, once per request it could not send. The pool reports the process's
 * death itself, in one line, so that report is left out unless asked for (DEBUG, --verbose).
 */
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (args[0] === "Service stopped" && !process.env.DEBUG && !process.argv.includes("--verbose")) return;
  consoleError(...args);
};

export interface PagefindPool {
  /** One API per process; bundle i goes to `apis[i % apis.length]`. */
  readonly apis: readonly PagefindApi[];
  /** A new index in `api`'s process, every word of it taken as `language` (ISO 639-1). */
  createIndex(api: PagefindApi, language: string): Promise<pagefind.NewIndexResponse>;
  /** `work`, failed when a process of the pool dies or `work` is not answered in time. */
  answered<T>(work: Promise<T>, step: string): Promise<T>;
  /** Why a process died, once one has: nothing more can be indexed. */
  readonly died: string | undefined;
  /** Stops every process; a process that exits after this is not a failure. */
  close(): Promise<void>;
}

/**
 * `count` Pagefind APIs, each with its own process, watched from their first request. With
 * `language`, the first process is started at once, with an index in that language ready for the
 * first bundle that needs one: starting Pagefind and answering took 100–110 ms, which a day's
 * build otherwise waited for when its first changed bundle was complete, and its last bundle's
 * writing often ends the build. (When no bundle changed, the index is let go with the process.)
 */
export async function openPool(count: number, language?: string): Promise<PagefindPool> {
  const apis = await pagefindApis(count);
  let closing = false;
  let died: string | undefined;
  let onDeath: (error: SearchIndexError) => void = () => undefined;
  const death = new Promise<never>((_, reject) => (onDeath = reject));
  death.catch(() => undefined); // observed through `answered`; unobserved when nothing is pending

  const close = async () => {
    closing = true;
    await Promise.all(apis.map((api) => answeredOrDead(api.close(), "closing").catch(() => undefined)));
  };
  // A process that exits before `close` is a crash: every pending and later request fails with
  // one message, which alone is reported (the pages in flight add nothing to it). The index made
  // ready ahead (below) is not a request of the build's: a death before anything was asked of the
  // pool fails the build only once a bundle asks for an index, so a build whose bundles were all
  // reused succeeds as it did when no process was started ahead.
  let asked = language === undefined;
  let idleDeath: string | undefined;
  const dead = (message: string) => {
    died = message;
    onDeath(new SearchIndexError([message]));
    void close();
  };
  const watch = (child: ChildProcess) => {
    const fail = (how: string) => {
      if (closing || died) return;
      const message = `Pagefind ${how}; no search index was written`;
      if (asked) dead(message);
      else idleDeath ??= message;
    };
    child.once("exit", (code, signal) => fail(`${signal ? `was stopped (${signal})` : `exited unexpectedly (exit code ${code})`} while indexing`));
    child.once("error", (e) => fail(`could not be started (${e.message})`));
  };
  const answered = <T>(work: Promise<T>, step: string) => answeredOrDead(work, step, death);
  const create = (api: PagefindApi, language: string) => answered(watchSpawns(() => api.createIndex({ forceLanguage: language }), watch), "creating the index");
  let ready = language === undefined ? undefined : { api: apis[0]!, language, index: create(apis[0]!, language) };
  // Seen by whoever takes it; never taken, it fails when close() stops its process (Pagefind's
  // API answers every request in flight then), which holds nothing open.
  ready?.index.catch(() => undefined);
  return {
    apis,
    createIndex: (api, language) => {
      asked = true;
      if (idleDeath !== undefined && !died && !closing) dead(idleDeath);
      if (ready?.api !== api || ready.language !== language) return create(api, language);
      const { index } = ready;
      ready = undefined;
      return index;
    },
    answered,
    get died() {
      return died;
    },
    close,
  };
}

/**
 * `count` Pagefind APIs. The package keeps one process per module instance, so the others are
 * further instances of the same module, told apart by a query.
 */
async function pagefindApis(count: number): Promise<PagefindApi[]> {
  const apis: PagefindApi[] = [pagefind];
  for (let n = 1; n < count; n++) apis.push((await import(`${import.meta.resolve("pagefind")}?process=${n}`)) as PagefindApi);
  return apis;
}

/** A Pagefind request, failed when its process dies (`death`) or stays silent too long. */
function answeredOrDead<T>(work: Promise<T>, step: string, death?: Promise<never>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SearchIndexError([`Pagefind stopped answering while ${step} (no reply in ${SILENCE_LIMIT_MS / 1000} s)`])), SILENCE_LIMIT_MS);
  });
  return Promise.race([work, silence, ...(death ? [death] : [])]).finally(() => clearTimeout(timer));
}
