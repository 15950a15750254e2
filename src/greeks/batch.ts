/**
 * Column-wise option pricing and Greeks: Float64Array inputs in, caller-provided Float64Array outputs written,
 * nothing allocated per option. Validated once up front; the kernel then runs without checks.
 *
 * The BSM/Black-76 kernel shares one exp(−d1²/2) per option: n(d2) follows from S·e^{−qT}·n(d1) = K·e^{−rT}·n(d2),
 * and both normal CDFs are Cody's rational erfc evaluated on that shared exponential (≈ 1e-15 relative, as
 * `normalCdf`). The scalar {@link optionGreeks} is the reference the batch kernel is tested against.
 */
import { RiskInputError } from '../core/errors.js';
import { erfSmall, erfcxLarge } from '../core/normal.js';
import type { PricingModel, Settlement } from '../core/model.js';
import { checkObject, joinPath, optionalEnum } from '../core/validate.js';
import { BACHELIER, BLACK76, BSM, CHARM, DELTA, GAMMA, GREEK_NAMES, PRICE, RHO, THETA, VANNA, VEGA, VOLGA, linearGreeks, toInverse } from './price.js';

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

interface Prepared {
  model: number;
  inverse: boolean;
  n: number;
  x: Float64Array;
  k: Float64Array;
  t: Float64Array;
  v: Float64Array;
  r: Float64Array;
  q: Float64Array;
  c: Float64Array | Uint8Array;
}

function column(value: unknown, path: string, n: number | undefined, bounds: { gt?: number; ge?: number }): Float64Array {
  if (!(value instanceof Float64Array)) throw new RiskInputError(path, 'a Float64Array', value);
  if (n !== undefined && value.length !== n) throw new RiskInputError(path, `a Float64Array of length ${n} (as the other columns)`, value);
  // one tight loop per kind of bound (a generic bounds test per element costs as much as pricing a tenth of it)
  const bad = bounds.gt !== undefined ? firstNotAbove(value, bounds.gt) : bounds.ge !== undefined ? firstBelow(value, bounds.ge) : firstNotFinite(value);
  if (bad >= 0) {
    const what = bounds.gt !== undefined ? `a finite number > ${bounds.gt}` : bounds.ge !== undefined ? `a finite number >= ${bounds.ge}` : 'a finite number';
    throw new RiskInputError(`${path}[${bad}]`, what, value[bad]);
  }
  return value;
}

/** Index of the first element that is not a finite number > lo, or −1. */
function firstNotAbove(a: Float64Array, lo: number): number {
  for (let i = 0; i < a.length; i++) if (!(a[i] > lo && a[i] < Infinity)) return i;
  return -1;
}
/** Index of the first element that is not a finite number ≥ lo, or −1. */
function firstBelow(a: Float64Array, lo: number): number {
  for (let i = 0; i < a.length; i++) if (!(a[i] >= lo && a[i] < Infinity)) return i;
  return -1;
}
/** Index of the first element that is not finite, or −1. */
function firstNotFinite(a: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (!(a[i] - a[i] === 0)) return i;
  return -1;
}

function scalarOrColumn(value: unknown, path: string, n: number): Float64Array {
  if (value === undefined) return new Float64Array(n);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RiskInputError(path, 'a finite number or a Float64Array', value);
    return new Float64Array(n).fill(value);
  }
  return column(value, path, n, {});
}

const MODELS = ['bsm', 'black76', 'bachelier'] as const;

