/**
 * Implied volatility to machine precision for Black-Scholes-Merton, Black-76 and Bachelier, linear or inverse
 * settlement: the inverse of {@link optionPrice} in its volatility argument.
 *
 * - bsm / black76: Peter Jäckel, "Let's Be Rational" (Wilmott 2015; 2016 revision) — the price is normalised to
 *   β = (price / discount) / √(F·K) at x = ln(F/K), inverted by a rational initial guess on four branches and at
 *   most two Householder(3) steps (see `lbr.ts`). bsm is mapped to its forward F = S·e^{(r−q)T}.
 * - bachelier: Peter Jäckel, "Implied Normal Volatility" (Wilmott 2017) — a rational guess for the inverse of
 *   Φ̃(x) = Φ(x) + φ(x)/x plus one third-order correction (see `impliedNormalVol.ts`).
 */
import { RiskInputError } from '../core/errors.js';
import {
  checkEnum,
  checkPlausible,
  checkStrictObject,
  knownKeys,
  optionalEnum,
  PLAUSIBLE,
  readAllowExtreme,
} from '../core/validate.js';
import type { PricingModel, Settlement } from '../core/model.js';
import type { OptionInput } from './price.js';
import { solveTimeValue } from './lbr.js';
import { impliedNormalTotalVol } from './impliedNormalVol.js';

/**
 * Input of {@link impliedVol}: the `OptionInput` of `optionPrice` (same fields, units and defaults) with `price` in
 * place of `vol`.
 */
export interface ImpliedVolInput extends Omit<OptionInput, 'vol'> {
  /**
   * Option price in the settlement currency: quote currency (USD) for linear, coin for inverse
   * (= USD value / S, S the spot for bsm and the forward for black76), as returned by `optionPrice`.
   */
  price: number;
}

/** Columns of {@link impliedVolBatch}: one row per option, every column the same length. */
export interface ImpliedVolColumns {
  /** One model for the whole batch; default `'bsm'`. */
  model?: PricingModel;
  /** One settlement for the whole batch; default `'linear'`. */
  settlement?: Settlement;
  /** 1 for a call, 0 for a put. */
  isCall: Float64Array | Uint8Array;
  /** Spot prices (bsm). */
  spot?: Float64Array;
  /** Forward prices (black76, bachelier). */
  forward?: Float64Array;
  strike: Float64Array;
  /** Years to expiry. */
  expiry: Float64Array;
  /** Option prices in the settlement currency (see {@link ImpliedVolInput.price}). */
  price: Float64Array;
  /** Discount rates: a column or one number for every row; absent = 0. */
  rate?: Float64Array | number;
  /** Dividend/carry yields (bsm only): a column or one number; absent = 0. */
  dividendYield?: Float64Array | number;
  /** Set `true` to accept rows with an expiry above 10 years or a rate/yield above 1 in magnitude (see `optionPrice`). */
  allowExtreme?: boolean;
}

const INPUT_KEYS = knownKeys(
  'model',
  'type',
  'spot',
  'forward',
  'strike',
  'expiry',
  'price',
  'rate',
  'dividendYield',
  'settlement',
  'allowExtreme',
);
const COLUMN_KEYS = knownKeys(
  'model',
  'settlement',
  'isCall',
  'spot',
  'forward',
  'strike',
  'expiry',
  'price',
  'rate',
  'dividendYield',
  'allowExtreme',
);

/** The field blamed when the forward or discount factor over the horizon is not a finite, non-zero double. */
function carryField(r: number, q: number, t: number): 'rate' | 'dividendYield' | 'expiry' {
  if (Math.abs(r) > PLAUSIBLE.rate.max && Math.abs(r) >= Math.abs(q) && Math.abs(r) >= t) return 'rate';
  if (Math.abs(q) > PLAUSIBLE.rate.max && Math.abs(q) >= t) return 'dividendYield';
  return 'expiry';
}

