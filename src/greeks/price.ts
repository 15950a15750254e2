/**
 * European option prices and Greeks under Black-Scholes-Merton (on spot), Black-76 and Bachelier (on the forward),
 * settled linearly (quote currency) or inversely (in the coin, Deribit-style).
 *
 * Conventions (house rules): vol per unit (Bachelier: absolute, price units per √year); expiry in years; rates
 * and yields continuously compounded; Greeks are raw partial derivatives — vega per 1.00 of vol, theta = −∂V/∂T
 * per year, rho per 1.00 of rate, charm = −∂Δ/∂T per year, vanna = ∂²V/∂x∂σ, volga = ∂²V/∂σ².
 */
import { RiskInputError } from '../core/errors.js';
import { Phi, phi } from '../core/normal.js';
import {
  checkEnum,
  checkNumber,
  checkPlausible,
  checkStrictObject,
  joinPath,
  knownKeys,
  optionalEnum,
  optionalNumber,
  readAllowExtreme,
} from '../core/validate.js';
import type { OptionInput, OptionGreeks } from './optionTypes.js';
export type { OptionInput, OptionGreeks } from './optionTypes.js';

/** Model codes used by the kernels. */
export const BSM = 0;
export const BLACK76 = 1;
export const BACHELIER = 2;

/** Indices into a Greeks record of 9 numbers. */
export const PRICE = 0,
  DELTA = 1,
  GAMMA = 2,
  VEGA = 3,
  THETA = 4,
  RHO = 5,
  VANNA = 6,
  VOLGA = 7,
  CHARM = 8;

/** Below this σ√T the option is treated as having no optionality left (vol 0 or expiry 0). */
const MIN_STDDEV = 1e-100;

/**
 * Linear-settlement price and Greeks into `out[0..8]` (PRICE…CHARM). No validation; internal scalar reference,
 * also the reference the batch kernel is tested against.
 *
 * Degenerate σ√T = 0 (expiry 0 or vol 0): the discounted intrinsic value of the forward, delta a step
 * (exactly half the step at the money), gamma = vega = vanna = volga = 0, theta/rho/charm their σ → 0 limits
 * away from the money (the terms with N(±d) only).
 */
export function linearGreeks(
  model: number,
  isCall: boolean,
  x: number,
  k: number,
  t: number,
  vol: number,
  r: number,
  q: number,
  out: Float64Array,
): void {
  const w = isCall ? 1 : -1;
  const sqrtT = Math.sqrt(t);
  const sd = vol * sqrtT;
  const df = Math.exp(-r * t);
  const degenerate = !(sd >= MIN_STDDEV);
  if (model === BACHELIER) {
    const m = x - k;
    let nwd: number, n: number, d: number;
    if (degenerate) {
      d = 0;
      n = 0;
      nwd = w * m > 0 ? 1 : m === 0 ? 0.5 : 0;
    } else {
      d = m / sd;
      n = phi(d);
      nwd = Phi(w * d);
    }
    // w·m·Φ(wd) and sd·φ(d) cancel far out of the money: round-off can leave a denormal below 0; a price is ≥ 0
    const raw = df * (w * m * nwd + sd * n);
    const price = raw > 0 ? raw : 0;
    const delta = df * w * nwd;
    out[PRICE] = price;
    out[DELTA] = delta;
    out[GAMMA] = degenerate ? 0 : (df * n) / sd;
    out[VEGA] = df * sqrtT * n;
    out[THETA] = degenerate ? r * price : r * price - (df * vol * n) / (2 * sqrtT);
    out[RHO] = -t * price;
    out[VANNA] = degenerate ? 0 : (-df * n * d) / vol;
    out[VOLGA] = degenerate ? 0 : (df * sqrtT * n * d * d) / vol;
    out[CHARM] = degenerate ? r * delta : r * delta + (df * n * d) / (2 * t);
    return;
  }
  // lognormal: bsm on spot (carry q), black76 on the forward (no carry, F held fixed for theta)
  const carry = model === BSM ? q : r; // x·e^{−carry·T} is the discounted forward
  const dq = Math.exp(-carry * t);
  const fwdDisc = x * dq; // = DF·F
  const kDisc = k * df;
  let d1 = 0,
    d2 = 0,
    n = 0,
    n1: number,
    n2: number;
  if (degenerate) {
    const diff = fwdDisc - kDisc; // sign of F − K
    const step = w * diff > 0 ? 1 : diff === 0 ? 0.5 : 0;
    n1 = step;
    n2 = step;
  } else {
    const lnm = Math.log(x / k);
    d1 = (model === BSM ? (lnm + (r - q) * t) / sd : lnm / sd) + 0.5 * sd;
    d2 = d1 - sd;
    n = phi(d1);
    n1 = Phi(w * d1);
    n2 = Phi(w * d2);
  }
  const a = fwdDisc * n1;
  const b = kDisc * n2;
  const price = w * (a - b);
  const delta = w * dq * n1;
  out[PRICE] = price > 0 ? price : 0;
  out[DELTA] = delta;
  if (degenerate) {
    out[GAMMA] = 0;
    out[VEGA] = 0;
    out[VANNA] = 0;
    out[VOLGA] = 0;
  } else {
    const vega = fwdDisc * n * sqrtT;
    out[GAMMA] = (dq * n) / (x * sd);
    out[VEGA] = vega;
    out[VANNA] = (-dq * n * d2) / vol;
    out[VOLGA] = (vega * d1 * d2) / vol;
  }
  const decay = degenerate ? 0 : (fwdDisc * n * vol) / (2 * sqrtT);
  if (model === BSM) {
    out[THETA] = -decay + w * (q * a - r * b);
    out[RHO] = w * t * b;
    out[CHARM] = degenerate ? w * q * dq * n1 : w * q * dq * n1 - (dq * n * (2 * (r - q) * t - d2 * sd)) / (2 * t * sd);
  } else {
    out[THETA] = r * out[PRICE] - decay;
    out[RHO] = -t * out[PRICE];
    out[CHARM] = degenerate ? r * delta : r * delta + (dq * n * d2) / (2 * t);
  }
}

