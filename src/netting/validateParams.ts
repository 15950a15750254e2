/**
 * Validation of margin parameters (strict: unknown keys are refused with a did-you-mean), the merge of overrides
 * into the defaults, and the per-underlying look-up (own properties only: asset names are user data).
 */
import { RiskInputError } from '../core/errors.js';
import {
  checkArray,
  checkEnum,
  checkKeys,
  checkNumber,
  checkObject,
  checkStrictObject,
  checkString,
  joinPath,
  knownKeys,
  ownValue,
} from '../core/validate.js';
import type { AssetMarginParams, Aggregation, MarginParams, MarginTier, VolScan } from './paramsTypes.js';
import { DEFAULT_MARGIN_PARAMS } from './presets/defaults.js';
import { setOwn } from './ownRecord.js';

const PARAMS_KEYS = knownKeys('assets', 'grid', 'mmFactor', 'aggregation', 'lookAheadYears', 'cashAssets', 'haircuts');
const ASSET_KEYS = knownKeys('linear', 'option', 'portfolio');
const LINEAR_KEYS = knownKeys('tiers', 'source');
const TIER_KEYS = knownKeys('upTo', 'initialRate', 'maintenanceRate');
const OPTION_KEYS = knownKeys('imBase', 'imMin', 'mm', 'source');
const PORTFOLIO_KEYS = knownKeys(
  'priceRange',
  'volScan',
  'shortOptionMinimum',
  'optionContingency',
  'futuresContingency',
  'source',
);
const SCAN_KEYS = knownKeys('mode', 'up', 'down');
const DERIBIT_SCAN_KEYS = knownKeys(
  'mode',
  'up',
  'down',
  'minVolForShockUp',
  'shortTermVegaPower',
  'longTermVegaPower',
);
const GRID_KEYS = knownKeys('name', 'scenarios', 'source');
const SCENARIO_KEYS = knownKeys('label', 'price', 'priceUnit', 'vol', 'weight');
const AGGREGATION_KEYS = knownKeys('method', 'maxCredit', 'correlation');
const CORRELATION_KEYS = knownKeys('assets', 'matrix');

/** Parameters for `underlying`: its own entry, else `'*'` (own properties only: `constructor` is an asset name). */
export function assetParams(params: MarginParams, underlying: string): AssetMarginParams {
  const a = ownValue(params.assets, underlying) ?? ownValue(params.assets, '*');
  if (!a)
    throw new RiskInputError(
      `params.assets.${underlying}`,
      "margin parameters for this underlying (or a '*' entry)",
      undefined,
    );
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
  const o = checkStrictObject(overrides, 'overrides', PARAMS_KEYS);
  const assets: Record<string, AssetMarginParams> = { ...DEFAULT_MARGIN_PARAMS.assets };
  if (o.assets !== undefined) {
    const given = checkObject(o.assets, 'overrides.assets');
    for (const k of Object.keys(given)) setOwn(assets, k, given[k] as AssetMarginParams);
  }
  return validateMarginParams({ ...DEFAULT_MARGIN_PARAMS, ...o, assets }, 'params');
}

/** Validate a tier table (strictly increasing bounds, non-decreasing rates). Internal. */
export function validateTiers(value: unknown, path: string): MarginTier[] {
  const arr = checkArray(value, path, 1);
  let prevUp = 0;
  let prevIm = 0;
  let prevMm = 0;
  return arr.map((t, i) => {
    const tp = `${path}[${i}]`;
    const o = checkStrictObject(t, tp, TIER_KEYS);
    const last = i === arr.length - 1;
    let upTo: number | null;
    if (o.upTo === null || o.upTo === undefined) {
      if (!last)
        throw new RiskInputError(joinPath(tp, 'upTo'), 'a number (only the last tier may be unbounded)', o.upTo);
      upTo = null;
    } else {
      upTo = checkNumber(o.upTo, joinPath(tp, 'upTo'), { gt: prevUp });
      prevUp = upTo;
    }
    const initialRate = checkNumber(o.initialRate, joinPath(tp, 'initialRate'), { ge: prevIm, le: 10 });
    const maintenanceRate = checkNumber(o.maintenanceRate, joinPath(tp, 'maintenanceRate'), {
      ge: prevMm,
      le: initialRate,
    });
    prevIm = initialRate;
    prevMm = maintenanceRate;
    return { upTo, initialRate, maintenanceRate };
  });
}

/** Validate a {@link VolScan}. Internal. */
export function validateVolScan(value: unknown, path: string): VolScan {
  // keys first against every scan field (a misspelt `mode` is named as such), then against the mode's own fields
  const o = checkStrictObject(value, path, DERIBIT_SCAN_KEYS);
  const mode = checkEnum(o.mode, joinPath(path, 'mode'), ['absolute', 'relative', 'deribit'] as const);
  if (mode !== 'deribit') checkKeys(o, path, SCAN_KEYS);
  const up = checkNumber(o.up, joinPath(path, 'up'), { ge: 0, le: 1e6 });
  const down = checkNumber(o.down, joinPath(path, 'down'), mode === 'absolute' ? { ge: 0 } : { ge: 0, le: 1 });
  if (mode !== 'deribit') return { mode, up, down };
  return {
    mode,
    up,
    down,
    minVolForShockUp: checkNumber(o.minVolForShockUp, joinPath(path, 'minVolForShockUp'), { ge: 0 }),
    shortTermVegaPower: checkNumber(o.shortTermVegaPower, joinPath(path, 'shortTermVegaPower'), { ge: 0 }),
    longTermVegaPower: checkNumber(o.longTermVegaPower, joinPath(path, 'longTermVegaPower'), { ge: 0 }),
  };
}

