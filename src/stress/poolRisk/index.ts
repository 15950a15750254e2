/**
 * riskcore/stress pool risk: the rate and liquidity risk of one lending pool (the asset-liability view) —
 * {@link poolRateRisk} — and {@link poolRunSchedule}, which turns a run-off profile of the liquidity (ALM) stress
 * into the pool's withdrawal steps, and {@link poolShockedPrices}, the collateral prices after a stress scenario.
 */
export { poolRateRisk } from './poolRateRisk.js';
export { poolRunSchedule } from './runSchedule.js';
export { poolShockedPrices } from './shockedPrices.js';
export type { PoolShockedPricesOptions, PoolShockedPricesResult } from './shockedPrices.js';
export type { PoolRunContext, PoolRunScheduleResult } from './runSchedule.js';
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
