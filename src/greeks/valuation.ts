/**
 * Valuation and Greeks of book positions ({@link Position}) in the quote currency (USD), per unit move of the
 * underlying's SPOT price (`market.assets[u].price`). Other modules (stress, Monte Carlo, netting) build on these.
 *
 * Value conventions (`S` spot, `M` perp mark = `mark ?? price`, `F` = {@link forwardPrice}, `E` entry price,
 * `q` signed quantity):
 * - spot: q·S
 * - linear perp: q·(M − E); inverse perp: q·(1/E − 1/M)·M (coin P&L converted at the mark; q is USD face)
 * - future: like a perp on F (undiscounted: futures are margined daily)
 * - option: q·price in USD; an inverse option's USD value is q·(coin value)·S
 * `E` defaults to the current mark (perp) or forward (future), i.e. value 0. Revaluation P&L under a shocked market
 * needs E fixed at the base market: use {@link withEntryPrices} or {@link revaluePnL}.
 *
 * Greeks are in USD per unit of spot (chain rule through F = S·e^{(r−y)T} for black76/bachelier options and
 * futures; a perp's mark is taken to move in proportion to spot, dM/dS = M/S).
 */
import { RiskInputError } from '../core/errors.js';
import { optionVol, perpMark, validateBook, validateMarket, validatePosition } from '../core/model.js';
import type { AssetMarket, Market, OptionPosition, Position } from '../core/model.js';
import { checkNumber, checkString, ownValue } from '../core/validate.js';
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
} from './price.js';

/** USD Greeks of one position (or a sum of positions), per unit move of spot. */
export interface PositionGreeks {
  /** Value in quote currency (see {@link positionValue}). */
  value: number;
  /** ∂value/∂S (units of the underlying). */
  delta: number;
  /** ∂²value/∂S². */
  gamma: number;
  /** ∂value/∂σ per 1.00 of vol. */
  vega: number;
  /** −∂value/∂T per year, spot held fixed. */
  theta: number;
  /** ∂value/∂r per 1.00 of rate. */
  rho: number;
  /** ∂²value/∂S∂σ. */
  vanna: number;
  /** ∂²value/∂σ². */
  volga: number;
  /** −∂delta/∂T per year. */
  charm: number;
  /** delta·S: USD exposure, the P&L of a 100% move to first order. */
  cashDelta: number;
  /** ½·gamma·S²·(0.01)²: the P&L from gamma of a 1% spot move. */
  cashGamma: number;
}

/** F = S·exp((r − y)·T) from a validated asset. Internal. */
export function forwardOf(asset: AssetMarket, rate: number, expiry: number): number {
  return asset.price * Math.exp((rate - (asset.dividendYield ?? 0)) * expiry);
}

/**
 * Model forward F = S·exp((r − y)·T) of an underlying: S its `price`, r `market.rate` (default 0), y its
 * `dividendYield` (default 0), T `expiry` in years.
 *
 * @example
 * ```ts
 * import { forwardPrice } from 'riskcore/greeks';
 * const m = { assets: { BTC: { price: 60000, dividendYield: 0.01 } }, rate: 0.05 };
 * console.log(forwardPrice(m, 'BTC', 0.5)); // 61212.08
 * ```
 */
export function forwardPrice(market: Market, underlying: string, expiry: number): number {
  const m = validateMarket(market);
  const u = checkString(underlying, 'underlying');
  const a = ownValue(m.assets, u);
  if (!a)
    throw new RiskInputError(
      'underlying',
      `an asset present in market.assets (${Object.keys(m.assets).join(', ') || 'none'})`,
      u,
    );
  const t = checkNumber(expiry, 'expiry', { ge: 0 });
  const f = forwardOf(a, m.rate ?? 0, t);
  if (!Number.isFinite(f))
    throw new RiskInputError('expiry', 'small enough that the forward is a finite double', expiry);
  return f;
}

function validateOne(position: unknown, market: unknown): { p: Position; m: Market } {
  const p = validatePosition(position, 'position');
  const m = validateMarket(market, 'market');
  const a = ownValue(m.assets, p.underlying);
  if (!a)
    throw new RiskInputError(
      'position.underlying',
      `an asset present in market.assets (${Object.keys(m.assets).join(', ') || 'none'})`,
      p.underlying,
    );
  if (p.kind === 'option' && p.vol === undefined && a.vol === undefined && a.smile === undefined) {
    throw new RiskInputError(
      `market.assets.${p.underlying}.vol`,
      'a vol (or smile) for the option position',
      undefined,
    );
  }
  return { p, m };
}

const opt = new Float64Array(9);

/**
 * Value and USD Greeks of an already validated position into `out` (11 numbers in {@link PositionGreeks} order:
 * value, delta, gamma, vega, theta, rho, vanna, volga, charm, cashDelta, cashGamma). No validation: for modules
 * that validated the book once. Internal (not exported from the index).
 */
