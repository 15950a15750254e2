/**
 * The JS block kernel of the batch functions (guarded by bench/workloads/greeks.ts, "exact, JS kernel"; the
 * fallback where WebAssembly SIMD is missing, and the bachelier path). Rows go through in blocks of 512, each
 * validated (one branch-free 0/1 flag over every bound of every row; a bad block is searched again to name the row)
 * and then priced in stages, each a short loop over the block's scratch columns in L1/L2 (loop fission): √T, σ√T,
 * S/K → e^{−rT}, e^{(r−q)T}, ln(S/K) → d1, d2 → e^{−d1²/2} → e^{−d2²/2} = e^{−d1²/2}·(S/K)·e^{(r−q)T} → Φ(w·d1),
 * Φ(w·d2) (Cody's rationals on the shared exponentials, rows sorted branch-free by rational) → price and Greeks.
 * exp and log are the inlined ones of `fastMath.ts`. The module-level scratch columns, the constants read from
 * typed arrays into locals and the staged loops are speed measures: change them only with that benchmark at hand.
 * Internal.
 */
import { cdfInto, expInPlace, logInPlace } from './fastMath.js';
import type { GreeksColumns, Prepared } from '../batchInput.js';
import {
  BACHELIER,
  BLACK76,
  BSM,
  CHARM,
  DELTA,
  GAMMA,
  PRICE,
  RHO,
  THETA,
  VANNA,
  VEGA,
  VOLGA,
  linearGreeks,
} from '../price.js';
import { checkAllFinite, checkRow } from './batchChecks.js';
import { toInverseBlock } from './inverseBlock.js';
export { toInverseBlock };
export { checkAllFinite, checkRowFinite } from './batchChecks.js';

/**
 * Rows are validated and priced in blocks of this many: the block's inputs are checked while they are in L1 and then
 * read again by the kernel from cache, so validation costs no extra pass over memory.
 */
export const BLOCK = 512;
/** Per-block scratch columns filled by {@link fillBlock}: w = ±1 (call/put), rate, carry yield. */
const W = new Float64Array(BLOCK);
const R = new Float64Array(BLOCK);
const Q = new Float64Array(BLOCK);
/** Per-block intermediate columns of the lognormal kernel (stage by stage, each in L1). */
const SQT = new Float64Array(BLOCK); // √T
const SD = new Float64Array(BLOCK); // σ√T
const DF = new Float64Array(BLOCK); // −rT, then e^{−rT}
const DQ = new Float64Array(BLOCK); // (r − q)T, then e^{(r−q)T}, then e^{−qT}
const RATIO = new Float64Array(BLOCK); // S/K
const LN = new Float64Array(BLOCK); // S/K, then ln(S/K)
const D1 = new Float64Array(BLOCK);
const D2 = new Float64Array(BLOCK);
const E1 = new Float64Array(BLOCK); // −d1²/2, then e^{−d1²/2}
const E2 = new Float64Array(BLOCK); // −d2²/2, then e^{−d2²/2}
const N1 = new Float64Array(BLOCK); // Φ(w·d1)
const N2 = new Float64Array(BLOCK); // Φ(w·d2)
const ISD = new Float64Array(BLOCK); // 1/(σ√T)
/** Keeps the prefetching loads of stageGreeks from being optimised away. */
const SINK = new Float64Array(1);
/** Constants of the stage loops (σ√T floor, 1/√(2π), 0, ½, 2), read into locals before each loop. */
const GREEKS_C = Float64Array.of(1e-100, 0.3989422804014327, 0, 0.5, 2);

/**
 * Validates rows [s, e) and fills the block scratch for them: W, R, Q (w = 2·isCall − 1, so the kernel reads one
 * element kind whatever the isCall array type; R and Q from the column or the broadcast number; Q = R for black76,
 * whose carry is the rate) and the first kernel stage (√T, σ√T, −rT, −qT, S/K), while the row is in registers.
 * Every bound of every row (domain, and the unit-slip limits of `p.tLim`, `p.vLim`, `p.rLim`: Infinity with
 * allowExtreme, so the same comparisons then test only finiteness) is folded into one flag without a branch; only a
 * block with a bad row is searched again ({@link checkRow}) to name it.
 */
