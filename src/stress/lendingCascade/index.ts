/**
 * riskcore/stress lending cascades: liquidation cascades on Aave v3.3, Compound III, Morpho Blue and Euler v2 rules
 * (simulate.ts the entry point, inputs.ts validation, rounds.ts the round loop, prices.ts the price and oracle
 * process, one file per protocol's rules).
 */
export { simulateLendingCascade } from './simulate.js';
export type {
  LendingCascadeProtocol,
  AaveCascadePosition,
  CometCascadePosition,
  MorphoCascadePosition,
  EulerCascadePosition,
  LendingCascadePosition,
  LendingLiquidators,
  LendingCascadeCommon,
  AaveCascadeContext,
  CometCascadeContext,
  MorphoCascadeContext,
  EulerCascadeContext,
  LendingCascadeContext,
  LendingCascadeEvent,
  LendingCascadeRound,
  LendingCascadeTotals,
  LendingCascadeResult,
} from './types.js';
