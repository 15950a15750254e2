/**
 * The delta-gamma quadratic of a compiled book in independent standard normal factors, diagonalised as in
 * Glasserman, Heidelberger & Shahabuddin (2000): with C̃ = diag(S·σ√h)·L (L the correlation's Cholesky factor) the
 * price moves are dS ≈ C̃z, the loss ≈ a₀ − δᵀdS − ½dSᵀΓdS. Diagonalising −½C̃ᵀΓC̃ = UΛUᵀ (U orthogonal) and setting
 * z = U·Y gives loss ≈ a₀ + Q(Y), Q = Σⱼ (bⱼYⱼ + λⱼYⱼ²), b = −UᵀC̃ᵀδ, with Y again independent standard normals.
 * Factors are sorted by their share of Var Q (bⱼ² + 2λⱼ²), largest first. Internal.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { Market, Position } from '../core/model.js';
import { positionGreeks } from '../greeks/internal.js';
import type { CompiledBook } from './book.js';
import { makeScratch, pathPnL } from './pathPnL.js';

export interface DeltaGammaFactors {
  /** Number of price factors (= book.n). */
  n: number;
  /** Orthogonal n×n, row-major: z = U·Y. */
  U: Float64Array;
  b: Float64Array;
  lambda: Float64Array;
  /** Loss of the full revaluation at z = 0 (decay, drift, futures roll). */
  a0: number;
  /**
   * sd of the quadratic, √Σ(bⱼ² + 2λⱼ²) (0 for a riskless book). `b` and `lambda` are stored divided by it, so Q,
   * θ and ψ are in units of sd(Q): no overflow or underflow whatever the book's size.
   */
  scale: number;
}

/**
 * Factors of `book` compiled from the validated `positions`/`market`. Δ and Γ per underlying are the sums of the
 * greeks module's `positionGreeks` (today's spot, full expiry) over the book's positions.
 */
export function deltaGammaFactors(book: CompiledBook, positions: Position[], market: Market): DeltaGammaFactors {
  const n = book.n;
  const delta = new Float64Array(n);
  const gamma = new Float64Array(n);
  for (const p of positions) {
    if (p.quantity === 0) continue;
    const a = book.names.indexOf(p.underlying);
    const g = positionGreeks(p, market);
    delta[a] += g.delta;
    gamma[a] += g.gamma;
  }
  // C̃ = diag(S·σ√h)·L
  const C = new Float64Array(n * n);
  for (let a = 0; a < n; a++)
    for (let k = 0; k <= a; k++) C[a * n + k] = book.S0[a] * book.sig[a] * book.chol[a * n + k];
  const A: number[][] = [];
  for (let j = 0; j < n; j++) {
    const row = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let a = 0; a < n; a++) s += C[a * n + j] * gamma[a] * C[a * n + k];
      row[k] = -0.5 * s;
    }
    A.push(row);
  }
  // symmetrise exactly (round-off) before the eigen solver
  for (let j = 0; j < n; j++) for (let k = 0; k < j; k++) A[j][k] = A[k][j] = 0.5 * (A[j][k] + A[k][j]);
  const U0 = new Float64Array(n * n);
  const lam0 = new Float64Array(n);
  if (n > 0) {
    const e = new EigenvalueDecomposition(new Matrix(A), { assumeSymmetric: true });
    const V = e.eigenvectorMatrix;
    for (let j = 0; j < n; j++) {
      lam0[j] = e.realEigenvalues[j];
      for (let i = 0; i < n; i++) U0[i * n + j] = V.get(i, j);
    }
  }
  // b = −Uᵀ C̃ᵀ δ
  const ct = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let a = 0; a < n; a++) s += C[a * n + k] * delta[a];
    ct[k] = s;
  }
  const b0 = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += U0[i * n + j] * ct[i];
    b0[j] = -s;
  }
  const order = Array.from({ length: n }, (_, j) => j).sort(
    (x, y) => b0[y] * b0[y] + 2 * lam0[y] * lam0[y] - (b0[x] * b0[x] + 2 * lam0[x] * lam0[x]) || x - y,
  );
  const U = new Float64Array(n * n);
  const b = new Float64Array(n);
  const lambda = new Float64Array(n);
  order.forEach((j, jj) => {
    b[jj] = b0[j];
    lambda[jj] = lam0[j];
    for (let i = 0; i < n; i++) U[i * n + jj] = U0[i * n + j];
  });
  let big = 0;
  for (let j = 0; j < n; j++) big = Math.max(big, Math.abs(b[j]), Math.abs(lambda[j]));
  let scale = 0;
  if (big > 0) {
    let ss = 0;
    for (let j = 0; j < n; j++) ss += (b[j] / big) ** 2 + 2 * (lambda[j] / big) ** 2;
    scale = big * Math.sqrt(ss);
    for (let j = 0; j < n; j++) {
      b[j] /= scale;
      lambda[j] /= scale;
      if (Math.abs(lambda[j]) < 1e-12) lambda[j] = 0; // eigen-solver round-off of a linear direction
    }
  }
  const sc = makeScratch(book);
  sc.z.fill(0);
  const a0 = -pathPnL(book, sc, 1);
  return { n, U, b, lambda, a0, scale };
}

