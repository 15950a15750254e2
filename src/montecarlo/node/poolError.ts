/** The errors of the worker-thread pool that are not input errors, and its deadline bound and check. */
import { checkNumber } from '../../core/validate.js';

/** Why a pool run failed for a reason other than its input. */
export type MonteCarloPoolErrorCode = 'worker-exit' | 'worker-error' | 'deadline' | 'callback' | 'destroyed';

/**
 * A parallel run or pool batch that could not finish: a worker thread exited or failed (e.g. it exceeded the pool's
 * memory limit), its deadline passed, the caller's `onProgress` threw, or the pool was destroyed. The pool replaces its
 * workers after such a failure, so later runs on it work as before. Bad input still throws {@link RiskInputError}.
 */
export class MonteCarloPoolError extends Error {
  /** What went wrong. */
  readonly code: MonteCarloPoolErrorCode;
  constructor(code: MonteCarloPoolErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MonteCarloPoolError';
    this.code = code;
  }
}

/** Longest deadline accepted (the largest delay a Node timer can hold, about 24.8 days). */
export const MAX_RUN_TIMEOUT_MS = 2 ** 31 - 1;

/** An optional deadline field in milliseconds: (0, {@link MAX_RUN_TIMEOUT_MS}], else a RiskInputError at `path`. */
export function checkTimeout(v: unknown, path: string): number | undefined {
  return v === undefined ? undefined : checkNumber(v, path, { gt: 0, le: MAX_RUN_TIMEOUT_MS });
}