function validateAsset(value: unknown, path: string): AssetMarginParams {
  const o = checkStrictObject(value, path, ASSET_KEYS);
  const lp = joinPath(path, 'linear');
  const op = joinPath(path, 'option');
  const pp = joinPath(path, 'portfolio');
  const lin = checkStrictObject(o.linear, lp, LINEAR_KEYS);
  const opt = checkStrictObject(o.option, op, OPTION_KEYS);
  const pm = checkStrictObject(o.portfolio, pp, PORTFOLIO_KEYS);
  return {
    linear: {
      tiers: validateTiers(lin.tiers, joinPath(lp, 'tiers')),
      source: checkString(lin.source, joinPath(lp, 'source')),
    },
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

function validateAggregation(value: unknown, ap: string): Aggregation {
  const ag = checkStrictObject(value, ap, AGGREGATION_KEYS);
  const aggregation: Aggregation = {
    method: checkEnum(ag.method, joinPath(ap, 'method'), ['sum', 'correlation'] as const),
    maxCredit: checkNumber(ag.maxCredit, joinPath(ap, 'maxCredit'), { ge: 0, le: 1 }),
  };
  if (ag.correlation !== undefined) {
    const cp = joinPath(ap, 'correlation');
    const c = checkStrictObject(ag.correlation, cp, CORRELATION_KEYS);
    const names = checkArray(c.assets, joinPath(cp, 'assets'), 1).map((a, i) => checkString(a, `${cp}.assets[${i}]`));
    const rows = checkArray(c.matrix, `${cp}.matrix`, names.length);
    const matrix = rows.map((r, i) =>
      checkArray(r, `${cp}.matrix[${i}]`, names.length).map((x, j) =>
        checkNumber(x, `${cp}.matrix[${i}][${j}]`, { ge: -1, le: 1 }),
      ),
    );
    aggregation.correlation = { assets: names, matrix };
  }
  return aggregation;
}

/**
 * Validate margin parameters (paths like `params.assets.BTC.linear.tiers[2].initialRate`); returns a normalised copy.
 * Strict: a key that is not a field (`params.mmfactor`) is refused with the closest field named. `assets` and
 * `haircuts` are records keyed by asset names (any name, `constructor` and `__proto__` included).
 */
export function validateMarginParams(value: unknown, path = 'params'): MarginParams {
  const o = checkStrictObject(value, path, PARAMS_KEYS);
  const assetsIn = checkObject(o.assets, joinPath(path, 'assets'));
  const assets: Record<string, AssetMarginParams> = {};
  for (const k of Object.keys(assetsIn))
    setOwn(assets, k, validateAsset(assetsIn[k], joinPath(joinPath(path, 'assets'), k)));
  const gp = joinPath(path, 'grid');
  const g = checkStrictObject(o.grid, gp, GRID_KEYS);
  const scenarios = checkArray(g.scenarios, joinPath(gp, 'scenarios'), 1).map((s, i) => {
    const sp = `${joinPath(gp, 'scenarios')}[${i}]`;
    const so = checkStrictObject(s, sp, SCENARIO_KEYS);
    const priceUnit = checkEnum(so.priceUnit, joinPath(sp, 'priceUnit'), ['range', 'fraction'] as const);
    return {
      label: checkString(so.label, joinPath(sp, 'label')),
      price: checkNumber(so.price, joinPath(sp, 'price'), priceUnit === 'fraction' ? { gt: -1 } : {}),
      priceUnit,
      vol: checkEnum(so.vol, joinPath(sp, 'vol'), ['up', 'down', 'none'] as const),
      weight: checkNumber(so.weight, joinPath(sp, 'weight'), { ge: 0, le: 1 }),
    };
  });
  const haircutsIn = o.haircuts === undefined ? {} : checkObject(o.haircuts, joinPath(path, 'haircuts'));
  const haircuts: Record<string, number> = {};
  for (const k of Object.keys(haircutsIn))
    setOwn(haircuts, k, checkNumber(haircutsIn[k], `${joinPath(path, 'haircuts')}.${k}`, { ge: 0, le: 1 }));
  return {
    assets,
    grid: {
      name: checkString(g.name, joinPath(gp, 'name')),
      scenarios,
      source: checkString(g.source, joinPath(gp, 'source')),
    },
    mmFactor: checkNumber(o.mmFactor, joinPath(path, 'mmFactor'), { gt: 0, le: 1 }),
    aggregation: validateAggregation(o.aggregation, joinPath(path, 'aggregation')),
    lookAheadYears:
      o.lookAheadYears === undefined ? 0 : checkNumber(o.lookAheadYears, joinPath(path, 'lookAheadYears'), { ge: 0 }),
    cashAssets: (o.cashAssets === undefined ? [] : checkArray(o.cashAssets, joinPath(path, 'cashAssets'))).map((a, i) =>
      checkString(a, `${joinPath(path, 'cashAssets')}[${i}]`),
    ),
    haircuts,
  };
}