export function fillBlock(p: Prepared, s: number, e: number): void {
  const m = e - s;
  const rLim = p.rLim;
  let good = fillRate(p.r, p.rScalar, s, e, R, rLim);
  if (p.model === BLACK76) Q.set(R.subarray(0, m));
  else good &= fillRate(p.q, p.qScalar, s, e, Q, rLim);
  const x = p.x,
    k = p.k,
    t = p.t,
    v = p.v,
    c = p.c;
  const lo = p.model !== BACHELIER ? 0 : -Infinity; // x and k: > 0 (lognormal) or merely finite (bachelier)
  // expiry and vol: below the unit-slip limits (the next double above the maximum), or merely finite (Infinity)
  const tLim = p.tLim,
    vLim = p.vLim;
  const w = W,
    rate = R,
    carry = Q,
    sqt = SQT,
    sdv = SD,
    df = DF,
    dq = DQ,
    ln = LN,
    rt = RATIO;
  // every bound of every row folded into one 0/1 flag without a branch; a bad block is then searched row by row
  for (let j = 0; j < m; j++) {
    const i = s + j;
    const X = x[i],
      K = k[i],
      T = t[i],
      V = v[i],
      C = c[i];
    good &=
      +(X > lo) &
      +(X < Infinity) &
      +(K > lo) &
      +(K < Infinity) &
      +(T >= 0) &
      +(T < tLim) &
      +(V >= 0) &
      +(V < vLim) &
      +(C * (1 - C) === 0);
    w[j] = 2 * C - 1;
    const sqrtT = Math.sqrt(T);
    sqt[j] = sqrtT;
    sdv[j] = V * sqrtT;
    df[j] = -rate[j] * T;
    dq[j] = (rate[j] - carry[j]) * T;
    const ratio = X / K;
    rt[j] = ratio;
    ln[j] = ratio;
  }
  if (good === 0) for (let i = s; i < e; i++) checkRow(p, i);
}

/**
 * Copies rows [s, e) of a rate or yield column into `dst` (or broadcasts the number, checked once by `prepare`);
 * returns 1 if every element is in (−lim, lim), else 0 (the caller's row search names it).
 */
function fillRate(
  col: Float64Array | null,
  scalar: number,
  s: number,
  e: number,
  dst: Float64Array,
  lim: number,
): number {
  if (col === null) {
    dst.fill(scalar, 0, e - s);
    return 1;
  }
  let good = 1;
  for (let i = s; i < e; i++) {
    const a = col[i];
    good &= +(a > -lim) & +(a < lim);
    dst[i - s] = a;
  }
  return good;
}

/** σ√T below this is treated as 0, as in the scalar kernel. */
const MIN_STDDEV = 1e-100;

export const row = new Float64Array(9);

/** Linear-settlement figures of row i (j in the block scratch) by the scalar reference kernel, into `row`. */
function scalarRow(p: Prepared, i: number, j: number): void {
  linearGreeks(p.model, W[j] === 1, p.x[i], p.k[i], p.t[i], p.v[i], R[j], p.model === BSM ? Q[j] : 0, row);
}

/** Stage 3: d1, d2 and the arguments −d²/2 of the two densities. */
function stageD(p: Prepared, s: number, m: number): void {
  const t = p.t;
  const sdv = SD,
    isd = ISD,
    ln = LN,
    rate = R,
    carry = Q,
    d1v = D1,
    d2v = D2,
    e1v = E1;
  const [, , , half] = GREEKS_C;
  for (let j = 0; j < m; j++) {
    const sd = sdv[j];
    const invSd = 1 / sd;
    isd[j] = invSd;
    const d1 = (ln[j] + (rate[j] - carry[j]) * t[s + j]) * invSd + half * sd;
    const d2 = d1 - sd;
    d1v[j] = d1;
    d2v[j] = d2;
    e1v[j] = -(half * d1 * d1);
  }
}

/**
 * e^{−d2²/2} = e^{−d1²/2}·(S/K)·e^{(r−q)T} (as S·e^{−qT}·φ(d1) = K·e^{−rT}·φ(d2)), which saves an exp, and
 * e^{−qT} = e^{−rT}·e^{(r−q)T}. Where e^{−d1²/2} is too small for the identity (d1 > 36.5: it may underflow while
 * e^{−d2²/2} does not), e^{−d2²/2} is computed directly.
 */
