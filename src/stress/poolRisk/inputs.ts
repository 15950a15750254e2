/** Validation of the inputs of {@link poolRateRisk}: strict keys, bigint amounts, names known to the market. */
import { RiskInputError } from '../../core/errors.js';
import type { MoneyInput } from '../../core/money.js';
import {
  checkArray,
  checkObject,
  checkStrictObject,
  checkString,
  joinPath,
  knownKeys,
  ownValue,
} from '../../core/validate.js';
import { fastMarket, lendingMarket } from '../../lending/index.js';
import type { FastMarket, IrmModel, LendingMarket } from '../../lending/index.js';
import type { LendingPool, PoolScenario } from './types.js';

const POOL_KEYS = knownKeys('asset', 'cash', 'model', 'reserveFactorBps', 'market', 'borrowers');
const BORROWER_KEYS = knownKeys('name', 'collateral', 'debt');
const SCENARIO_KEYS = knownKeys('name', 'prices', 'steps');
const STEP_KEYS = knownKeys('elapsed', 'withdraw', 'deposit', 'repayments', 'borrowings', 'prices');
const REPAY_KEYS = knownKeys('borrower', 'amount');
/** Amounts up to 2¹⁰⁴ − 1 (Comet's uint104 principal, far beyond any token supply). */
const MAX_AMOUNT = (1n << 104n) - 1n;
const MAX_ELAPSED = (1n << 40n) - 1n;
const MAX_STEPS = 2000;

/** A bigint in [0, max]; else a RiskInputError at `path`. */
export function checkAmount(value: unknown, path: string, max: bigint = MAX_AMOUNT): bigint {
  if (typeof value !== 'bigint' || value < 0n || value > max)
    throw new RiskInputError(path, `a bigint in [0, ${max}] (base units)`, value);
  return value;
}

function optionalAmount(value: unknown, path: string): bigint {
  return value === undefined ? 0n : checkAmount(value, path);
}

/** A validated borrower: collateral as one balance per market reserve. */
export interface Borrower {
  name: string;
  supplies: bigint[];
  debt: bigint;
}

/** The validated pool. */
export interface Pool {
  debtIndex: number;
  cash: bigint;
  model: IrmModel;
  reserveFactorBps: bigint;
  market: LendingMarket;
  assets: string[];
  borrowers: Borrower[];
}

/** The validated scenario: each step's prices already prepared as a fast market (null: the previous ones). */
export interface Step {
  elapsed: bigint;
  withdraw: bigint;
  deposit: bigint;
  /** Repayment per borrower index. */
  repay: Map<number, bigint>;
  /** New borrowing per borrower index, in the order given. */
  borrow: Map<number, bigint>;
  fm: FastMarket | null;
}

function readBorrower(value: unknown, path: string, assets: string[]): Borrower {
  const o = checkStrictObject(value, path, BORROWER_KEYS);
  const name = checkString(o.name, joinPath(path, 'name'));
  const cpath = joinPath(path, 'collateral');
  const c = checkObject(o.collateral, cpath);
  for (const k of Object.keys(c)) {
    if (!assets.includes(k)) throw new RiskInputError(joinPath(cpath, k), `a reserve of the market (${assets})`, k);
  }
  const supplies = assets.map((a) => {
    const v = ownValue(c, a);
    return v === undefined ? 0n : checkAmount(v, joinPath(cpath, a));
  });
  return { name, supplies, debt: checkAmount(o.debt, joinPath(path, 'debt')) };
}

