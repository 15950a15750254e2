/**
 * {@link poolRunSchedule}: the withdrawal steps of {@link poolRateRisk} from a run-off profile in the form of the
 * liquidity (ALM) stress (`LiquidityLiability.runoff`, `WithdrawalRun.runoff`): fractions of the supply redeemed per
 * bucket.
 */
import { RiskInputError } from '../../core/errors.js';
import { Money } from '../../core/money.js';
import { checkArray, checkNumber, checkStrictObject, knownKeys } from '../../core/validate.js';
import { checkAmount } from './inputs.js';
import type { PoolStep } from './types.js';

const CONTEXT_KEYS = knownKeys('supply', 'elapsed');

/** Context of {@link poolRunSchedule}. */
export interface PoolRunContext {
  /** The lenders' supply the fractions apply to, base units (≥ 0n). */
  supply: bigint;
  /** Length of each bucket in seconds (≥ 0n, ≤ 2⁴⁰ − 1). */
  elapsed: bigint;
}

/** Result of {@link poolRunSchedule}. */
export interface PoolRunScheduleResult {
  /** One step per bucket: withdraw ⌊supply·fraction⌋ (the fraction as the exact decimal it prints as). */
  steps: PoolStep[];
}

/**
 * Withdrawal steps from a run-off profile: bucket i withdraws ⌊supply·runoff[i]⌋ base units at its start and lasts
 * `elapsed` seconds. Fractions in [0, 1] summing to at most 1, as `liquidityStress` takes them.
 * @param runoff fraction of the supply redeemed in each bucket
 * @param context the supply and the bucket length
 * @example
 * ```ts
 * import { poolRunSchedule } from 'riskcore/stress';
 * const { steps } = poolRunSchedule([0.3, 0.2, 0.1], { supply: 1_000_000n * 10n ** 6n, elapsed: 86_400n });
 * console.log(steps.map((s) => s.withdraw)); // [ 300000000000n, 200000000000n, 100000000000n ]
 * ```
 */
export function poolRunSchedule(runoff: readonly number[], context: PoolRunContext): PoolRunScheduleResult {
  const fractions = checkArray(runoff, 'runoff', 1).map((f, i) => checkNumber(f, `runoff[${i}]`, { ge: 0, le: 1 }));
  const c = checkStrictObject(context, 'context', CONTEXT_KEYS);
  const supply = checkAmount(c.supply, 'context.supply');
  const elapsed = checkAmount(c.elapsed, 'context.elapsed', (1n << 40n) - 1n);
  const total = fractions.reduce((s, f) => s.add(new Money(f)), new Money(0));
  if (total.gt(1)) throw new RiskInputError('runoff', 'fractions summing to at most 1', total.toString());
  const s = new Money(supply.toString());
  return {
    steps: fractions.map((f) => ({ elapsed, withdraw: BigInt(s.mul(new Money(f)).floor().toFixed(0)) })),
  };
}
