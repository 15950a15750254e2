/// <reference types="node" />
/**
 * The watch the pool keeps over one piece of work on its workers (a Monte Carlo run, a batch): a worker that exits
 * (tinypool never answers its task then), a worker error, a deadline, or the pool destroyed under it rejects the work
 * with a {@link MonteCarloPoolError} instead of leaving it pending. Internal to `riskcore/montecarlo/node`.
 */
import type { Tinypool } from 'tinypool';
import { RiskInputError } from '../../core/errors.js';
import { MonteCarloPoolError } from './poolError.js';

/** The pool's side of a supervised piece of work. */
export interface Supervisor {
  /** Replace the workers of `failed` (if still the pool's); resolves once they have all exited. */
  recycle(failed: Tinypool): Promise<void>;
  /** Whether `destroy()` was called on the pool. */
  destroyed(): boolean;
}

type WatchedThread = {
  thread?: {
    threadId: number;
    once(e: 'exit', f: (code: number) => void): void;
    off(e: 'exit', f: (code: number) => void): void;
  };
};

/** Longest wait for the exit of a failed piece of work's workers before its promise rejects anyway. */
const RETIRE_WAIT_MS = 10_000;

/**
 * Terminate the workers of `tp`; resolves once each of them has exited (or after {@link RETIRE_WAIT_MS}).
 * (`tp.destroy()` alone never resolves when one of its workers had exited already: it waits for that exit event.)
 */
export function retire(tp: Tinypool): Promise<void> {
  const exits: Promise<unknown>[] = [];
  for (const w of tp.threads as unknown as WatchedThread[]) {
    const thread = w.thread;
    if (thread && thread.threadId !== -1) exits.push(new Promise((r) => thread.once('exit', r)));
  }
  tp.destroy().catch(() => {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cap = new Promise<void>((r) => {
    timer = setTimeout(r, RETIRE_WAIT_MS);
  });
  return Promise.race([Promise.all(exits), cap]).then(() => clearTimeout(timer));
}

/**
 * Run `work` on `tp`, watching its workers. `what` names the work in messages ('run', 'batch', 'protocol-risk run'). `work` receives a
 * `fail` to call for a failure it detects itself (a throwing callback). A {@link RiskInputError} from `work` passes
 * through as it is (the workers are kept); any other failure recycles the workers and rejects once they have exited,
 * so no worker of the failed work still runs (or writes the caller's shared memory) when the promise rejects.
 */
export function supervise<R>(
  tp: Tinypool,
  what: 'run' | 'batch' | 'protocol-risk run',
  timeoutMs: number | undefined,
  pool: Supervisor,
  work: (fail: (e: MonteCarloPoolError) => void) => Promise<R>,
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    let settled = false;
    const watched: Array<() => void> = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const off of watched) off();
    };
    const fail = (e: MonteCarloPoolError) => {
      if (settled) return;
      finish();
      const error = pool.destroyed()
        ? new MonteCarloPoolError('destroyed', `riskcore/montecarlo/node: the pool was destroyed during the ${what}`, {
            cause: e,
          })
        : e;
      pool.recycle(tp).then(
        () => reject(error),
        () => reject(error),
      );
    };
    // a worker that exits (process.exit, terminate) never answers its task: watch every worker of the pool
    for (const w of tp.threads as unknown as WatchedThread[]) {
      const thread = w.thread;
      if (!thread) continue;
      const onExit = (code: number) =>
        fail(
          new MonteCarloPoolError(
            'worker-exit',
            `riskcore/montecarlo/node: a worker thread exited (code ${code}) during the ${what}; the pool's workers were replaced`,
          ),
        );
      thread.once('exit', onExit);
      watched.push(() => thread.off('exit', onExit));
    }
    if (timeoutMs !== undefined) {
      timer = setTimeout(
        () =>
          fail(
            new MonteCarloPoolError(
              'deadline',
              `riskcore/montecarlo/node: the ${what} passed its deadline of ${timeoutMs} ms; the pool's workers were replaced`,
            ),
          ),
        timeoutMs,
      );
    }
    let started: Promise<R>;
    try {
      started = work(fail);
    } catch (e) {
      started = Promise.reject(e);
    }
    started.then(
      (r) => {
        if (settled) return;
        finish();
        resolve(r);
      },
      (e: unknown) => {
        if (settled) return;
        if (e instanceof RiskInputError) {
          finish();
          reject(e);
          return;
        }
        // an error raised inside a worker (out of memory under maxMemoryMb, a crash): tinypool has replaced that
        // worker already; the rest of the work's workers are recycled with it so no claim is left half-done
        fail(
          new MonteCarloPoolError(
            'worker-error',
            `riskcore/montecarlo/node: a worker failed during the ${what}: ${(e as Error)?.message ?? String(e)}`,
            { cause: e },
          ),
        );
      },
    );
  });
}
