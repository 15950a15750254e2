/**
 * {@link irmRatePath}: rates and indices over time from a path of utilizations, for any of the interest-rate models
 * (Aave v3, Compound III, Morpho AdaptiveCurveIrm, Euler IRMLinearKink), each step computed with the model's own
 * integer rules.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkArray, checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';
import { checkUint256 } from '../evm/check.js';
import { BPS, RAY, WAD, WAD_RAY_RATIO } from '../evm/constants.js';
import { mulDivDownRaw } from '../evm/raw.js';
import { rpowRaw, wTaylorRaw } from '../evm/compounding.js';
import { aaveAccrueRaw } from './aave/accrual.js';
import { type AaveRateParams, aaveRatesAtUsage, readAaveParams } from './aave/rates.js';
import { COMET_INDEX_SCALE, type CometRateParams, cometGrow, cometRatesAt, readCometCurves } from './comet.js';
import { EULER_MAX_INTEREST_RATE, type EulerLinearKinkParams, eulerKinkRaw, readEulerParams } from './euler.js';
import { MORPHO_ADAPTIVE_CURVE, morphoRateRaw } from './morpho.js';
import { maxUint } from './fields.js';

/** One step of a utilization path: `utilization` (wad, ≤ 10¹⁸) holds for the next `elapsed` seconds. */
export interface IrmPathStep {
  elapsed: bigint;
  utilization: bigint;
}

/** The model of {@link irmRatePath}, tagged by protocol. */
export type IrmModel =
  | { protocol: 'aave'; params: AaveRateParams }
  | { protocol: 'comet'; params: CometRateParams }
  | { protocol: 'morpho'; fee?: bigint; rateAtTarget?: bigint }
  | { protocol: 'eulerLinearKink'; params: EulerLinearKinkParams; interestFee?: bigint };

/**
 * One point of a path: the rates in force during a step and the indices at its end, in the model's own units —
 * aave: rates ray a year, indices ray; comet: rates wad a second, indices at scale 10¹⁵; morpho: rates wad a second,
 * indices wad; eulerLinearKink: rates ray a second, indices ray.
 */
export interface IrmPathPoint {
  /** Seconds from the start of the path to the end of the step. */
  time: bigint;
  utilization: bigint;
  borrowRate: bigint;
  supplyRate: bigint;
  borrowIndex: bigint;
  supplyIndex: bigint;
  /** Morpho only: the rate at target at the end of the step (per second, wad). */
  rateAtTarget?: bigint;
}

/** Result of {@link irmRatePath}. */
export interface IrmPathResult {
  points: IrmPathPoint[];
}

const STEP_KEYS = knownKeys('elapsed', 'utilization');
const MODEL_KEYS = {
  aave: knownKeys('protocol', 'params'),
  comet: knownKeys('protocol', 'params'),
  morpho: knownKeys('protocol', 'fee', 'rateAtTarget'),
  eulerLinearKink: knownKeys('protocol', 'params', 'interestFee'),
} as const;
type Protocol = keyof typeof MODEL_KEYS;
const U32 = maxUint(32);
const MAX_ELAPSED = maxUint(40);

function readSteps(value: unknown): IrmPathStep[] {
  return checkArray(value, 'steps', 1).map((s, i) => {
    const path = `steps[${i}]`;
    const o = checkStrictObject(s, path, STEP_KEYS);
    const elapsed = checkUint256(o.elapsed, `${path}.elapsed`);
    if (elapsed > MAX_ELAPSED)
      throw new RiskInputError(`${path}.elapsed`, `a bigint in [0, ${MAX_ELAPSED}]`, o.elapsed);
    const utilization = checkUint256(o.utilization, `${path}.utilization`);
    if (utilization > WAD)
      throw new RiskInputError(`${path}.utilization`, 'a bigint in [0, 1e18] (wad)', o.utilization);
    return { elapsed, utilization };
  });
}

