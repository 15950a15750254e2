/**
 * riskcore/stress pool risk: the rate and liquidity risk of one lending pool (the asset-liability view) —
 * {@link poolRateRisk} — and {@link poolRunSchedule}, which turns a run-off profile of the liquidity (ALM) stress
 * into the pool's withdrawal steps.
 */
export { poolRateRisk } from './poolRateRisk.js';
export { poolRunSchedule } from './runSchedule.js';
export type { PoolRunOptions, PoolRunScheduleResult } from './runSchedule.js';
export type {
  PoolBorrower,
  LendingPool,
  PoolRepayment,
  PoolStep,
  PoolScenario,
  PoolRateRiskOptions,
  PoolLiquidation,
  PoolBorrowerPoint,
  PoolRiskPoint,
  PoolWithdrawalLot,
  PoolLockout,
  PoolRateRiskResult,
} from './types.js';
