/**
 * Scenario builders: price × vol grids, CME SPAN's 16-scenario risk array, and hypothetical events (stablecoin
 * depeg, liquid-staking-token depeg, stale or jumping oracle). Every builder returns plain {@link Scenario} data.
 */
import { RiskInputError } from '../core/errors.js';
import {
  checkArray,
  checkNumber,
  checkStrictObject,
  checkString,
  knownKeys,
  optionalEnum,
  optionalNumber,
} from '../core/validate.js';
import type { AssetMap, Scenario } from './scenario.js';
import { setOwn } from './scenario.js';

const GRID_KEYS = knownKeys('assets', 'priceMoves', 'volShifts', 'volMode');
const SPAN_KEYS = knownKeys('assets', 'priceScanRange', 'volScanRange', 'extremeMultiple', 'extremeWeight');
const DEPEG_KEYS = knownKeys('asset', 'depeg', 'haircutMultiplier', 'liquidityMultiplier');
const LST_KEYS = knownKeys('lst', 'base', 'discount', 'baseMove');
const STALE_KEYS = knownKeys('asset', 'move');
const JUMP_KEYS = knownKeys('asset', 'jump');

function assetKeys(assets: unknown, path: string): string[] {
  if (assets === undefined) return ['*'];
  return checkArray(assets, path, 1).map((a, i) => checkString(a, `${path}[${i}]`));
}

function mapOf(keys: string[], v: number): AssetMap {
  const m: AssetMap = {};
  for (const k of keys) setOwn(m, k, v);
  return m;
}

/** Options of {@link priceVolGrid}. */
export interface PriceVolGridOptions {
  /** Assets moved together; default every asset (`'*'`). */
  assets?: string[];
  /** Relative price moves, e.g. `[-0.3, -0.15, 0, 0.15, 0.3]` (each > −1). */
  priceMoves: number[];
  /** Vol changes; absolute vol units by default (`[-0.1, 0, 0.1]`), multipliers with `volMode: 'relative'`. */
  volShifts?: number[];
  /** `'absolute'` (default): vol + shift; `'relative'`: vol × (1 + shift). */
  volMode?: 'absolute' | 'relative';
}

/**
 * Every (price move, vol shift) pair, price moves outer: `priceMoves.length × volShifts.length` scenarios, named
 * `price −30% / vol +10`.
 *
 * @example
 * ```ts
 * import { priceVolGrid } from 'riskcore/stress';
 * const g = priceVolGrid({ priceMoves: [-0.2, 0, 0.2], volShifts: [-0.1, 0.1] });
 * console.log(g.length); // 6
 * console.log(g[0].name); // 'price -20% / vol -10'
 * ```
 */
export function priceVolGrid(options: PriceVolGridOptions): Scenario[] {
  checkStrictObject(options, 'options', GRID_KEYS);
  const keys = assetKeys(options?.assets, 'options.assets');
  const pm = checkArray(options.priceMoves, 'options.priceMoves', 1).map((x, i) =>
    checkNumber(x, `options.priceMoves[${i}]`, { gt: -1, le: 1e6 }),
  );
  const mode = optionalEnum(options.volMode, 'options.volMode', ['absolute', 'relative'] as const, 'absolute');
  const vs =
    options.volShifts === undefined
      ? [0]
      : checkArray(options.volShifts, 'options.volShifts', 1).map((x, i) =>
          checkNumber(x, `options.volShifts[${i}]`, mode === 'relative' ? { ge: -1, le: 1e6 } : { ge: -1e6, le: 1e6 }),
        );
  const pct = (x: number) => `${x > 0 ? '+' : ''}${+(x * 100).toFixed(6)}`;
  const out: Scenario[] = [];
  for (const p of pm) {
    for (const v of vs) {
      const s: Scenario = {
        name: `price ${pct(p)}% / vol ${pct(v)}${mode === 'relative' ? '%' : ''}`,
        source: 'hypothetical: price × vol grid',
        moves: mapOf(keys, p),
      };
      if (v !== 0) {
        if (mode === 'absolute') s.volShift = mapOf(keys, v);
        else s.volScale = mapOf(keys, 1 + v);
      }
      out.push(s);
    }
  }
  return out;
}

