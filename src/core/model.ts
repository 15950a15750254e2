/**
 * The shared book model: {@link Position} and {@link Market}. Every module (greeks, montecarlo, netting, haircuts,
 * stress) takes these. Validate once at the public boundary with {@link validatePositions} /
 * {@link validateMarket} / {@link validateBook}; inner loops then trust the data.
 *
 * Units: prices in the quote currency (e.g. USD) per unit of the underlying; vols per unit (0.2 = 20%);
 * expiry in years; rates and yields continuously compounded per year; quantities signed (long > 0).
 */
import { CORRELATION, ASSET_MARKET, COLLATERAL, KINDS, MARKET, POSITIONS } from './contract/book.js';
import { readFields, readObject } from './contract/read.js';
import type { ObjectSpec } from './contract/spec.js';
import { RiskInputError } from './errors.js';
import type { Money, MoneyInput } from './money.js';
import { checkCorrelationEntries } from './correlation.js';
import {
  checkArray,
  checkEnum,
  checkKeys,
  checkObject,
  checkStrictObject,
  checkString,
  joinPath,
  knownKeys,
  ownValue,
} from './validate.js';

/** How a contract settles: `linear` pays the quote currency (USD), `inverse` pays the underlying coin (Deribit-style). */
export type Settlement = 'linear' | 'inverse';
/** Option right. */
export type OptionType = 'call' | 'put';
/** Pricing model: Black-Scholes-Merton on spot, Black-76 on the forward, Bachelier (normal) on the forward. */
export type PricingModel = 'bsm' | 'black76' | 'bachelier';
/** Margin mode of a position or sub-account: netted with the rest (`cross`) or margined alone (`isolated`). */
export type MarginMode = 'cross' | 'isolated';

interface PositionBase {
  /** Optional identifier carried into results. */
  id?: string;
  /** Key of the underlying in `market.assets`, e.g. `'BTC'`. */
  underlying: string;
  /**
   * Signed size, long > 0. Units by kind: spot, linear perp/future and options: units of the underlying
   * (coins); inverse perp/future: quote-currency notional (USD face value, as Deribit's inverse contracts).
   */
  quantity: number;
  /** Margin mode (netting); default `'cross'`. */
  marginMode?: MarginMode;
  /** Allow values beyond the unit-slip limits on this position (a vol above 5, an expiry above 10 years). */
  allowExtreme?: boolean;
}

/** A holding of the asset itself. Value = quantity × price. */
export interface SpotPosition extends PositionBase {
  kind: 'spot';
}

/**
 * A perpetual swap. Linear: P&L (quote) = q·(S − E). Inverse: P&L (coin) = q·(1/E − 1/S), worth q·(1/E − 1/S)·S in
 * quote. `S` is the asset's `mark` (else `price`); `E` = `entryPrice`, defaulting to the current mark (no
 * unrealised P&L).
 */
export interface PerpPosition extends PositionBase {
  kind: 'perp';
  settlement?: Settlement;
  /** Entry price in quote currency per unit (> 0). */
  entryPrice?: number;
}

/**
 * A dated future, marked at the model forward F = S·exp((r − y)·T) (`r` the quote rate, `y` the asset's
 * `dividendYield`, `T` = `expiry`). P&L like a perp with F in place of the mark.
 */
export interface FuturePosition extends PositionBase {
  kind: 'future';
  /** Time to expiry in years (≥ 0). */
  expiry: number;
  settlement?: Settlement;
  /** Entry price in quote currency per unit (> 0). */
  entryPrice?: number;
}

/** A European option on `quantity` units of the underlying. */
export interface OptionPosition extends PositionBase {
  kind: 'option';
  type: OptionType;
  /** Strike in quote currency per unit (> 0; for Bachelier any finite number). */
  strike: number;
  /** Time to expiry in years (≥ 0). */
  expiry: number;
  /** `linear` pays quote currency; `inverse` pays coin = USD payoff / S at expiry (Deribit). Default `linear`. */
  settlement?: Settlement;
  /** Pricing model; default `'bsm'` on spot. `'black76'`/`'bachelier'` use the forward F = S·exp((r − y)T). */
  model?: PricingModel;
  /** Implied vol override for this option (per unit; Bachelier: absolute, in price units per √year). */
  vol?: number;
  /** Premium paid (long) or received (short) per unit, in quote currency; used for unrealised P&L only. */
  premium?: number;
}

/** Any position in the shared book model. */
export type Position = SpotPosition | PerpPosition | FuturePosition | OptionPosition;

/** A simple smile: implied vol by strike, linear between points, flat beyond the ends. */
export interface VolSmile {
  /** Strictly increasing strikes. */
  strikes: number[];
  /** Vols per unit, one per strike. */
  vols: number[];
}

