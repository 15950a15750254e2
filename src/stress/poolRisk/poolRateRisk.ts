/**
 * {@link poolRateRisk}: the asset-liability view of one lending pool under a utilization shock or a withdrawal run —
 * the rate path, each borrower's debt and health factor, the liquidations they trigger and how long lenders wait.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import { WAD, fastAccountHealth, fastLiquidation } from '../../lending/index.js';
import type { FastMarket } from '../../lending/index.js';
import { type Borrower, type Pool, readPool, readScenario } from './inputs.js';
import { indexOne, type RateState, rateStep } from './rateStep.js';
import type {
  LendingPool,
  PoolLiquidation,
  PoolRateRiskOptions,
  PoolRateRiskResult,
  PoolRiskPoint,
  PoolScenario,
} from './types.js';
import { WithdrawalQueue } from './withdrawalQueue.js';

const OPTS_KEYS = knownKeys('rounding');

/** The pool's balances as the scenario runs. */
interface Book {
  cash: bigint;
  lenderClaim: bigint;
  reserves: bigint;
  badDebt: bigint;
}

const debtVector = (pool: Pool, debt: bigint): bigint[] =>
  pool.assets.map((_a, i) => (i === pool.debtIndex ? debt : 0n));

/** The collateral reserve of largest value (LT > 0), lowest index on a tie; −1 without any. */
function largestCollateral(fm: FastMarket, supplies: readonly bigint[]): number {
  let best = -1;
  let bestValue = -1n;
  for (let k = 0; k < supplies.length; k++) {
    if (supplies[k] === 0n || fm.ltBps[k] === 0n) continue;
    const v = (supplies[k] * fm.price[k]) / fm.unit[k];
    if (v > bestValue) {
      best = k;
      bestValue = v;
    }
  }
  return best;
}

/** One liquidation call at the close-factor maximum on a borrower whose contract HF is below 1; null if none. */
function liquidate(pool: Pool, fm: FastMarket, b: Borrower, book: Book): PoolLiquidation | null {
  if (b.debt === 0n) return null;
  const debts = debtVector(pool, b.debt);
  const h = fastAccountHealth(b.supplies, debts, fm, { rounding: 'aave' });
  const c = largestCollateral(fm, b.supplies);
  if (!h.liquidatable || c < 0) return null;
  const r = fastLiquidation(fm, b.supplies, debts, c, pool.debtIndex);
  if (r.reason !== 0) return null;
  b.supplies[c] -= r.collateralToLiquidator + r.protocolFee;
  b.debt -= r.debtRepaid;
  book.cash += r.debtRepaid;
  const badDebt = r.deficit ? b.debt : 0n;
  if (badDebt > 0n) {
    b.debt = 0n;
    const fromReserves = book.reserves < badDebt ? book.reserves : badDebt;
    book.reserves -= fromReserves;
    book.lenderClaim -= badDebt - fromReserves;
    book.badDebt += badDebt;
  }
  return {
    borrower: b.name,
    collateralAsset: pool.assets[c],
    healthFactorBefore: r.healthFactorBefore,
    debtRepaid: r.debtRepaid,
    collateralToLiquidator: r.collateralToLiquidator,
    protocolFee: r.protocolFee,
    badDebt,
  };
}

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/**
 * Runs a pool through a scenario, step by step. At each step's start, in this order: the step's prices apply; every
 * borrower whose health factor (the contract's rounding) is below 1 gets one Aave v3.3 liquidation call at the
 * close-factor maximum on the largest collateral (`fastLiquidation`; the repaid debt returns to cash; a call that
 * takes the last collateral writes the rest of the debt off, from reserves first, then from lenders); repayments
 * (capped at the debt); deposits; withdrawal requests join a first-in-first-out queue (trimmed to the lenders' claim
 * not already queued) and are paid from cash as far as it goes; new borrowings (a utilization shock) take what cash is
 * left. Then the utilization ⌊borrows·10¹⁸ / (borrows + cash)⌋
 * sets the model's rates (`irmRatePath`), held for `elapsed` seconds; the indices move by the protocol's rule and
 * each debt grows with the borrow index, rounded up: d' = ⌈d·I' / I⌉. Interest goes to reserves
 * (⌊interest·reserveFactor / 10⁴⌋) and to lenders (the rest), so supply = lenderClaim + reserves = borrows + cash at
 * every step, exactly. The lock-out is the wait of each request (unpaid ones counted to the horizon) and the time
 * the queue was non-empty. All amounts are bigint base units of the pool's asset.
 * @param pool the pool: asset, cash, model, reserve factor, Aave-style market and borrowers
 * @param scenario the starting prices and the steps
 * @param options `rounding` of the reported health factors
 * @example
 * ```ts
 * import { poolRateRisk } from 'riskcore/stress';
 * import { AAVE_V3_ETHEREUM } from 'riskcore/lending';
 * const e6 = 10n ** 6n;
 * const params = {
 *   supplyKink: 9n * 10n ** 17n, supplyPerYearInterestRateBase: 0n,
 *   supplyPerYearInterestRateSlopeLow: 5n * 10n ** 16n, supplyPerYearInterestRateSlopeHigh: 2n * 10n ** 18n,
 *   borrowKink: 9n * 10n ** 17n, borrowPerYearInterestRateBase: 10n ** 16n,
 *   borrowPerYearInterestRateSlopeLow: 5n * 10n ** 16n, borrowPerYearInterestRateSlopeHigh: 3n * 10n ** 18n,
 * };
 * const pool = {
 *   asset: 'USDC', cash: 200_000n * e6, model: { protocol: 'comet' as const, params },
 *   market: AAVE_V3_ETHEREUM,
 *   borrowers: [{ name: 'a', collateral: { WETH: 400n * 10n ** 18n }, debt: 800_000n * e6 }],
 * };
 * const week = 7n * 86_400n;
 * const r = poolRateRisk(pool, {
 *   name: 'run', prices: { WETH: '2500', USDC: '1' },
 *   steps: [
 *     { elapsed: week, withdraw: 300_000n * e6 },
 *     { elapsed: week, repayments: [{ borrower: 'a', amount: 150_000n * e6 }] },
 *   ],
 * });
 * const [p0] = r.points;
 * console.log(p0.served, p0.queued, p0.utilization); // 200000000000n 100000000000n 1000000000000000000n
 * console.log(r.lockout.maxWait === week); // true
 * ```
 */