/** Options of {@link spanScenarios}. */
export interface SpanOptions {
  /** Assets scanned together; default every asset (`'*'`). */
  assets?: string[];
  /** Price scan range as a relative move (0.15 = ±15%), in (0, 1). */
  priceScanRange: number;
  /** Vol scan range in absolute vol units (0.1 = ±10 vol points), ≥ 0. */
  volScanRange: number;
  /** Extreme move as a multiple of the price scan range; default 3 (CME). */
  extremeMultiple?: number;
  /** Fraction of the extreme scenarios' loss that counts; default 0.35 (CME). */
  extremeWeight?: number;
}

/**
 * CME SPAN's standard 16 risk scenarios, in CME's order: 1–2 price unchanged with vol up/down the vol scan range;
 * 3–14 price up/down 1/3, 2/3 and 3/3 of the price scan range, each with vol up then down; 15–16 price up/down the
 * extreme move (`extremeMultiple` × range, default 3) with vol unchanged, carrying `weight` = `extremeWeight`
 * (default 0.35: only 35% of that loss counts). Source: CME Group, "SPAN Risk Arrays" (pubspan, scenarios 1–16,
 * https://www.cmegroup.com/confluence/display/pubspan/Risk+Arrays). Older texts show 2× at 35% (McMillan's
 * example: extreme futures move 7,000 = 0.35 × 2 × 10,000); pass `extremeMultiple: 2` for that.
 *
 * @example
 * ```ts
 * import { spanScenarios } from 'riskcore/stress';
 * const s = spanScenarios({ priceScanRange: 0.15, volScanRange: 0.1 });
 * console.log(s.length); // 16
 * console.log(s[15].moves['*']); // -0.45
 * console.log(s[15].weight); // 0.35
 * ```
 */
export function spanScenarios(options: SpanOptions): Scenario[] {
  checkStrictObject(options, 'options', SPAN_KEYS);
  const keys = assetKeys(options?.assets, 'options.assets');
  const psr = checkNumber(options.priceScanRange, 'options.priceScanRange', { gt: 0, lt: 1 });
  const vsr = checkNumber(options.volScanRange, 'options.volScanRange', { ge: 0 });
  const xm = optionalNumber(options.extremeMultiple, 'options.extremeMultiple', 3, { gt: 0 });
  const xw = optionalNumber(options.extremeWeight, 'options.extremeWeight', 0.35, { ge: 0, le: 1 });
  if (xm * psr >= 1)
    throw new RiskInputError(
      'options.extremeMultiple',
      `a multiple with extremeMultiple × priceScanRange < 1 (a fall of 100% or more), priceScanRange ${psr}`,
      xm,
    );
  const src = 'CME SPAN standard risk scenarios (cmegroup.com pubspan "Risk Arrays")';
  const out: Scenario[] = [];
  const add = (i: number, frac: number, volSign: number, weight?: number) => {
    const move = frac * psr;
    const s: Scenario = {
      name: `SPAN ${i}: price ${frac === 0 ? 'unchanged' : `${frac > 0 ? 'up' : 'down'} ${Math.abs(frac) === xm ? `extreme ${xm}×` : `${Math.round(Math.abs(frac) * 3)}/3`}`}${volSign === 0 ? '' : `, vol ${volSign > 0 ? 'up' : 'down'}`}`,
      source: src,
      moves: mapOf(keys, move),
    };
    if (volSign !== 0 && vsr !== 0) s.volShift = mapOf(keys, volSign * vsr);
    if (weight !== undefined) s.weight = weight;
    out.push(s);
  };
  add(1, 0, 1);
  add(2, 0, -1);
  let i = 3;
  for (const k of [1, 2, 3]) {
    for (const dir of [1, -1]) {
      add(i++, (dir * k) / 3, 1);
      add(i++, (dir * k) / 3, -1);
    }
  }
  add(15, xm, 0, xw);
  add(16, -xm, 0, xw);
  return out;
}

/**
 * A stablecoin losing its peg: its price falls by `depeg` (0.13 = trades at $0.87, USDC's low of 11 Mar 2023),
 * optionally with collateral haircuts multiplied and depth cut.
 *
 * @example
 * ```ts
 * import { stablecoinDepeg } from 'riskcore/stress';
 * console.log(stablecoinDepeg({ asset: 'USDC', depeg: 0.13 }).moves.USDC); // -0.13
 * ```
 */
