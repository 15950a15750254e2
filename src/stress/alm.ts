/**
 * Liquidity / ALM stress of a protocol balance sheet (liquid assets after haircuts against liabilities redeemable
 * by time bucket under a withdrawal run), and duration / DV01 of fixed-term positions.
 */
import { RiskInputError } from '../core/errors.js';
import { Money, toMoney } from '../core/money.js';
import type { MoneyInput } from '../core/money.js';
import {
  checkArray,
  checkNumber,
  checkObject,
  checkStrictObject,
  checkString,
  joinPath,
  knownKeys,
  optionalNumber,
  ownValue,
} from '../core/validate.js';
import { setOwn } from './scenario.js';

const SHEET_KEYS = knownKeys('buckets', 'assets', 'liabilities');
const BUCKET_KEYS = knownKeys('name', 'days');
const ASSET_KEYS = knownKeys('name', 'amount', 'haircut', 'liquidityDays');
const LIABILITY_KEYS = knownKeys('name', 'amount', 'runoff');
const RUN_KEYS = knownKeys('name', 'runoff', 'haircutMultipliers');
const CASHFLOW_KEYS = knownKeys('time', 'amount');
const SCHEDULE_KEYS = knownKeys('notional', 'rate', 'maturity', 'frequency');

/** A time bucket ending `days` after today; buckets are in increasing order of `days`. */
export interface LiquidityBucket {
  name: string;
  /** End of the bucket in days (> 0, strictly increasing). */
  days: number;
}

/** An asset of the balance sheet. */
export interface LiquidityAsset {
  name: string;
  /** Value in quote currency before haircut (≥ 0). */
  amount: MoneyInput;
  /** Fire-sale haircut in [0, 1]; default 0. */
  haircut?: number;
  /** Days needed to turn it into cash (0 = cash); counted in the first bucket ending on or after that day. Default 0. */
  liquidityDays?: number;
}

/** A liability: redeemable amount and the fraction redeemed in each bucket (the run-off profile). */
export interface LiquidityLiability {
  name: string;
  /** Outstanding amount in quote currency (≥ 0). */
  amount: MoneyInput;
  /** Fraction of `amount` redeemed in each bucket (each in [0, 1], sum ≤ 1); missing trailing buckets are 0. */
  runoff: number[];
}

/** A balance sheet for {@link liquidityStress}. */
export interface BalanceSheet {
  buckets: LiquidityBucket[];
  assets: LiquidityAsset[];
  liabilities: LiquidityLiability[];
}

/** A withdrawal-run scenario: replaces run-off profiles and scales haircuts. */
export interface WithdrawalRun {
  name: string;
  /** Run-off profile per liability name (`'*'`: every liability not named). */
  runoff?: Record<string, number[]>;
  /** Haircut multipliers per asset name (`'*'` for the rest); the result is capped at 1. */
  haircutMultipliers?: Record<string, number>;
}

/** One bucket of the result. Amounts are exact decimals in quote currency. */
export interface LiquidityBucketResult {
  name: string;
  days: number;
  /** Liquid assets (after haircut) becoming available in this bucket. */
  inflow: Money;
  /** Redemptions in this bucket. */
  outflow: Money;
  /** Cumulative inflow − cumulative outflow at the end of the bucket. */
  cumulativeGap: Money;
  /** Cumulative inflow ÷ cumulative outflow (null while nothing has been redeemed). */
  coverageRatio: number | null;
}

/** Result of {@link liquidityStress}. */
export interface LiquidityResult {
  scenario: string;
  buckets: LiquidityBucketResult[];
  /** Liquid assets after haircuts in all buckets; total redemptions in all buckets. */
  totalLiquid: Money;
  totalOutflow: Money;
  /**
   * Days the balance sheet survives: the end of the last bucket before the cumulative gap first turns negative
   * (0 if it is negative in the first bucket); `null` when it never does within the buckets.
   */
  survivalDays: number | null;
  /** Name of the first bucket with a negative cumulative gap, or null. */
  firstShortfallBucket: string | null;
}

function pick(map: Record<string, number[]> | Record<string, number> | undefined, key: string): unknown {
  if (!map) return undefined;
  const own = ownValue<unknown>(map, key);
  return own !== undefined ? own : ownValue<unknown>(map, '*');
}

/**
 * Liquidity stress: per time bucket, liquid assets after haircuts becoming available, redemptions under the
 * run-off profile (of the balance sheet, or of a withdrawal-run scenario), the cumulative liquidity gap, the
 * coverage ratio and the survival horizon. Exact decimals throughout (haircuts and run-off fractions are read
 * by their shortest decimal form).
 *
 * @example
 * ```ts
 * import { liquidityStress } from 'riskcore/stress';
 * const r = liquidityStress({
 *   buckets: [{ name: '1d', days: 1 }, { name: '7d', days: 7 }, { name: '30d', days: 30 }],
 *   assets: [{ name: 'USDC', amount: '100' }, { name: 'stETH', amount: '200', haircut: 0.1, liquidityDays: 7 }],
 *   liabilities: [{ name: 'deposits', amount: '400', runoff: [0.2, 0.3, 0.3] }],
 * });
 * console.log(r.buckets[1].cumulativeGap.toString()); // '80'
 * console.log(r.survivalDays); // 7
 * ```
 */