const MODELS = ['bsm', 'black76', 'bachelier'] as const;
const BSM = 0;
const BLACK76 = 1;
const BACHELIER = 2;
const EPS = 2.220446049250313e-16;
/**
 * An in-the-money price within this many ulps of max(F, K)·discount of the intrinsic value is "no time value":
 * the intrinsic value itself carries a rounding error of that size, so the volatility is not determined by it.
 */
const INTRINSIC_ULPS = 8;

// The row's inputs and the results of prepare()/solvePrepared(), in a typed array: V8 boxes a double passed to or
// returned from a function it does not inline (and a module-level `let` double on every write) into a new heap
// number, a typed-array slot holds it raw.
const scr = new Float64Array(13);
const LO = 0;
const HI = 1;
const FWD = 2;
const DISC = 3;
/** Undiscounted price (bachelier). */
const UNDISC = 4;
/** The row's expiry (for messages). */
const EXP = 5;
/** Inputs of prepare(): spot (bsm) or forward, strike, expiry, rate, dividend yield, price. */
const IN_X = 6;
const IN_K = 7;
const IN_T = 8;
const IN_R = 9;
const IN_Q = 10;
const IN_PRICE = 11;
/** Output of solvePrepared(): σ. */
const SIGMA = 12;
/** The normalised lognormal problem [β, xo, b_max, s] in the layout of lbr.ts's solveTimeValue (s its output). */
const lbrIo = new Float64Array(4);

const OK = 0;
const OUTSIDE = 1;
const EXPIRED = 2;
const AT_UPPER = 3;
const NO_TIME_VALUE = 4;
/** Bachelier only: σ overflows (a lognormal total vol stays below ~77, so σ ≤ 77/√(5e-324) is always finite). */
const TOO_LARGE = 5;

/**
 * Forward, discount factor, the no-arbitrage bounds in the input's price units (lower = discounted intrinsic value
 * of the forward; upper = discounted forward (calls) / strike (puts) for the lognormal models, +∞ for Bachelier)
 * and the normalised problem, from the inputs IN_X … IN_PRICE into the scratch slots (the lognormal problem into
 * `lbrIo`). Returns OK, NO_TIME_VALUE (σ = 0), or an error status:
 * OUTSIDE the bounds, EXPIRED (time value at expiry 0), AT_UPPER (below the upper bound but indistinguishable from
 * it after normalisation, σ not representable).
 */
function prepare(model: number, isCall: boolean, inverse: boolean, checkOnly: boolean): number {
  const x = scr[IN_X];
  const k = scr[IN_K];
  const t = scr[IN_T];
  const r = scr[IN_R];
  const q = scr[IN_Q];
  const price = scr[IN_PRICE];
  const disc = Math.exp(-r * t);
  const fwd = model === BSM ? x * Math.exp((r - q) * t) : x;
  const unit = inverse ? x : 1;
  const m = isCall ? fwd - k : k - fwd; // undiscounted intrinsic value (when > 0)
  const lo = (m > 0 ? disc * m : 0) / unit;
  const hi = model === BACHELIER ? Infinity : (disc * (isCall ? fwd : k)) / unit;
  scr[DISC] = disc;
  scr[FWD] = fwd;
  scr[LO] = lo;
  scr[HI] = hi;
  scr[EXP] = t;
  const tol = m > 0 ? (INTRINSIC_ULPS * EPS * disc * Math.max(Math.abs(fwd), Math.abs(k))) / unit : 0;
  if (price < lo - tol || price >= hi) return OUTSIDE;
  if (price <= lo + tol) return NO_TIME_VALUE;
  if (t === 0) return EXPIRED;
  // validation only: a lognormal price more than 1e-6 below the upper bound cannot be AT_UPPER after normalisation
  // (its normalised gap is ≥ 1e-6·e^{θx/2}, far above the rounding), so the normalisation can wait for the solve
  if (checkOnly && model !== BACHELIER && price <= hi * (1 - 1e-6)) return OK;
  const p = (price * unit) / disc;
  if (model === BACHELIER) {
    scr[UNDISC] = p;
    // s ≤ √(2π)·(time value + |F − K|/2) (the price is s·φ(0) − |F − K|/2 + o(1) for large s)
    return (2.5066282746310002 * (p + Math.abs(m))) / Math.sqrt(t) < 1e308 ? OK : TOO_LARGE;
  }
  // Normalised time value: the out-of-the-money-equivalent call price (p − (θ(F − K))⁺)/√(F·K) at xo = −|ln(F/K)|,
  // below its upper bound e^{xo/2} = √(min(F, K)/max(F, K)). F − K is exact for close F and K (Sterbenz).
  const sf = Math.sqrt(fwd);
  const sk = Math.sqrt(k);
  const b = (m > 0 ? p - m : p) / (sf * sk);
  if (!(b > 0)) return NO_TIME_VALUE;
  const bmax = fwd < k ? sf / sk : sk / sf;
  if (b >= bmax) return AT_UPPER;
  lbrIo[0] = b;
  lbrIo[1] = -Math.abs(Math.log(fwd / k));
  lbrIo[2] = bmax;
  return OK;
}

