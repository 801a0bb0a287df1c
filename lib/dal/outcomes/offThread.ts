import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { ForbiddenError, NotFoundError } from "@/lib/dal/errors";

/**
 * The practice-wide figures (the dashboards' summaries, the pooled comparison, the quality page, the risk-adjusted
 * comparison) computed on a worker thread of the server, not on the thread that answers requests (issue 17): at
 * 100,000 procedures a recomputation after a write holds a thread for a second or more, and on the request thread
 * every sign-in, form and list waited for it. The worker (scripts/figure-worker.mjs → scripts/figureWorker.ts) runs
 * the same data-layer functions with its own database connection, so it keeps the practice snapshot and the kept
 * figures, brings them up to date from the audit log as the request thread did, and answers with the figures only.
 *
 * Access is checked by the same functions in the worker (they receive the principal); a refusal comes back as the
 * same error class. On only where the server asks for it (MILD_FIGURE_WORKER=1, set by scripts/serve.ts): the tests
 * and scripts call the functions in their own thread. A call the worker could not answer because it stopped (a
 * crash, out of memory) is answered on the calling thread instead, and so is every call for a minute after; then a
 * new worker is started.
 */

type Reply = { id: number; value: unknown } | { id: number; error: { name: string; message: string } };
/**
 * A call waiting for its answer. The worker and this table are shared by all of Next's bundles (on globalThis), but
 * each bundle has its own copy of the error classes: the answer is settled by the calling bundle's own code, so a
 * refusal is an instance of the NotFoundError its caller tests for.
 */
type Pending = { settle: (answer: Reply | { lost: string }) => void };
type State = { worker: Worker | null; pending: Map<number, Pending>; next: number; lostAt: number };

// On globalThis: Next bundles the pages and the route handlers apart, and they must share one worker.
const shared = globalThis as unknown as { __mildFigureWorker?: State };
const state = (shared.__mildFigureWorker ??= { worker: null, pending: new Map(), next: 1, lostAt: 0 });

/** After a worker stopped, calls are answered here this long before another is started. */
const RESTART_AFTER_MS = 60_000;

const enabled = () => process.env.MILD_FIGURE_WORKER === "1" && process.env.MILD_IN_FIGURE_WORKER !== "1" && Date.now() - state.lostAt >= RESTART_AFTER_MS;

/** The worker stopped before answering: the caller answers itself. */
class WorkerLost extends Error {}

/** The error the worker's function threw, as the same class where callers tell them apart. */
function rebuilt({ name, message }: { name: string; message: string }): Error {
  const error =
    name === "NotFoundError" ? new NotFoundError() : name === "ForbiddenError" ? new ForbiddenError() : name === "RangeError" ? new RangeError() : new Error();
  error.message = message;
  return error;
}

function failAll(why: string): void {
  for (const p of state.pending.values()) p.settle({ lost: why });
  state.pending.clear();
}

function worker(): Worker {
  if (state.worker) return state.worker;
  // Loaded from the sources at run time, as the scripts are: a path the build cannot follow (it would bundle tsx).
  const entry = [process.cwd(), "scripts", "figure-worker.mjs"].join(path.sep);
  const started = new Worker(/* turbopackIgnore: true */ entry, {
    // The data layer's modules import "server-only", which only React's server condition resolves to nothing.
    execArgv: ["--conditions=react-server"],
    env: { ...process.env, MILD_IN_FIGURE_WORKER: "1" },
  });
  started.on("message", (reply: Reply) => {
    const p = state.pending.get(reply.id);
    if (!p) return;
    state.pending.delete(reply.id);
    if (state.pending.size === 0) started.unref();
    p.settle(reply);
  });
  const lost = (why: string) => {
    if (state.worker !== started) return;
    state.worker = null;
    state.lostAt = Date.now();
    console.error(`The figure worker stopped (${why}): figures are computed on the request thread for a minute, then a new worker is started.`);
    failAll(why);
  };
  started.on("error", (e) => lost(e.message));
  started.on("exit", (code) => lost(`exit code ${code}`));
  started.once("online", () => console.log(`Figure worker started (thread ${started.threadId}): practice-wide figures are computed off the request thread.`));
  // Keeps the process alive only while a call waits for it (a script awaiting figures), never on its own.
  started.unref();
  state.worker = started;
  return started;
}

/** Calls `name` in the worker with these arguments (structured-cloned there and back). */
function inWorker(name: string, args: unknown[]): Promise<unknown> {
  const w = worker();
  const id = state.next++;
  return new Promise((resolve, reject) => {
    const settle = (answer: Reply | { lost: string }) => {
      if ("lost" in answer) reject(new WorkerLost(answer.lost));
      else if ("error" in answer) reject(rebuilt(answer.error));
      else resolve(answer.value);
    };
    state.pending.set(id, { settle });
    w.ref();
    w.postMessage({ id, name, args });
  });
}

/**
 * `local` as a figure function that runs on the worker thread when the server has one, and here otherwise. `name`
 * is its name in scripts/figureWorker.ts, which calls the same function there (where `local` runs).
 */
export function offThread<A extends unknown[], R>(name: string, local: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args: A) => {
    if (!enabled()) return local(...args);
    return (inWorker(name, args) as Promise<R>).catch((error: unknown) => (error instanceof WorkerLost ? local(...args) : Promise.reject(error)));
  };
}