/** Cumulant generating function ψ(θ) = log E[e^{θQ}] = Σ ½(θ²bⱼ²/(1 − 2θλⱼ) − ln(1 − 2θλⱼ)), for 1 − 2θλⱼ > 0. */
export function psi(f: DeltaGammaFactors, theta: number): number {
  let s = 0;
  for (let j = 0; j < f.n; j++) {
    const d = 1 - 2 * theta * f.lambda[j];
    s += 0.5 * ((theta * theta * f.b[j] * f.b[j]) / d - Math.log(d));
  }
  return s;
}

/** ψ'(θ) = E_θ[Q] = Σ (θbⱼ²(1 − θλⱼ)/(1 − 2θλⱼ)² + λⱼ/(1 − 2θλⱼ)). */
export function psiPrime(f: DeltaGammaFactors, theta: number): number {
  let s = 0;
  for (let j = 0; j < f.n; j++) {
    const l = f.lambda[j];
    const d = 1 - 2 * theta * l;
    s += (theta * f.b[j] * f.b[j] * (1 - theta * l)) / (d * d) + l / d;
  }
  return s;
}

/**
 * The twist θ ≥ 0 with ψ'(θ) = x (the twisted mean of Q at the threshold). θ = 0 when x ≤ E[Q]. ψ' increases on
 * [0, θ_max), θ_max = 1/(2λ_max) when some λ > 0 (ψ' → ∞ there). When every λ ≤ 0, Q is bounded above by
 * Σ_{λ<0} bⱼ²/(−4λⱼ) if every direction with b ≠ 0 has λ < 0; a threshold beyond that bound is unreachable and θ
 * is capped where the twisted variances 1/(1 − 2θλⱼ) fall to 1/100.
 */
export function solveTwist(f: DeltaGammaFactors, x: number): number {
  if (!(x > psiPrime(f, 0))) return 0;
  let lmax = 0;
  let lmin = 0;
  let bb = 0;
  for (let j = 0; j < f.n; j++) {
    lmax = Math.max(lmax, f.lambda[j]);
    lmin = Math.min(lmin, f.lambda[j]);
    bb += f.b[j] * f.b[j];
  }
  if (lmax === 0 && lmin === 0) return bb > 0 ? x / bb : 0;
  // bracket: grow hi from 1 (θ is in units of 1/sd(Q)) until ψ'(hi) ≥ x, within θ_max (λ > 0) or the cap (λ < 0)
  const limit = lmax > 0 ? (1 / (2 * lmax)) * (1 - 1e-12) : 49.5 / -lmin;
  let hi = Math.min(1, limit);
  while (hi < limit && psiPrime(f, hi) < x) hi = Math.min(2 * hi, limit);
  if (hi === limit && psiPrime(f, hi) <= x) return hi;
  let lo = 0;
  for (let it = 0; it < 2000; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (psiPrime(f, mid) < x) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