/** Market data for one underlying. */
export interface AssetMarket {
  /** Spot/index price in quote currency (> 0). */
  price: number;
  /** Perp mark price, if different from `price` (> 0). */
  mark?: number;
  /** At-the-money implied vol per unit (0.6 = 60%), used when no smile or position override is given. */
  vol?: number;
  /** Optional smile by strike; takes precedence over `vol` for options. */
  smile?: VolSmile;
  /** Continuous yield of holding the asset (dividend, staking, or funding carry), per year; default 0. */
  dividendYield?: number;
  /** Allow values beyond the unit-slip limits on this asset (a vol above 5, a yield above 1 in magnitude). */
  allowExtreme?: boolean;
}

/** A correlation matrix over named assets. */
export interface CorrelationInput {
  assets: string[];
  /** Symmetric, unit diagonal, positive semi-definite (checked by the modules that use it). */
  matrix: number[][];
}

/** A market snapshot. */
export interface Market {
  /** Per-underlying data, keyed by the names positions use. */
  assets: Record<string, AssetMarket>;
  /** Quote-currency risk-free rate, continuously compounded per year; default 0. */
  rate?: number;
  /** Optional correlation matrix between assets. */
  correlation?: CorrelationInput;
  /** Name of the quote currency, default `'USD'` (informational). */
  quote?: string;
  /** Allow a `rate` beyond 1 in magnitude (the unit-slip limit). */
  allowExtreme?: boolean;
}

/**
 * A collateral holding as validated: `amount` exact (in units of the asset), `decimals` given for a bigint amount in
 * base units. On a position, `collateral` (input only) is the isolated margin read by riskcore/netting.
 */
export interface Collateral {
  /** Key of the collateral asset in `market.assets`. */
  asset: string;
  /** Token decimals of a bigint `amount` in base units. */
  decimals?: number;
  amount: Money;
}

/** A collateral holding as given: `amount` a decimal string, finite number, Decimal or bigint (with `decimals`). */
export interface CollateralInput {
  asset: string;
  decimals?: number;
  amount: MoneyInput;
}

const PATHS_KEYS = knownKeys('positions', 'market');
const POSITION_KEYS = knownKeys(...new Set(Object.values(POSITIONS).flatMap((p) => [...p.keys])));

/**
 * Validate one position against the contract (core/contract/book.ts); returns a normalised shallow copy (defaults
 * filled: `settlement: 'linear'`, `marginMode: 'cross'`, `model: 'bsm'`). Never mutates the input. Strict: an
 * unknown or misspelt field is refused naming the closest known one (`position.marginmode is not a field; did you
 * mean marginMode?`), and a value that is almost surely a unit slip (a lognormal vol above 5, an expiry above 10
 * years) is refused with the likely slip unless the position sets `allowExtreme: true`.
 *
 * @example
 * ```ts
 * import { validatePosition } from 'riskcore';
 * const p = validatePosition({ kind: 'perp', underlying: 'BTC', quantity: -2 });
 * console.log(p.settlement); // 'linear'
 * ```
 */
export function validatePosition(value: unknown, path = 'position'): Position {
  const o = checkObject(value, path);
  const k = o.kind;
  const spec = k === 'spot' || k === 'perp' || k === 'future' || k === 'option' ? POSITIONS[k] : undefined;
  if (spec === undefined) {
    // A misspelt `kind` is reported as the misspelling, before the missing kind.
    checkKeys(o, path, POSITION_KEYS);
    checkEnum(k, joinPath(path, 'kind'), KINDS);
  }
  checkKeys(o, path, (spec as ObjectSpec).keys);
  return readFields(o, path, spec as ObjectSpec) as unknown as Position;
}

/** Validate an array of positions (may be empty); paths read `positions[3].strike`. Returns normalised copies. */
export function validatePositions(value: unknown, path = 'positions'): Position[] {
  const arr = checkArray(value, path);
  return arr.map((p, i) => validatePosition(p, `${path}[${i}]`));
}

/**
 * Validate a market snapshot against the contract; returns a normalised deep copy (defaults: `rate: 0`,
 * `quote: 'USD'`). Strict like {@link validatePosition}: unknown fields are refused, and a rate or yield above 1
 * in magnitude or a vol above 5 is refused as a likely percentage unless the object that carries it (the market,
 * or the asset) sets `allowExtreme: true`. Asset names are plain names: `__proto__` or `constructor` is an asset
 * like any other, never a prototype member. Correlation matrices are checked for shape, symmetry and unit
 * diagonal here; positive semi-definiteness (smallest eigenvalue >= -1e-10·n) is checked by the modules that
 * factor them.
 *
 * @example
 * ```ts
 * import { validateMarket } from 'riskcore';
 * const m = validateMarket({ assets: { BTC: { price: 60000, vol: 0.55 } } });
 * console.log(m.rate); // 0
 * ```
 */