export function liquidityStress(sheet: BalanceSheet, run?: WithdrawalRun): LiquidityResult {
  const s = checkStrictObject(sheet, 'sheet', SHEET_KEYS);
  const buckets = checkArray(s.buckets, 'sheet.buckets', 1).map((b, i) => {
    const p = `sheet.buckets[${i}]`;
    const o = checkStrictObject(b, p, BUCKET_KEYS);
    return {
      name: checkString(o.name, joinPath(p, 'name')),
      days: checkNumber(o.days, joinPath(p, 'days'), { gt: 0 }),
    };
  });
  buckets.forEach((b, i) => {
    if (i > 0 && !(b.days > buckets[i - 1].days))
      throw new RiskInputError(
        `sheet.buckets[${i}].days`,
        `a number > ${buckets[i - 1].days} (buckets in increasing order)`,
        b.days,
      );
  });
  const n = buckets.length;
  let runName = 'base';
  let runRunoff: Record<string, number[]> | undefined;
  let runHm: Record<string, number> | undefined;
  if (run !== undefined) {
    const ro = checkStrictObject(run, 'run', RUN_KEYS);
    runName = checkString(ro.name, 'run.name');
    if (ro.runoff !== undefined) runRunoff = checkObject(ro.runoff, 'run.runoff') as Record<string, number[]>;
    if (ro.haircutMultipliers !== undefined) {
      const hm = checkObject(ro.haircutMultipliers, 'run.haircutMultipliers');
      runHm = {};
      for (const k of Object.keys(hm)) setOwn(runHm, k, checkNumber(hm[k], `run.haircutMultipliers.${k}`, { ge: 0 }));
    }
  }
  const inflow = buckets.map(() => new Money(0));
  const outflow = buckets.map(() => new Money(0));
  checkArray(s.assets, 'sheet.assets').forEach((a, i) => {
    const p = `sheet.assets[${i}]`;
    const o = checkStrictObject(a, p, ASSET_KEYS);
    const name = checkString(o.name, joinPath(p, 'name'));
    const amount = toMoney(o.amount, joinPath(p, 'amount'), { min: 'nonnegative' });
    let h = optionalNumber(o.haircut, joinPath(p, 'haircut'), 0, { ge: 0, le: 1 });
    const m = pick(runHm, name);
    if (m !== undefined) h = Math.min(1, h * (m as number));
    const ld = optionalNumber(o.liquidityDays, joinPath(p, 'liquidityDays'), 0, { ge: 0 });
    const k = buckets.findIndex((b) => b.days >= ld);
    if (k < 0) return; // not liquid within the horizon
    inflow[k] = inflow[k].plus(amount.mul(new Money(1).minus(String(h))));
  });
  checkArray(s.liabilities, 'sheet.liabilities').forEach((l, i) => {
    const p = `sheet.liabilities[${i}]`;
    const o = checkStrictObject(l, p, LIABILITY_KEYS);
    const name = checkString(o.name, joinPath(p, 'name'));
    const amount = toMoney(o.amount, joinPath(p, 'amount'), { min: 'nonnegative' });
    const override = pick(runRunoff, name);
    const rp =
      override !== undefined
        ? `run.runoff.${runRunoff && Object.hasOwn(runRunoff, name) ? name : '*'}`
        : joinPath(p, 'runoff');
    const prof = checkArray(override !== undefined ? override : o.runoff, rp).map((x, j) =>
      checkNumber(x, `${rp}[${j}]`, { ge: 0, le: 1 }),
    );
    if (prof.length > n) throw new RiskInputError(rp, `an array of at most ${n} fractions (one per bucket)`, prof);
    const total = prof.reduce((a2, b2) => a2.plus(String(b2)), new Money(0));
    if (total.gt(1)) throw new RiskInputError(rp, 'fractions summing to at most 1', prof, `sum ${total.toString()}`);
    prof.forEach((f, j) => {
      outflow[j] = outflow[j].plus(amount.mul(String(f)));
    });
  });
  let cumIn = new Money(0);
  let cumOut = new Money(0);
  let survival: number | null = null;
  let first: string | null = null;
  const out: LiquidityBucketResult[] = buckets.map((b, i) => {
    cumIn = cumIn.plus(inflow[i]);
    cumOut = cumOut.plus(outflow[i]);
    const gap = cumIn.minus(cumOut);
    if (gap.lt(0) && first === null) {
      first = b.name;
      survival = i === 0 ? 0 : buckets[i - 1].days;
    }
    return {
      name: b.name,
      days: b.days,
      inflow: inflow[i],
      outflow: outflow[i],
      cumulativeGap: gap,
      coverageRatio: cumOut.isZero() ? null : Math.min(cumIn.div(cumOut).toNumber(), Number.MAX_VALUE),
    };
  });
  return {
    scenario: runName,
    buckets: out,
    totalLiquid: cumIn,
    totalOutflow: cumOut,
    survivalDays: survival,
    firstShortfallBucket: first,
  };
}

