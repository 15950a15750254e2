/**
 * The margin engine's inner layer: a {@link MarginContext} holds a validated market and parameters together with
 * everything accounts can share — shocked scenario markets per underlying and a risk-array cache (per-unit P&L of
 * each distinct instrument in every scenario, SPAN's "risk array"). Margining an account then costs one cache
 * look-up and one Float64 multiply-add per position and scenario.
 *
 * Risk math is in floats here; money (collateral, equity, margin) becomes exact decimals at the boundary.
 */
import { RiskInputError } from '../core/errors.js';
import { isPrepared, markPrepared } from '../core/brand.js';
import { checkEnum, checkNumber, ownValue } from '../core/validate.js';
import type { Market, OptionPosition, Position } from '../core/model.js';
import { optionVol, perpMark, validateMarket } from '../core/model.js';
import { forwardOf, positionValueUnchecked } from '../greeks/internal.js';
import { instrumentHash } from './instrumentHash.js';
import type { AssetMarginParams, GridScenario, MarginParams, VolScan } from './params.js';
import { assetParams, validateMarginParams, validateVolScan, DEFAULT_MARGIN_PARAMS } from './params.js';

/** A shared, precomputed margin context for one market snapshot and one parameter set. Treat as immutable. */
export interface MarginContext {
  readonly market: Market;
  readonly params: MarginParams;
  /** @internal scenario markets per underlying (one per grid scenario). */
  readonly scenarioMarkets: Map<string, Market[]>;
  /** @internal risk arrays (per-unit P&L per scenario, profit positive) by instrument key. */
  readonly riskArrays: Map<string, Float64Array>;
  /** @internal base value per unit by instrument key. */
  readonly baseValues: Map<string, number>;
  /** @internal instruments by (underlying and contract terms) → strike or entry → expiry → entries: no number-to-string keys on the hot path. */
  readonly instruments: Map<string, Map<number, Map<number, Map<number, InstrumentEntry[]>>>>;
}

/**
 * A cached instrument: its risk array and per-unit base value, and the numbers that identify it within its
 * underlying (`code`: kind, settlement, option type and model; `k2`: strike or entry price; `k3`: expiry; `vol`: an
 * option's own vol) with their hash. Those order instruments canonically (see `book.ts`). Internal.
 */
export interface InstrumentEntry {
  code: number;
  k2: number;
  k3: number;
  vol: number | undefined;
  /** {@link instrumentHash} of the four numbers above. */
  hash: number;
  ra: Float64Array;
  base: number;
}

/**
 * Validate a market and parameters once and prepare what every account margined against them shares: the
 * scenario markets and an (initially empty) risk-array cache filled as instruments are met. Pass the context to
 * {@link accountMargin} in place of `(market, params)` when margining many accounts on one snapshot.
 *
 * @example
 * ```ts
 * import { prepareMargin } from 'riskcore/netting';
 * const ctx = prepareMargin({ assets: { BTC: { price: 60000, vol: 0.6 } } });
 * console.log(ctx.params.grid.scenarios.length); // 27
 * ```
 */
export function prepareMargin(market: Market, params: MarginParams = DEFAULT_MARGIN_PARAMS): MarginContext {
  const m = validateMarket(market, 'market');
  const p = params === DEFAULT_MARGIN_PARAMS ? params : validateMarginParams(params, 'params');
  return prepareValidated(m, p);
}

const CONTEXT_BRAND = 'netting.context';

/** True only for a context {@link prepareMargin} (or the library's own `prepareValidated`) made. Internal. */
export function isMarginContext(value: unknown): value is MarginContext {
  return isPrepared(value, CONTEXT_BRAND);
}

/** Context from an already validated market and params (branded as prepared). Internal. */
export function prepareValidated(m: Market, p: MarginParams): MarginContext {
  const scenarioMarkets = new Map<string, Market[]>();
  for (const u of Object.keys(m.assets)) {
    const ap = ownValue(p.assets, u) ?? ownValue(p.assets, '*');
    if (!ap) continue; // checked when a position on u is met
    const a = m.assets[u];
    const list: Market[] = [];
    p.grid.scenarios.forEach((s, i) => {
      const move = scenarioMove(s, ap);
      if (!(move > -1)) {
        throw new RiskInputError(
          `params.assets.${ownValue(p.assets, u) ? u : '*'}.portfolio.priceRange`,
          `a range whose grid moves keep the price above 0 (scenario ${i} '${s.label}' moves it by ${move})`,
          ap.portfolio.priceRange,
        );
      }
      const shocked = {
        ...a,
        price: a.price * (1 + move),
        ...(a.mark !== undefined ? { mark: a.mark * (1 + move) } : {}),
      };
      list.push({ ...m, assets: { ...m.assets, [u]: shocked } });
    });
    scenarioMarkets.set(u, list);
  }
  const ctx: MarginContext = {
    market: m,
    params: p,
    scenarioMarkets,
    riskArrays: new Map(),
    baseValues: new Map(),
    instruments: new Map(),
  };
  return markPrepared(Object.freeze(ctx), CONTEXT_BRAND);
}

