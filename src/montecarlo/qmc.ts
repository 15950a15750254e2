/**
 * Randomized quasi-Monte Carlo VaR/ES: independent randomizations (Matoušek LMS + digital shift, or a digital
 * shift alone) of a Sobol point set, normals by the inverse normal CDF, full revaluation, and a standard error from
 * the spread of the independent replicates.
 */
import { RiskInputError } from '../core/errors.js';
import type { Market, Position } from '../core/model.js';
import { validateBook } from '../core/model.js';
import { PhiInv } from '../core/normal.js';
import { checkConfidence, checkNumber, checkStrictObject, joinPath, optionalEnum } from '../core/validate.js';
import type { ModelOptions } from './book.js';
import { checkBookMagnitudes } from './bookBounds.js';
import { compileBook } from './book.js';
import { makeScratch, pathPnL } from './pathPnL.js';
import { deltaGammaFactors } from './deltaGamma.js';
import { makeSobol, SOBOL_BITS, SOBOL_MAX_DIMENSIONS } from './sobol.js';
import { substreamOf } from './stream.js';
import { TailBuffer, tailCapacity, tailVaRES } from './tailBuffer.js';
import { batchMeanSE } from './weightedTail.js';
import { QMC_KEYS } from './inputKeys.js';
import { checkTailSize } from './limits.js';

/**
 * Loss quantile at α with plotting positions (i − ½)/n (Hazen): linear interpolation between L₍ⱼ₎ and L₍ⱼ₊₁₎ at
 * j = nα + ½, clamped to [1, n]. `desc` holds (at least) the n − ⌈nα⌉ + 2 largest losses, largest first. For a
 * stratified sample (one point per 1/n cell, as a scrambled net in its first coordinate) this removes the O(1/n)
 * bias of the order statistic L₍⌈nα⌉₎, which would otherwise exceed QMC's much smaller random error.
 */
function hazenQuantile(desc: Float64Array, n: number, alpha: number): number {
  const pos = Math.min(Math.max(n * alpha + 0.5, 1), n);
  const j = Math.floor(pos);
  const t = pos - j;
  const at = (i: number) => desc[n - i]; // L₍ᵢ₎, the i-th smallest
  return t === 0 || j === n ? at(j) : (1 - t) * at(j) + t * at(j + 1);
}

/** Options of {@link qmcVaR}. */
export interface QmcOptions extends ModelOptions {
  /** Points per replication (integer in [1, 2³²]); powers of two keep the Sobol net balanced. */
  paths: number;
  /** Independent randomizations (integer ≥ 8, default 16). */
  replications?: number;
  /** Seed in [0, 2³²) of the randomizations. */
  seed: number;
  /** First substream (default 0): replication r draws its scrambling from substream `substream + r`. */
  substream?: number;
  /** Confidence α in (0, 1). */
  confidence: number;
  /** `'lms-shift'` (default: Matoušek linear scrambling + digital shift) or `'shift'` (digital shift only). */
  randomization?: 'lms-shift' | 'shift';
  /**
   * Which normal factor each Sobol coordinate drives: `'delta-gamma'` (default) — the book's delta-gamma principal
   * directions, most important first (the first Sobol coordinates are the best distributed); `'natural'` — the
   * independent normals of the Cholesky factor in book order.
   */
  ordering?: 'delta-gamma' | 'natural';
}

/** Result of {@link qmcVaR}. */
export interface QmcResult {
  /** Mean over the replications of each one's VaR (Hazen-interpolated loss quantile, see below), a positive loss. */
  var: number;
  /** Mean over the replications of each one's ES. */
  es: number;
  /** sd(replicate estimates)/√replications. */
  standardError: { var: number; es: number };
  /** Every replication's VaR and ES. */
  replicates: { var: number[]; es: number[] };
  paths: number;
  replications: number;
}