/** The pool, validated (the model is validated by its first use in irmRatePath, under `pool.model`). */
export function readPool(pool: LendingPool): Pool {
  const o = checkStrictObject(pool, 'pool', POOL_KEYS);
  let market: LendingMarket;
  try {
    market = lendingMarket(o.market as LendingPool['market']);
  } catch (e) {
    if (e instanceof RiskInputError && e.path.startsWith('market'))
      throw new RiskInputError(`pool.${e.path}`, e.expected, e.value);
    throw e;
  }
  const assets = [...market.reserves.keys()];
  const asset = checkString(o.asset, 'pool.asset');
  const debtIndex = assets.indexOf(asset);
  if (debtIndex < 0) throw new RiskInputError('pool.asset', `a reserve of the market (${assets})`, asset);
  const borrowers = checkArray(o.borrowers, 'pool.borrowers').map((b, i) =>
    readBorrower(b, `pool.borrowers[${i}]`, assets),
  );
  const names = new Set<string>();
  borrowers.forEach((b, i) => {
    if (names.has(b.name)) throw new RiskInputError(`pool.borrowers[${i}].name`, 'a name not used before', b.name);
    names.add(b.name);
  });
  checkObject(o.model, 'pool.model');
  return {
    debtIndex,
    cash: checkAmount(o.cash, 'pool.cash'),
    model: o.model as IrmModel,
    reserveFactorBps:
      o.reserveFactorBps === undefined ? 0n : checkAmount(o.reserveFactorBps, 'pool.reserveFactorBps', 10_000n),
    market,
    assets,
    borrowers,
  };
}

function readRepayments(value: unknown, path: string, names: string[]): Map<number, bigint> {
  const out = new Map<number, bigint>();
  if (value === undefined) return out;
  checkArray(value, path).forEach((r, i) => {
    const rp = `${path}[${i}]`;
    const o = checkStrictObject(r, rp, REPAY_KEYS);
    const who = checkString(o.borrower, joinPath(rp, 'borrower'));
    const j = names.indexOf(who);
    if (j < 0) throw new RiskInputError(joinPath(rp, 'borrower'), 'the name of a borrower of the pool', who);
    out.set(j, (out.get(j) ?? 0n) + checkAmount(o.amount, joinPath(rp, 'amount')));
  });
  return out;
}

/** The scenario, validated against the pool; returns the name, the starting fast market and the steps. */
export function readScenario(scenario: PoolScenario, pool: Pool): { name: string; fm0: FastMarket; steps: Step[] } {
  const o = checkStrictObject(scenario, 'scenario', SCENARIO_KEYS);
  const name = checkString(o.name, 'scenario.name');
  const prices = (value: unknown, path: string): FastMarket => {
    const p = checkObject(value, path) as Record<string, MoneyInput>;
    for (const k of Object.keys(p)) {
      if (!pool.assets.includes(k))
        throw new RiskInputError(joinPath(path, k), `a reserve of the market (${pool.assets})`, k);
    }
    let fm: FastMarket;
    try {
      fm = fastMarket(pool.market, p);
    } catch (e) {
      if (e instanceof RiskInputError && e.path.startsWith('prices'))
        throw new RiskInputError(path + e.path.slice('prices'.length), 'a positive price', e.value);
      throw e;
    }
    for (const i of priced) {
      if (fm.price[i] === 0n)
        throw new RiskInputError(
          joinPath(path, pool.assets[i]),
          'a positive price (the pool asset and every collateral held need one)',
          ownValue(p, pool.assets[i]),
        );
    }
    return fm;
  };
  // the pool asset and every collateral a borrower holds (balances only fall, so this set covers every step)
  const priced = pool.assets
    .map((_a, i) => i)
    .filter((i) => i === pool.debtIndex || pool.borrowers.some((b) => b.supplies[i] > 0n));
  const fm0 = prices(o.prices, 'scenario.prices');
  const names = pool.borrowers.map((b) => b.name);
  const raw = checkArray(o.steps, 'scenario.steps', 1);
  if (raw.length > MAX_STEPS) throw new RiskInputError('scenario.steps', `at most ${MAX_STEPS} steps`, raw.length);
  const steps = raw.map((s, i) => {
    const path = `scenario.steps[${i}]`;
    const st = checkStrictObject(s, path, STEP_KEYS);
    return {
      elapsed: checkAmount(st.elapsed, joinPath(path, 'elapsed'), MAX_ELAPSED),
      withdraw: optionalAmount(st.withdraw, joinPath(path, 'withdraw')),
      deposit: optionalAmount(st.deposit, joinPath(path, 'deposit')),
      repay: readRepayments(st.repayments, joinPath(path, 'repayments'), names),
      borrow: readRepayments(st.borrowings, joinPath(path, 'borrowings'), names),
      fm: st.prices === undefined ? null : prices(st.prices, joinPath(path, 'prices')),
    };
  });
  return { name, fm0, steps };
}
