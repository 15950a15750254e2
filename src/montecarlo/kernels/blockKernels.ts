/**
 * Guarded by bench/workloads/options.ts and linear.ts (the JS reference path; wasmKernels.test.ts checks wasm = JS bit for bit).
 *
 * The block kernels of the simulation, in JavaScript: the reference of the wasm SIMD kernels
 * (wasm/mcKernels.as.ts), which perform the same IEEE operations in the same order and so give the same bits
 * (tested). They work on one heap `H` (a Float64Array; in wasm mode, a view of the wasm memory) at element offsets,
 * on a block of paths laid out asset-major with row stride `stride`:
 *
 * 1. {@link correlateRef}: X[a][p] = μ_a + σ_a·(L·z_p)_a (·scale_p for the multivariate t);
 * 2. {@link expm1RowsRef}: E = expm1(X) (polynomial on |x| ≤ 0.5);
 * 3. {@link combineRef}: linear P&L per path and S_h, ln S_h of the underlyings that carry options;
 * 4. {@link blackBlockRef}: options outer, paths inner: Σ qd·Black over one underlying's options whose |d₁|, |d₂|
 *    stay below 8 over the block; the others are listed for {@link blackGeneralBlock} (any d, vol shocks).
 *
 * Internal.
 */
import { Phi } from '../../core/normal.js';
import type { BlackColumns } from './optionKernel.js';
import { lowerTailFromExp } from './optionKernel.js';
import { MILLS_TABLE } from '../millsTable.js';
import { expm1Fast } from './expm1.js';

/** e^{−m} for m = 0 … 32 and e^{−j/64} for j = 0 … 63. */
export const EXP_INT = Float64Array.from({ length: 33 }, (_, m) => Math.exp(-m));
export const EXP_64TH = Float64Array.from({ length: 64 }, (_, j) => Math.exp(-j / 64));

/** Element offsets of a book's Black columns in the heap. */
export interface ColumnOffsets {
  lnCK: number;
  invV: number;
  halfV: number;
  v: number;
  w: number;
  wQdCF: number;
  wQdK: number;
  cfInvK: number;
}

/** X[a·stride + p] = mu[a] + (sig[a]·y)·scale[p] (scale < 0: no scale), y = Σ_{b ≤ a} L[a·n+b]·z[p·nZ+b]. */
export function correlateRef(
  H: Float64Array,
  z: number,
  nZ: number,
  count: number,
  L: number,
  n: number,
  mu: number,
  sig: number,
  scale: number,
  X: number,
  stride: number,
): void {
  for (let a = 0; a < n; a++) {
    const row = L + a * n;
    const m = H[mu + a];
    const s = H[sig + a];
    const xr = X + a * stride;
    for (let p = 0; p < count; p++) {
      const zp = z + p * nZ;
      let y = 0;
      for (let b = 0; b <= a; b++) y += H[row + b] * H[zp + b];
      y = s * y;
      if (scale >= 0) y = y * H[scale + p];
      H[xr + p] = m + y;
    }
  }
}

/** E[a·stride + p] = expm1Fast(X[a·stride + p]). */
export function expm1RowsRef(H: Float64Array, X: number, E: number, n: number, stride: number, count: number): void {
  for (let a = 0; a < n; a++) {
    const xr = X + a * stride;
    const er = E + a * stride;
    for (let p = 0; p < count; p++) H[er + p] = expm1Fast(H[xr + p]);
  }
}

/** pnl[p] = linConst + Σ_a lin[a]·E[a][p]; S1 = S0 + S0·E and lnS1 = lnS0 + X on the rows with hasOpt[a] ≠ 0. */
export function combineRef(
  H: Float64Array,
  X: number,
  E: number,
  n: number,
  stride: number,
  count: number,
  lin: number,
  linConst: number,
  S0: number,
  lnS0: number,
  hasOpt: number,
  pnl: number,
  S1: number,
  lnS1: number,
): void {
  for (let p = 0; p < count; p++) H[pnl + p] = linConst;
  for (let a = 0; a < n; a++) {
    const er = E + a * stride;
    const l = H[lin + a];
    for (let p = 0; p < count; p++) H[pnl + p] = H[pnl + p] + l * H[er + p];
    if (H[hasOpt + a] !== 0) {
      const s0 = H[S0 + a];
      const ls0 = H[lnS0 + a];
      const xr = X + a * stride;
      const sr = S1 + a * stride;
      const lr = lnS1 + a * stride;
      for (let p = 0; p < count; p++) {
        H[sr + p] = s0 + s0 * H[er + p];
        H[lr + p] = ls0 + H[xr + p];
      }
    }
  }
}

/**
 * qcf·S·Φ(w·d₁) − qk·Φ(w·d₂) for |d₁|, |d₂| < 8, one exp from tables: y = 32·d₁² = n + f,
 * e^{−d₁²/2} = e^{−⌊n/64⌋}·e^{−(n mod 64)/64}·e^{−f/64} (degree-5 Taylor for the last factor), Φ(−a) = e^{−a²/2}·R(a)
 * with R the degree-5 Mills table (Estrin), e^{−d₂²/2} = e^{−d₁²/2}·S·cf/K. The wasm kernel does the same operations.
 */
