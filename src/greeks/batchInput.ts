/**
 * The inputs of the batch functions: the column types, and their object-level validation (types, lengths,
 * model/settlement, known keys). Elements are validated block by block by the kernels, while in cache. Internal.
 */
import { RiskInputError } from '../core/errors.js';
import type { PricingModel, Settlement } from '../core/model.js';
import {
  checkPlausible,
  checkStrictObject,
  joinPath,
  knownKeys,
  optionalEnum,
  PLAUSIBLE,
  readAllowExtreme,
} from '../core/validate.js';
import { BACHELIER, BLACK76, BSM, GREEK_NAMES } from './price.js';

/** A column of numbers, or one number for every row. */

export type Column = Float64Array | number;

/** Input columns of {@link optionPriceBatch} / {@link optionGreeksBatch}; all columns have the same length. */
export interface OptionColumns {
  /** One model for the whole batch; default `'bsm'`. */
  model?: PricingModel;
  /** One settlement for the whole batch; default `'linear'` (`'inverse'`: coin values, bsm/black76 only). */
  settlement?: Settlement;
  /** Spot prices (bsm), > 0. */
  spot?: Float64Array;
  /** Forward prices (black76 > 0; bachelier any finite). */
  forward?: Float64Array;
  /** Strikes (> 0; bachelier any finite). */
  strike: Float64Array;
  /** Years to expiry, ≥ 0. */
  expiry: Float64Array;
  /** Vols ≥ 0 (bachelier: absolute). */
  vol: Float64Array;
  /** Rates (column or one number); default 0. */
  rate?: Column;
  /** Dividend yields (bsm; column or one number); default 0. */
  dividendYield?: Column;
  /** 1 for a call, 0 for a put. */
  isCall: Float64Array | Uint8Array;
  /**
   * Set `true` to accept rows that are usually unit slips, as `allowExtreme` of {@link optionPrice}: a lognormal
   * vol above 5 (500%; bsm, black76), a rate or dividend yield above 1 (100%) in magnitude, an expiry above 10 years.
   * Without it such a row is refused with a hint, naming its element (`cols.vol[17]`).
   */
  allowExtreme?: boolean;
}

/** Output columns of {@link optionGreeksBatch}; each at least as long as the input columns. */
export interface GreeksColumns {
  price: Float64Array;
  delta: Float64Array;
  gamma: Float64Array;
  vega: Float64Array;
  theta: Float64Array;
  rho: Float64Array;
  vanna: Float64Array;
  volga: Float64Array;
  charm: Float64Array;
}

/** Validated batch columns, as the kernels read them. */
export interface Prepared {
  model: number;
  inverse: boolean;
  n: number;
  /** Name of the underlying column ('spot' or 'forward'), for error paths. */
  xName: string;
  x: Float64Array;
  k: Float64Array;
  t: Float64Array;
  v: Float64Array;
  /** Rate column, or null when `rate` is one number (then `rScalar`). */
  r: Float64Array | null;
  rScalar: number;
  /** Dividend-yield column (bsm), or null (then `qScalar`; black76/bachelier: 0 here, the carry is handled per model). */
  q: Float64Array | null;
  qScalar: number;
  c: Float64Array | Uint8Array;
  /** `allowExtreme` of the columns: the unit-slip bounds are off. */
  extreme: boolean;
  /**
   * Exclusive upper limits of the kernels' screen: expiry < tLim, vol < vLim, |rate|, |yield| < rLim. The next
   * double above the {@link PLAUSIBLE} maximum (so `< lim` is `<= max`), or Infinity (finite only) when the bound
   * is off: `allowExtreme`, or the vol of bachelier (absolute vols, no unit-slip bound).
   */
  tLim: number;
  vLim: number;
  rLim: number;
}

/** The next double above a positive finite x. */
function nextUp(x: number): number {
  const b = new Float64Array([x]);
  const u = new BigUint64Array(b.buffer);
  u[0] += 1n;
  return b[0];
}

const T_LIM = nextUp(PLAUSIBLE.expiry.max);
const V_LIM = nextUp(PLAUSIBLE.vol.max);
const R_LIM = nextUp(PLAUSIBLE.rate.max);

