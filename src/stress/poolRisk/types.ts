/**
 * Types of {@link poolRateRisk}: a lending pool (its interest-rate model, balances and borrowers), a scenario (per
 * step: elapsed time, withdrawals, deposits, repayments, collateral prices) and the per-step result.
 */
import type { IrmModel, LendingMarket, LendingMarketParams } from '../../lending/index.js';
import type { MoneyInput } from '../../core/money.js';

/** One borrower of the pool: collateral balances and a debt in the pool's asset, both in base units. */
export interface PoolBorrower {
  name: string;
  /** Collateral balance per reserve of `pool.market`, base units (≥ 0n); reserves not named hold 0n. */
  collateral: Record<string, bigint>;
  /** Debt in the pool's asset, base units (≥ 0n). */
  debt: bigint;
}

/** A lending pool of one asset. The borrows are the sum of the borrowers' debts. */
export interface LendingPool {
  /** The reserve of `market` that the pool lends (its decimals are the base units of every amount). */
  asset: string;
  /** Idle liquidity, base units (≥ 0n). */
  cash: bigint;
  /** The interest-rate model (the tagged models of `irmRatePath` in riskcore/lending). */
  model: IrmModel;
  /** Share of borrow interest kept as protocol reserves, basis points in [0, 10 000]; default 0n. */
  reserveFactorBps?: bigint;
  /** The Aave-v3-style market whose parameters give the borrowers' health factor and liquidation. */
  market: LendingMarketParams | LendingMarket;
  borrowers: PoolBorrower[];
}

/** An amount repaid (capped at the debt) or borrowed by one borrower, base units of the pool's asset. */
export interface PoolRepayment {
  borrower: string;
  amount: bigint;
}

/** One step of a scenario: what happens at the step's start, then rates held for `elapsed` seconds. */
export interface PoolStep {
  /** Seconds the step lasts (≥ 0n, ≤ 2⁴⁰ − 1). */
  elapsed: bigint;
  /** Withdrawals requested at the step's start, base units (≥ 0n); queued first in, first out when cash is short. */
  withdraw?: bigint;
  /** Deposits at the step's start, base units (≥ 0n). */
  deposit?: bigint;
  repayments?: PoolRepayment[];
  /**
   * New borrowing at the step's start (a utilization shock), after the withdrawals: paid from the cash left, the
   * rest refused. Taken as given, not checked against the borrower's borrowing power.
   */
  borrowings?: PoolRepayment[];
  /** Collateral prices from this step on (replacing the previous ones), per reserve of the market. */
  prices?: Record<string, MoneyInput>;
}

/** A scenario for {@link poolRateRisk}: the prices at the start and the steps. */
export interface PoolScenario {
  name: string;
  /** Prices per reserve of the market at the start (base currency per whole token). */
  prices: Record<string, MoneyInput>;
  steps: PoolStep[];
}

/** Options of {@link poolRateRisk}. */
export interface PoolRateRiskOptions {
  /** Health-factor rounding: `'aave'` (default, the contract's, the one a liquidation call checks) or `'exact'`. */
  rounding?: 'aave' | 'exact';
}

/** A liquidation at a step's start (one Aave v3.3 liquidation call at the close-factor maximum). */
export interface PoolLiquidation {
  borrower: string;
  /** The collateral reserve seized: the borrower's largest collateral by value. */
  collateralAsset: string;
  healthFactorBefore: bigint;
  /** Debt repaid by the liquidator, base units of the pool's asset: it returns to the pool's cash. */
  debtRepaid: bigint;
  collateralToLiquidator: bigint;
  protocolFee: bigint;
  /** Debt written off because the call took the last collateral (bad debt), base units. */
  badDebt: bigint;
}

/** One borrower at the end of a step. */
export interface PoolBorrowerPoint {
  name: string;
  debt: bigint;
  /** Health factor in wad at the end of the step under the step's prices; null without debt. */
  healthFactor: bigint | null;
}

/** One step of the result; balances at the step's end, base units. */
export interface PoolRiskPoint {
  /** Seconds from the start to the step's start. */
  start: bigint;
  /** Utilization after the step's start actions, wad: ⌊borrows·10¹⁸ / (borrows + cash)⌋ (0 with nothing supplied). */
  utilization: bigint;
  /** Rates and indices of the model over the step, in the model's units (see `IrmPathPoint` of riskcore/lending). */
  borrowRate: bigint;
  supplyRate: bigint;
  borrowIndex: bigint;
  supplyIndex: bigint;
  /** Interest accrued on the borrows over the step. */
  interest: bigint;
  liquidations: PoolLiquidation[];
  repaid: bigint;
  deposited: bigint;
  /** Withdrawals requested at the step (after trimming to the lenders' unqueued claim). */
  requested: bigint;
  /** Part of a request beyond the lenders' unqueued claim: refused, not queued. */
  refused: bigint;
  /** Withdrawals paid at the step (new and queued). */
  served: bigint;
  /** Withdrawals waiting after the step's start actions. */
  queued: bigint;
  /** New borrowing paid out at the step, and the part refused for want of cash. */
  borrowed: bigint;
  borrowRefused: bigint;
  cash: bigint;
  borrows: bigint;
  /** Lenders' claim and protocol reserves: supply = lenderClaim + reserves = borrows + cash, exactly. */
  lenderClaim: bigint;
  reserves: bigint;
  supply: bigint;
  borrowers: PoolBorrowerPoint[];
}

/** A withdrawal request and when it was paid, first in, first out. */
export interface PoolWithdrawalLot {
  requestedAt: bigint;
  amount: bigint;
  /** Time the last unit of the request was paid; null if not paid by the end of the scenario. */
  servedAt: bigint | null;
  /** servedAt − requestedAt, or end − requestedAt for a request still waiting (a lower bound). */
  wait: bigint;
}

/** The lenders' lock-out: waits of the withdrawal requests. */
export interface PoolLockout {
  lots: PoolWithdrawalLot[];
  /** Longest wait of a request (unpaid ones counted to the end), seconds. */
  maxWait: bigint;
  /** Total time with a non-empty queue, seconds. */
  lockedTime: bigint;
  /** Requests still waiting at the end, base units. */
  unservedAtEnd: bigint;
}

/** Result of {@link poolRateRisk}. */
export interface PoolRateRiskResult {
  scenario: string;
  /** Seconds from the start to the end of the last step. */
  horizon: bigint;
  points: PoolRiskPoint[];
  lockout: PoolLockout;
  /** Sum of the debt written off by liquidations, base units. */
  badDebt: bigint;
}
