/**
 * Euler's adaptive-curve interest-rate model (euler-xyz/evk-periphery 235e51db, IRMAdaptiveCurve): Morpho's curve and
 * exponential rate-at-target adaptation with configurable constants, adapting at the speed of the utilization stored
 * at the previous update and quoting the curve at the end rate (no averaging), in ray per second for the vault.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';
import { checkUint256 } from '../evm/check.js';
import { WAD } from '../evm/constants.js';
import { maxUint, readFields } from './fields.js';
import { wExp } from './morpho.js';

/** Euler's year: 365.2425 days, in seconds. */
const YEAR = 31_556_952n;
const U112 = maxUint(112);

/** Constructor parameters of an IRMAdaptiveCurve (wad; rates per second). */
export interface EulerAdaptiveParams {
  /** Target utilization, wad, in (0, 10¹⁸]. */
  targetUtilization: bigint;
  /** Rate at target before the first update, per second, wad; within [min, max]. */
  initialRateAtTarget: bigint;
  /** Lower bound of the rate at target, per second, wad; 0.1%–1000% a year. */
  minRateAtTarget: bigint;
  /** Upper bound of the rate at target, per second, wad; 0.1%–1000% a year. */
  maxRateAtTarget: bigint;
  /** Curve steepness, wad, in [1.01, 100]. */
  curveSteepness: bigint;
  /** Adjustment speed per second, wad; 2–1000 a year. */
  adjustmentSpeed: bigint;
}

/** The model's stored state for a vault (absent before the first update). */
export interface EulerAdaptiveState {
  /** Stored rate at target, per second, wad. */
  rateAtTarget: bigint;
  /** Utilization stored at the last update, wad. */
  lastUtilization: bigint;
}

/** Context of {@link eulerAdaptiveRate}. */
export interface EulerAdaptiveContext {
  params: EulerAdaptiveParams;
  /** The stored state; omit it for a vault the model has never updated. */
  state?: EulerAdaptiveState;
  /** Seconds since the last update. */
  elapsed: bigint;
}

/** Result of {@link eulerAdaptiveRate}. */
export interface EulerAdaptiveRateResult {
  /** The rate returned to the vault, ray per second. */
  interestRate: bigint;
  /** The rate at target the rate was quoted at (the one stored when `stores`), per second, wad. */
  rateAtTarget: bigint;
  /** borrows·10¹⁸ / (cash + borrows) (floor), 0 for an empty vault. */
  utilization: bigint;
  /** Whether computeInterestRate stores a new state (not on the first call with no borrows). */
  stores: boolean;
}

type P = Record<keyof EulerAdaptiveParams, bigint>;
const PARAM_KEYS = [
  'targetUtilization',
  'initialRateAtTarget',
  'minRateAtTarget',
  'maxRateAtTarget',
  'curveSteepness',
  'adjustmentSpeed',
];
const CONTEXT_KEYS = knownKeys('params', 'state', 'elapsed');
const STATE_FIELDS = { rateAtTarget: { max: maxUint(144) }, lastUtilization: { max: WAD } } as const;
const BAL_FIELDS = { cash: { max: U112 }, borrows: { max: U112 } } as const;

/** Reads the parameters and checks them as the constructor does. */
export function readAdaptiveParams(value: unknown, path: string): P {
  const p = readFields<keyof EulerAdaptiveParams>(
    value,
    path,
    Object.fromEntries(PARAM_KEYS.map((k) => [k, { max: maxUint(255) }])),
  );
  const bad = (key: keyof EulerAdaptiveParams, what: string) => new RiskInputError(joinPath(path, key), what, p[key]);
  const lo = WAD / 1000n / YEAR;
  const hi = (10n * WAD) / YEAR;
  if (p.targetUtilization === 0n || p.targetUtilization > WAD) throw bad('targetUtilization', 'in (0, 1e18]');
  if (p.minRateAtTarget < lo || p.minRateAtTarget > hi) throw bad('minRateAtTarget', `in [${lo}, ${hi}]`);
  if (p.maxRateAtTarget < lo || p.maxRateAtTarget > hi) throw bad('maxRateAtTarget', `in [${lo}, ${hi}]`);
  if (p.initialRateAtTarget < p.minRateAtTarget || p.initialRateAtTarget > p.maxRateAtTarget) {
    throw bad('initialRateAtTarget', 'within [minRateAtTarget, maxRateAtTarget]');
  }
  if (p.curveSteepness < 1_010_000_000_000_000_000n || p.curveSteepness > 100n * WAD)
    throw bad('curveSteepness', 'in [1.01e18, 100e18]');
  if (p.adjustmentSpeed < (2n * WAD) / YEAR || p.adjustmentSpeed > (1000n * WAD) / YEAR) {
    throw bad('adjustmentSpeed', `in [${(2n * WAD) / YEAR}, ${(1000n * WAD) / YEAR}]`);
  }
  return p;
}

