/**
 * The merge of shard results into one run's figures: the exact tail VaR/ES of the kept losses and the P&L moments.
 * Internal to montecarlo (shard.ts and the pool's claimed-block merge).
 */
import { RiskInputError } from '../core/errors.js';
import { checkNumber, checkStrictObject, joinPath } from '../core/validate.js';
import { TAIL_STATE_KEYS } from './inputKeys.js';
import { TailBuffer, tailCapacity, tailVaRES } from './tailBuffer.js';

/** P&L mean and sample standard deviation from Σ pnl and Σ pnl² over `paths` paths. */
export function moments(sum: number, sumSq: number, paths: number): { mean: number; std: number } {
  const mean = sum / paths;
  return { mean, std: paths > 1 ? Math.sqrt(Math.max(0, (sumSq - paths * mean * mean) / (paths - 1))) : 0 };
}

/**
 * VaR and ES at `a` of a run of `paths` paths from its pieces' tails, exact as if all paths had been kept (the worst
 * max(capacity, need) losses of the union, as mergeTails). Throws when the tails hold fewer than the
 * n − ⌈nα⌉ + 1 losses the figures need.
 */
export function mergedTailVaRES(
  tails: Array<{ capacity: number; total: number; losses: number[] }>,
  paths: number,
  a: number,
): { var: number; es: number } {
  const need = tailCapacity(paths, a);
  const kept = tails.reduce((s, t) => s + t.losses.length, 0);
  if (kept < need) {
    throw new RiskInputError(
      'results',
      `shard tails holding together the n − ⌈nα⌉ + 1 = ${need} worst losses of the ${paths} paths`,
      kept,
      `they hold ${kept}; plan the shards with this confidence`,
    );
  }
  // the worst max(capacity, need) losses of the union (as mergeTails), pushed in one pass as P&L = −loss (exact)
  const merged = new TailBuffer(Math.max(need, ...tails.map((t) => t.capacity)));
  const pnl = new Float64Array(kept);
  let at = 0;
  let total = 0;
  for (const t of tails) {
    for (let j = 0; j < t.losses.length; j++) pnl[at++] = -t.losses[j];
    total += t.total;
  }
  merged.pushPnL(pnl);
  merged.total = total;
  return tailVaRES(merged, paths, a);
}

/**
 * A shard's tail state, validated as {@link TailBuffer.fromJSON} does (same rules, same messages) but in one pass
 * with no string built per loss: the 2-thread run of 10⁶ paths merges 8 tails of 10⁴ losses in the main thread.
 */
export function readTail(state: unknown, path: string): { capacity: number; total: number; losses: number[] } {
  const o = checkStrictObject(state, path, TAIL_STATE_KEYS);
  const capacity = checkNumber(o.capacity, joinPath(path, 'capacity'), { ge: 1, le: 2 ** 26, integer: true }); // TailBuffer's largest
  const total = checkNumber(o.total, joinPath(path, 'total'), { ge: 0, integer: true });
  const losses = o.losses;
  if (!Array.isArray(losses)) throw new RiskInputError(joinPath(path, 'losses'), 'an array of finite numbers', losses);
  if (losses.length > capacity || losses.length > total) {
    throw new RiskInputError(
      joinPath(path, 'losses'),
      `at most min(capacity, total) = ${Math.min(capacity, total)} losses`,
      losses,
    );
  }
  for (let j = 0; j < losses.length; j++) {
    const x: unknown = losses[j];
    if (typeof x !== 'number' || !(x - x === 0)) checkNumber(x, `${joinPath(path, 'losses')}[${j}]`);
  }
  return { capacity, total, losses: losses as number[] };
}
