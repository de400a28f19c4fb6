// A part of the model made on a thread of its own, on the other core, while the model's main
// thread goes on: started as early as its input is known, read when the model needs it.
//   resultOnThread(code, input, fallback) -> () => the result
// The model stays synchronous: the answer is waited for with Atomics.wait and taken from its
// message port with receiveMessageOnPort, neither of which needs a turn of the event loop.
// Anything that goes wrong on the thread (it cannot start, it throws, it has not answered in
// 20 s) gives `fallback()`, made here: the same function, so the same result. Used by the
// related articles' ranking (./rank.ts) and the headline words (./build/search-words.ts).
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";

/** A thread that has not answered by then is given up, and the result made here. */
const WAIT_MS = 20_000;

/**
 * Runs `code` on `input` on a thread. `code` is plain JavaScript, the source of an expression
 * whose value is a function of the input that returns the result or a promise of it; it may
 * import plain JavaScript by URL, nothing of Gazette's TypeScript (the thread has no loader).
 * The input and the result are copied as messages are (structured clone).
 */
export function resultOnThread<T>(code: string, input: unknown, fallback: () => T): () => T {
  // 0 while working, 1 when the result is posted, 2 when it failed.
  const state = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(THREAD, { eval: true, execArgv: [], workerData: { code, input, state, port: port2 }, transferList: [port2] });
  } catch {
    port1.close();
    return fallback;
  }
  worker.unref();
  // A failure shows in `state`; the listener only keeps it from being thrown as an event.
  worker.on("error", () => undefined);
  let result: { value: T } | undefined;
  return () => {
    if (result) return result.value;
    // A thread that died without a word is waited for WAIT_MS: nothing else can say so while
    // this thread waits.
    Atomics.wait(state, 0, 0, WAIT_MS);
    const answer = Atomics.load(state, 0) === 1 ? receiveMessageOnPort(port1) : undefined;
    port1.close();
    void worker.terminate();
    result = { value: answer ? (answer.message as T) : fallback() };
    return result.value;
  };
}

/**
 * The thread's script: `code` (evaluated here, so that even a syntax error in it is an answer)
 * run on the input, its result posted, and then `state` set and notified.
 */
const THREAD = `
const { workerData } = require("node:worker_threads");
// The TypeScript loader may name a function defined inside another with a helper of its own.
globalThis.__name = (f) => f;
const { code, input, state, port } = workerData;
Promise.resolve()
  .then(() => (0, eval)("(" + code + ")")(input))
  .then((result) => {
    port.postMessage(result);
    Atomics.store(state, 0, 1);
  })
  .catch(() => Atomics.store(state, 0, 2))
  .finally(() => Atomics.notify(state, 0));
`;