function prepare(cols: unknown, path: string): Prepared {
  const o = checkObject(cols, path);
  const modelName = optionalEnum(o.model, joinPath(path, 'model'), MODELS, 'bsm');
  const settlement = optionalEnum(o.settlement, joinPath(path, 'settlement'), ['linear', 'inverse'] as const, 'linear');
  if (modelName === 'bachelier' && settlement === 'inverse') throw new RiskInputError(joinPath(path, 'settlement'), "'linear' for the bachelier model", settlement);
  const xName = modelName === 'bsm' ? 'spot' : 'forward';
  const other = modelName === 'bsm' ? 'forward' : 'spot';
  if (o[other] !== undefined) throw new RiskInputError(joinPath(path, other), `absent for model '${modelName}' (give ${xName})`, o[other]);
  if (modelName !== 'bsm' && o.dividendYield !== undefined) {
    throw new RiskInputError(joinPath(path, 'dividendYield'), `absent for model '${modelName}' (carry is in the forward)`, o.dividendYield);
  }
  const pos = modelName === 'bachelier' ? {} : { gt: 0 };
  const x = column(o[xName], joinPath(path, xName), undefined, pos);
  const n = x.length;
  const k = column(o.strike, joinPath(path, 'strike'), n, pos);
  const t = column(o.expiry, joinPath(path, 'expiry'), n, { ge: 0 });
  const v = column(o.vol, joinPath(path, 'vol'), n, { ge: 0 });
  const r = scalarOrColumn(o.rate, joinPath(path, 'rate'), n);
  const q = scalarOrColumn(o.dividendYield, joinPath(path, 'dividendYield'), n);
  const c = o.isCall;
  if (!(c instanceof Float64Array || c instanceof Uint8Array)) throw new RiskInputError(joinPath(path, 'isCall'), 'a Float64Array or Uint8Array of 0/1', c);
  if (c.length !== n) throw new RiskInputError(joinPath(path, 'isCall'), `an array of length ${n} (as the other columns)`, c);
  for (let i = 0; i < n; i++) {
    if (c[i] !== 0 && c[i] !== 1) throw new RiskInputError(`${joinPath(path, 'isCall')}[${i}]`, '0 (put) or 1 (call)', c[i]);
  }
  return { model: modelName === 'bsm' ? BSM : modelName === 'black76' ? BLACK76 : BACHELIER, inverse: settlement === 'inverse', n, x, k, t, v, r, q, c };
}

function outColumn(value: unknown, path: string, n: number): Float64Array {
  if (!(value instanceof Float64Array)) throw new RiskInputError(path, 'a Float64Array', value);
  if (value.length < n) throw new RiskInputError(path, `a Float64Array of length >= ${n}`, value);
  return value;
}

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;
/** σ√T below this is treated as 0, as in the scalar kernel. */
const MIN_STDDEV = 1e-100;

/** Φ(x) given e = exp(−x²/2): Cody's rational erf/erfcx on the shared exponential. */
function cdfWithExp(x: number, e: number): number {
  const y = (x < 0 ? -x : x) * SQRT1_2;
  if (y <= 0.46875) return 0.5 + 0.5 * erfSmall(x * SQRT1_2);
  const lower = 0.5 * e * erfcxLarge(y);
  return x < 0 ? lower : 1 - lower;
}

const row = new Float64Array(9);

function scalarRow(p: Prepared, i: number, inverse: boolean): void {
  linearGreeks(p.model, p.c[i] === 1, p.x[i], p.k[i], p.t[i], p.v[i], p.r[i], p.model === BSM ? p.q[i] : 0, row);
  if (inverse) toInverse(p.x[i], row);
}

function checkRowFinite(o: GreeksColumns | null, price: Float64Array, i: number, path: string): void {
  const vals = o ? [o.price[i], o.delta[i], o.gamma[i], o.vega[i], o.theta[i], o.rho[i], o.vanna[i], o.volga[i], o.charm[i]] : [price[i]];
  for (let j = 0; j < vals.length; j++) {
    if (!Number.isFinite(vals[j])) throw new RiskInputError(`${path}[${i}]`, 'an option whose price and Greeks are finite doubles', undefined, `${GREEK_NAMES[j]} overflows`);
  }
}

function checkAllFinite(out: GreeksColumns, n: number): void {
  for (let i = 0; i < n; i++) {
    const s = out.price[i] + out.delta[i] + out.gamma[i] + out.vega[i] + out.theta[i] + out.rho[i] + out.vanna[i] + out.volga[i] + out.charm[i];
    if (!(s - s === 0)) checkRowFinite(out, out.price, i, 'cols');
  }
}

/**
 * The lognormal (bsm / black76) kernel over rows [0, n). Returns the sum of every figure written, so that one
 * comparison after the loop tells whether any figure overflowed (the row is then located by a second pass).
 */
