/**
 * Size limits of the Monte Carlo entry points, checked before anything is allocated, each refused with a
 * {@link RiskInputError} that states the limit and the way past it. Internal.
 *
 * | what | limit | why | past it |
 * | --- | --- | --- | --- |
 * | `simulatePnL` paths | 2²⁷ (134,217,728) | it returns every path: 8 bytes each, 1 GiB | planShards/runShard/combineShards or the Node pool (`riskcore/montecarlo/node`), which keep only the tail |
 * | `importanceSamplingVaR` paths | 2²⁶ | it keeps each path's loss and weight: 16 bytes each, 1 GiB | fewer paths (importance sampling needs far fewer for the same error) |
 * | exact tail n − ⌈nα⌉ + 1 | 2²⁶ losses | a TailBuffer of 2·capacity doubles, 1 GiB | a higher confidence or fewer paths; (the tail of 10⁹ paths at 99% is 10⁷: fine) |
 * | simulated underlyings | 4096 | the Cholesky factor is n² doubles (128 MiB at 4096) and each block keeps n × 512 | split the book by underlying groups |
 */
import { RiskInputError } from '../core/errors.js';

/** Most paths {@link simulatePnL} returns in one array (8 bytes each: 1 GiB). */
export const MAX_RESULT_PATHS = 2 ** 27;
/** Most paths importanceSamplingVaR keeps (loss and weight, 16 bytes each: 1 GiB). */
export const MAX_WEIGHTED_PATHS = 2 ** 26;
/** Most losses an exact tail may need (TailBuffer's largest capacity). */
export const MAX_TAIL_LOSSES = 2 ** 26;
/** Most underlyings one simulation factors jointly. */
export const MAX_UNDERLYINGS = 4096;

const SCALE_OUT =
  'for more paths run shards (planShards, runShard, combineShards) or the Node pool (riskcore/montecarlo/node), which keep only the tail';

/** Refuse more paths than {@link MAX_RESULT_PATHS} for a function that returns every path. */
export function checkResultPaths(paths: number, path: string): void {
  if (paths > MAX_RESULT_PATHS) {
    throw new RiskInputError(
      path,
      `at most 2^27 = ${MAX_RESULT_PATHS} paths (the result holds 8 bytes a path: 1 GiB)`,
      paths,
      SCALE_OUT,
    );
  }
}

/** Refuse more paths than {@link MAX_WEIGHTED_PATHS} for importance sampling. */
export function checkWeightedPaths(paths: number, path: string): void {
  if (paths > MAX_WEIGHTED_PATHS) {
    throw new RiskInputError(
      path,
      `at most 2^26 = ${MAX_WEIGHTED_PATHS} paths (each path's loss and weight are kept: 1 GiB)`,
      paths,
      'importance sampling reaches a given error with far fewer paths; for a plain run of more paths use shards or the Node pool',
    );
  }
}

/** Refuse a run whose exact VaR/ES needs a tail `need` = n − ⌈nα⌉ + 1 longer than {@link MAX_TAIL_LOSSES}. */
export function checkTailSize(need: number, paths: number, path: string): void {
  if (need > MAX_TAIL_LOSSES) {
    throw new RiskInputError(
      path,
      `a run whose exact tail n − ⌈nα⌉ + 1 holds at most 2^26 = ${MAX_TAIL_LOSSES} losses`,
      paths,
      `this one needs ${need}; use fewer paths or a higher confidence`,
    );
  }
}

/** Refuse a book with more than {@link MAX_UNDERLYINGS} simulated underlyings. */
export function checkUnderlyings(n: number, path: string): void {
  if (n > MAX_UNDERLYINGS) {
    throw new RiskInputError(
      path,
      `a book on at most ${MAX_UNDERLYINGS} underlyings (the correlation factor is n² doubles)`,
      n,
      'simulate the book in groups of underlyings',
    );
  }
}
