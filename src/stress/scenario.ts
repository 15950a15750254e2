/**
 * Stress scenarios as plain data, and {@link applyScenario} which turns a market into the shocked market.
 *
 * Units: price moves are RELATIVE (−0.3 = the price falls 30%); vol shifts are absolute in vol units (+0.2 = +20
 * vol points) and vol scales are multipliers (1.5 = vol × 1.5); haircut and liquidity (depth) entries are
 * multipliers. The key `'*'` in any per-asset map applies to every asset not named.
 */
import { RiskInputError } from '../core/errors.js';
import type { AssetMarket, Market } from '../core/model.js';
import { validateMarket } from '../core/model.js';
import {
  checkArray,
  checkKeys,
  checkNumber,
  checkObject,
  checkString,
  joinPath,
  knownKeys,
  ownValue,
} from '../core/validate.js';

/** Per-asset numbers keyed by asset name; `'*'` is the default for assets not listed. */
export type AssetMap = Record<string, number>;

/** A stress scenario. Every field but `name` is optional; an empty scenario leaves the market unchanged. */
export interface Scenario {
  /** Short name, e.g. `'FTX collapse (Nov 2022)'`. */
  name: string;
  /** Where the numbers come from: a citation (URL and what was read) or `'hypothetical'`. */
  source?: string;
  /** Measurement window of historical moves, e.g. `'2020-03-12 00:00 → 2020-03-13 02:15 UTC, high to low'`. */
  window?: string;
  /** Relative price move per asset (−0.5 = −50%), in (−1, 10⁶]. Applied to `price`, and to `mark` unless `oracleMoves` says otherwise. */
  moves?: AssetMap;
  /**
   * Relative move of the oracle / mark price per asset when it differs from the market move: a stale oracle is
   * `oracleMoves: { BTC: 0 }` with `moves: { BTC: -0.2 }`; an oracle jump is an oracle move with no market move.
   * Perps mark at the oracle (`mark`); spot and options value at `price`.
   */
  oracleMoves?: AssetMap;
  /** Absolute vol shift per asset in vol units (+0.1 = +10 vol points), applied after `volScale`. */
  volShift?: AssetMap;
  /** Relative vol change per asset as a multiplier (1.25 = +25%); default 1. */
  volScale?: AssetMap;
  /** Correlation override: a number sets every off-diagonal of `market.correlation` (1 = all move together). */
  correlation?: number;
  /** Multipliers of collateral haircuts per asset (2 = haircuts doubled, capped at 1 by the user). */
  haircutMultipliers?: AssetMap;
  /** Multipliers of order-book depth per asset (0.3 = depth falls to 30%), used by liquidation cascades. */
  liquidityMultipliers?: AssetMap;
  /** Absolute shift of the quote rate (continuously compounded per year). */
  rateShift?: number;
  /** Weight applied to this scenario's loss when a worst case is taken (SPAN extreme moves: 0.35); default 1. */
  weight?: number;
}

const SCENARIO_KEYS = knownKeys(
  'name',
  'source',
  'window',
  'moves',
  'oracleMoves',
  'volShift',
  'volScale',
  'correlation',
  'haircutMultipliers',
  'liquidityMultipliers',
  'rateShift',
  'weight',
);

/** Set own property `key` of a record keyed by user data (`__proto__` included), never the prototype. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

function checkAssetMap(
  value: unknown,
  path: string,
  bounds: { gt?: number; ge?: number; le?: number },
): AssetMap | undefined {
  if (value === undefined) return undefined;
  const o = checkObject(value, path);
  const out: AssetMap = {};
  for (const k of Object.keys(o)) setOwn(out, k, checkNumber(o[k], joinPath(path, k), bounds));
  return out;
}

/** Largest scenario move, vol shift/scale and multiplier accepted. */
const MAX_FACTOR = 1e6;

/**
 * Validate a scenario; returns a normalised copy. Unknown fields are refused (a typo such as `move:` would
 * otherwise silently leave the market unchanged).
 *
 * @example
 * ```ts
 * import { validateScenario } from 'riskcore/stress';
 * const s = validateScenario({ name: 'BTC −30%', moves: { BTC: -0.3 } });
 * console.log(s.moves.BTC); // -0.3
 * ```
 */
export function validateScenario(value: unknown, path = 'scenario'): Scenario {
  const o = checkObject(value, path);
  checkKeys(o, path, SCENARIO_KEYS);
  const s: Scenario = { name: checkString(o.name, joinPath(path, 'name')) };
  if (o.source !== undefined) s.source = checkString(o.source, joinPath(path, 'source'));
  if (o.window !== undefined) s.window = checkString(o.window, joinPath(path, 'window'));
  // upper bounds (a 10⁶-fold move, 10⁶ vol points, ±1000% rates) keep every shocked figure a finite double
  const moves = checkAssetMap(o.moves, joinPath(path, 'moves'), { gt: -1, le: MAX_FACTOR });
  if (moves) s.moves = moves;
  const oracleMoves = checkAssetMap(o.oracleMoves, joinPath(path, 'oracleMoves'), { gt: -1, le: MAX_FACTOR });
  if (oracleMoves) s.oracleMoves = oracleMoves;
  const volShift = checkAssetMap(o.volShift, joinPath(path, 'volShift'), { ge: -MAX_FACTOR, le: MAX_FACTOR });
  if (volShift) s.volShift = volShift;
  const volScale = checkAssetMap(o.volScale, joinPath(path, 'volScale'), { ge: 0, le: MAX_FACTOR });
  if (volScale) s.volScale = volScale;
  if (o.correlation !== undefined)
    s.correlation = checkNumber(o.correlation, joinPath(path, 'correlation'), { ge: -1, le: 1 });
  const hm = checkAssetMap(o.haircutMultipliers, joinPath(path, 'haircutMultipliers'), { ge: 0, le: MAX_FACTOR });
  if (hm) s.haircutMultipliers = hm;
  const lm = checkAssetMap(o.liquidityMultipliers, joinPath(path, 'liquidityMultipliers'), { gt: 0, le: MAX_FACTOR });
  if (lm) s.liquidityMultipliers = lm;
  if (o.rateShift !== undefined)
    s.rateShift = checkNumber(o.rateShift, joinPath(path, 'rateShift'), { ge: -10, le: 10 });
  if (o.weight !== undefined) s.weight = checkNumber(o.weight, joinPath(path, 'weight'), { ge: 0, le: MAX_FACTOR });
  return s;
}

