/**
 * Haircut models: composable functions from a holding to a fraction h in [0, 1]; the holding then counts as
 * value × (1 − h). Risk math is in floats (a haircut is a risk parameter, not money); {@link collateralValue}
 * applies it to exact decimal money.
 *
 * Every model is a plain function `(ctx: HaircutContext) => number` so a caller can write their own; the builders
 * below validate their parameters once and return such a function.
 */
import { RiskInputError } from '../core/errors.js';
import { normalQuantile } from '../core/normal.js';
import {
  checkNumber,
  checkObject,
  checkPlausible,
  checkStrictObject,
  joinPath,
  knownKeys,
  ownValue,
  readAllowExtreme,
} from '../core/validate.js';

const FIXED_OPTS_KEYS = knownKeys('default');
const VOL_KEYS = knownKeys('vol', 'horizon', 'confidence', 'allowExtreme');
const LIQUIDITY_KEYS = knownKeys('dailyVolume', 'coefficient', 'cap');
const CONCENTRATION_KEYS = knownKeys('threshold', 'slope', 'cap');

/** What a haircut model sees of one holding (floats; the money itself stays exact elsewhere). */
export interface HaircutContext {
  /** Asset name, e.g. `'ETH'`. */
  asset: string;
  /** Amount held, in units of the asset (≥ 0). */
  amount: number;
  /** Price in the quote currency per unit (> 0). */
  price: number;
  /** Market value amount × price, in the quote currency. */
  value: number;
  /** Market value of all holdings valued together (≥ value); used by concentration add-ons. */
  totalValue: number;
}

/** A haircut model: returns the fraction of value not credited, in [0, 1]. */
export type HaircutModel = (ctx: HaircutContext) => number;

/** A number per asset, with an optional fallback for assets not listed. */
export type PerAsset = number | Record<string, number>;

function perAsset(spec: PerAsset, asset: string, path: string, fallback?: number): number {
  if (typeof spec === 'number') return spec;
  const v = ownValue(spec, asset);
  if (v !== undefined) return v;
  if (fallback !== undefined) return fallback;
  throw new RiskInputError(joinPath(path, asset), `a value for asset '${asset}' (or a default)`, undefined);
}

/** A number or a record of numbers keyed by asset name (any own key is an asset); `check` may add a rule. */
function checkPerAsset(
  spec: unknown,
  path: string,
  bounds: { ge?: number; gt?: number; le?: number },
  check?: (v: number, path: string) => void,
): PerAsset {
  const one = (v: unknown, at: string) => {
    const x = checkNumber(v, at, bounds);
    check?.(x, at);
    return x;
  };
  if (typeof spec === 'number') return one(spec, path);
  const o = checkObject(spec, path);
  for (const [k, v] of Object.entries(o)) one(v, joinPath(path, k));
  return o as Record<string, number>;
}

const clamp01 = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x);

/**
 * A fixed schedule: a haircut per asset (e.g. Deribit-style USDC 0, ETH 0.1), `default` for unlisted assets
 * (an unlisted asset without a default is refused with RiskInputError naming it).
 *
 * @example
 * ```ts
 * import { fixedHaircut } from 'riskcore/haircuts';
 * const h = fixedHaircut({ USDC: 0, ETH: 0.1 }, { default: 1 });
 * console.log(h({ asset: 'ETH', amount: 2, price: 3000, value: 6000, totalValue: 6000 })); // 0.1
 * console.log(h({ asset: 'DOGE', amount: 1, price: 1, value: 1, totalValue: 1 })); // 1
 * ```
 */
export function fixedHaircut(schedule: Record<string, number>, opts: { default?: number } = {}): HaircutModel {
  const s = checkPerAsset(schedule, 'schedule', { ge: 0, le: 1 }) as Record<string, number>;
  const o = checkStrictObject(opts, 'opts', FIXED_OPTS_KEYS);
  const d = o.default === undefined ? undefined : checkNumber(o.default, 'default', { ge: 0, le: 1 });
  return (ctx) => perAsset(s, ctx.asset, 'schedule', d);
}

/** Parameters of {@link volatilityHaircut}. */
export interface VolatilityHaircutParams {
  /** Volatility per √year (0.8 = 80%), one for all assets or per asset. */
  vol: PerAsset;
  /** Liquidation horizon in years (1 day = 1/365). */
  horizon: number;
  /** Confidence α in (0, 1); default 0.99. */
  confidence?: number;
  /** Accept a vol above 5 or a horizon above 10 years (otherwise refused as a unit slip). */
  allowExtreme?: boolean;
}

/**
 * Volatility haircut: the lognormal α-quantile price drop over the liquidation horizon τ,
 *
 *   h = 1 − exp(−z_α·σ·√τ − σ²·τ/2),   z_α = Φ⁻¹(α),
 *
 * for a driftless (martingale) lognormal price S_τ = S·exp(σ√τ·Z − σ²τ/2): S_τ/S falls below 1 − h with
 * probability 1 − α. σ per √year, τ in years (1 day = 1/365). Increasing in σ, τ and α (for α > 0.5).
 * A vol above 5 (500%) or a horizon above 10 years is refused as a likely unit slip (70 for 70%, days for years)
 * unless `allowExtreme: true`.
 *
 * @example
 * ```ts
 * import { volatilityHaircut } from 'riskcore/haircuts';
 * const h = volatilityHaircut({ vol: { ETH: 0.8 }, horizon: 1 / 365, confidence: 0.99 });
 * // 1 − exp(−2.326·0.8·√(1/365) − 0.64/730)
 * console.log(h({ asset: 'ETH', amount: 1, price: 3000, value: 3000, totalValue: 3000 })); // 0.09361
 * ```
 */