function stageE2(m: number): void {
  const e1v = E1,
    e2v = E2,
    rt = RATIO,
    df = DF,
    dq = DQ,
    d2v = D2;
  for (let j = 0; j < m; j++) {
    const g = dq[j];
    const e1 = e1v[j];
    dq[j] = df[j] * g;
    if (e1 > 1e-280) e2v[j] = e1 * rt[j] * g;
    else {
      const d2 = d2v[j];
      e2v[j] = Math.exp(-0.5 * d2 * d2);
    }
  }
}

/**
 * The lognormal (bsm / black76) kernel over rows [s, e), whose W, R, Q are in the block scratch, in stages over
 * the block (loop fission: each stage is a short loop the JIT inlines fully). Returns the sum of every figure
 * written, so that one comparison tells whether any figure overflowed (the row is then located by a second pass).
 * Greeks by the closed forms of the scalar kernel.
 */
export function lognormalBlock(p: Prepared, o: GreeksColumns, s: number, e: number): number {
  lognormalStages(p, s, e - s);
  return stageGreeks(p, o, s, e - s);
}

/** Stages 1–5 over the block: everything but the figures themselves (shared by prices and Greeks). */
function lognormalStages(p: Prepared, s: number, m: number): void {
  expInPlace(DF, m);
  expInPlace(DQ, m);
  logInPlace(LN, m);
  stageD(p, s, m);
  expInPlace(E1, m);
  stageE2(m);
  cdfInto(N1, W, D1, E1, m);
  cdfInto(N2, W, D2, E2, m);
}

/** Stage 6: price and Greeks from the block's intermediates; degenerate rows (σ√T = 0) by the scalar kernel. */
function stageGreeks(p: Prepared, o: GreeksColumns, s: number, m: number): number {
  const x = p.x,
    t = p.t,
    v = p.v;
  const black = p.model === BLACK76;
  const price = o.price,
    delta = o.delta,
    gamma = o.gamma,
    vega = o.vega,
    theta = o.theta;
  const rho = o.rho,
    vanna = o.vanna,
    volga = o.volga,
    charm = o.charm;
  const sdv = SD,
    isd = ISD,
    sqt = SQT,
    dfv = DF,
    dqv = DQ,
    d1v = D1,
    d2v = D2,
    e1v = E1,
    n1v = N1,
    n2v = N2,
    rate = R,
    carry = Q,
    wv = W;
  const k = p.k;
  // touch the next block's input rows, one per 64-byte line, while this block computes: their cache misses then
  // overlap with the arithmetic instead of stalling the next validation pass
  const c = p.c,
    rc = p.r ?? x,
    qc = p.q ?? x;
  const last = p.n - 1;
  const [minSd, invSqrt2Pi, zero, half, two] = GREEKS_C; // loaded, not literals: see fastMath.ts
  let touch = 0;
  let acc = 0;
  for (let j = 0; j < m; j++) {
    const i = s + j;
    if ((j & 7) === 0) {
      const a = Math.min(i + BLOCK, last);
      touch += x[a] + k[a] + t[a] + v[a] + rc[a] + qc[a] + c[a];
    }
    const sd = sdv[j];
    if (!(sd >= minSd)) {
      scalarRow(p, i, j); // linear here: the inverse conversion runs over the block afterwards
      price[i] = row[PRICE];
      delta[i] = row[DELTA];
      gamma[i] = row[GAMMA];
      vega[i] = row[VEGA];
      theta[i] = row[THETA];
      rho[i] = row[RHO];
      vanna[i] = row[VANNA];
      volga[i] = row[VOLGA];
      charm[i] = row[CHARM];
      acc +=
        row[PRICE] + row[DELTA] + row[GAMMA] + row[VEGA] + row[THETA] + row[RHO] + row[VANNA] + row[VOLGA] + row[CHARM];
      continue;
    }
    const S = x[i],
      T = t[i],
      vol = v[i],
      rr = rate[j],
      qq = carry[j],
      w = wv[j];
    const sqrtT = sqt[j],
      dq = dqv[j],
      d1 = d1v[j],
      d2 = d2v[j],
      n1 = n1v[j];
    const invSd = isd[j];
    const invSqrtT = vol * invSd;
    const invVol = sqrtT * invSd;
    const fd = S * dq;
    const pdf = e1v[j] * invSqrt2Pi;
    const a = fd * n1;
    const kd = k[i] * dfv[j];
    const bb = kd * n2v[j];
    let pv = w * (a - bb);
    if (pv < zero) pv = zero;
    const dqn = dq * pdf;
    const vg = fd * pdf * sqrtT;
    const de = w * dq * n1;
    const ga = (dqn * invSd) / S;
    const th = w * (qq * a - rr * bb) - half * fd * pdf * vol * invSqrtT;
    const rh = black ? -T * pv : w * T * bb;
    const va = -dqn * d2 * invVol;
    const vo = vg * d1 * d2 * invVol;
    const ch = w * qq * dq * n1 - dqn * (two * (rr - qq) * T - d2 * sd) * half * invSqrtT * invSqrtT * invSd;
    price[i] = pv;
    delta[i] = de;
    gamma[i] = ga;
    vega[i] = vg;
    theta[i] = th;
    rho[i] = rh;
    vanna[i] = va;
    volga[i] = vo;
    charm[i] = ch;
    acc += pv + de + ga + vg + th + rh + va + vo + ch;
  }
  SINK[0] = touch;
  return acc;
}