/**
 * Validate a list of scenarios (at least one); paths read `scenarios[3].moves.BTC`.
 *
 * @example
 * ```ts
 * import { validateScenarios } from 'riskcore/stress';
 * try {
 *   validateScenarios([{ name: 'ok' }, { name: 'bad', moves: { BTC: -1.5 } }]);
 * } catch (e) {
 *   console.log((e as Error).message); // 'scenarios[1].moves.BTC must be a finite number in (-1, 1000000], got -1.5'
 * }
 * ```
 */
export function validateScenarios(value: unknown, path = 'scenarios'): Scenario[] {
  return checkArray(value, path, 1).map((s, i) => validateScenario(s, `${path}[${i}]`));
}

/** The entry of a per-asset map for `asset`: its own, else `'*'`, else `fallback`. */
export function assetValue(map: AssetMap | undefined, asset: string, fallback: number): number {
  if (!map) return fallback;
  const v = ownValue(map, asset);
  if (v !== undefined) return v;
  const d = ownValue(map, '*');
  return d !== undefined ? d : fallback;
}

/** The shocked vol: max(0, vol × scale + shift). */
export function shockVol(vol: number, s: Scenario, asset: string): number {
  return Math.max(0, vol * assetValue(s.volScale, asset, 1) + assetValue(s.volShift, asset, 0));
}

/** Apply a validated scenario to a validated market (no checks; the inner loop of stress tests). */
export function applyScenarioUnchecked(market: Market, s: Scenario): Market {
  const assets: Record<string, AssetMarket> = {};
  for (const name of Object.keys(market.assets)) {
    const a = market.assets[name]; // own key: from Object.keys
    const move = assetValue(s.moves, name, 0);
    const oracleMove = assetValue(s.oracleMoves, name, move);
    const out: AssetMarket = { price: a.price * (1 + move) };
    if (a.mark !== undefined || oracleMove !== move) out.mark = (a.mark ?? a.price) * (1 + oracleMove);
    if (a.vol !== undefined) out.vol = shockVol(a.vol, s, name);
    if (a.smile) out.smile = { strikes: a.smile.strikes, vols: a.smile.vols.map((v) => shockVol(v, s, name)) };
    if (a.dividendYield !== undefined) out.dividendYield = a.dividendYield;
    setOwn(assets, name, out);
  }
  const shocked: Market = { assets, rate: (market.rate ?? 0) + (s.rateShift ?? 0) };
  if (market.quote !== undefined) shocked.quote = market.quote;
  if (market.correlation) {
    const c = market.correlation;
    shocked.correlation =
      s.correlation === undefined
        ? c
        : {
            assets: c.assets,
            matrix: c.matrix.map((row, i) => row.map((_x, j) => (i === j ? 1 : (s.correlation as number)))),
          };
  }
  return shocked;
}

/**
 * The market after a scenario: prices × (1 + move), marks × (1 + oracle move), vols max(0, vol × scale + shift)
 * (ATM vol and every smile point), rate + rateShift, and every off-diagonal correlation set to `correlation` when
 * given. Haircut and liquidity multipliers are not market data: stress tests and cascades read them from the
 * scenario. Position-level vol overrides are shifted by {@link stressTest}, not here. Assets a scenario names
 * that the market lacks are ignored, so one library scenario fits any book.
 *
 * @example
 * ```ts
 * import { applyScenario } from 'riskcore/stress';
 * const m = applyScenario({ assets: { BTC: { price: 60000, vol: 0.5 } } }, { name: 'crash', moves: { BTC: -0.25 }, volShift: { BTC: 0.3 } });
 * console.log(m.assets.BTC.price); // 45000
 * console.log(m.assets.BTC.vol); // 0.8
 * ```
 */
export function applyScenario(market: Market, scenario: Scenario): Market {
  const m = validateMarket(market, 'market');
  const s = validateScenario(scenario, 'scenario');
  const out = applyScenarioUnchecked(m, s);
  // the scenario's factors are bounded: a shocked figure overflows only from a market figure near the largest double
  for (const [name, a] of Object.entries(out.assets)) {
    for (const k of ['price', 'mark', 'vol'] as const) {
      const v = a[k];
      if (v !== undefined && !Number.isFinite(v))
        throw new RiskInputError(
          `market.assets.${name}.${k}`,
          `a ${k} that stays a finite double under scenario '${s.name}'`,
          m.assets[name][k],
        );
    }
    if (a.smile?.vols.some((v) => !Number.isFinite(v)))
      throw new RiskInputError(
        `market.assets.${name}.smile.vols`,
        `vols that stay finite doubles under scenario '${s.name}'`,
        m.assets[name].smile?.vols,
      );
  }
  return out;
}