function optionalBounded(value: unknown, path: string, max: bigint, fallback: bigint): bigint {
  if (value === undefined) return fallback;
  const v = checkUint256(value, path);
  if (v > max) throw new RiskInputError(path, `a bigint in [0, ${max}]`, value);
  return v;
}

/** One step of a model: rates from the utilization, indices grown over the elapsed time; null on overflow. */
type Stepper = (
  u: bigint,
  dt: bigint,
  borrowIndex: bigint,
  supplyIndex: bigint,
) => Omit<IrmPathPoint, 'time' | 'utilization'> | null;

function aaveStepper(m: Record<string, unknown>): { step: Stepper; one: bigint } {
  const p = readAaveParams(m.params, 'model.params');
  const step: Stepper = (u, dt, bi, si) => {
    const usage = u * WAD_RAY_RATIO;
    const r =
      u === 0n
        ? { liquidityRate: 0n, variableBorrowRate: p.baseVariableBorrowRate * 10n ** 23n }
        : aaveRatesAtUsage(usage, usage, p);
    const s = {
      liquidityIndex: si,
      variableBorrowIndex: bi,
      liquidityRate: r.liquidityRate,
      variableBorrowRate: r.variableBorrowRate,
      scaledVariableDebt: u,
      reserveFactor: 0n,
    };
    const a = aaveAccrueRaw(s, dt);
    if (a === null) return null;
    return {
      borrowRate: r.variableBorrowRate,
      supplyRate: r.liquidityRate,
      borrowIndex: a.variableBorrowIndex,
      supplyIndex: a.liquidityIndex,
    };
  };
  return { step, one: RAY };
}

function cometStepper(m: Record<string, unknown>): { step: Stepper; one: bigint } {
  const c = readCometCurves(m.params, 'model.params');
  const step: Stepper = (u, dt, bi, si) => {
    const r = cometRatesAt(u, c);
    if (r === null) return null;
    const borrowIndex = dt === 0n ? bi : cometGrow(bi, r.borrowRate, dt);
    const supplyIndex = dt === 0n ? si : cometGrow(si, r.supplyRate, dt);
    if (borrowIndex === null || supplyIndex === null) return null;
    return { borrowRate: r.borrowRate, supplyRate: r.supplyRate, borrowIndex, supplyIndex };
  };
  return { step, one: COMET_INDEX_SCALE };
}

function morphoStepper(m: Record<string, unknown>): { step: Stepper; one: bigint } {
  const fee = optionalBounded(m.fee, 'model.fee', WAD / 4n, 0n);
  let rateAtTarget = optionalBounded(m.rateAtTarget, 'model.rateAtTarget', MORPHO_ADAPTIVE_CURVE.maxRateAtTarget, 0n);
  const step: Stepper = (u, dt, bi, si) => {
    const { avg, end } = morphoRateRaw(u, rateAtTarget, dt);
    rateAtTarget = end;
    const growth = wTaylorRaw(avg, dt);
    const supplyGrowth = mulDivDownRaw(mulDivDownRaw(growth, u, WAD), WAD - fee, WAD);
    return {
      borrowRate: avg,
      supplyRate: mulDivDownRaw(mulDivDownRaw(avg, u, WAD), WAD - fee, WAD),
      borrowIndex: bi + mulDivDownRaw(bi, growth, WAD),
      supplyIndex: si + mulDivDownRaw(si, supplyGrowth, WAD),
      rateAtTarget: end,
    };
  };
  return { step, one: WAD };
}