/** σ of a prepared row with status OK, into scr[SIGMA]. */
function solvePrepared(model: number, isCall: boolean): void {
  let s: number;
  if (model === BACHELIER) {
    s = impliedNormalTotalVol(scr[UNDISC], scr[FWD], scr[IN_K], isCall ? 1 : -1);
  } else {
    solveTimeValue(lbrIo);
    s = lbrIo[3];
  }
  scr[SIGMA] = s > 0 ? s / Math.sqrt(scr[IN_T]) : 0;
}

function fmt(v: number): string {
  return v === Infinity ? '∞' : String(v);
}

function statusError(path: string, price: number, status: number, isCall: boolean): RiskInputError {
  if (status === TOO_LARGE) {
    return new RiskInputError(
      path,
      'a price whose implied volatility is a finite double',
      price,
      `σ = σ√T / √T overflows with expiry ${scr[EXP]}`,
    );
  }
  if (status === EXPIRED) {
    return new RiskInputError(
      path,
      `the intrinsic value ${fmt(scr[LO])} when expiry is 0 (no time value can remain)`,
      price,
    );
  }
  const detail =
    status === AT_UPPER
      ? 'the price is within rounding of the upper bound: the implied volatility is not representable'
      : `no-arbitrage bounds of this ${isCall ? 'call' : 'put'}: the discounted intrinsic value of the forward, and ${
          scr[HI] === Infinity ? 'no upper bound (bachelier)' : `the discounted ${isCall ? 'forward' : 'strike'}`
        }`;
  return new RiskInputError(path, `a number in [intrinsic, upper) = [${fmt(scr[LO])}, ${fmt(scr[HI])})`, price, detail);
}

/** Check the forward and discount factor are usable doubles. */
function carryOk(): boolean {
  return Number.isFinite(scr[FWD]) && scr[DISC] > 0 && Number.isFinite(scr[DISC]);
}

function finite(v: unknown, path: string, bounds: 'any' | 'pos' | 'nonneg'): number {
  if (
    typeof v !== 'number' ||
    !Number.isFinite(v) ||
    (bounds === 'pos' && !(v > 0)) ||
    (bounds === 'nonneg' && !(v >= 0))
  ) {
    throw new RiskInputError(
      path,
      bounds === 'pos' ? 'a finite number > 0' : bounds === 'nonneg' ? 'a finite number >= 0' : 'a finite number',
      v,
    );
  }
  return v;
}