/**
 * VaR and ES of a book's P&L by randomized quasi-Monte Carlo, with a standard error.
 *
 * Each replication takes the first `paths` points of the Sobol sequence (Joe–Kuo directions) in as many dimensions
 * as the model has normal factors, randomizes them independently (`'lms-shift'`: Matoušek's random linear matrix
 * scrambling then a random digital shift; `'shift'`: the shift alone), maps each coordinate u to Φ⁻¹(u) (u taken
 * at the centre of its 2⁻³² cell, so |z| ≤ 6.2), and revalues the book exactly as `simulatePnL` does. Every
 * randomized point is uniform, so the replications are i.i.d. estimates: the result is their mean and the standard
 * error sd/√R. A replication's VaR is the loss quantile with plotting positions (i − ½)/n, i.e. linear
 * interpolation of the sorted losses at nα + ½ (the plain order statistic L₍⌈nα⌉₎ is O(1/n) biased, which is
 * larger than the QMC error); its ES is the Acerbi–Tasche ES of its n losses. With
 * `ordering: 'delta-gamma'` the first coordinates drive the principal directions of the book's delta-gamma loss
 * (z = U·Y of Glasserman–Heidelberger–Shahabuddin; a rotation, so the model is unchanged) — this is where QMC
 * gains most. Vol-shock normals (if any) take the last coordinates. Only normal shocks are supported.
 *
 * Degenerate cases: an empty book or horizon 0 gives the sure loss with SE 0.
 *
 * @example
 * ```ts
 * import { qmcVaR } from 'riskcore/montecarlo';
 * const r = qmcVaR([{ kind: 'spot', underlying: 'ETH', quantity: 10 }], { assets: { ETH: { price: 3000, vol: 0.7 } } },
 *   { paths: 4096, replications: 16, seed: 7, confidence: 0.99, horizon: 1 / 365 });
 * console.log(r.var > 0 && r.standardError.var < 0.01 * r.var); // true
 * ```
 */
export function qmcVaR(positions: Position[], market: Market, options: QmcOptions): QmcResult {
  const o = checkStrictObject(options, 'options', QMC_KEYS);
  const book = compileBook(positions, market, o);
  checkBookMagnitudes(positions, market, o, book);
  if (book.dist !== 'normal')
    throw new RiskInputError('options.dist', "'normal' (QMC maps uniforms to normal factors)", o.dist);
  const n = checkNumber(o.paths, 'options.paths', { ge: 1, le: 2 ** SOBOL_BITS, integer: true });
  const R =
    o.replications === undefined
      ? 16
      : checkNumber(o.replications, joinPath('options', 'replications'), { ge: 8, le: 1e6, integer: true });
  const seed = checkNumber(o.seed, 'options.seed', { ge: 0, lt: 2 ** 32, integer: true });
  const sub =
    o.substream === undefined
      ? 0
      : checkNumber(o.substream, 'options.substream', { ge: 0, le: 2 ** 31, integer: true });
  const alpha = checkConfidence(o.confidence, 'options.confidence');
  checkTailSize(tailCapacity(n, alpha) + 1, n, 'options.paths');
  const rnd = optionalEnum(o.randomization, 'options.randomization', ['lms-shift', 'shift'] as const, 'lms-shift');
  const ordering = optionalEnum(o.ordering, 'options.ordering', ['delta-gamma', 'natural'] as const, 'delta-gamma');
  const nZ = book.nZ;
  if (nZ > SOBOL_MAX_DIMENSIONS)
    throw new RiskInputError('positions', `a book with at most ${SOBOL_MAX_DIMENSIONS} normal factors for QMC`, nZ);
  const { positions: ps, market: m } = validateBook(positions, market);
  const nF = book.n;
  let U: Float64Array | undefined;
  if (ordering === 'delta-gamma' && nF > 1) U = deltaGammaFactors(book, ps, m).U;

  const sc = makeScratch(book);
  const dims = Math.max(nZ, 1);
  const u = new Uint32Array(dims);
  const y = new Float64Array(dims);
  const cap = Math.min(n, tailCapacity(n, alpha) + 1);
  const vars: number[] = [];
  const ess: number[] = [];
  const base = substreamOf(seed >>> 0, sub);
  for (let r = 0; r < R; r++) {
    if (r > 0) base.jump();
    const gen = makeSobol(dims, rnd, base.clone());
    const tb = new TailBuffer(cap);
    for (let i = 0; i < n; i++) {
      gen.nextInto(u);
      for (let j = 0; j < nZ; j++) y[j] = PhiInv((u[j] + 0.5) * 2 ** -SOBOL_BITS);
      const z = sc.z;
      if (U) {
        for (let a = 0; a < nF; a++) {
          let s = 0;
          const row = a * nF;
          for (let j = 0; j < nF; j++) s += U[row + j] * y[j];
          z[a] = s;
        }
        for (let j = nF; j < nZ; j++) z[j] = y[j];
      } else {
        for (let j = 0; j < nZ; j++) z[j] = y[j];
      }
      tb.push(-pathPnL(book, sc, 1));
    }
    const e = tailVaRES(tb, n, alpha);
    vars.push(hazenQuantile(tb.sortedLosses(), n, alpha) + 0);
    ess.push(e.es + 0);
  }
  const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
  return {
    var: mean(vars),
    es: mean(ess),
    standardError: { var: batchMeanSE(Float64Array.from(vars)), es: batchMeanSE(Float64Array.from(ess)) },
    replicates: { var: vars, es: ess },
    paths: n,
    replications: R,
  };
}
