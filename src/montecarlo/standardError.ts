/**
 * Plain Monte Carlo VaR/ES of a book with batch-means standard errors, in O(tail) memory.
 */
import { RiskInputError } from '../core/errors.js';
import type { Market, Position } from '../core/model.js';
import { checkConfidence, checkNumber, checkStrictObject, joinPath } from '../core/validate.js';
import type { ModelOptions } from './book.js';
import { checkBookMagnitudes } from './bookBounds.js';
import { compileBook } from './book.js';
import { checkRunRange, runBlocks } from './simulate.js';
import { TailBuffer, tailCapacity, tailVaRES } from './tailBuffer.js';
import { batchMeanSE } from './weightedTail.js';
import { ERROR_KEYS } from './inputKeys.js';
import { checkTailSize } from './limits.js';

/** Options of {@link monteCarloVaRWithError}. */
export interface MonteCarloErrorOptions extends ModelOptions {
  /** Paths (integer ≥ batches·⌈1/(1 − α)⌉). */
  paths: number;
  /** Seed in [0, 2³²). */
  seed: number;
  /** First substream (default 0), as `simulatePnL`. */
  substream?: number;
  /** Confidence α in (0, 1). */
  confidence: number;
  /** Number of contiguous batches (integer ≥ 2, default 20). */
  batches?: number;
}

/** Result of {@link monteCarloVaRWithError}. */
export interface MonteCarloErrorResult {
  /** Acerbi–Tasche VaR of all paths (exactly `tailVaRES` of `simulatePnL`'s P&L), a positive loss. */
  var: number;
  /** Acerbi–Tasche ES of all paths. */
  es: number;
  /** Batch-means standard errors. */
  standardError: { var: number; es: number };
  paths: number;
  batches: number;
}

/**
 * VaR and ES of a book by plain Monte Carlo (the paths of `simulatePnL`, same seed → same numbers) with standard
 * errors by batch means: the paths are cut into `batches` contiguous batches of (almost) equal size, VaR/ES of each
 * batch are computed the same way, and SE = sd(batch estimates)/√batches. Valid because the batches are i.i.d.;
 * a batch estimate carries the O(1/batch size) bias of an order statistic, so keep at least ≈ 10 tail points per
 * batch (batch size ≥ 10/(1 − α)). Memory: only the worst losses (one tail buffer per batch).
 *
 * @example
 * ```ts
 * import { monteCarloVaRWithError } from 'riskcore/montecarlo';
 * const r = monteCarloVaRWithError([{ kind: 'spot', underlying: 'BTC', quantity: 1 }],
 *   { assets: { BTC: { price: 60000, vol: 0.6 } } },
 *   { paths: 100000, horizon: 1 / 365, seed: 42, confidence: 0.99 });
 * console.log(r.var > 0 && r.standardError.var > 0 && r.standardError.var < 0.02 * r.var); // true
 * ```
 */
export function monteCarloVaRWithError(
  positions: Position[],
  market: Market,
  options: MonteCarloErrorOptions,
): MonteCarloErrorResult {
  const o = checkStrictObject(options, 'options', ERROR_KEYS);
  const book = compileBook(positions, market, o);
  checkBookMagnitudes(positions, market, o, book);
  const range = checkRunRange(o, 'options');
  if (o.pathOffset !== undefined)
    throw new RiskInputError('options.pathOffset', 'absent (use runShard for shards)', o.pathOffset);
  const alpha = checkConfidence(o.confidence, 'options.confidence');
  const B =
    o.batches === undefined ? 20 : checkNumber(o.batches, joinPath('options', 'batches'), { ge: 2, integer: true });
  const n = range.paths;
  checkTailSize(tailCapacity(n, alpha), n, 'options.paths');
  const perBatch = Math.ceil(1 / (1 - alpha));
  if (n < B * perBatch)
    throw new RiskInputError('options.paths', `at least batches·⌈1/(1 − α)⌉ = ${B * perBatch} paths`, n);
  const bounds = Array.from({ length: B + 1 }, (_, k) => Math.floor((k * n) / B));
  const bufs = bounds.slice(0, B).map((lo, k) => new TailBuffer(tailCapacity(bounds[k + 1] - lo, alpha)));
  const all = new TailBuffer(tailCapacity(n, alpha));
  let k = 0;
  runBlocks(book, range, (pnl, count, first) => {
    all.pushPnL(pnl, 0, count);
    let i = 0;
    while (i < count) {
      const idx = first + i;
      while (idx >= bounds[k + 1]) k++;
      const end = Math.min(count, bounds[k + 1] - first);
      bufs[k].pushPnL(pnl, i, end);
      i = end;
    }
  });
  const est = tailVaRES(all, n, alpha);
  const bv = new Float64Array(B);
  const be = new Float64Array(B);
  bufs.forEach((b, j) => {
    const r = tailVaRES(b, b.total, alpha);
    bv[j] = r.var;
    be[j] = r.es;
  });
  return {
    var: est.var + 0,
    es: est.es + 0,
    standardError: { var: batchMeanSE(bv), es: batchMeanSE(be) },
    paths: n,
    batches: B,
  };
}