export function poolRateRisk(
  pool: LendingPool,
  scenario: PoolScenario,
  options?: PoolRateRiskOptions,
): PoolRateRiskResult {
  const p = readPool(pool);
  const sc = readScenario(scenario, p);
  const o = checkStrictObject(options ?? {}, 'options', OPTS_KEYS);
  const rounding = o.rounding ?? 'aave';
  if (rounding !== 'aave' && rounding !== 'exact')
    throw new RiskInputError('options.rounding', "'aave' or 'exact'", o.rounding);
  const borrowers = p.borrowers.map((b) => ({ name: b.name, supplies: [...b.supplies], debt: b.debt }));
  let borrows = borrowers.reduce((s, b) => s + b.debt, 0n);
  const book: Book = { cash: p.cash, lenderClaim: p.cash + borrows, reserves: 0n, badDebt: 0n };
  const one = indexOne(p.model);
  let rs: RateState = { borrowIndex: one, supplyIndex: one, rateAtTarget: undefined };
  const queue = new WithdrawalQueue();
  let fm = sc.fm0;
  let time = 0n;
  let lockedTime = 0n;
  const points: PoolRiskPoint[] = [];
  sc.steps.forEach((step, i) => {
    fm = step.fm ?? fm;
    const liquidations: PoolLiquidation[] = [];
    for (const b of borrowers) {
      const l = liquidate(p, fm, b, book);
      if (l) liquidations.push(l);
    }
    let repaid = 0n;
    for (const [j, amount] of step.repay) {
      const b = borrowers[j];
      const pay = amount < b.debt ? amount : b.debt;
      b.debt -= pay;
      repaid += pay;
    }
    book.cash += repaid + step.deposit;
    book.lenderClaim += step.deposit;
    const room = book.lenderClaim > queue.queued ? book.lenderClaim - queue.queued : 0n;
    const requested = step.withdraw < room ? step.withdraw : room;
    queue.request(time, requested);
    const payable = book.cash < book.lenderClaim ? book.cash : book.lenderClaim;
    const served = queue.serve(time, payable);
    book.cash -= served;
    book.lenderClaim -= served;
    let borrowed = 0n;
    let asked = 0n;
    for (const [j, amount] of step.borrow) {
      const pay = amount < book.cash ? amount : book.cash;
      borrowers[j].debt += pay;
      book.cash -= pay;
      borrowed += pay;
      asked += amount;
    }
    if (queue.queued > 0n) lockedTime += step.elapsed;
    borrows = borrowers.reduce((s, b) => s + b.debt, 0n);
    const supply = borrows + book.cash;
    const utilization = supply === 0n ? 0n : (borrows * WAD) / supply;
    const r = rateStep(p.model, rs, utilization, step.elapsed, i);
    let interest = 0n;
    for (const b of borrowers) {
      const grown = ceilDiv(b.debt * r.next.borrowIndex, rs.borrowIndex);
      interest += grown - b.debt;
      b.debt = grown;
    }
    rs = r.next;
    borrows += interest;
    const toReserves = (interest * p.reserveFactorBps) / 10_000n;
    book.reserves += toReserves;
    book.lenderClaim += interest - toReserves;
    points.push({
      start: time,
      utilization,
      borrowRate: r.borrowRate,
      supplyRate: r.supplyRate,
      borrowIndex: rs.borrowIndex,
      supplyIndex: rs.supplyIndex,
      interest,
      liquidations,
      repaid,
      deposited: step.deposit,
      requested,
      refused: step.withdraw - requested,
      served,
      queued: queue.queued,
      borrowed,
      borrowRefused: asked - borrowed,
      cash: book.cash,
      borrows,
      lenderClaim: book.lenderClaim,
      reserves: book.reserves,
      supply: book.lenderClaim + book.reserves,
      borrowers: borrowers.map((b) => ({
        name: b.name,
        debt: b.debt,
        healthFactor: fastAccountHealth(b.supplies, debtVector(p, b.debt), fm, { rounding }).healthFactor,
      })),
    });
    time += step.elapsed;
  });
  return { scenario: sc.name, horizon: time, points, lockout: queue.lockout(time, lockedTime), badDebt: book.badDebt };
}