const err = (u: bigint, p: P): bigint =>
  ((u - p.targetUtilization) * WAD) / (u > p.targetUtilization ? WAD - p.targetUtilization : p.targetUtilization);
const curve = (r: bigint, e: bigint, p: P): bigint =>
  ((((e < 0n ? WAD - (WAD * WAD) / p.curveSteepness : p.curveSteepness - WAD) * e) / WAD + WAD) * r) / WAD;

/** The model on validated values (computeInterestRate; the state is null before the first update). */
export function eulerAdaptiveRaw(
  cash: bigint,
  borrows: bigint,
  p: P,
  state: { rateAtTarget: bigint; lastUtilization: bigint } | null,
  elapsed: bigint,
): EulerAdaptiveRateResult {
  const total = cash + borrows;
  const u = total === 0n ? 0n : (borrows * WAD) / total;
  if (borrows === 0n && state === null) {
    return {
      interestRate: curve(p.initialRateAtTarget, err(0n, p), p) * 10n ** 9n,
      rateAtTarget: p.initialRateAtTarget,
      utilization: u,
      stores: false,
    };
  }
  const start = state === null ? 0n : state.rateAtTarget;
  let end: bigint;
  if (start === 0n) end = p.initialRateAtTarget;
  else {
    const lin = ((p.adjustmentSpeed * err(state === null ? u : state.lastUtilization, p)) / WAD) * elapsed;
    if (lin === 0n) end = start;
    else {
      const r = (start * wExp(lin)) / WAD;
      end = r < p.minRateAtTarget ? p.minRateAtTarget : r > p.maxRateAtTarget ? p.maxRateAtTarget : r;
    }
  }
  return { interestRate: curve(end, err(u, p), p) * 10n ** 9n, rateAtTarget: end, utilization: u, stores: true };
}

/**
 * The rate of an Euler IRMAdaptiveCurve for a vault's cash and borrows (computeInterestRate): the rate at target
 * moves by exp(speed·err(last utilization)·Δt), bounded, and the rate is the curve at the new rate at target and the
 * current utilization's error, per second in wad × 10⁹ (ray per second). On a vault never updated and without
 * borrows it returns the curve at the initial rate at target for zero utilization and stores nothing. Signed integer
 * math truncates toward zero as the contract's.
 * @param balances the vault's cash and borrows (asset units)
 * @param context the constructor parameters, the stored state (absent before the first update) and the time
 * @example
 * ```ts
 * import { eulerAdaptiveRate } from 'riskcore/lending';
 * const year = 31_556_952n;
 * const params = {
 *   targetUtilization: 9n * 10n ** 17n, initialRateAtTarget: 4n * 10n ** 16n / year,
 *   minRateAtTarget: 10n ** 15n / year, maxRateAtTarget: 2n * 10n ** 18n / year,
 *   curveSteepness: 4n * 10n ** 18n, adjustmentSpeed: 50n * 10n ** 18n / year,
 * };
 * const r = eulerAdaptiveRate({ cash: 0n, borrows: 10n ** 18n }, { params, elapsed: 0n });
 * console.log(r.interestRate, r.rateAtTarget); // 5070198160000000000n 1267549540n
 * ```
 */
export function eulerAdaptiveRate(
  balances: { cash: bigint; borrows: bigint },
  context: EulerAdaptiveContext,
): EulerAdaptiveRateResult {
  const b = readFields<'cash' | 'borrows'>(balances, 'balances', BAL_FIELDS);
  const c = checkStrictObject(context, 'context', CONTEXT_KEYS);
  const p = readAdaptiveParams(c.params, 'context.params');
  const state =
    c.state === undefined ? null : readFields<keyof EulerAdaptiveState>(c.state, 'context.state', STATE_FIELDS);
  const elapsed = checkUint256(c.elapsed, 'context.elapsed');
  if (elapsed > maxUint(48)) throw new RiskInputError('context.elapsed', `a bigint in [0, ${maxUint(48)}]`, c.elapsed);
  return eulerAdaptiveRaw(b.cash, b.borrows, p, state, elapsed);
}