function lognormalKernel(p: Prepared, o: GreeksColumns): number {
  const { n, x, k, t, v, r, q, c } = p;
  const black = p.model === BLACK76;
  const price = o.price, delta = o.delta, gamma = o.gamma, vega = o.vega, theta = o.theta;
  const rho = o.rho, vanna = o.vanna, volga = o.volga, charm = o.charm;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    const S = x[i], K = k[i], T = t[i], vol = v[i], rr = r[i];
    const qq = black ? rr : q[i];
    const sqrtT = Math.sqrt(T);
    const sd = vol * sqrtT;
    if (!(sd >= MIN_STDDEV)) {
      scalarRow(p, i, false); // linear here: the inverse conversion runs over all rows afterwards
      price[i] = row[PRICE]; delta[i] = row[DELTA]; gamma[i] = row[GAMMA]; vega[i] = row[VEGA]; theta[i] = row[THETA];
      rho[i] = row[RHO]; vanna[i] = row[VANNA]; volga[i] = row[VOLGA]; charm[i] = row[CHARM];
      acc += row[PRICE] + row[DELTA] + row[GAMMA] + row[VEGA] + row[THETA] + row[RHO] + row[VANNA] + row[VOLGA] + row[CHARM];
      continue;
    }
    const w = c[i] === 1 ? 1 : -1;
    const invSd = 1 / sd;
    const invSqrtT = 1 / sqrtT;
    const invVol = sqrtT * invSd;
    const df = Math.exp(-rr * T);
    const dq = black ? df : Math.exp(-qq * T);
    const fd = S * dq;
    const kd = K * df;
    const d1 = (Math.log(S / K) + (rr - qq) * T) * invSd + 0.5 * sd;
    const d2 = d1 - sd;
    const e1 = Math.exp(-0.5 * d1 * d1);
    const e2 = e1 > 1e-290 ? (e1 * fd) / kd : Math.exp(-0.5 * d2 * d2);
    const n1 = cdfWithExp(w * d1, e1);
    const n2 = cdfWithExp(w * d2, e2);
    const pdf = e1 * INV_SQRT_2PI;
    const a = fd * n1;
    const b = kd * n2;
    let pv = w * (a - b);
    if (pv < 0) pv = 0;
    const dqn = dq * pdf;
    const vg = fd * pdf * sqrtT;
    const de = w * dq * n1;
    const ga = (dqn * invSd) / S;
    const th = -0.5 * fd * pdf * vol * invSqrtT + w * (qq * a - rr * b);
    const rh = black ? -T * pv : w * T * b;
    const va = -dqn * d2 * invVol;
    const vo = vg * d1 * d2 * invVol;
    const ch = w * qq * dq * n1 - dqn * (2 * (rr - qq) * T - d2 * sd) * 0.5 * invSqrtT * invSqrtT * invSd;
    price[i] = pv;
    delta[i] = de;
    gamma[i] = ga;
    vega[i] = vg;
    theta[i] = th;
    rho[i] = rh;
    vanna[i] = va;
    volga[i] = vo;
    charm[i] = ch;
    acc += pv + de + ga + vg + th + rh + va + vo + ch;
  }
  return acc;
}

function toInverseColumns(p: Prepared, o: GreeksColumns): void {
  for (let i = 0; i < p.n; i++) {
    const X = p.x[i];
    const inv = 1 / X;
    const u = o.price[i] * inv;
    const ux = (o.delta[i] - u) * inv;
    const vg = o.vega[i] * inv;
    const th = o.theta[i] * inv;
    o.gamma[i] = (o.gamma[i] - 2 * ux) * inv;
    o.vanna[i] = (o.vanna[i] - vg) * inv;
    o.charm[i] = (o.charm[i] - th) * inv;
    o.price[i] = u;
    o.delta[i] = ux;
    o.vega[i] = vg;
    o.theta[i] = th;
    o.rho[i] = o.rho[i] * inv;
    o.volga[i] = o.volga[i] * inv;
  }
}