/**
 * Implied volatility of a European option from its price: the `vol` at which {@link optionPrice} returns `price`
 * (same input, `price` in place of `vol`). Lognormal vol per unit for bsm/black76 (0.2 = 20%), absolute vol (price
 * units per √year) for bachelier. Accurate to ~1e-15 relative in the normalised variables: the result reproduces
 * the price to its last bits, and matches high-precision references to ~1e-13 wherever the price is well conditioned.
 *
 * Degenerate inputs: a price equal to the intrinsic value (no time value) returns 0 — including in-the-money prices
 * within 8 ulps of max(F, K)·discount of it, which is below the rounding error of the intrinsic value itself; expiry 0
 * returns 0 for the intrinsic price and throws for any other.
 *
 * @param input as `optionPrice`'s input with `price` in the settlement currency (USD linear, coin inverse).
 * @returns σ ≥ 0, finite.
 * @throws RiskInputError on `price` outside the no-arbitrage bounds [intrinsic, upper) — intrinsic = discounted
 *   intrinsic value of the forward, upper = discounted forward (calls) / strike (puts), no upper bound for bachelier;
 *   the message states both bounds — and on any invalid field, named by its path (`strike`, `settlement`, …).
 * @example
 * ```ts
 * import { impliedVol, optionPrice } from 'riskcore/greeks';
 * const option = { type: 'call', spot: 100, strike: 110, expiry: 0.5, rate: 0.03, dividendYield: 0.01 } as const;
 * const price = optionPrice({ ...option, vol: 0.65 });
 * console.log(impliedVol({ ...option, price })); // 0.650000000000
 * // inverse (coin-settled, Deribit style) Black-76 put, price in BTC
 * console.log(impliedVol({ model: 'black76', type: 'put', forward: 60000, strike: 55000, expiry: 0.25, settlement: 'inverse', price: 0.05 })); // 0.447259
 * ```
 */
export function impliedVol(input: ImpliedVolInput): number {
  const o = checkStrictObject(input, 'input', INPUT_KEYS);
  const extreme = readAllowExtreme(o, '');
  const modelName = optionalEnum(o.model, 'model', MODELS, 'bsm');
  const model = modelName === 'bsm' ? BSM : modelName === 'black76' ? BLACK76 : BACHELIER;
  const isCall = checkEnum(o.type, 'type', ['call', 'put'] as const) === 'call';
  const inverse = optionalEnum(o.settlement, 'settlement', ['linear', 'inverse'] as const, 'linear') === 'inverse';
  let x: number;
  if (model === BSM) {
    if (o.forward !== undefined)
      throw new RiskInputError('forward', "absent for model 'bsm' (give spot; or use model 'black76')", o.forward);
    x = finite(o.spot, 'spot', 'pos');
  } else {
    if (o.spot !== undefined)
      throw new RiskInputError('spot', `absent for model '${modelName}' (it prices on forward)`, o.spot);
    if (o.dividendYield !== undefined)
      throw new RiskInputError(
        'dividendYield',
        `absent for model '${modelName}' (carry is in the forward)`,
        o.dividendYield,
      );
    x = finite(o.forward, 'forward', model === BACHELIER ? 'any' : 'pos');
  }
  if (model === BACHELIER && inverse) {
    throw new RiskInputError(
      'settlement',
      "'linear' for the bachelier model (a coin value per unit of a possibly negative forward is undefined)",
      'inverse',
    );
  }
  const k = finite(o.strike, 'strike', model === BACHELIER ? 'any' : 'pos');
  const t = checkPlausible(finite(o.expiry, 'expiry', 'nonneg'), 'expiry', 'expiry', extreme);
  const r = o.rate === undefined ? 0 : checkPlausible(finite(o.rate, 'rate', 'any'), 'rate', 'rate', extreme);
  const q =
    o.dividendYield === undefined
      ? 0
      : checkPlausible(finite(o.dividendYield, 'dividendYield', 'any'), 'dividendYield', 'rate', extreme);
  const price = finite(o.price, 'price', 'any');
  scr[IN_X] = x;
  scr[IN_K] = k;
  scr[IN_T] = t;
  scr[IN_R] = r;
  scr[IN_Q] = q;
  scr[IN_PRICE] = price;
  const status = prepare(model, isCall, inverse, false);
  if (!carryOk()) {
    const field = carryField(r, q, t);
    throw new RiskInputError(
      field,
      'a value for which the forward and discount factor over the expiry are finite, non-zero doubles',
      field === 'rate' ? r : field === 'dividendYield' ? q : t,
      'check rate, dividendYield and expiry',
    );
  }
  if (status === NO_TIME_VALUE) return 0;
  if (status !== OK) throw statusError('price', price, status, isCall);
  solvePrepared(model, isCall);
  return scr[SIGMA];
}