/** Bachelier rows [s, e) through the scalar kernel (allocation-free). */
export function bachelierBlock(p: Prepared, o: GreeksColumns, s: number, e: number): void {
  for (let i = s; i < e; i++) {
    scalarRow(p, i, i - s);
    o.price[i] = row[PRICE];
    o.delta[i] = row[DELTA];
    o.gamma[i] = row[GAMMA];
    o.vega[i] = row[VEGA];
    o.theta[i] = row[THETA];
    o.rho[i] = row[RHO];
    o.vanna[i] = row[VANNA];
    o.volga[i] = row[VOLGA];
    o.charm[i] = row[CHARM];
  }
}

/** Prices of rows [s, e) (block scratch filled): the price part of {@link lognormalBlock}, or the scalar kernel. */
export function priceBlock(p: Prepared, out: Float64Array, s: number, e: number): void {
  const m = e - s;
  const scalar = p.model === BACHELIER;
  if (!scalar) lognormalStages(p, s, m);
  const x = p.x,
    k = p.k;
  const inverse = p.inverse;
  const sdv = SD,
    wv = W,
    dqv = DQ,
    dfv = DF,
    n1v = N1,
    n2v = N2;
  for (let j = 0; j < m; j++) {
    const i = s + j;
    let pv: number;
    if (scalar || !(sdv[j] >= MIN_STDDEV)) {
      scalarRow(p, i, j);
      pv = row[PRICE];
    } else {
      pv = wv[j] * (x[i] * dqv[j] * n1v[j] - k[i] * dfv[j] * n2v[j]);
      if (pv < 0) pv = 0;
    }
    out[i] = inverse ? pv / x[i] : pv;
  }
}

/** The JS lognormal kernel over one block (block scratch filled by fillBlock), as optionGreeksBatch's JS path. */
export function jsGreeksBlock(p: Prepared, out: GreeksColumns, s: number, e: number): void {
  const acc = lognormalBlock(p, out, s, e);
  if (p.inverse) {
    toInverseBlock(p.x, out, s, e);
    checkAllFinite(p, out, s, e);
  } else if (!(acc - acc === 0)) checkAllFinite(p, out, s, e);
}

/** Linear-settlement figures of row i by the scalar reference kernel, into `row` (inputs read from the columns). */
export function scalarRowAt(p: Prepared, i: number): void {
  const r = p.r === null ? p.rScalar : p.r[i];
  const q = p.model !== BSM ? 0 : p.q === null ? p.qScalar : p.q[i];
  linearGreeks(p.model, p.c[i] === 1, p.x[i], p.k[i], p.t[i], p.v[i], r, q, row);
}