export function validateMarket(value: unknown, path = 'market'): Market {
  const o = checkStrictObject(value, path, MARKET.keys);
  const market = readFields(o, path, MARKET) as unknown as Market;
  if (o.correlation !== undefined) {
    const cp = joinPath(path, 'correlation');
    checkStrictObject(o.correlation, cp, CORRELATION.keys);
    market.correlation = validateCorrelationInput(o.correlation, cp, market.assets);
  }
  return market;
}

/** Validate one asset's market data (`market.assets.BTC`); returns a normalised copy. Internal. */
export function validateAssetMarket(value: unknown, path: string): AssetMarket {
  return readObject(value, path, ASSET_MARKET) as unknown as AssetMarket;
}

/**
 * Validate one collateral holding (`{ asset, amount, decimals? }`, amount exact money >= 0); returns it with the
 * amount as a Money. riskcore/netting and the CLI read collateral with it; errors name `path`.
 *
 * @example
 * ```ts
 * import { validateCollateral } from 'riskcore';
 * console.log(validateCollateral({ asset: 'USDC', amount: '1500.25' }, 'collateral[0]').amount.toString()); // '1500.25'
 * ```
 */
export function validateCollateral(value: unknown, path: string): Collateral {
  return readObject(value, path, COLLATERAL) as unknown as Collateral;
}

function validateCorrelationInput(value: unknown, path: string, assets: Record<string, AssetMarket>): CorrelationInput {
  const c = checkObject(value, path);
  const names = checkArray(c.assets, joinPath(path, 'assets'), 1).map((a, i) => {
    const name = checkString(a, `${joinPath(path, 'assets')}[${i}]`);
    if (!(name in assets))
      throw new RiskInputError(`${joinPath(path, 'assets')}[${i}]`, 'the name of an asset in market.assets', name);
    return name;
  });
  checkCorrelationEntries(c.matrix, joinPath(path, 'matrix'), names.length);
  const m = c.matrix as number[][];
  return { assets: names.slice(), matrix: m.map((row) => row.slice()) };
}

/**
 * Validate positions and market together: every position's underlying is in the market, and every option has a
 * vol (its own, the asset's smile, or the asset's ATM vol). Returns normalised copies.
 */
export function validateBook(
  positions: unknown,
  market: unknown,
  paths: { positions?: string; market?: string } = {},
): { positions: Position[]; market: Market } {
  checkStrictObject(paths, 'paths', PATHS_KEYS);
  const pp = paths.positions ?? 'positions';
  const mp = paths.market ?? 'market';
  const ps = validatePositions(positions, pp);
  const m = validateMarket(market, mp);
  ps.forEach((p, i) => {
    const a = ownValue(m.assets, p.underlying);
    if (!a) {
      throw new RiskInputError(
        `${pp}[${i}].underlying`,
        `an asset present in ${mp}.assets (${Object.keys(m.assets).join(', ') || 'none'})`,
        p.underlying,
      );
    }
    if (p.kind === 'option' && p.vol === undefined && a.vol === undefined && a.smile === undefined) {
      throw new RiskInputError(
        `${mp}.assets.${p.underlying}.vol`,
        `a vol (or smile) for the option at ${pp}[${i}]`,
        undefined,
      );
    }
  });
  return { positions: ps, market: m };
}

/**
 * The implied vol an option position is valued at: its own `vol`, else the asset's smile at its strike (linear
 * in strike, flat beyond the ends), else the asset's ATM `vol`. Assumes a validated book.
 */
export function optionVol(position: OptionPosition, asset: AssetMarket): number {
  if (position.vol !== undefined) return position.vol;
  const s = asset.smile;
  if (s) {
    const k = position.strike;
    const ks = s.strikes;
    const n = ks.length;
    if (k <= ks[0]) return s.vols[0];
    if (k >= ks[n - 1]) return s.vols[n - 1];
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (ks[mid] <= k) lo = mid;
      else hi = mid;
    }
    const w = (k - ks[lo]) / (ks[hi] - ks[lo]);
    return s.vols[lo] + w * (s.vols[hi] - s.vols[lo]);
  }
  return asset.vol as number;
}

/** The price a perp marks at: the asset's `mark`, else its `price`. */
export function perpMark(asset: AssetMarket): number {
  return asset.mark ?? asset.price;
}
