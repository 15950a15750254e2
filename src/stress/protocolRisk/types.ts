/**
 * The public input and result types of {@link simulateProtocolRisk} and {@link recommendCap}
 * (src/stress/protocolRisk/simulate.ts documents the model).
 */
import type { Money } from '../../core/money.js';
import type {
  CascadeAccount,
  CascadeAssetMarket,
  CascadeParams,
  MultiAssetCascadeAccount,
  MultiAssetCascadeParams,
} from '../cascadeTypes.js';

/** One asset's market in a multi-asset protocol: a cascade asset market without its path (the simulation draws it). */
export type ProtocolAssetMarket = Omit<CascadeAssetMarket, 'path' | 'shock'> & { path?: never; shock?: never };

/** Cascade parameters of a single-asset protocol: {@link CascadeParams} without the fields the simulation sets. */
export type ProtocolSingleParams = Omit<CascadeParams, 'path' | 'shock' | 'rounds' | 'scenario' | 'asset'> & {
  path?: never;
  shock?: never;
  rounds?: never;
  scenario?: never;
  asset?: never;
};

/** Cascade parameters of a multi-asset protocol: {@link MultiAssetCascadeParams} without path, rounds or scenario. */
export type ProtocolMultiParams = Omit<MultiAssetCascadeParams, 'assets' | 'rounds' | 'scenario'> & {
  assets: Record<string, ProtocolAssetMarket>;
  rounds?: never;
  scenario?: never;
};

/**
 * A protocol: the accounts and the cascade parameters of {@link simulateLiquidationCascade} (depth and price
 * impact, oracle latency, insurance fund, penalty, ADL). The price path and the number of rounds come from the
 * simulation (one round per time step).
 */
export type Protocol =
  | { accounts: CascadeAccount[]; params: ProtocolSingleParams }
  | { accounts: MultiAssetCascadeAccount[]; params: ProtocolMultiParams };

/** Price dynamics of one asset: geometric Brownian motion, optionally with Merton log-normal jumps. */
export interface ProtocolAssetDynamics {
  /** Annualised volatility σ of log returns (≥ 0, ≤ 10). */
  vol: number;
  /** Annualised drift μ of the price (E[S_t] = S₀·e^{μt} without jumps); default 0. */
  drift?: number;
  /** Jumps per year λ (Poisson, ≥ 0, ≤ 1,000); default 0. Each jump multiplies the price by e^{J}. */
  jumpIntensity?: number;
  /** Mean of the log jump size J (Normal); default 0. */
  jumpMean?: number;
  /** Standard deviation of the log jump size J (≥ 0); default 0. */
  jumpVol?: number;
}

/**
 * The market the paths are drawn from: dynamics per asset (exactly the protocol's assets; with a single-asset
 * protocol, one asset under any name) and the correlation of their Brownian increments.
 */
export interface ProtocolMarket {
  assets: Record<string, ProtocolAssetDynamics>;
  /**
   * Correlation matrix of the Brownian increments, rows and columns in the order of `assets`' keys (symmetric,
   * unit diagonal, positive semi-definite); default the identity.
   */
  correlation?: number[][];
}

/** Options of {@link simulateProtocolRisk}. */
export interface ProtocolRiskOptions {
  /** Number of simulated paths (integer in [1, 1,000,000]). */
  paths: number;
  /** Time steps per path = cascade rounds (integer in [1, 10,000]). */
  steps: number;
  /** Length of a step in years (> 0, ≤ 1), e.g. 1/8760 for an hour. */
  dt: number;
  /** Seed of the random stream, an integer in [0, 2³²). */
  seed: number;
  /** Batches for the batch-means standard errors (integer in [2, 1,000]); default 20. */
  batches?: number;
  /** How many of the first paths to report in full in `detail` (integer in [0, 100]); default 0. */
  detail?: number;
  /** Called with (paths done, paths) as the run goes (at most about 100 times, and once at the end). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Importance sampling of crash paths: draw the paths with shifted drifts and weight each by its likelihood ratio
   * (see {@link ProtocolImportanceSampling}); every figure of the result is then a weighted estimate. Absent: plain
   * Monte Carlo.
   */
  importanceSampling?: ProtocolImportanceSampling;
}