/**
 * Turn linear Greeks of V (USD) in `out` into the Greeks of the coin value U = V/x (inverse settlement):
 * U_x = (V_x − U)/x, U_xx = (V_xx − 2U_x)/x, vega/theta/rho/volga divided by x, vanna = (V_xσ − U_σ)/x,
 * charm = (charm_V − theta_U)/x.
 */
export function toInverse(x: number, out: Float64Array): void {
  const u = out[PRICE] / x;
  const ux = (out[DELTA] - u) / x;
  const uxx = (out[GAMMA] - 2 * ux) / x;
  const vega = out[VEGA] / x;
  const theta = out[THETA] / x;
  out[PRICE] = u;
  out[DELTA] = ux;
  out[GAMMA] = uxx;
  out[VANNA] = (out[VANNA] - vega) / x;
  out[CHARM] = (out[CHARM] - theta) / x;
  out[VEGA] = vega;
  out[THETA] = theta;
  out[RHO] = out[RHO] / x;
  out[VOLGA] = out[VOLGA] / x;
}

/** A validated, normalised {@link OptionInput}. Internal. */
export interface NormalisedOption {
  model: number;
  isCall: boolean;
  /** spot (bsm) or forward (black76, bachelier) */
  x: number;
  strike: number;
  expiry: number;
  vol: number;
  rate: number;
  dividendYield: number;
  inverse: boolean;
}

const MODELS = ['bsm', 'black76', 'bachelier'] as const;
/** The fields of an {@link OptionInput}. */
export const OPTION_KEYS = knownKeys(
  'model',
  'type',
  'spot',
  'forward',
  'strike',
  'expiry',
  'vol',
  'rate',
  'dividendYield',
  'settlement',
  'allowExtreme',
);

/** Validate an {@link OptionInput}; paths are `<path>.strike` etc. Internal. */
export function normaliseOption(input: unknown, path = 'input'): NormalisedOption {
  const o = checkStrictObject(input, path, OPTION_KEYS);
  const extreme = readAllowExtreme(o, path);
  const modelName = optionalEnum(o.model, joinPath(path, 'model'), MODELS, 'bsm');
  const type = checkEnum(o.type, joinPath(path, 'type'), ['call', 'put'] as const);
  const settlement = optionalEnum(o.settlement, joinPath(path, 'settlement'), ['linear', 'inverse'] as const, 'linear');
  let x: number;
  if (modelName === 'bsm') {
    if (o.forward !== undefined)
      throw new RiskInputError(
        joinPath(path, 'forward'),
        "absent for model 'bsm' (give spot; or use model 'black76')",
        o.forward,
      );
    x = checkNumber(o.spot, joinPath(path, 'spot'), { gt: 0 });
  } else {
    if (o.spot !== undefined)
      throw new RiskInputError(
        joinPath(path, 'spot'),
        `absent for model '${modelName}' (it prices on forward)`,
        o.spot,
      );
    if (o.dividendYield !== undefined) {
      throw new RiskInputError(
        joinPath(path, 'dividendYield'),
        `absent for model '${modelName}' (carry is in the forward)`,
        o.dividendYield,
      );
    }
    x = checkNumber(o.forward, joinPath(path, 'forward'), modelName === 'bachelier' ? {} : { gt: 0 });
  }
  if (modelName === 'bachelier' && settlement === 'inverse') {
    throw new RiskInputError(
      joinPath(path, 'settlement'),
      "'linear' for the bachelier model (a coin value per unit of a possibly negative forward is undefined)",
      settlement,
    );
  }
  const strike = checkNumber(o.strike, joinPath(path, 'strike'), modelName === 'bachelier' ? {} : { gt: 0 });
  const expiry = checkPlausible(
    checkNumber(o.expiry, joinPath(path, 'expiry'), { ge: 0 }),
    joinPath(path, 'expiry'),
    'expiry',
    extreme,
  );
  const vol = checkNumber(o.vol, joinPath(path, 'vol'), { ge: 0 });
  if (modelName !== 'bachelier') checkPlausible(vol, joinPath(path, 'vol'), 'vol', extreme);
  const rate = checkPlausible(
    optionalNumber(o.rate, joinPath(path, 'rate'), 0),
    joinPath(path, 'rate'),
    'rate',
    extreme,
  );
  const dividendYield = checkPlausible(
    optionalNumber(o.dividendYield, joinPath(path, 'dividendYield'), 0),
    joinPath(path, 'dividendYield'),
    'rate',
    extreme,
  );
  return {
    model: modelName === 'bsm' ? BSM : modelName === 'black76' ? BLACK76 : BACHELIER,
    isCall: type === 'call',
    x,
    strike,
    expiry,
    vol,
    rate,
    dividendYield,
    inverse: settlement === 'inverse',
  };
}