function column(v: unknown, path: string, n: number): Float64Array {
  if (!(v instanceof Float64Array)) throw new RiskInputError(path, 'a Float64Array', v);
  if (n >= 0 && v.length !== n)
    throw new RiskInputError(path, `a Float64Array of length ${n} (the length of cols.price)`, v);
  return v;
}

/**
 * Implied volatilities of many options at once, written into `out` (no allocation per option): the batch form of
 * {@link impliedVol}, same method and accuracy, for one model and one settlement across the batch.
 *
 * Invalid rows: each row is validated as it is reached (finite fields, positivity, and the price inside its
 * no-arbitrage bounds); the first invalid row throws a {@link RiskInputError} whose path names the column and row
 * (`cols.price[17]`, `cols.strike[3]`); rows before it have been written to `out`, rows from it on are untouched. A
 * call that returns has filled `out[0…n)` with finite volatilities ≥ 0 — no NaN or status column to check. (One pass:
 * a separate validation pass over every row cost ~8% of the throughput.)
 *
 * @param cols columns of equal length n (`spot` for bsm, `forward` otherwise; `rate`/`dividendYield` optional, a column
 *   or one number for all rows).
 * @param out a Float64Array of length ≥ n; row i receives the implied vol of row i.
 * @returns `out`.
 * @example
 * ```ts
 * import { impliedVolBatch } from 'riskcore/greeks';
 * const out = new Float64Array(2);
 * impliedVolBatch({
 *   model: 'black76', isCall: new Uint8Array([1, 0]), forward: new Float64Array([100, 100]),
 *   strike: new Float64Array([100, 90]), expiry: new Float64Array([1, 1]), price: new Float64Array([7.965567455405804, 3.4])
 * }, out);
 * console.log(out[0]); // 0.200000000000
 * console.log(out[1]); // 0.194208
 * ```
 */