export function positionGreeksInto(p: Position, m: Market, out: Float64Array | number[]): void {
  const a = ownValue(m.assets, p.underlying)!;
  const s = a.price;
  const r = m.rate ?? 0;
  const y = a.dividendYield ?? 0;
  const q = p.quantity;
  for (let i = 0; i < 11; i++) out[i] = 0;
  switch (p.kind) {
    case 'spot':
      out[0] = q * s;
      out[1] = q;
      break;
    case 'perp': {
      const mk = perpMark(a);
      const inv = p.settlement === 'inverse';
      const e = p.entryPrice ?? mk;
      out[0] = inv ? q * (mk / e - 1) : q * (mk - e);
      out[1] = inv ? (q * (mk / s)) / e : q * (mk / s);
      break;
    }
    case 'future': {
      const c = Math.exp((r - y) * p.expiry);
      const f = s * c;
      const e = p.entryPrice ?? f;
      const scale = p.settlement === 'inverse' ? 1 / e : 1;
      out[0] = p.settlement === 'inverse' ? q * (f / e - 1) : q * (f - e);
      out[1] = q * c * scale;
      out[4] = -q * (r - y) * f * scale;
      out[5] = q * p.expiry * f * scale;
      out[8] = -q * (r - y) * c * scale;
      break;
    }
    case 'option':
      optionGreeksUsd(p, a, r, y, s, q, out);
      break;
  }
  out[9] = out[1] * s;
  out[10] = 0.5 * out[2] * s * s * 1e-4;
  for (let i = 0; i < 11; i++) out[i] += 0; // no −0 in results
}

function optionGreeksUsd(
  p: OptionPosition,
  a: AssetMarket,
  r: number,
  y: number,
  s: number,
  q: number,
  out: Float64Array | number[],
): void {
  const vol = optionVol(p, a);
  const isCall = p.type === 'call';
  const t = p.expiry;
  const model = p.model ?? 'bsm';
  if (model === 'bsm') {
    // USD value = q·P(S) for linear and inverse alike (coin value P/S converted at S)
    linearGreeks(BSM, isCall, s, p.strike, t, vol, r, y, opt);
    for (let i = 0; i < 9; i++) out[i] = q * opt[i];
    return;
  }
  const c = Math.exp((r - y) * t);
  const x = s * c;
  linearGreeks(model === 'black76' ? BLACK76 : BACHELIER, isCall, x, p.strike, t, vol, r, 0, opt);
  const P = opt[PRICE],
    px = opt[DELTA],
    pxx = opt[GAMMA];
  const carry = r - y;
  if (p.settlement !== 'inverse') {
    // V = q·P(cS)
    out[0] = q * P;
    out[1] = q * c * px;
    out[2] = q * c * c * pxx;
    out[3] = q * opt[VEGA];
    out[4] = q * (opt[THETA] - carry * x * px);
    out[5] = q * (opt[RHO] + t * x * px);
    out[6] = q * c * opt[VANNA];
    out[7] = q * opt[VOLGA];
    out[8] = q * c * (opt[CHARM] - carry * (px + x * pxx));
  } else {
    // coin value P/F converted at S: V = q·P(cS)/c
    const qc = q / c;
    out[0] = qc * P;
    out[1] = q * px;
    out[2] = q * c * pxx;
    out[3] = qc * opt[VEGA];
    out[4] = qc * (opt[THETA] - carry * (x * px - P));
    out[5] = qc * (opt[RHO] + t * (x * px - P));
    out[6] = q * opt[VANNA];
    out[7] = qc * opt[VOLGA];
    out[8] = q * (opt[CHARM] - carry * x * pxx);
  }
}

const KEYS = [
  'value',
  'delta',
  'gamma',
  'vega',
  'theta',
  'rho',
  'vanna',
  'volga',
  'charm',
  'cashDelta',
  'cashGamma',
] as const;

/** Build a {@link PositionGreeks} from the 11-number record. Internal. */
export function toPositionGreeks(v: ArrayLike<number>): PositionGreeks {
  const g = {} as PositionGreeks;
  for (let i = 0; i < 11; i++) g[KEYS[i]] = v[i];
  return g;
}

function checkFinite(v: ArrayLike<number>, path: string): void {
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i]))
      throw new RiskInputError(
        path,
        'a position whose value and Greeks are finite doubles',
        undefined,
        `${KEYS[i]} overflows`,
      );
  }
}

const rec = new Float64Array(11);

/** Value of an already validated position (no validation). Internal: for modules that validated the book once. */
export function positionValueUnchecked(p: Position, m: Market): number {
  positionGreeksInto(p, m, rec);
  return rec[0];
}