/** Price and Greeks of a normalised option into `out`; throws if a figure is not finite. Internal. */
export function greeksOf(o: NormalisedOption, out: Float64Array, path = 'input'): Float64Array {
  linearGreeks(o.model, o.isCall, o.x, o.strike, o.expiry, o.vol, o.rate, o.dividendYield, out);
  if (o.inverse) toInverse(o.x, out);
  for (let i = 0; i < 9; i++) {
    out[i] += 0; // no −0 in results
    if (!Number.isFinite(out[i])) {
      const field = overflowingField(o);
      throw new RiskInputError(
        joinPath(path, field),
        'a value whose option price and Greeks are finite doubles',
        (o as unknown as Record<string, number>)[field],
        `${GREEK_NAMES[i]} overflows`,
      );
    }
  }
  return out;
}

/** The field most responsible for a non-finite figure: the largest exponent among r·T, q·T and σ²·T, else the strike or expiry. */
export function overflowingField(o: NormalisedOption): 'rate' | 'dividendYield' | 'vol' | 'expiry' | 'strike' {
  const T = o.expiry;
  const rT = Math.abs(o.rate) * T;
  const qT = Math.abs(o.dividendYield) * T;
  const vT = o.vol * o.vol * T;
  if (rT >= qT && rT >= vT && rT > 1) return 'rate';
  if (qT >= vT && qT > 1) return 'dividendYield';
  if (vT > 1) return 'vol';
  return Math.abs(o.strike) > Math.abs(o.x) ? 'strike' : 'expiry';
}

/** Names of the 9 figures in kernel order. */
export const GREEK_NAMES = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho', 'vanna', 'volga', 'charm'] as const;

const scratch = new Float64Array(9);

/**
 * Price of a European option: Black-Scholes-Merton on `spot` (default), Black-76 or Bachelier on `forward`,
 * discounted at `rate`. Linear settlement gives quote currency; inverse (bsm, black76) gives coin = USD value / S
 * with S the model's underlying.
 *
 * Degenerate inputs: expiry 0 or vol 0 gives the discounted intrinsic value of the forward
 * (max(w·(F − K), 0)·e^{−rT}); deep in/out of the money never gives NaN or a negative price.
 *
 * @param input see {@link OptionInput}; invalid fields throw {@link RiskInputError} naming them (`input.strike`).
 * @returns the price (≥ 0).
 * @example
 * ```ts
 * import { optionPrice } from 'riskcore/greeks';
 * const p = optionPrice({ type: 'call', spot: 100, strike: 100, expiry: 1, vol: 0.2, rate: 0.05 });
 * console.log(p); // 10.4505835721856
 * console.log(optionPrice({ model: 'bachelier', type: 'put', forward: 0.5, strike: 1, expiry: 0.5, vol: 0.3 })); // 0.50065637
 * ```
 */
export function optionPrice(input: OptionInput): number {
  return greeksOf(normaliseOption(input), scratch)[PRICE];
}

/**
 * Price and all first- and second-order Greeks of a European option (see {@link OptionGreeks}). Greeks are with
 * respect to the model's underlying: spot for bsm, the forward for black76/bachelier (theta with that underlying
 * held fixed). With `settlement: 'inverse'` every figure is a partial of the coin value V/S.
 *
 * Degenerate inputs (expiry 0, vol 0): the price is the discounted intrinsic value of the forward; delta is a step
 * (exactly half the discounted step at the money — the average of the one-sided limits); gamma, vega, vanna and
 * volga are 0; theta, rho and charm are the σ → 0 limits of their N(d) terms (the at-the-money 1/√T spike of
 * theta is not represented).
 *
 * @param input see {@link OptionInput}; invalid fields throw {@link RiskInputError}.
 * @example
 * ```ts
 * import { optionGreeks } from 'riskcore/greeks';
 * const g = optionGreeks({ type: 'put', spot: 100, strike: 95, expiry: 0.5, vol: 0.25, rate: 0.03, dividendYield: 0.01 });
 * console.log(g.delta); // -0.33008
 * console.log(g.gamma > 0 && g.vega > 0); // true
 * ```
 */
export function optionGreeks(input: OptionInput): OptionGreeks {
  const r = greeksOf(normaliseOption(input), scratch);
  return {
    price: r[PRICE],
    delta: r[DELTA],
    gamma: r[GAMMA],
    vega: r[VEGA],
    theta: r[THETA],
    rho: r[RHO],
    vanna: r[VANNA],
    volga: r[VOLGA],
    charm: r[CHARM],
  };
}