function inColumn(value: unknown, path: string, n: number | undefined): Float64Array {
  if (!(value instanceof Float64Array)) throw new RiskInputError(path, 'a Float64Array', value);
  if (n !== undefined && value.length !== n)
    throw new RiskInputError(path, `a Float64Array of length ${n} (as the other columns)`, value);
  return value;
}

function scalarOrColumn(value: unknown, path: string, n: number): Float64Array | number {
  if (value === undefined) return 0;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RiskInputError(path, 'a finite number or a Float64Array', value);
    return value;
  }
  return inColumn(value, path, n);
}

const MODELS = ['bsm', 'black76', 'bachelier'] as const;
const COLUMN_KEYS = knownKeys(
  'model',
  'settlement',
  'spot',
  'forward',
  'strike',
  'expiry',
  'vol',
  'rate',
  'dividendYield',
  'isCall',
  'allowExtreme',
);
export const OUT_KEYS = knownKeys(...GREEK_NAMES);

/** Object-level checks (types, lengths, model/settlement); the elements are checked block by block in {@link fillBlock}. */
export function prepare(cols: unknown, path: string): Prepared {
  const o = checkStrictObject(cols, path, COLUMN_KEYS);
  const extreme = readAllowExtreme(o, path);
  const modelName = optionalEnum(o.model, joinPath(path, 'model'), MODELS, 'bsm');
  const settlement = optionalEnum(o.settlement, joinPath(path, 'settlement'), ['linear', 'inverse'] as const, 'linear');
  if (modelName === 'bachelier' && settlement === 'inverse')
    throw new RiskInputError(joinPath(path, 'settlement'), "'linear' for the bachelier model", settlement);
  const xName = modelName === 'bsm' ? 'spot' : 'forward';
  const other = modelName === 'bsm' ? 'forward' : 'spot';
  if (o[other] !== undefined)
    throw new RiskInputError(joinPath(path, other), `absent for model '${modelName}' (give ${xName})`, o[other]);
  if (modelName !== 'bsm' && o.dividendYield !== undefined) {
    throw new RiskInputError(
      joinPath(path, 'dividendYield'),
      `absent for model '${modelName}' (carry is in the forward)`,
      o.dividendYield,
    );
  }
  const x = inColumn(o[xName], joinPath(path, xName), undefined);
  const n = x.length;
  const k = inColumn(o.strike, joinPath(path, 'strike'), n);
  const t = inColumn(o.expiry, joinPath(path, 'expiry'), n);
  const v = inColumn(o.vol, joinPath(path, 'vol'), n);
  const r = scalarOrColumn(o.rate, joinPath(path, 'rate'), n);
  const q = scalarOrColumn(o.dividendYield, joinPath(path, 'dividendYield'), n);
  // one number for every row: checked once, here, named as the option names it
  if (typeof r === 'number') checkPlausible(r, joinPath(path, 'rate'), 'rate', extreme);
  if (typeof q === 'number') checkPlausible(q, joinPath(path, 'dividendYield'), 'rate', extreme);
  const c = o.isCall;
  if (!(c instanceof Float64Array || c instanceof Uint8Array))
    throw new RiskInputError(joinPath(path, 'isCall'), 'a Float64Array or Uint8Array of 0/1', c);
  if (c.length !== n)
    throw new RiskInputError(joinPath(path, 'isCall'), `an array of length ${n} (as the other columns)`, c);
  return {
    model: modelName === 'bsm' ? BSM : modelName === 'black76' ? BLACK76 : BACHELIER,
    inverse: settlement === 'inverse',
    n,
    xName,
    x,
    k,
    t,
    v,
    r: typeof r === 'number' ? null : r,
    rScalar: typeof r === 'number' ? r : 0,
    q: typeof q === 'number' ? null : q,
    qScalar: typeof q === 'number' ? q : 0,
    c,
    extreme,
    tLim: extreme ? Infinity : T_LIM,
    vLim: extreme || modelName === 'bachelier' ? Infinity : V_LIM,
    rLim: extreme ? Infinity : R_LIM,
  };
}

export function outColumn(value: unknown, path: string, n: number): Float64Array {
  if (!(value instanceof Float64Array)) throw new RiskInputError(path, 'a Float64Array', value);
  if (value.length < n) throw new RiskInputError(path, `a Float64Array of length >= ${n}`, value);
  return value;
}
