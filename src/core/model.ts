/**
 * The shared book model: {@link Position} and {@link Market}. Every module (greeks, montecarlo, netting, haircuts,
 * stress) takes these. Validate once at the public boundary with {@link validatePositions} /
 * {@link validateMarket} / {@link validateBook}; inner loops then trust the data.
 *
 * Units: prices in the quote currency (e.g. USD) per unit of the underlying; vols per unit (0.2 = 20%);
 * expiry in years; rates and yields continuously compounded per year; quantities signed (long > 0).
 */
import { RiskInputError } from './errors.js';
import { checkCorrelationEntries } from './correlation.js';
import { checkArray, checkEnum, checkNumber, checkObject, checkString, joinPath, optionalEnum } from './validate.js';

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
}

const SETTLEMENTS = ['linear', 'inverse'] as const;
const MODELS = ['bsm', 'black76', 'bachelier'] as const;
const MARGIN_MODES = ['cross', 'isolated'] as const;
const KINDS = ['spot', 'perp', 'future', 'option'] as const;

/**
 * Validate one position; returns a normalised shallow copy (defaults filled: `settlement: 'linear'`,
 * `marginMode: 'cross'`, `model: 'bsm'`). Never mutates the input.
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
  const kind = checkEnum(o.kind, joinPath(path, 'kind'), KINDS);
  const underlying = checkString(o.underlying, joinPath(path, 'underlying'));
  const quantity = checkNumber(o.quantity, joinPath(path, 'quantity'));
  const marginMode = optionalEnum(o.marginMode, joinPath(path, 'marginMode'), MARGIN_MODES, 'cross');
  const id = o.id === undefined ? undefined : checkString(o.id, joinPath(path, 'id'));
  const base = { ...(id !== undefined ? { id } : {}), underlying, quantity, marginMode };
  switch (kind) {
    case 'spot':
      return { kind, ...base };
    case 'perp': {
      const settlement = optionalEnum(o.settlement, joinPath(path, 'settlement'), SETTLEMENTS, 'linear');
      const entryPrice = o.entryPrice === undefined ? undefined : checkNumber(o.entryPrice, joinPath(path, 'entryPrice'), { gt: 0 });
      return { kind, ...base, settlement, ...(entryPrice !== undefined ? { entryPrice } : {}) };
    }
    case 'future': {
      const expiry = checkNumber(o.expiry, joinPath(path, 'expiry'), { ge: 0 });
      const settlement = optionalEnum(o.settlement, joinPath(path, 'settlement'), SETTLEMENTS, 'linear');
      const entryPrice = o.entryPrice === undefined ? undefined : checkNumber(o.entryPrice, joinPath(path, 'entryPrice'), { gt: 0 });
      return { kind, ...base, expiry, settlement, ...(entryPrice !== undefined ? { entryPrice } : {}) };
    }
    case 'option': {
      const type = checkEnum(o.type, joinPath(path, 'type'), ['call', 'put'] as const);
      const model = optionalEnum(o.model, joinPath(path, 'model'), MODELS, 'bsm');
      const settlement = optionalEnum(o.settlement, joinPath(path, 'settlement'), SETTLEMENTS, 'linear');
      if (model === 'bachelier' && settlement === 'inverse') {
        throw new RiskInputError(joinPath(path, 'settlement'), "'linear' for the bachelier model", settlement);
      }
      const strike = checkNumber(o.strike, joinPath(path, 'strike'), model === 'bachelier' ? {} : { gt: 0 });
      const expiry = checkNumber(o.expiry, joinPath(path, 'expiry'), { ge: 0 });
      const vol = o.vol === undefined ? undefined : checkNumber(o.vol, joinPath(path, 'vol'), { ge: 0 });
      const premium = o.premium === undefined ? undefined : checkNumber(o.premium, joinPath(path, 'premium'), { ge: 0 });
      return {
        kind, ...base, type, strike, expiry, settlement, model,
        ...(vol !== undefined ? { vol } : {}),
        ...(premium !== undefined ? { premium } : {}),
      };
    }
  }
}

/** Validate an array of positions (may be empty); paths read `positions[3].strike`. Returns normalised copies. */
export function validatePositions(value: unknown, path = 'positions'): Position[] {
  const arr = checkArray(value, path);
  return arr.map((p, i) => validatePosition(p, `${path}[${i}]`));
}

