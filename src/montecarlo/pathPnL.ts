/**
 * The P&L of one simulated path of a compiled book, scalar (the path-at-a-time revaluation used by QMC and importance
 * sampling; the block engine runs the same model 512 paths at a time). Internal.
 */
import type { CompiledBook } from './book.js';
import { expm1Fast } from './kernels/expm1.js';
import { bachelierKernel, blackColumnSum, blackKernel } from './kernels/optionKernel.js';

/** Scratch buffers for one path (allocated once per run). */
export interface PathScratch {
  z: Float64Array;
  S1: Float64Array;
  lnS1: Float64Array;
  x: Float64Array;
  vm: Float64Array;
}

export function makeScratch(book: CompiledBook): PathScratch {
  return {
    z: new Float64Array(Math.max(book.nZ, 1)),
    S1: new Float64Array(book.n),
    lnS1: new Float64Array(book.n),
    x: new Float64Array(book.n),
    vm: new Float64Array(book.n).fill(1),
  };
}

/**
 * P&L of one path from its independent normals `z` (length nZ; price shocks first) and the t-scale
 * (√((ν−2)/W) for the multivariate t, 1 for normal shocks). Full revaluation or delta-gamma(-vega) per `book.mode`.
 */
export function pathPnL(book: CompiledBook, sc: PathScratch, scale: number): number {
  const n = book.n;
  const z = sc.z;
  const L = book.chol;
  const x = sc.x;
  let pnl = book.linConst;
  for (let a = 0; a < n; a++) {
    let y = 0;
    const row = a * n;
    for (let b = 0; b <= a; b++) y += L[row + b] * z[b];
    const xa = book.mu[a] + book.sig[a] * y * scale;
    x[a] = xa;
    const em1 = expm1Fast(xa);
    pnl += book.lin[a] * em1;
    if (book.hasOpt[a] === 1) {
      sc.S1[a] = book.S0[a] + book.S0[a] * em1;
      sc.lnS1[a] = book.lnS0[a] + xa;
    }
    const vi = book.vsIndex[a];
    if (vi >= 0) {
      const sd = book.vsSd[a];
      sc.vm[a] = Math.exp(sd * z[vi] - 0.5 * sd * sd);
    }
  }
  if (book.nOpt === 0) return pnl;
  if (book.mode !== 'full') {
    pnl += book.dgTheta;
    const vega = book.mode === 'delta-gamma-vega';
    for (let a = 0; a < n; a++) {
      if (book.hasOpt[a] !== 1) continue;
      const dS = sc.S1[a] - book.S0[a];
      pnl += book.dgDelta[a] * dS + 0.5 * book.dgGamma[a] * dS * dS;
      if (vega) pnl += book.dgVegaV[a] * (sc.vm[a] - 1);
    }
    return pnl;
  }
  let opt = 0;
  const S1 = sc.S1,
    lnS1 = sc.lnS1,
    vm = sc.vm;
  const black = book.black;
  const start = black.start;
  for (let a = 0; a < n; a++) {
    const i0 = start[a],
      i1 = start[a + 1];
    if (i1 > i0) opt += blackColumnSum(black, i0, i1, S1[a], lnS1[a], vm[a]);
  }
  const nOpt = book.nOpt;
  const kindA = book.optKind,
    assetA = book.optAsset,
    callA = book.optCall,
    qdA = book.optQD,
    KA = book.optK;
  const invKA = book.optInvK,
    lnCKA = book.optLnCK,
    cfA = book.optCF,
    vA = book.optV;
  for (let i = book.nBlack; i < nOpt; i++) {
    const a = assetA[i];
    const F = S1[a] * cfA[i];
    const kind = kindA[i];
    const call = callA[i] === 1;
    const K = KA[i];
    if (kind === 0) opt += qdA[i] * blackKernel(F, K, invKA[i], lnS1[a] + lnCKA[i], vA[i] * vm[a], call);
    else if (kind === 1) opt += qdA[i] * bachelierKernel(F, K, vA[i] * vm[a], call);
    else opt += qdA[i] * (call ? (F > K ? F - K : 0) : K > F ? K - F : 0);
  }
  return pnl + (opt - book.optValue0);
}
