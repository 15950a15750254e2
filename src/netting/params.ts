/**
 * Margin parameters as data: size tiers for delta-one positions, the standard short-option formula, portfolio
 * margin scan ranges and scenario grids, add-ons and cross-underlying aggregation. Every default carries the
 * public source it was read from in its `source` field. Plain JSON (no functions, no `Infinity`: the last tier has
 * `upTo: null`).
 */
import { RiskInputError } from '../core/errors.js';
import { checkArray, checkEnum, checkNumber, checkObject, checkString, joinPath } from '../core/validate.js';

/** One size tier: rates apply to the part of the notional (quote currency) up to `upTo` (`null`: no bound). */
export interface MarginTier {
  /** Upper bound of the tier in quote-currency notional; `null` for the last, unbounded tier. */
  upTo: number | null;
  /** Initial margin rate (1 / max leverage) for notional in this tier. */
  initialRate: number;
  /** Maintenance margin rate for notional in this tier. */
  maintenanceRate: number;
}

/** Delta-one margin: tiers by notional, the rate rising with size (Binance / Hyperliquid / dYdX v4 style). */
export interface LinearMarginParams {
  /** Tiers in increasing `upTo`; rates non-decreasing. */
  tiers: MarginTier[];
  source: string;
}

/**
 * Standard (position-by-position) option margin, Deribit's published formula, per unit of underlying, in quote:
 * - short call: IM = max(imBase − OTM/S, imMin)·S + mark, MM = mm·S + mark;
 * - short put: MM = max(mm·S, mm·mark) + mark, IM = max(max(imBase − OTM/S, imMin)·S + mark, MM);
 * - long call/put: IM = MM = mark (the premium is held, no leverage on long options).
 * OTM = max(K − S, 0) for a call, max(S − K, 0) for a put; S the underlying price, mark the option's value.
 */
export interface OptionMarginParams {
  imBase: number;
  imMin: number;
  mm: number;
  source: string;
}

/** How the vol scan shocks an option's implied vol σ (T in days = expiry·365). */
export type VolScan =
  /** σ ± up/down vol points (SPAN's absolute volatility scan range). */
  | { mode: 'absolute'; up: number; down: number }
  /** σ·(1 ± up/down). */
  | { mode: 'relative'; up: number; down: number }
  /**
   * Deribit portfolio margin: σ_up = max(σ·(1 + up·(30/days)^p), minVolForShockUp), σ_down = max(σ·(1 − down·(30/days)^p), 0),
   * p = shortTermVegaPower when days < 30, else longTermVegaPower.
   */
  | { mode: 'deribit'; up: number; down: number; minVolForShockUp: number; shortTermVegaPower: number; longTermVegaPower: number };

/** Portfolio-margin parameters of one underlying. */
export interface PortfolioAssetParams {
  /** Price scan range as a fraction of the price (0.16 = ±16%); grid scenarios in `'range'` units are multiples of it. */
  priceRange: number;
  volScan: VolScan;
  /** Short option minimum (SPAN): this fraction of S per net short option (per strike and expiry); the scan risk is at least this. */
  shortOptionMinimum: number;
  /** Option contingency (Deribit): this fraction of S × Σ |option quantity|, added. */
  optionContingency: number;
  /** Futures roll contingency (Deribit): this fraction of S × the offsetting dated-futures quantity (min of long and short), added. Not subadditive. */
  futuresContingency: number;
  source: string;
}

/** Everything the engine needs for one underlying. */
export interface AssetMarginParams {
  linear: LinearMarginParams;
  option: OptionMarginParams;
  portfolio: PortfolioAssetParams;
}

/** One scenario of a grid: a price move, a vol move, and the fraction of the resulting loss that counts. */
export interface GridScenario {
  label: string;
  /** Price move: a multiple of the asset's `priceRange` (`priceUnit: 'range'`) or a relative move (`'fraction'`, −0.66 = −66%). */
  price: number;
  priceUnit: 'range' | 'fraction';
  /** Vol scenario: up or down by the asset's `volScan`, or unchanged. */
  vol: 'up' | 'down' | 'none';
  /** Fraction of the loss covered (SPAN extreme moves: 0.35). */
  weight: number;
}

/** A scenario grid as data. */
export interface ScenarioGrid {
  name: string;
  scenarios: GridScenario[];
  source: string;
}

