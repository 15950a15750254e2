/**
 * Internal: the summary of an importance-sampled protocol-risk run (`summarise` of ./simulate.ts hands over the
 * figures when they carry weights). Each figure is the weighted counterpart of the plain one
 * (src/stress/protocolRisk/weightedTail.ts): means (1/n)·Σ wᵢ·xᵢ with the standard error of wx, probabilities with
 * √(p·(q/p − p)/n), quantiles, VaR and ES from the weighted survival function with batch-means standard errors, the
 * per-asset contributions to the mean and to ES99 weighted alike.
 */
import { meanEstimate } from './lossTail.js';
import type { PathFigures } from './pathFigures.js';
import type { ProtocolRiskResult } from './types.js';
import {
  rankPaths,
  weighted,
  weightedEsWeights,
  weightedProportion,
  weightedQuantile,
  weightedTailEstimate,
} from './weightedTail.js';

/** (1/n)·Σ wᵢ·xᵢ. */
function wmean(x: Float64Array, w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += w[i] * x[i];
  return s / x.length;
}

/** The summary of weighted per-path figures (`fig.weight` set). */
export function summariseWeighted(
  fig: PathFigures & { weight: Float64Array },
  names: string[],
  batches: number,
): ProtocolRiskResult {
  const w = fig.weight;
  const n = fig.loss.length;
  const rankL = rankPaths(fig.loss);
  const rankN = rankPaths(fig.notional);
  const e = weightedEsWeights(fig.loss, w, 0.99);
  const dot = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) if (e[i] !== 0) s += e[i] * x[i];
    return s;
  };
  let sw = 0;
  let sw2 = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i];
    sw2 += w[i] * w[i];
  }
  return {
    paths: n,
    badDebt: {
      mean: meanEstimate(weighted(fig.loss, w)),
      quantiles: [0.5, 0.9, 0.99, 0.999].map((level) => ({
        level,
        value: weightedQuantile(fig.loss, w, rankL, level),
      })),
      tail: [0.99, 0.999].map((confidence) => ({
        confidence,
        ...weightedTailEstimate(fig.loss, w, confidence, batches),
      })),
    },
    fund: {
      exhaustionProbability: weightedProportion(fig.exhausted, w),
      meanDrawn: wmean(fig.drawn, w),
      meanFinal: wmean(fig.fundLeft, w),
    },
    liquidations: {
      probabilityAny: weightedProportion(
        fig.count.map((c) => (c > 0 ? 1 : 0)),
        w,
      ),
      meanCount: wmean(fig.count, w),
      meanNotional: wmean(fig.notional, w),
      notionalAtRisk99: weightedQuantile(fig.notional, w, rankN, 0.99),
      notionalAtRisk999: weightedQuantile(fig.notional, w, rankN, 0.999),
    },
    contributions: {
      byAsset: Object.fromEntries(
        names.map((a, k) => [a, { mean: wmean(fig.byAsset[k], w), es99: dot(fig.byAsset[k]) }]),
      ),
      unattributed: { mean: wmean(fig.unattributed, w), es99: dot(fig.unattributed) },
    },
    badDebtByPath: Array.from(fig.loss),
    detail: fig.detail,
    importanceSampling: {
      meanWeight: meanEstimate(w),
      effectiveSampleSize: sw2 > 0 ? (sw * sw) / sw2 : 0,
      weightByPath: Array.from(w),
    },
  };
}
