/** The compiled form of a book that the simulation loops read (types only: no code, so kernels may import it). */
import type { BlackColumns } from './kernels/optionKernel.js';

/** Distribution of the joint log-return shocks. */
export type ShockDistribution = 'normal' | 't';
/** Revaluation mode. */
export type RevaluationMode = 'full' | 'delta-gamma' | 'delta-gamma-vega';

/** A book compiled for the simulation loops. */
export interface CompiledBook {
  /** Number of simulated underlyings. */
  n: number;
  names: string[];
  S0: Float64Array;
  lnS0: Float64Array;
  /** (μ − σ²/2)h per underlying. */
  mu: Float64Array;
  /** σ√h per underlying. */
  sig: Float64Array;
  /** Lower Cholesky factor of the correlation, row-major n×n. */
  chol: Float64Array;
  /** Linear contracts: P&L = Σ lin[a]·expm1(x_a) + linConst. */
  lin: Float64Array;
  linConst: number;
  /** Vol-shock sd ν√h per underlying (0: none) and index of its normal in the per-path draw (−1: none). */
  vsSd: Float64Array;
  vsIndex: Int32Array;
  /** Normals per path: n price shocks then one per vol-shocked underlying. */
  nZ: number;
  /**
   * Options (column form). kind: 0 Black, 1 Bachelier, 2 intrinsic (τ' = 0 or total vol σ√τ' below 1e-100, where
   * the time value is below 1e-100 of the forward). Sorted: the Black options first, grouped by underlying (they are
   * also in `black`, the hot loop's columns), then the others.
   */
  nOpt: number;
  /** Number of Black options (indices [0, nBlack) of the opt* columns). */
  nBlack: number;
  black: BlackColumns;
  optAsset: Int32Array;
  optKind: Int32Array;
  optCall: Uint8Array;
  optQD: Float64Array;
  optK: Float64Array;
  optInvK: Float64Array;
  optLnCK: Float64Array;
  optCF: Float64Array;
  optV: Float64Array;
  /** Σ q·value of the options today (subtracted from the revalued sum). */
  optValue0: number;
  /** Which underlyings carry options (S_h is only needed for those). */
  hasOpt: Uint8Array;
  dist: ShockDistribution;
  dof: number;
  mode: RevaluationMode;
  /** Delta-gamma(-vega): option value change at the unmoved spot from time decay, per-underlying Δ, Γ, vega·v. */
  dgTheta: number;
  dgDelta: Float64Array;
  dgGamma: Float64Array;
  dgVegaV: Float64Array;
}
