// A worker thread asked one message at a time: each message gets an id, the worker answers
// `{ id, error? , ...reply }` for it, and each call is one promise. The build's folder
// (src/incremental/folder.ts) and the search bundles' files (src/search/manifest.ts) work this way.
import { Worker } from "node:worker_threads";

export class WorkerCalls<Reply extends object> {
  readonly #worker: Worker;
  readonly #answers = new Map<number, { resolve: (reply: Reply) => void; reject: (e: Error) => void }>();
  #ids = 0;
  #closing = false;

  /**
   * `code`: the worker's plain JavaScript, run without the TypeScript loader. `failure`: the error
   * every call still waiting gets should the worker fail or stop by itself. The worker is
   * referenced only while a call waits: it never holds the process open, and a call still
   * waiting does.
   */
  constructor(code: string, failure: (e: Error) => Error) {
    this.#worker = new Worker(code, { eval: true, execArgv: [] });
    this.#worker.unref();
    this.#worker.on("message", (reply: Reply & { id: number; error?: string }) => {
      const answer = this.#answers.get(reply.id);
      this.#answers.delete(reply.id);
      if (!this.#answers.size) this.#worker.unref();
      if (typeof reply.error === "string") answer?.reject(new Error(reply.error));
      else answer?.resolve(reply);
    });
    const stopped = (e: Error) => {
      if (this.#closing) return; // its calls were given up with it
      for (const answer of this.#answers.values()) answer.reject(failure(e));
      this.#answers.clear();
    };
    this.#worker.on("error", stopped);
    this.#worker.on("exit", (code) => stopped(new Error(`the worker stopped (exit code ${code})`)));
  }

  ask(message: object): Promise<Reply> {
    const id = this.#ids++;
    const answer = new Promise<Reply>((resolve, reject) => this.#answers.set(id, { resolve, reject }));
    this.#worker.ref();
    this.#worker.postMessage({ ...message, id });
    return answer;
  }

  /** Stops the worker, whatever it was doing; calls still waiting are given up, never answered. */
  async close(): Promise<void> {
    this.#closing = true;
    this.#answers.clear();
    await this.#worker.terminate();
  }
}