/** Relative price move of a scenario for an asset. */
export function scenarioMove(s: GridScenario, ap: AssetMarginParams): number {
  return s.priceUnit === 'range' ? s.price * ap.portfolio.priceRange : s.price;
}

/**
 * The shocked implied vol of an option of time to expiry `t` years under a vol scan (see {@link VolScan}).
 *
 * @example
 * ```ts
 * import { shockVol } from 'riskcore/netting';
 * const deribit = { mode: 'deribit', up: 0.5, down: 0.25, minVolForShockUp: 0.5, shortTermVegaPower: 0.3, longTermVegaPower: 0.13 } as const;
 * // 30 days: (30/30)^0.3 = 1 → 0.6·1.5 = 0.9 up, 0.6·0.75 = 0.45 down
 * console.log(shockVol(0.6, 30 / 365, deribit, 'up')); // 0.9
 * console.log(shockVol(0.6, 30 / 365, deribit, 'down')); // 0.45
 * ```
 */
export function shockVol(vol: number, t: number, scan: VolScan, dir: 'up' | 'down' | 'none'): number {
  return shockVolChecked(
    checkNumber(vol, 'vol', { ge: 0, le: 1e6 }),
    checkNumber(t, 't', { ge: 0, le: 1e6 }),
    validateVolScan(scan, 'scan'),
    checkEnum(dir, 'dir', ['up', 'down', 'none'] as const),
  );
}

/** {@link shockVol} on validated inputs (the engine's per-instrument call). Internal. */
export function shockVolChecked(vol: number, t: number, scan: VolScan, dir: 'up' | 'down' | 'none'): number {
  if (dir === 'none') return vol;
  switch (scan.mode) {
    case 'absolute':
      return dir === 'up' ? vol + scan.up : Math.max(vol - scan.down, 0);
    case 'relative':
      return dir === 'up' ? vol * (1 + scan.up) : vol * (1 - scan.down);
    case 'deribit': {
      const days = Math.max(t * 365, 1 / 24);
      const f = (30 / days) ** (days < 30 ? scan.shortTermVegaPower : scan.longTermVegaPower);
      return dir === 'up'
        ? Math.max(vol * (1 + scan.up * f), scan.minVolForShockUp)
        : Math.max(vol * (1 - scan.down * f), 0);
    }
  }
}

/** Cache key of a position's instrument (everything but the quantity). */
export function instrumentKey(p: Position): string {
  switch (p.kind) {
    case 'spot':
      return `s|${p.underlying}`;
    case 'perp':
      return `p|${p.underlying}|${p.settlement}|${p.entryPrice}`;
    case 'future':
      return `f|${p.underlying}|${p.expiry}|${p.settlement}|${p.entryPrice}`;
    case 'option':
      return `o|${p.underlying}|${p.type}|${p.strike}|${p.expiry}|${p.settlement}|${p.model}|${p.vol}`;
  }
}

/** A perp/future with its entry fixed at the base market (so that it carries the move). */
export function fixEntry(p: Position, m: Market): Position {
  if ((p.kind === 'perp' || p.kind === 'future') && p.entryPrice === undefined) {
    const a = m.assets[p.underlying];
    return { ...p, entryPrice: p.kind === 'perp' ? perpMark(a) : forwardOf(a, m.rate ?? 0, p.expiry) };
  }
  return p;
}

/**
 * The risk array of a position's instrument: per-unit P&L (profit positive, quote currency) in every grid
 * scenario, full revaluation. Cached in the context. The position must be validated with its entry fixed.
 */
export function riskArray(ctx: MarginContext, p: Position, key = instrumentKey(p)): Float64Array {
  let ra = ctx.riskArrays.get(key);
  if (ra) return ra;
  const { params, market } = ctx;
  const ap = assetParams(params, p.underlying);
  const markets = ctx.scenarioMarkets.get(p.underlying);
  if (!markets) throw new RiskInputError('position.underlying', 'an asset present in market.assets', p.underlying);
  const unit = { ...p, quantity: 1 } as Position;
  const base = positionValueUnchecked(unit, market);
  const scen = params.grid.scenarios;
  ra = new Float64Array(scen.length);
  if (unit.kind === 'option') {
    const sigma = optionVol(unit, market.assets[unit.underlying]);
    const t1 = Math.max(unit.expiry - params.lookAheadYears, 0);
    const byDir: Record<string, OptionPosition> = {};
    for (const dir of ['up', 'down', 'none'] as const)
      byDir[dir] = { ...unit, vol: shockVolChecked(sigma, unit.expiry, ap.portfolio.volScan, dir), expiry: t1 };
    for (let s = 0; s < scen.length; s++) ra[s] = positionValueUnchecked(byDir[scen[s].vol], markets[s]) - base;
  } else {
    for (let s = 0; s < scen.length; s++) ra[s] = positionValueUnchecked(unit, markets[s]) - base;
  }
  for (let s = 0; s < scen.length; s++) {
    if (!Number.isFinite(ra[s]))
      throw new RiskInputError('position', 'an instrument whose scenario values are finite', undefined, key);
  }
  ctx.riskArrays.set(key, ra);
  ctx.baseValues.set(key, base);
  return ra;
}