export function blackTermFast(
  d1: number,
  d2: number,
  Sp: number,
  ck: number,
  w: number,
  qcf: number,
  qk: number,
): number {
  const T = MILLS_TABLE;
  const a1 = d1 < 0 ? -d1 : d1;
  const a2 = d2 < 0 ? -d2 : d2;
  const y = 32 * d1 * d1;
  const n = y | 0;
  const r = (y - n) * 0.015625;
  const r2 = r * r;
  const er = 1 - r + 0.5 * r2 - r2 * r * (1 / 6 - r * (1 / 24) + r2 * (1 / 120 - r * (1 / 720)));
  const e1 = EXP_INT[n >> 6] * EXP_64TH[n & 63] * er;
  const j1 = (a1 * 64) | 0;
  const t1 = a1 - j1 * 0.015625 - 0.0078125;
  const o1 = j1 * 6;
  const s1 = t1 * t1;
  const q1 = s1 * s1;
  const R1 = T[o1] + T[o1 + 1] * t1 + s1 * (T[o1 + 2] + T[o1 + 3] * t1) + q1 * (T[o1 + 4] + T[o1 + 5] * t1);
  const j2 = (a2 * 64) | 0;
  const t2 = a2 - j2 * 0.015625 - 0.0078125;
  const o2 = j2 * 6;
  const s2 = t2 * t2;
  const q2 = s2 * s2;
  const R2 = T[o2] + T[o2 + 1] * t2 + s2 * (T[o2 + 2] + T[o2 + 3] * t2) + q2 * (T[o2 + 4] + T[o2 + 5] * t2);
  const p1 = R1 * e1;
  const p2 = R2 * (e1 * Sp * ck);
  const n1 = w * d1 >= 0 ? 1 - p1 : p1;
  const n2 = w * d2 >= 0 ? 1 - p2 : p2;
  return qcf * Sp * n1 - qk * n2;
}

/**
 * acc[p] += Σ_i qd_i·Black_i(S[p]) for the Black columns i in [i0, i1) (one underlying, no vol shock) whose
 * |d₁|, |d₂| < 8 at both extremes of ln S over the block (d is monotone in ln S, so everywhere in it); the other
 * options' indices are written to `defer` and their count returned.
 */
export function blackBlockRef(
  H: Float64Array,
  c: ColumnOffsets,
  i0: number,
  i1: number,
  S: number,
  lnS: number,
  count: number,
  acc: number,
  defer: Int32Array,
): number {
  let lnMin = H[lnS];
  let lnMax = lnMin;
  for (let p = 1; p < count; p++) {
    const x = H[lnS + p];
    if (x < lnMin) lnMin = x;
    if (x > lnMax) lnMax = x;
  }
  let nd = 0;
  for (let i = i0; i < i1; i++) {
    const cK = H[c.lnCK + i],
      iV = H[c.invV + i],
      hV = H[c.halfV + i],
      vv = H[c.v + i];
    const dLo = (lnMin + cK) * iV + hV;
    const dHi = (lnMax + cK) * iV + hV;
    if (!(dLo > -8 && dHi < 8 && dLo - vv > -8 && dHi - vv < 8)) {
      defer[nd++] = i;
      continue;
    }
    const w = H[c.w + i],
      qcf = H[c.wQdCF + i],
      qk = H[c.wQdK + i],
      ck = H[c.cfInvK + i];
    for (let p = 0; p < count; p++) {
      const Sp = H[S + p];
      const d1 = (H[lnS + p] + cK) * iV + hV;
      H[acc + p] = H[acc + p] + blackTermFast(d1, d1 - vv, Sp, ck, w, qcf, qk);
    }
  }
  return nd;
}

/**
 * acc[p] += qd·Black(S[p]·cf, K, v·vm[p]) for Black column i at any d (and vol multipliers `vm`, or none): the
 * tabulated path ({@link blackTermFast}) when |d₁|, |d₂| < 8, `Math.exp` with the Mills table or Cody's erfcx below 30, the scalar Φ beyond.
 */
export function blackGeneralBlock(
  c: BlackColumns,
  i: number,
  H: Float64Array,
  S: number,
  lnS: number,
  vm: Float64Array | null,
  vmOff: number,
  count: number,
  acc: number,
): void {
  const lnCK = c.lnCK[i],
    invV = c.invV[i],
    halfV = c.halfV[i],
    v = c.v[i],
    w = c.w[i],
    qcf = c.wQdCF[i],
    qk = c.wQdK[i],
    ck = c.cfInvK[i];
  for (let p = 0; p < count; p++) {
    const Sp = H[S + p];
    const m = vm === null ? 1 : vm[vmOff + p];
    const d1 = (H[lnS + p] + lnCK) * (invV * (1 / m)) + halfV * m;
    const d2 = d1 - v * m;
    const a1 = d1 < 0 ? -d1 : d1;
    const a2 = d2 < 0 ? -d2 : d2;
    if (a1 < 8 && a2 < 8) {
      // same operations as the block kernel: a path's value does not depend on which kernel took its option
      H[acc + p] = H[acc + p] + blackTermFast(d1, d2, Sp, ck, w, qcf, qk);
      continue;
    }
    let n1: number;
    let n2: number;
    if (a1 < 30 && a2 < 30) {
      const e1 = Math.exp(-0.5 * d1 * d1);
      const p1 = lowerTailFromExp(a1, e1);
      const p2 = lowerTailFromExp(a2, e1 * Sp * ck);
      n1 = w * d1 >= 0 ? 1 - p1 : p1;
      n2 = w * d2 >= 0 ? 1 - p2 : p2;
    } else {
      n1 = Phi(w * d1);
      n2 = Phi(w * d2);
    }
    H[acc + p] = H[acc + p] + (qcf * Sp * n1 - qk * n2);
  }
}