/**
 * Importance sampling by exponential tilting of the Gaussian innovations: the paths are drawn as if the annual drift
 * of each asset's log price were moved by `shift[asset]` (e.g. −3 for an asset to fall about 3 × T on average over
 * a horizon of T years beyond its own drift), and each path carries its likelihood ratio
 * w = exp(Σ_t (|θ|²/2 − θ·z_t)) against the model's own dynamics (θ the shift of each step's independent normals
 * z_t). Jumps are drawn as without the option. Pays for rare losses: aim the shifted mean path at the crash.
 */
export interface ProtocolImportanceSampling {
  /**
   * Shift of the annual log drift per asset of `market.assets` (finite, |shift| ≤ 1,000; an asset left out: 0). An
   * asset with a nonzero shift needs a positive vol; the whole tilt is bounded by steps × |θ|² ≤ 400 with
   * θ = shift·√dt/vol per step (through the correlation's Cholesky factor).
   */
  shift: Record<string, number>;
}

/** Diagnostics of an importance-sampled run. */
export interface ProtocolImportanceSamplingResult {
  /** Mean of the likelihood ratios with its standard error: 1 in expectation (a check of the tilt). */
  meanWeight: ProtocolRiskEstimate;
  /** Effective sample size (Σw)²/Σw²: how many plain paths the weighted sample is worth for the mean weight. */
  effectiveSampleSize: number;
  /** Likelihood ratio of every path, in path order (`badDebtByPath[i]` has weight `weightByPath[i]`). */
  weightByPath: number[];
}

/** A figure with its Monte Carlo standard error (null when the batches are too small to estimate it). */
export interface ProtocolRiskEstimate {
  value: number;
  stdError: number | null;
}

/** VaR and ES of the protocol loss at one confidence level, with batch-means standard errors. */
export interface ProtocolLossTail {
  confidence: number;
  var: ProtocolRiskEstimate;
  es: ProtocolRiskEstimate;
}

/** One path in full (the first `options.detail` paths). */
export interface ProtocolPathDetail {
  /** Relative price move per step and asset (the cascade's `path`). */
  moves: Record<string, number[]>;
  badDebt: Money;
  liquidatedNotional: Money;
  insuranceFund: Money;
  deficit: Money;
  /** Ids of the accounts liquidated on this path, in order. */
  liquidated: string[];
}

/**
 * Result of {@link simulateProtocolRisk}. Every money figure is in quote currency, as a float. With
 * `options.importanceSampling` every figure is a weighted estimate: means and probabilities (1/n)·Σ wᵢ·xᵢ with the
 * standard error of wx, quantiles, VaR and ES from the weighted survival function summed from the top
 * (src/stress/protocolRisk/weightedTail.ts) with batch-means standard errors.
 */
export interface ProtocolRiskResult {
  paths: number;
  /** The protocol loss = bad debt of each path (covered by the fund, charged by ADL or left as deficit). */
  badDebt: {
    mean: ProtocolRiskEstimate;
    /** Order-statistic quantiles (the ⌈n·q⌉-th smallest) at q = 0.5, 0.9, 0.99, 0.999. */
    quantiles: Array<{ level: number; value: number }>;
    /** Acerbi–Tasche VaR and ES at 99% and 99.9%. */
    tail: ProtocolLossTail[];
  };
  /** Insurance fund: probability that bad debt outran it (ADL or deficit on the path), mean drawn and final. */
  fund: { exhaustionProbability: ProtocolRiskEstimate; meanDrawn: number; meanFinal: number };
  /** Liquidations: probability of any, mean count, and liquidated notional (mean, 99% and 99.9% quantiles). */
  liquidations: {
    probabilityAny: ProtocolRiskEstimate;
    meanCount: number;
    meanNotional: number;
    notionalAtRisk99: number;
    notionalAtRisk999: number;
  };
  /**
   * Bad debt by asset: each round's bad debt split over the assets in proportion to their liquidated notional that
   * round; `mean` sums to the mean bad debt and `es99` to ES99 (up to rounding), bar `unattributed` (bad debt of
   * rounds that liquidated no notional: accounts with debt and nothing to sell).
   */
  contributions: {
    byAsset: Record<string, { mean: number; es99: number }>;
    unattributed: { mean: number; es99: number };
  };
  /** Bad debt of every path, in path order. */
  badDebtByPath: number[];
  detail: ProtocolPathDetail[];
  /** With `options.importanceSampling`: the weights and their diagnostics (absent in a plain run). */
  importanceSampling?: ProtocolImportanceSamplingResult;
}