/**
 * Value of one position in the quote currency (USD): spot q·S; linear perp q·(M − E); inverse perp q·(1/E − 1/M)·M;
 * future like a perp on F = {@link forwardPrice}; option q·price (inverse options: q·coin value·S).
 * `E` = `entryPrice`, else the current mark/forward (value 0). Revaluation P&L between two markets needs E fixed:
 * see {@link revaluePnL}.
 *
 * @param position a {@link Position}; validated (errors name `position.<field>`).
 * @param market a {@link Market} holding the position's underlying (and a vol for options).
 * @example
 * ```ts
 * import { positionValue } from 'riskcore/greeks';
 * const market = { assets: { BTC: { price: 60000, mark: 60100 } } };
 * console.log(positionValue({ kind: 'perp', underlying: 'BTC', quantity: 2, entryPrice: 59000 }, market)); // 2200
 * console.log(positionValue({ kind: 'perp', underlying: 'BTC', quantity: 10000, settlement: 'inverse', entryPrice: 50000 }, market)); // 2020
 * ```
 */
export function positionValue(position: Position, market: Market): number {
  const { p, m } = validateOne(position, market);
  positionGreeksInto(p, m, rec);
  checkFinite(rec, 'position');
  return rec[0];
}

/**
 * USD Greeks of one position per unit move of the underlying's spot (see {@link PositionGreeks}): the chain rule
 * through the forward for black76/bachelier options and futures; for inverse contracts the Greeks of the USD value.
 * `cashDelta` = delta·S; `cashGamma` = ½·gamma·S²·(0.01)², the P&L from gamma of a 1% spot move.
 *
 * @example
 * ```ts
 * import { positionGreeks } from 'riskcore/greeks';
 * const market = { assets: { ETH: { price: 3000, vol: 0.7 } }, rate: 0.04 };
 * const g = positionGreeks({ kind: 'option', underlying: 'ETH', quantity: -5, type: 'call', strike: 3200, expiry: 0.25 }, market);
 * console.log(g.delta < 0 && g.gamma < 0 && g.vega < 0); // true
 * console.log(g.cashDelta === g.delta * 3000); // true
 * ```
 */
export function positionGreeks(position: Position, market: Market): PositionGreeks {
  const { p, m } = validateOne(position, market);
  const v = new Float64Array(11);
  positionGreeksInto(p, m, v);
  checkFinite(v, 'position');
  return toPositionGreeks(v);
}

/** Fill missing entry prices of validated positions from a validated market. Internal. */
export function fillEntryPrices(ps: Position[], m: Market): Position[] {
  return ps.map((p) => {
    if ((p.kind === 'perp' || p.kind === 'future') && p.entryPrice === undefined) {
      const a = ownValue(m.assets, p.underlying)!;
      const e = p.kind === 'perp' ? perpMark(a) : forwardOf(a, m.rate ?? 0, p.expiry);
      return { ...p, entryPrice: e };
    }
    return p;
  });
}

/**
 * Copies of the positions (validated and normalised) with every missing perp/future `entryPrice` set from `market`:
 * the perp's mark, the future's forward. Revaluing these under another market gives the P&L of the move.
 *
 * @example
 * ```ts
 * import { withEntryPrices } from 'riskcore/greeks';
 * const [p] = withEntryPrices([{ kind: 'perp', underlying: 'BTC', quantity: 1 }], { assets: { BTC: { price: 60000 } } });
 * console.log(p.kind === 'perp' && p.entryPrice); // 60000
 * ```
 */
export function withEntryPrices(positions: Position[], market: Market): Position[] {
  const { positions: ps, market: m } = validateBook(positions, market);
  return fillEntryPrices(ps, m);
}

/**
 * Revaluation P&L of a book from `base` to `shocked`: Σ positionValue(p, shocked) − positionValue(p, base), with
 * missing entry prices fixed at `base` (so perps and futures carry the move). Profit positive.
 *
 * @example
 * ```ts
 * import { revaluePnL } from 'riskcore/greeks';
 * const base = { assets: { BTC: { price: 60000 } } };
 * const shocked = { assets: { BTC: { price: 54000 } } };
 * console.log(revaluePnL([{ kind: 'perp', underlying: 'BTC', quantity: -2 }], base, shocked)); // 12000
 * ```
 */
export function revaluePnL(positions: Position[], base: Market, shocked: Market): number {
  const { positions: ps, market: b } = validateBook(positions, base, { market: 'base' });
  const { market: sh } = validateBook(ps, shocked, { market: 'shocked' });
  const fixed = fillEntryPrices(ps, b);
  let pnl = 0;
  for (let i = 0; i < fixed.length; i++) {
    positionGreeksInto(fixed[i], sh, rec);
    const v1 = rec[0];
    positionGreeksInto(fixed[i], b, rec);
    const d = v1 - rec[0];
    if (!Number.isFinite(d))
      throw new RiskInputError(`positions[${i}]`, 'a position whose value is a finite double', undefined);
    pnl += d;
  }
  return pnl;
}