/**
 * Validate a market snapshot; returns a normalised deep copy (defaults: `rate: 0`, `quote: 'USD'`).
 * Correlation matrices are checked for shape, symmetry and unit diagonal here; positive semi-definiteness is
 * checked by the modules that factor them.
 *
 * @example
 * ```ts
 * import { validateMarket } from 'riskcore';
 * const m = validateMarket({ assets: { BTC: { price: 60000, vol: 0.55 } } });
 * console.log(m.rate); // 0
 * ```
 */
export function validateMarket(value: unknown, path = 'market'): Market {
  const o = checkObject(value, path);
  const assetsIn = checkObject(o.assets, joinPath(path, 'assets'));
  const assets: Record<string, AssetMarket> = {};
  for (const name of Object.keys(assetsIn)) assets[name] = validateAssetMarket(assetsIn[name], joinPath(joinPath(path, 'assets'), name));
  const rate = o.rate === undefined ? 0 : checkNumber(o.rate, joinPath(path, 'rate'));
  const quote = o.quote === undefined ? 'USD' : checkString(o.quote, joinPath(path, 'quote'));
  const market: Market = { assets, rate, quote };
  if (o.correlation !== undefined) market.correlation = validateCorrelationInput(o.correlation, joinPath(path, 'correlation'), assets);
  return market;
}

/** Validate one asset's market data (`market.assets.BTC`); returns a normalised copy. Internal. */
export function validateAssetMarket(value: unknown, path: string): AssetMarket {
  const a = checkObject(value, path);
  const out: AssetMarket = { price: checkNumber(a.price, joinPath(path, 'price'), { gt: 0 }) };
  if (a.mark !== undefined) out.mark = checkNumber(a.mark, joinPath(path, 'mark'), { gt: 0 });
  if (a.vol !== undefined) out.vol = checkNumber(a.vol, joinPath(path, 'vol'), { ge: 0 });
  if (a.dividendYield !== undefined) out.dividendYield = checkNumber(a.dividendYield, joinPath(path, 'dividendYield'));
  if (a.smile !== undefined) out.smile = validateSmile(a.smile, joinPath(path, 'smile'));
  return out;
}

function validateSmile(value: unknown, path: string): VolSmile {
  const s = checkObject(value, path);
  const strikes = checkArray(s.strikes, joinPath(path, 'strikes'), 1);
  const vols = checkArray(s.vols, joinPath(path, 'vols'), 1);
  if (vols.length !== strikes.length) throw new RiskInputError(joinPath(path, 'vols'), `an array of length ${strikes.length} (one per strike)`, vols);
  const ks: number[] = [];
  const vs: number[] = [];
  for (let i = 0; i < strikes.length; i++) {
    ks.push(checkNumber(strikes[i], `${joinPath(path, 'strikes')}[${i}]`, i === 0 ? { gt: 0 } : { gt: ks[i - 1] }));
    vs.push(checkNumber(vols[i], `${joinPath(path, 'vols')}[${i}]`, { ge: 0 }));
  }
  return { strikes: ks, vols: vs };
}

function validateCorrelationInput(value: unknown, path: string, assets: Record<string, AssetMarket>): CorrelationInput {
  const c = checkObject(value, path);
  const names = checkArray(c.assets, joinPath(path, 'assets'), 1).map((a, i) => {
    const name = checkString(a, `${joinPath(path, 'assets')}[${i}]`);
    if (!(name in assets)) throw new RiskInputError(`${joinPath(path, 'assets')}[${i}]`, 'the name of an asset in market.assets', name);
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
export function validateBook(positions: unknown, market: unknown, paths: { positions?: string; market?: string } = {}): { positions: Position[]; market: Market } {
  const pp = paths.positions ?? 'positions';
  const mp = paths.market ?? 'market';
  const ps = validatePositions(positions, pp);
  const m = validateMarket(market, mp);
  ps.forEach((p, i) => {
    const a = m.assets[p.underlying];
    if (!a) {
      throw new RiskInputError(`${pp}[${i}].underlying`, `an asset present in ${mp}.assets (${Object.keys(m.assets).join(', ') || 'none'})`, p.underlying);
    }
    if (p.kind === 'option' && p.vol === undefined && a.vol === undefined && a.smile === undefined) {
      throw new RiskInputError(`${mp}.assets.${p.underlying}.vol`, `a vol (or smile) for the option at ${pp}[${i}]`, undefined);
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