function eulerStepper(m: Record<string, unknown>): { step: Stepper; one: bigint } {
  const p = readEulerParams(m.params, 'model.params');
  const fee = optionalBounded(m.interestFee, 'model.interestFee', BPS, 0n);
  const step: Stepper = (u, dt, bi, si) => {
    // the model on balances cash = 10¹⁸ − u, borrows = u: utilization ⌊u·(2³² − 1) / 10¹⁸⌋
    const raw = eulerKinkRaw((u * U32) / WAD, p);
    const rate = raw > EULER_MAX_INTEREST_RATE ? EULER_MAX_INTEREST_RATE : raw;
    const mult = rpowRaw(rate + RAY, dt, RAY);
    if (mult === null) return null;
    const borrowIndex = (bi * mult) / RAY;
    const lend = mulDivDownRaw(mulDivDownRaw(mult - RAY, u, WAD), BPS - fee, BPS);
    return {
      borrowRate: rate,
      supplyRate: mulDivDownRaw(mulDivDownRaw(rate, u, WAD), BPS - fee, BPS),
      borrowIndex,
      supplyIndex: si + mulDivDownRaw(si, lend, RAY),
    };
  };
  return { step, one: RAY };
}

const STEPPERS: Record<Protocol, (m: Record<string, unknown>) => { step: Stepper; one: bigint }> = {
  aave: aaveStepper,
  comet: cometStepper,
  morpho: morphoStepper,
  eulerLinearKink: eulerStepper,
};

/**
 * Rates and indices along a utilization path: step i holds `steps[i].utilization` (wad) for `steps[i].elapsed`
 * seconds; its point gives the rates the model sets at that utilization (Morpho: the average over the step, the rate
 * at target adapting from the previous step's end) and the indices at the step's end, both indices starting at one.
 * The borrow index follows the protocol's accrual exactly (Aave's compounded index, Comet's simple-interest index
 * per step, Morpho's wTaylorCompounded growth, Euler's rpow accumulator); the supply index is the contract's where the
 * protocol keeps one (Aave liquidity index, Comet supply index) and otherwise the growth of one unit supplied at
 * utilization u net of the fee: borrow growth · u · (1 − fee), floored. Balances behind each step are borrows u and
 * total 10¹⁸, so a model that reads balances (Aave, Euler) sees exactly u.
 * @param steps the utilization path
 * @param model the protocol and its parameters
 * @example
 * ```ts
 * import { irmRatePath } from 'riskcore/lending';
 * const params = { baseRate: 0n, slope1: 1406417851n, slope2: 19050045013n, kink: 2147483648n };
 * const day = 86_400n;
 * const path = irmRatePath(
 *   [{ elapsed: day, utilization: 5n * 10n ** 17n }, { elapsed: day, utilization: 9n * 10n ** 17n }],
 *   { protocol: 'eulerLinearKink', params },
 * );
 * console.log(path.points[0].borrowRate, path.points[1].borrowRate); // 3020259335871382597n 35747987437872895369n
 * ```
 */
export function irmRatePath(steps: readonly IrmPathStep[], model: IrmModel): IrmPathResult {
  const s = readSteps(steps);
  const m = checkStrictObject(model, 'model', knownKeys('protocol', 'params', 'fee', 'rateAtTarget', 'interestFee'));
  const protocol = m.protocol;
  if (typeof protocol !== 'string' || !Object.hasOwn(MODEL_KEYS, protocol)) {
    throw new RiskInputError('model.protocol', "'aave', 'comet', 'morpho' or 'eulerLinearKink'", protocol);
  }
  checkStrictObject(model, 'model', MODEL_KEYS[protocol as Protocol]);
  const { step, one } = STEPPERS[protocol as Protocol](m);
  const points: IrmPathPoint[] = [];
  let time = 0n;
  let bi = one;
  let si = one;
  for (let i = 0; i < s.length; i++) {
    const { elapsed, utilization } = s[i];
    const r = step(utilization, elapsed, bi, si);
    if (r === null) {
      throw new RiskInputError(
        joinPath(`steps[${i}]`, 'elapsed'),
        'short enough that the indices do not overflow',
        elapsed,
      );
    }
    time += elapsed;
    bi = r.borrowIndex;
    si = r.supplyIndex;
    points.push({ time, utilization, ...r });
  }
  return { points };
}