export function stablecoinDepeg(options: {
  asset: string;
  depeg: number;
  haircutMultiplier?: number;
  liquidityMultiplier?: number;
}): Scenario {
  checkStrictObject(options, 'options', DEPEG_KEYS);
  const asset = checkString(options.asset, 'options.asset');
  const d = checkNumber(options.depeg, 'options.depeg', { gt: 0, lt: 1 });
  const s: Scenario = {
    name: `${asset} depeg to ${+(1 - d).toFixed(6)}`,
    source: 'hypothetical: stablecoin depeg',
    moves: { [asset]: -d },
  };
  if (options.haircutMultiplier !== undefined)
    s.haircutMultipliers = { [asset]: checkNumber(options.haircutMultiplier, 'options.haircutMultiplier', { ge: 0 }) };
  if (options.liquidityMultiplier !== undefined)
    s.liquidityMultipliers = {
      [asset]: checkNumber(options.liquidityMultiplier, 'options.liquidityMultiplier', { gt: 0 }),
    };
  return s;
}

/**
 * A liquid-staking token trading at a discount to its base asset: LST price × (1 + baseMove)(1 − discount), base
 * × (1 + baseMove). stETH traded up to ~8% below ETH in June 2022 (see `HISTORICAL_EVENTS`).
 *
 * @example
 * ```ts
 * import { lstDepeg } from 'riskcore/stress';
 * const s = lstDepeg({ lst: 'stETH', base: 'ETH', discount: 0.1, baseMove: -0.2 });
 * console.log(s.moves.stETH); // -0.28
 * ```
 */
export function lstDepeg(options: { lst: string; base: string; discount: number; baseMove?: number }): Scenario {
  checkStrictObject(options, 'options', LST_KEYS);
  const lst = checkString(options.lst, 'options.lst');
  const base = checkString(options.base, 'options.base');
  const disc = checkNumber(options.discount, 'options.discount', { gt: 0, lt: 1 });
  const bm = optionalNumber(options.baseMove, 'options.baseMove', 0, { gt: -1 });
  return {
    name: `${lst} ${+(disc * 100).toFixed(6)}% below ${base}`,
    source: 'hypothetical: liquid-staking-token depeg',
    moves: { [base]: bm, [lst]: (1 + bm) * (1 - disc) - 1 },
  };
}

/**
 * A stale oracle: the market moves by `move` while the oracle (mark) stays where it was. Positions marked at the
 * oracle (perps) show no loss and no margin call although the market has moved — the gap a cascade then closes.
 *
 * @example
 * ```ts
 * import { oracleStale } from 'riskcore/stress';
 * console.log(oracleStale({ asset: 'ETH', move: -0.2 }).oracleMoves.ETH); // 0
 * ```
 */
export function oracleStale(options: { asset: string; move: number }): Scenario {
  checkStrictObject(options, 'options', STALE_KEYS);
  const asset = checkString(options.asset, 'options.asset');
  const move = checkNumber(options.move, 'options.move', { gt: -1 });
  return {
    name: `${asset} oracle stale while the market moves ${+(move * 100).toFixed(6)}%`,
    source: 'hypothetical: stale oracle',
    moves: { [asset]: move },
    oracleMoves: { [asset]: 0 },
  };
}

/**
 * An oracle jump: the oracle (mark) moves by `jump` while the market does not (a bad print, a manipulated feed).
 *
 * @example
 * ```ts
 * import { oracleJump } from 'riskcore/stress';
 * console.log(oracleJump({ asset: 'BTC', jump: -0.5 }).oracleMoves.BTC); // -0.5
 * ```
 */
export function oracleJump(options: { asset: string; jump: number }): Scenario {
  checkStrictObject(options, 'options', JUMP_KEYS);
  const asset = checkString(options.asset, 'options.asset');
  const jump = checkNumber(options.jump, 'options.jump', { gt: -1 });
  return {
    name: `${asset} oracle jumps ${+(jump * 100).toFixed(6)}%`,
    source: 'hypothetical: oracle jump',
    moves: { [asset]: 0 },
    oracleMoves: { [asset]: jump },
  };
}