/**
 * The cached risk array and base value of a validated position's instrument (entry fixed), found through nested
 * maps keyed by numbers. Internal: the hot path of {@link accountMargin}.
 */
export function instrumentEntry(ctx: MarginContext, p: Position): InstrumentEntry {
  let code: number, k2: number, k3: number, vol: number | undefined;
  switch (p.kind) {
    case 'option':
      code =
        (p.type === 'put' ? 1 : 0) +
        (p.settlement === 'inverse' ? 2 : 0) +
        (p.model === 'black76' ? 4 : p.model === 'bachelier' ? 8 : 0);
      k2 = p.strike;
      k3 = p.expiry;
      vol = p.vol;
      break;
    case 'perp':
      code = p.settlement === 'inverse' ? 17 : 16;
      k2 = p.entryPrice ?? -1;
      k3 = 0;
      break;
    case 'future':
      code = p.settlement === 'inverse' ? 19 : 18;
      k2 = p.entryPrice ?? -1;
      k3 = p.expiry;
      break;
    default:
      code = 20;
      k2 = 0;
      k3 = 0;
  }
  let m1 = ctx.instruments.get(p.underlying);
  if (!m1) ctx.instruments.set(p.underlying, (m1 = new Map()));
  let m2 = m1.get(code);
  if (!m2) m1.set(code, (m2 = new Map()));
  let m3 = m2.get(k2);
  if (!m3) m2.set(k2, (m3 = new Map()));
  let list = m3.get(k3);
  if (!list) m3.set(k3, (list = []));
  for (let i = 0; i < list.length; i++) if (list[i].vol === vol) return list[i];
  const key = instrumentKey(p);
  const ra = riskArray(ctx, p, key);
  const base = ctx.baseValues.get(key) as number;
  const e: InstrumentEntry = { code, k2, k3, vol, hash: instrumentHash(code, k2, k3, vol), ra, base };
  list.push(e);
  return e;
}

/** Per-unit value of an instrument at the context's market (cached alongside its risk array). */
export function unitValue(ctx: MarginContext, p: Position, key = instrumentKey(p)): number {
  let v = ctx.baseValues.get(key);
  if (v === undefined) {
    riskArray(ctx, p, key);
    v = ctx.baseValues.get(key) as number;
  }
  return v;
}

/** Delta-one units of a linear position (coin units): linear q; inverse q/E (USD face over entry); futures × e^{(r−y)T}. */
export function deltaOneUnits(p: Position, m: Market): number {
  const a = m.assets[p.underlying];
  switch (p.kind) {
    case 'spot':
      return p.quantity;
    case 'perp': {
      const mk = perpMark(a);
      return p.settlement === 'inverse'
        ? (p.quantity * (mk / a.price)) / (p.entryPrice ?? mk)
        : p.quantity * (mk / a.price);
    }
    case 'future': {
      const c = Math.exp(((m.rate ?? 0) - (a.dividendYield ?? 0)) * p.expiry);
      return p.settlement === 'inverse' ? (p.quantity * c) / (p.entryPrice ?? a.price * c) : p.quantity * c;
    }
    case 'option':
      return 0;
  }
}

/**
 * Standard margin of `quantity` units of an option (Deribit's formula, see {@link OptionMarginParams}):
 * `[initial, maintenance]` in quote currency. `p` gives the contract terms (its own quantity is not read); `mark`
 * is the option's value per unit (USD).
 */
export function optionStandardMargin(
  p: OptionPosition,
  quantity: number,
  s: number,
  mark: number,
  op: AssetMarginParams['option'],
): [number, number] {
  const q = Math.abs(quantity);
  if (quantity >= 0) return [q * mark, q * mark];
  // Bachelier strikes may be ≤ 0; OTM distance is clamped at 0 either way
  const otm = p.type === 'call' ? Math.max(p.strike - s, 0) : Math.max(s - p.strike, 0);
  const imCore = Math.max(op.imBase - otm / s, op.imMin) * s + mark;
  if (p.type === 'call') return [q * imCore, q * (op.mm * s + mark)];
  const mm = Math.max(op.mm * s, op.mm * mark) + mark;
  return [q * Math.max(imCore, mm), q * mm];
}