export function volatilityHaircut(params: VolatilityHaircutParams): HaircutModel {
  const p = checkStrictObject(params, 'params', VOL_KEYS);
  const extreme = readAllowExtreme(p, 'params');
  const vol = checkPerAsset(p.vol, 'vol', { ge: 0 }, (v, at) => checkPlausible(v, at, 'haircutVol', extreme));
  const tau = checkPlausible(checkNumber(p.horizon, 'horizon', { ge: 0 }), 'horizon', 'expiry', extreme);
  const alpha = p.confidence === undefined ? 0.99 : checkNumber(p.confidence, 'confidence', { gt: 0, lt: 1 });
  const z = normalQuantile(alpha);
  const sqrtTau = Math.sqrt(tau);
  return (ctx) => {
    const s = perAsset(vol, ctx.asset, 'vol');
    return clamp01(-Math.expm1(-z * s * sqrtTau - 0.5 * s * s * tau));
  };
}

/**
 * Size/liquidity haircut by the square-root impact law (Tóth et al. 2011; Almgren et al. 2005): selling Q units into
 * a market trading V units a day moves the price by about Y·σ_d·√(Q/V). Here
 *
 *   h = min(cap, coefficient·√(amount / dailyVolume)),
 *
 * with `coefficient` = Y·σ_d (e.g. 0.5 × a 4% daily vol = 0.02) per asset and `dailyVolume` (or book depth) in units
 * of the asset. Increasing in size, 0 for an empty holding, never above `cap` (default 1).
 *
 * @example
 * ```ts
 * import { liquidityHaircut } from 'riskcore/haircuts';
 * const h = liquidityHaircut({ dailyVolume: { ETH: 1_000_000 }, coefficient: 0.02, cap: 0.5 });
 * console.log(h({ asset: 'ETH', amount: 10_000, price: 3000, value: 3e7, totalValue: 3e7 })); // 0.002
 * ```
 */
export function liquidityHaircut(params: { dailyVolume: PerAsset; coefficient: PerAsset; cap?: number }): HaircutModel {
  const p = checkStrictObject(params, 'params', LIQUIDITY_KEYS);
  const volume = checkPerAsset(p.dailyVolume, 'dailyVolume', { gt: 0 });
  const coef = checkPerAsset(p.coefficient, 'coefficient', { ge: 0 });
  const cap = p.cap === undefined ? 1 : checkNumber(p.cap, 'cap', { ge: 0, le: 1 });
  return (ctx) => {
    const v = perAsset(volume, ctx.asset, 'dailyVolume');
    const c = perAsset(coef, ctx.asset, 'coefficient');
    return Math.min(cap, clamp01(c * Math.sqrt(Math.max(0, ctx.amount) / v)));
  };
}

/**
 * Concentration add-on: a holding making up more than `threshold` of the collateral's market value pays
 * `slope` per unit of share above it, capped: h = min(cap, slope·max(0, value/totalValue − threshold)).
 *
 * @example
 * ```ts
 * import { concentrationAddOn } from 'riskcore/haircuts';
 * const h = concentrationAddOn({ threshold: 0.5, slope: 0.2, cap: 0.1 });
 * console.log(h({ asset: 'ETH', amount: 1, price: 8000, value: 8000, totalValue: 10000 })); // 0.06
 * ```
 */
export function concentrationAddOn(params: { threshold: number; slope: number; cap?: number }): HaircutModel {
  const p = checkStrictObject(params, 'params', CONCENTRATION_KEYS);
  const threshold = checkNumber(p.threshold, 'threshold', { ge: 0, le: 1 });
  const slope = checkNumber(p.slope, 'slope', { ge: 0 });
  const cap = p.cap === undefined ? 1 : checkNumber(p.cap, 'cap', { ge: 0, le: 1 });
  return (ctx) => {
    const share = ctx.totalValue > 0 ? ctx.value / ctx.totalValue : 0;
    return Math.min(cap, clamp01(slope * Math.max(0, share - threshold)));
  };
}

/**
 * Combine models: `'max'` takes the largest haircut (overlapping risks), `'sum'` adds them and caps at 1
 * (independent charges, e.g. volatility + liquidity + concentration).
 *
 * @example
 * ```ts
 * import { composeHaircuts, fixedHaircut, concentrationAddOn } from 'riskcore/haircuts';
 * const h = composeHaircuts([fixedHaircut({ ETH: 0.1 }), concentrationAddOn({ threshold: 0.5, slope: 0.2 })], 'sum');
 * console.log(h({ asset: 'ETH', amount: 1, price: 8000, value: 8000, totalValue: 10000 })); // 0.16
 * ```
 */
export function composeHaircuts(models: HaircutModel[], how: 'max' | 'sum' = 'max'): HaircutModel {
  if (!Array.isArray(models) || models.length === 0)
    throw new RiskInputError('models', 'a non-empty array of haircut functions', models);
  models.forEach((m, i) => {
    if (typeof m !== 'function') throw new RiskInputError(`models[${i}]`, 'a haircut function', m);
  });
  if (how !== 'max' && how !== 'sum') throw new RiskInputError('how', "'max' or 'sum'", how);
  return (ctx) => {
    let acc = 0;
    for (const m of models) {
      const h = m(ctx);
      acc = how === 'max' ? Math.max(acc, h) : acc + h;
    }
    return clamp01(acc);
  };
}