/** A dated cash flow of a fixed-term position: `amount` (quote currency, signed) at `time` years. */
export interface CashFlow {
  time: number;
  amount: number;
}

/** Result of {@link fixedIncomeRisk}. */
export interface FixedIncomeRisk {
  /** Present value Σ a·DF(t). */
  price: number;
  /** Macaulay duration Σ t·a·DF(t) / price, years. */
  macaulayDuration: number;
  /** Modified duration −(dP/dy)/P, years (equal to Macaulay under continuous compounding). */
  modifiedDuration: number;
  /** Convexity (d²P/dy²)/P, years². */
  convexity: number;
  /** Value lost for a +1 basis point parallel rise in the yield: −dP/dy × 0.0001 (quote currency). */
  dv01: number;
}

/**
 * Price, Macaulay and modified duration, convexity and DV01 of fixed cash flows at a flat yield. `frequency`
 * absent (or 0): continuous compounding, DF = e^{−y·t}; else periodic, DF = (1 + y/f)^{−f·t}.
 *
 * @example
 * ```ts
 * import { fixedIncomeRisk } from 'riskcore/stress';
 * const r = fixedIncomeRisk([{ time: 2, amount: 100 }], 0.05);
 * console.log(r.modifiedDuration); // 2
 * console.log(r.dv01); // 0.018097
 * ```
 */
export function fixedIncomeRisk(cashflows: CashFlow[], yieldRate: number, frequency = 0): FixedIncomeRisk {
  const cfs = checkArray(cashflows, 'cashflows', 1).map((c, i) => {
    const o = checkStrictObject(c, `cashflows[${i}]`, CASHFLOW_KEYS);
    return {
      t: checkNumber(o.time, `cashflows[${i}].time`, { ge: 0, le: 1000 }),
      a: checkNumber(o.amount, `cashflows[${i}].amount`, { ge: -1e250, le: 1e250 }),
    };
  });
  const f = checkNumber(frequency, 'frequency', { ge: 0, integer: true });
  const y = checkNumber(yieldRate, 'yieldRate', f > 0 ? { gt: -f } : {});
  let P = 0;
  let T = 0;
  let d1 = 0; // −dP/dy
  let d2 = 0; // d²P/dy²
  for (const { t, a } of cfs) {
    if (f === 0) {
      const df = Math.exp(-y * t);
      P += a * df;
      T += t * a * df;
      d1 += t * a * df;
      d2 += t * t * a * df;
    } else {
      const g = 1 + y / f;
      const df = g ** (-f * t);
      P += a * df;
      T += t * a * df;
      d1 += (t * a * df) / g;
      d2 += (t * (t + 1 / f) * a * df) / (g * g);
    }
  }
  if (!(Math.abs(P) > 0)) throw new RiskInputError('cashflows', 'cash flows with a non-zero present value', cashflows);
  return { price: P, macaulayDuration: T / P, modifiedDuration: d1 / P, convexity: d2 / P, dv01: d1 * 1e-4 };
}

/**
 * Cash flows of a fixed-rate term position (a term deposit, a fixed-rate loan, a bond): coupons
 * notional·rate/frequency at k/frequency years and the notional at `maturity` (the first coupon period is cut
 * short when maturity is not a whole number of periods).
 *
 * @example
 * ```ts
 * import { fixedRateCashflows } from 'riskcore/stress';
 * const c = fixedRateCashflows({ notional: 100, rate: 0.04, maturity: 1, frequency: 2 });
 * console.log(c.length); // 2
 * console.log(c[1].amount); // 102
 * ```
 */
export function fixedRateCashflows(o: {
  notional: number;
  rate: number;
  maturity: number;
  frequency?: number;
}): CashFlow[] {
  const oo = checkStrictObject(o, 'options', SCHEDULE_KEYS);
  // bounds keep the schedule finite and small (≤ 1000 years × 365 a year) and every amount a finite double
  const N = checkNumber(oo.notional, 'options.notional', { ge: -1e250, le: 1e250 });
  const rate = checkNumber(oo.rate, 'options.rate', { ge: -100, le: 100 });
  const T = checkNumber(oo.maturity, 'options.maturity', { gt: 0, le: 1000 });
  const f = optionalNumber(oo.frequency, 'options.frequency', 1, { gt: 0, le: 365, integer: true });
  const n = Math.ceil(T * f - 1e-9);
  const out: CashFlow[] = [];
  for (let k = 1; k <= n; k++) {
    const t = T - (n - k) / f;
    const accrual = k === 1 ? t : 1 / f;
    out.push({ time: t, amount: N * rate * accrual + (k === n ? N : 0) });
  }
  return out;
}