/**
 * Price and the 8 Greeks of many options at once (same figures as {@link optionGreeks}, row by row), written into
 * the caller's output columns. Columns are validated once up front; a bad element throws
 * {@link RiskInputError} naming it (`cols.strike[17]`). No allocation per option.
 *
 * @param cols input columns ({@link OptionColumns}), one model and settlement per batch.
 * @param out output columns ({@link GreeksColumns}), each at least as long as the inputs.
 * @returns `out`.
 * @example
 * ```ts
 * import { optionGreeksBatch } from 'riskcore/greeks';
 * const n = 2;
 * const out = { price: new Float64Array(n), delta: new Float64Array(n), gamma: new Float64Array(n), vega: new Float64Array(n),
 *   theta: new Float64Array(n), rho: new Float64Array(n), vanna: new Float64Array(n), volga: new Float64Array(n), charm: new Float64Array(n) };
 * optionGreeksBatch({
 *   spot: Float64Array.of(100, 100), strike: Float64Array.of(100, 110), expiry: Float64Array.of(1, 0.5),
 *   vol: Float64Array.of(0.2, 0.3), rate: 0.05, isCall: Uint8Array.of(1, 0),
 * }, out);
 * console.log(out.price[0]); // 10.4505835721856
 * ```
 */
export function optionGreeksBatch(cols: OptionColumns, out: GreeksColumns): GreeksColumns {
  const p = prepare(cols, 'cols');
  const o = checkObject(out, 'out');
  for (const name of GREEK_NAMES) outColumn(o[name], `out.${name}`, p.n);
  if (p.model === BACHELIER) {
    for (let i = 0; i < p.n; i++) {
      scalarRow(p, i, p.inverse);
      out.price[i] = row[PRICE]; out.delta[i] = row[DELTA]; out.gamma[i] = row[GAMMA]; out.vega[i] = row[VEGA];
      out.theta[i] = row[THETA]; out.rho[i] = row[RHO]; out.vanna[i] = row[VANNA]; out.volga[i] = row[VOLGA]; out.charm[i] = row[CHARM];
    }
    checkAllFinite(out, p.n);
  } else {
    const acc = lognormalKernel(p, out);
    if (p.inverse) {
      toInverseColumns(p, out);
      checkAllFinite(out, p.n);
    } else if (!(acc - acc === 0)) checkAllFinite(out, p.n);
  }
  return out;
}

/**
 * Prices of many options at once (same figures as {@link optionPrice}), written into `out`. Validation as in
 * {@link optionGreeksBatch}; no allocation per option.
 *
 * @example
 * ```ts
 * import { optionPriceBatch } from 'riskcore/greeks';
 * const out = new Float64Array(2);
 * optionPriceBatch({ model: 'black76', forward: Float64Array.of(100, 100), strike: Float64Array.of(90, 110),
 *   expiry: Float64Array.of(1, 1), vol: Float64Array.of(0.25, 0.25), isCall: Float64Array.of(1, 1) }, out);
 * console.log(out[0] > out[1]); // true
 * ```
 */
export function optionPriceBatch(cols: OptionColumns, out: Float64Array): Float64Array {
  const p = prepare(cols, 'cols');
  outColumn(out, 'out', p.n);
  const { n, x, k, t, v, r, q, c } = p;
  const black = p.model === BLACK76;
  for (let i = 0; i < n; i++) {
    const S = x[i], K = k[i], T = t[i], vol = v[i], rr = r[i];
    const sqrtT = Math.sqrt(T);
    const sd = vol * sqrtT;
    if (p.model === BACHELIER || !(sd >= MIN_STDDEV)) {
      scalarRow(p, i, p.inverse);
      out[i] = row[PRICE];
      continue;
    }
    const qq = black ? rr : q[i];
    const w = c[i] === 1 ? 1 : -1;
    const df = Math.exp(-rr * T);
    const fd = S * (black ? df : Math.exp(-qq * T));
    const kd = K * df;
    const d1 = (Math.log(S / K) + (rr - qq) * T) / sd + 0.5 * sd;
    const d2 = d1 - sd;
    const e1 = Math.exp(-0.5 * d1 * d1);
    const e2 = e1 > 1e-290 ? (e1 * fd) / kd : Math.exp(-0.5 * d2 * d2);
    let pv = w * (fd * cdfWithExp(w * d1, e1) - kd * cdfWithExp(w * d2, e2));
    if (pv < 0) pv = 0;
    out[i] = p.inverse ? pv / S : pv;
  }
  for (let i = 0; i < n; i++) if (!(out[i] - out[i] === 0)) checkRowFinite(null, out, i, 'cols');
  return out;
}