export function impliedVolBatch(cols: ImpliedVolColumns, out: Float64Array): Float64Array {
  const c = checkStrictObject(cols, 'cols', COLUMN_KEYS);
  const extreme = readAllowExtreme(c, 'cols');
  const tMax = extreme ? Infinity : PLAUSIBLE.expiry.max;
  const rMax = extreme ? Infinity : PLAUSIBLE.rate.max;
  const modelName = optionalEnum(c.model, 'cols.model', MODELS, 'bsm');
  const model = modelName === 'bsm' ? BSM : modelName === 'black76' ? BLACK76 : BACHELIER;
  const inverse = optionalEnum(c.settlement, 'cols.settlement', ['linear', 'inverse'] as const, 'linear') === 'inverse';
  if (model === BACHELIER && inverse) {
    throw new RiskInputError(
      'cols.settlement',
      "'linear' for the bachelier model (a coin value per unit of a possibly negative forward is undefined)",
      'inverse',
    );
  }
  const price = column(c.price, 'cols.price', -1);
  const n = price.length;
  const xName = model === BSM ? 'spot' : 'forward';
  if (model === BSM && c.forward !== undefined)
    throw new RiskInputError('cols.forward', "absent for model 'bsm' (give spot)", c.forward);
  if (model !== BSM && c.spot !== undefined)
    throw new RiskInputError('cols.spot', `absent for model '${modelName}' (give forward)`, c.spot);
  if (model !== BSM && c.dividendYield !== undefined)
    throw new RiskInputError('cols.dividendYield', `absent for model '${modelName}'`, c.dividendYield);
  const xs = column(c[xName], `cols.${xName}`, n);
  const strike = column(c.strike, 'cols.strike', n);
  const expiry = column(c.expiry, 'cols.expiry', n);
  const rate =
    typeof c.rate === 'number'
      ? new Float64Array([finite(c.rate, 'cols.rate', 'any')])
      : c.rate === undefined
        ? undefined
        : column(c.rate, 'cols.rate', n);
  const divs =
    typeof c.dividendYield === 'number'
      ? new Float64Array([finite(c.dividendYield, 'cols.dividendYield', 'any')])
      : c.dividendYield === undefined
        ? undefined
        : column(c.dividendYield, 'cols.dividendYield', n);
  // a one-number rate/yield is a length-1 column read at index 0
  const rStep = rate !== undefined && rate.length === n ? 1 : 0;
  const qStep = divs !== undefined && divs.length === n ? 1 : 0;
  const isCallCol = c.isCall;
  if (!(isCallCol instanceof Float64Array || isCallCol instanceof Uint8Array) || isCallCol.length !== n) {
    throw new RiskInputError(
      'cols.isCall',
      `a Float64Array or Uint8Array of length ${n} (1 = call, 0 = put)`,
      isCallCol,
    );
  }
  if (!(out instanceof Float64Array) || out.length < n)
    throw new RiskInputError('out', `a Float64Array of length >= ${n}`, out);
  const posX = model !== BACHELIER;
  for (let i = 0; i < n; i++) {
    const cp = isCallCol[i];
    if (cp !== 0 && cp !== 1) throw new RiskInputError(`cols.isCall[${i}]`, '1 (call) or 0 (put)', cp);
    const x = xs[i];
    if (!Number.isFinite(x) || (posX && !(x > 0)))
      throw new RiskInputError(`cols.${xName}[${i}]`, posX ? 'a finite number > 0' : 'a finite number', x);
    const k = strike[i];
    if (!Number.isFinite(k) || (posX && !(k > 0)))
      throw new RiskInputError(`cols.strike[${i}]`, posX ? 'a finite number > 0' : 'a finite number', k);
    const t = expiry[i];
    if (!(t >= 0) || t === Infinity) throw new RiskInputError(`cols.expiry[${i}]`, 'a finite number >= 0', t);
    if (t > tMax) checkPlausible(t, `cols.expiry[${i}]`, 'expiry', false);
    const r = rate === undefined ? 0 : rate[i * rStep];
    if (!Number.isFinite(r)) throw new RiskInputError(`cols.rate[${i}]`, 'a finite number', r);
    if (Math.abs(r) > rMax) checkPlausible(r, `cols.rate[${i}]`, 'rate', false);
    const q = divs === undefined ? 0 : divs[i * qStep];
    if (!Number.isFinite(q)) throw new RiskInputError(`cols.dividendYield[${i}]`, 'a finite number', q);
    if (Math.abs(q) > rMax) checkPlausible(q, `cols.dividendYield[${i}]`, 'rate', false);
    const p = price[i];
    if (!Number.isFinite(p)) throw new RiskInputError(`cols.price[${i}]`, 'a finite number', p);
    scr[IN_X] = x;
    scr[IN_K] = k;
    scr[IN_T] = t;
    scr[IN_R] = r;
    scr[IN_Q] = q;
    scr[IN_PRICE] = p;
    const status = prepare(model, cp === 1, inverse, false);
    if (!carryOk()) {
      const field = carryField(r, q, t);
      throw new RiskInputError(
        `cols.${field}[${i}]`,
        'a value for which the forward and discount factor over the expiry are finite, non-zero doubles',
        field === 'rate' ? r : field === 'dividendYield' ? q : t,
      );
    }
    if (status === OK) {
      solvePrepared(model, cp === 1);
      out[i] = scr[SIGMA];
    } else if (status === NO_TIME_VALUE) out[i] = 0;
    else throw statusError(`cols.price[${i}]`, p, status, cp === 1);
  }
  return out;
}