/** How per-underlying portfolio risks R_k combine. */
export interface Aggregation {
  /** `'sum'`: Σ R_k. `'correlation'`: max(√(Σ ρ_kl R_k R_l), (1 − maxCredit)·Σ R_k). */
  method: 'sum' | 'correlation';
  /** Largest fraction of Σ R_k the correlation offset may credit (0.5: never below half of the sum). */
  maxCredit: number;
  /** Correlations; default `market.correlation`; a pair named by neither counts as 1 (no offset). */
  correlation?: { assets: string[]; matrix: number[][] };
}

/** All margin parameters. Plain data. */
export interface MarginParams {
  /** Per-underlying parameters; `'*'` applies to underlyings not listed. */
  assets: Record<string, AssetMarginParams>;
  /** The portfolio-margin scenario grid (shared by all underlyings; ranges per asset). */
  grid: ScenarioGrid;
  /** Portfolio maintenance margin = mmFactor × portfolio initial margin (Deribit `mm_factor`). */
  mmFactor: number;
  aggregation: Aggregation;
  /** Look-ahead time of the scenarios in years (SPAN: one trading day); options lose this much time to expiry. Default 0. */
  lookAheadYears: number;
  /** Collateral assets valued at 1 quote unit when the market gives them no price (a market price, e.g. of a depegged stablecoin, wins). */
  cashAssets: string[];
  /** Collateral haircuts per asset, fractions in [0, 1] (`'*'` for the rest; default 0). */
  haircuts: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------------------------
// Sources

const BINANCE_BTC = 'Binance Futures announcement "Updates to Leverage and Margin Tiers of Binance Futures Contracts (2021-03-18)", BTCUSDT 125x perpetual table (position notional, max leverage, maintenance margin, initial margin), binance.com/en/support/announcement/86cf9aa472574b8cb2e05bb751c2a9a6';
const HYPERLIQUID = 'Hyperliquid Docs, Trading › Margin tiers (hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers): mainnet tiers; maintenance rate = half the initial rate at max leverage; maintenance deduction makes margin continuous in size';
const DERIBIT_OPTIONS = 'Deribit standard margin for options as published (quoted by doc.tslab.pro "Deribit Margin Requirements Calculation" and Aevo\'s docs "Standard Margin"): short call IM = max(0.15 − OTM/S, 0.1)·S + mark, MM = 0.075·S + mark; short put IM = max(max(0.15 − OTM/S, 0.1)·S + mark, MM), MM = max(0.075·S, 0.075·mark) + mark; long options IM = MM = mark (deribit.freshdesk.com article 1000197268 "Margin requirements options")';
const DERIBIT_PM = 'Deribit API docs, private/pme/simulate example response (timestamp 1718619740501, 2024-06-17): btc_usd price_range 0.16, buckets_count 4, volatility_range_up 0.5, volatility_range_down 0.25, min_volatility_for_shock_up 0.5, short_term_vega_power 0.3, long_term_vega_power 0.13, mm_factor 0.8; vol-shock formula as mimicked by docs.oreome.com "Advanced Risk Scenarios"; contingencies from deribit.com/pages/docs/portfoliomargin (0.01 BTC per net short option per strike; 1% of underlying for offsetting futures)';

const tiers = (rows: Array<[number | null, number, number]>): MarginTier[] => rows.map(([upTo, initialRate, maintenanceRate]) => ({ upTo, initialRate, maintenanceRate }));

/** BTC delta-one tiers: Binance BTCUSDT (2021-03-18 table). */
export const BTC_LINEAR_TIERS: LinearMarginParams = {
  tiers: tiers([
    [50_000, 0.008, 0.004],
    [250_000, 0.01, 0.005],
    [1_000_000, 0.02, 0.01],
    [10_000_000, 0.05, 0.025],
    [20_000_000, 0.1, 0.05],
    [50_000_000, 0.2, 0.1],
    [100_000_000, 0.25, 0.125],
    [200_000_000, 0.333, 0.15],
    [300_000_000, 0.5, 0.25],
    [null, 1, 0.5],
  ]),
  source: BINANCE_BTC,
};

/** ETH delta-one tiers: Hyperliquid mainnet ETH (25× to 100M, 15× above; maintenance = half the initial rate). */
export const ETH_LINEAR_TIERS: LinearMarginParams = {
  tiers: tiers([
    [100_000_000, 1 / 25, 1 / 50],
    [null, 1 / 15, 1 / 30],
  ]),
  source: HYPERLIQUID,
};

/** Other assets: Hyperliquid's 10×/5× table (10× to 20M, 5× above). */
export const DEFAULT_LINEAR_TIERS: LinearMarginParams = {
  tiers: tiers([
    [20_000_000, 0.1, 0.05],
    [null, 0.2, 0.1],
  ]),
  source: HYPERLIQUID,
};

/** Deribit's standard option margin constants. */
export const DERIBIT_OPTION_MARGIN: OptionMarginParams = { imBase: 0.15, imMin: 0.1, mm: 0.075, source: DERIBIT_OPTIONS };

/** Deribit BTC portfolio-margin parameters (±16%, Deribit vol shocks, 1% option contingency off, SOM 1%). */
export const DERIBIT_BTC_PORTFOLIO: PortfolioAssetParams = {
  priceRange: 0.16,
  volScan: { mode: 'deribit', up: 0.5, down: 0.25, minVolForShockUp: 0.5, shortTermVegaPower: 0.3, longTermVegaPower: 0.13 },
  shortOptionMinimum: 0.01,
  optionContingency: 0,
  futuresContingency: 0,
  source: DERIBIT_PM,
};

/**
 * Deribit-style grid: `buckets` evenly spaced moves on each side of zero over the price range (9 points for 4),
 * each under vol up, unchanged and down; optionally Deribit's extended table (large moves under vol up only, a
 * fraction `weight` of the loss counted).
 *
 * @example
 * ```ts
 * import { deribitGrid } from 'riskcore/netting';
 * console.log(deribitGrid().scenarios.length); // 27
 * ```
 */
export function deribitGrid(opts: { buckets?: number; extended?: { moves: number[]; weight: number } | false } = {}): ScenarioGrid {
  checkObject(opts, 'opts');
  const buckets = checkNumber(opts.buckets ?? 4, 'buckets', { ge: 1, le: 50, integer: true });
  const scenarios: GridScenario[] = [];
  for (let i = -buckets; i <= buckets; i++) {
    for (const vol of ['up', 'none', 'down'] as const) {
      scenarios.push({ label: `${i >= 0 ? '+' : ''}${i}/${buckets} range, vol ${vol}`, price: i / buckets, priceUnit: 'range', vol, weight: 1 });
    }
  }
  if (opts.extended !== undefined && opts.extended !== false) {
    const ext = checkObject(opts.extended, 'extended');
    const w = checkNumber(ext.weight, 'extended.weight', { ge: 0, le: 1 });
    checkArray(ext.moves, 'extended.moves').forEach((raw, i) => {
      const m = checkNumber(raw, `extended.moves[${i}]`, { gt: -1, le: 1e6 });
      scenarios.push({ label: `extended ${m > 0 ? '+' : ''}${Math.round(m * 100)}%, vol up`, price: m, priceUnit: 'fraction', vol: 'up', weight: w });
    });
  }
  return {
    name: `deribit-${2 * buckets + 1}x3${opts.extended ? '+extended' : ''}`,
    scenarios,
    source: 'Deribit support "Portfolio Margin" (support.deribit.com/hc/en-us/articles/25944756247837): max price move broken into 9 evenly spaced buckets incl. zero, each under vol up/same/down; extended table e.g. −66%, −33%, +50%, +100%, +200%, +300%, +400%, +500% on vol up only, a fraction of the P&L',
  };
}

/**
 * CME SPAN's 16 scenarios: price unchanged, ±1/3, ±2/3, ±3/3 of the price scan range, each with vol up and down
 * (14), plus two extreme moves of `extremeMultiple` × the range with vol unchanged, `extremeCover` of the loss
 * counted. CME's current definition is 3× covered at 35%; the classic/NSE table and McMillan's worked example use
 * 2× at 35%.
 *
 * @example
 * ```ts
 * import { spanGrid } from 'riskcore/netting';
 * const g = spanGrid();
 * console.log(g.scenarios.length); // 16
 * console.log(g.scenarios[14].price); // 3
 * ```
 */
export function spanGrid(opts: { extremeMultiple?: number; extremeCover?: number } = {}): ScenarioGrid {
  checkObject(opts, 'opts');
  const xm = checkNumber(opts.extremeMultiple ?? 3, 'extremeMultiple', { gt: 0 });
  const xc = checkNumber(opts.extremeCover ?? 0.35, 'extremeCover', { ge: 0, le: 1 });
  const scenarios: GridScenario[] = [];
  const step = (k: number, s: string) => {
    for (const vol of ['up', 'down'] as const) scenarios.push({ label: `${s}, vol ${vol}`, price: k, priceUnit: 'range', vol, weight: 1 });
  };
  step(0, 'price unchanged');
  for (const k of [1, 2, 3]) {
    step(k / 3, `price up ${k}/3 range`);
    step(-k / 3, `price down ${k}/3 range`);
  }
  scenarios.push({ label: `price up extreme (${xm}× range), vol unchanged`, price: xm, priceUnit: 'range', vol: 'none', weight: xc });
  scenarios.push({ label: `price down extreme (${xm}× range), vol unchanged`, price: -xm, priceUnit: 'range', vol: 'none', weight: xc });
  return {
    name: `span-16 (extreme ${xm}× at ${Math.round(xc * 100)}%)`,
    scenarios,
    source: 'CME Group pubspan wiki "Risk Arrays" (scenarios 1–16: price unchanged, ±1/3, ±2/3, ±3/3 of the price scan range with volatility up/down; 15–16 extreme moves, 35% of the loss); the 2×-range variant is the table in LPU DCOM510 Financial Derivatives Table 12.1 (NSE SPAN) and McMillan, Options as a Strategic Investment, ch. 34',
  };
}

const DEFAULT_ASSET = (linear: LinearMarginParams): AssetMarginParams => ({
  linear,
  option: DERIBIT_OPTION_MARGIN,
  portfolio: DERIBIT_BTC_PORTFOLIO,
});

/**
 * Default parameters: BTC tiers from Binance, ETH and other assets from Hyperliquid, Deribit's option formula and
 * BTC portfolio-margin grid (27 scenarios, no extended table), mm_factor 0.8, sum across underlyings.
 */
export const DEFAULT_MARGIN_PARAMS: MarginParams = {
  assets: {
    BTC: DEFAULT_ASSET(BTC_LINEAR_TIERS),
    ETH: DEFAULT_ASSET(ETH_LINEAR_TIERS),
    '*': DEFAULT_ASSET(DEFAULT_LINEAR_TIERS),
  },
  grid: deribitGrid(),
  mmFactor: 0.8,
  aggregation: { method: 'sum', maxCredit: 0.5 },
  lookAheadYears: 0,
  cashAssets: ['USD', 'USDC', 'USDT'],
  haircuts: {},
};

/** Parameters for `underlying`: its own entry, else `'*'`. */
export function assetParams(params: MarginParams, underlying: string): AssetMarginParams {
  const a = params.assets[underlying] ?? params.assets['*'];
  if (!a) throw new RiskInputError(`params.assets.${underlying}`, "margin parameters for this underlying (or a '*' entry)", undefined);
  return a;
}

/**
 * Merge overrides into the defaults (shallow per top-level key; `assets` merged per asset) and validate.
 *
 * @example
 * ```ts
 * import { marginParams, spanGrid } from 'riskcore/netting';
 * const p = marginParams({ grid: spanGrid(), aggregation: { method: 'correlation', maxCredit: 0.3 } });
 * console.log(p.grid.scenarios.length, p.mmFactor); // '16 0.8'
 * ```
 */
export function marginParams(overrides: Partial<MarginParams> = {}): MarginParams {
  checkObject(overrides, 'overrides');
  if (overrides.assets !== undefined) checkObject(overrides.assets, 'overrides.assets');
  return validateMarginParams({
    ...DEFAULT_MARGIN_PARAMS,
    ...overrides,
    assets: { ...DEFAULT_MARGIN_PARAMS.assets, ...(overrides.assets ?? {}) },
  });
}

function validateTiers(value: unknown, path: string): MarginTier[] {
  const arr = checkArray(value, path, 1);
  let prevUp = 0;
  let prevIm = 0;
  let prevMm = 0;
  return arr.map((t, i) => {
    const tp = `${path}[${i}]`;
    const o = checkObject(t, tp);
    const last = i === arr.length - 1;
    let upTo: number | null;
    if (o.upTo === null || o.upTo === undefined) {
      if (!last) throw new RiskInputError(joinPath(tp, 'upTo'), 'a number (only the last tier may be unbounded)', o.upTo);
      upTo = null;
    } else {
      upTo = checkNumber(o.upTo, joinPath(tp, 'upTo'), { gt: prevUp });
      prevUp = upTo;
    }
    const initialRate = checkNumber(o.initialRate, joinPath(tp, 'initialRate'), { ge: prevIm, le: 10 });
    const maintenanceRate = checkNumber(o.maintenanceRate, joinPath(tp, 'maintenanceRate'), { ge: prevMm, le: initialRate });
    prevIm = initialRate;
    prevMm = maintenanceRate;
    return { upTo, initialRate, maintenanceRate };
  });
}

/** Validate a {@link VolScan}. Internal. */
export function validateVolScan(value: unknown, path: string): VolScan {
  const o = checkObject(value, path);
  const mode = checkEnum(o.mode, joinPath(path, 'mode'), ['absolute', 'relative', 'deribit'] as const);
  const up = checkNumber(o.up, joinPath(path, 'up'), { ge: 0, le: 1e6 });
  const down = checkNumber(o.down, joinPath(path, 'down'), mode === 'absolute' ? { ge: 0 } : { ge: 0, le: 1 });
  if (mode !== 'deribit') return { mode, up, down };
  return {
    mode, up, down,
    minVolForShockUp: checkNumber(o.minVolForShockUp, joinPath(path, 'minVolForShockUp'), { ge: 0 }),
    shortTermVegaPower: checkNumber(o.shortTermVegaPower, joinPath(path, 'shortTermVegaPower'), { ge: 0 }),
    longTermVegaPower: checkNumber(o.longTermVegaPower, joinPath(path, 'longTermVegaPower'), { ge: 0 }),
  };
}

function validateAsset(value: unknown, path: string): AssetMarginParams {
  const o = checkObject(value, path);
  const lin = checkObject(o.linear, joinPath(path, 'linear'));
  const opt = checkObject(o.option, joinPath(path, 'option'));
  const pm = checkObject(o.portfolio, joinPath(path, 'portfolio'));
  const op = joinPath(path, 'option');
  const pp = joinPath(path, 'portfolio');
  return {
    linear: { tiers: validateTiers(lin.tiers, joinPath(joinPath(path, 'linear'), 'tiers')), source: checkString(lin.source, joinPath(joinPath(path, 'linear'), 'source')) },
    option: {
      imBase: checkNumber(opt.imBase, joinPath(op, 'imBase'), { ge: 0 }),
      imMin: checkNumber(opt.imMin, joinPath(op, 'imMin'), { ge: 0 }),
      mm: checkNumber(opt.mm, joinPath(op, 'mm'), { ge: 0 }),
      source: checkString(opt.source, joinPath(op, 'source')),
    },
    portfolio: {
      priceRange: checkNumber(pm.priceRange, joinPath(pp, 'priceRange'), { gt: 0, lt: 1 }),
      volScan: validateVolScan(pm.volScan, joinPath(pp, 'volScan')),
      shortOptionMinimum: checkNumber(pm.shortOptionMinimum, joinPath(pp, 'shortOptionMinimum'), { ge: 0 }),
      optionContingency: checkNumber(pm.optionContingency, joinPath(pp, 'optionContingency'), { ge: 0 }),
      futuresContingency: checkNumber(pm.futuresContingency, joinPath(pp, 'futuresContingency'), { ge: 0 }),
      source: checkString(pm.source, joinPath(pp, 'source')),
    },
  };
}

/** Validate margin parameters (paths like `params.assets.BTC.linear.tiers[2].initialRate`); returns a normalised copy. */
export function validateMarginParams(value: unknown, path = 'params'): MarginParams {
  const o = checkObject(value, path);
  const assetsIn = checkObject(o.assets, joinPath(path, 'assets'));
  const assets: Record<string, AssetMarginParams> = {};
  for (const k of Object.keys(assetsIn)) assets[k] = validateAsset(assetsIn[k], joinPath(joinPath(path, 'assets'), k));
  const g = checkObject(o.grid, joinPath(path, 'grid'));
  const gp = joinPath(path, 'grid');
  const scenarios = checkArray(g.scenarios, joinPath(gp, 'scenarios'), 1).map((s, i) => {
    const sp = `${joinPath(gp, 'scenarios')}[${i}]`;
    const so = checkObject(s, sp);
    const priceUnit = checkEnum(so.priceUnit, joinPath(sp, 'priceUnit'), ['range', 'fraction'] as const);
    return {
      label: checkString(so.label, joinPath(sp, 'label')),
      price: checkNumber(so.price, joinPath(sp, 'price'), priceUnit === 'fraction' ? { gt: -1 } : {}),
      priceUnit,
      vol: checkEnum(so.vol, joinPath(sp, 'vol'), ['up', 'down', 'none'] as const),
      weight: checkNumber(so.weight, joinPath(sp, 'weight'), { ge: 0, le: 1 }),
    };
  });
  const ag = checkObject(o.aggregation, joinPath(path, 'aggregation'));
  const ap = joinPath(path, 'aggregation');
  const aggregation: Aggregation = {
    method: checkEnum(ag.method, joinPath(ap, 'method'), ['sum', 'correlation'] as const),
    maxCredit: checkNumber(ag.maxCredit, joinPath(ap, 'maxCredit'), { ge: 0, le: 1 }),
  };
  if (ag.correlation !== undefined) {
    const c = checkObject(ag.correlation, joinPath(ap, 'correlation'));
    const names = checkArray(c.assets, joinPath(joinPath(ap, 'correlation'), 'assets'), 1).map((a, i) => checkString(a, `${ap}.correlation.assets[${i}]`));
    const rows = checkArray(c.matrix, `${ap}.correlation.matrix`, names.length);
    const matrix = rows.map((r, i) => checkArray(r, `${ap}.correlation.matrix[${i}]`, names.length).map((x, j) => checkNumber(x, `${ap}.correlation.matrix[${i}][${j}]`, { ge: -1, le: 1 })));
    aggregation.correlation = { assets: names, matrix };
  }
  const haircutsIn = o.haircuts === undefined ? {} : checkObject(o.haircuts, joinPath(path, 'haircuts'));
  const haircuts: Record<string, number> = {};
  for (const k of Object.keys(haircutsIn)) haircuts[k] = checkNumber(haircutsIn[k], `${joinPath(path, 'haircuts')}.${k}`, { ge: 0, le: 1 });
  return {
    assets,
    grid: { name: checkString(g.name, joinPath(gp, 'name')), scenarios, source: checkString(g.source, joinPath(gp, 'source')) },
    mmFactor: checkNumber(o.mmFactor, joinPath(path, 'mmFactor'), { gt: 0, le: 1 }),
    aggregation,
    lookAheadYears: o.lookAheadYears === undefined ? 0 : checkNumber(o.lookAheadYears, joinPath(path, 'lookAheadYears'), { ge: 0 }),
    cashAssets: (o.cashAssets === undefined ? [] : checkArray(o.cashAssets, joinPath(path, 'cashAssets'))).map((a, i) => checkString(a, `${joinPath(path, 'cashAssets')}[${i}]`)),
    haircuts,
  };
}

/**
 * Tiered margin of a notional N (quote currency), as Binance and Hyperliquid compute it. Maintenance: each tier's
 * rate applies to the part of N inside the tier, which equals `N·rate(tier of N) − deduction(tier)` (Binance's
 * "maintenance amount", Hyperliquid's "maintenance deduction"), continuous in N. Initial: `N·initialRate` of the
 * tier N falls in (1 / the tier's max leverage; it steps up at tier bounds). Returns `[initial, maintenance]`.
 *
 * @example
 * ```ts
 * import { tieredMargin, BTC_LINEAR_TIERS } from 'riskcore/netting';
 * // 300,000 USDT of BTCUSDT: MM = 50k·0.4% + 200k·0.5% + 50k·1% = 200 + 1000 + 500; IM = 300k·2% (50× tier)
 * const [im, mm] = tieredMargin(300_000, BTC_LINEAR_TIERS.tiers);
 * console.log(mm); // 1700
 * console.log(im); // 6000
 * ```
 */
export function tieredMargin(notional: number, tiersIn: readonly MarginTier[]): [number, number] {
  const n = checkNumber(notional, 'notional', { ge: -1e300, le: 1e300 });
  return tierFigures(n, validateTiers(tiersIn, 'tiers'));
}

/** {@link tieredMargin} on validated tiers (the margin engine's inner call). Internal. */
export function tierFigures(notional: number, tiersIn: readonly MarginTier[]): [number, number] {
  const n = Math.abs(notional);
  let im = 0;
  let mm = 0;
  let lo = 0;
  for (const t of tiersIn) {
    const hi = t.upTo === null ? Infinity : t.upTo;
    if (n <= lo) break;
    mm += (Math.min(n, hi) - lo) * t.maintenanceRate;
    im = n * t.initialRate;
    lo = hi;
  }
  return [im, mm];
}
