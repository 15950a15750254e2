/**
 * Health factor, loan-to-value and borrowing power of a lending position, in exact decimals.
 *
 *   HF = Σ_i value_i·LT_i / Σ_j debt_j,   value = amount × price,
 *   borrowing capacity = Σ_i value_i·LTV_i,   available borrows = max(0, capacity − Σ_j debt_j).
 *
 * Sums and products are exact (60 significant digits, enough for 18-decimal amounts times 18-decimal prices);
 * the one division is reported rounded down to 18 decimals (`HF_DECIMALS`), and `liquidatable` compares the exact
 * numerator and denominator (HF < 1 ⟺ Σ value·LT < Σ debt), so no rounding ever decides it.
 */
import { RiskInputError } from '../core/errors.js';
import { Money, toMoney } from '../core/money.js';
import type { MoneyInput } from '../core/money.js';
import { checkArray, checkNumber, checkStrictObject, checkString, knownKeys } from '../core/validate.js';
import { checkOraclePolicy, flagPrice } from '../haircuts/internal.js';
import type { OracleFlag, OraclePolicy } from '../haircuts/internal.js';

const INPUT_KEYS = knownKeys('collateral', 'debt');
const COLLATERAL_KEYS = knownKeys(
  'asset',
  'amount',
  'decimals',
  'price',
  'liquidationThreshold',
  'ltv',
  'updatedAt',
  'referencePrice',
);
const DEBT_KEYS = knownKeys('asset', 'amount', 'decimals', 'price', 'updatedAt', 'referencePrice');
const OPTS_KEYS = knownKeys('oracle');

/** Decimals of the reported health factor and weighted averages (rounded down). */
export const HF_DECIMALS = 18;
const HF_SCALE = new Money(10).pow(HF_DECIMALS);

/** A collateral line of {@link healthFactor}. */
export interface HealthCollateral {
  asset: string;
  /** Units of the asset (≥ 0); a bigint is base units with `decimals` decimals. */
  amount: MoneyInput;
  /** Token decimals of a bigint amount. */
  decimals?: number;
  /** Price (> 0) in the base currency (USD) per unit. */
  price: MoneyInput;
  /** Liquidation threshold, a fraction in [0, 1] (Aave's 8250 bps is 0.825). */
  liquidationThreshold: MoneyInput;
  /** Loan-to-value, a fraction in [0, liquidationThreshold]; default 0 (no borrowing power). */
  ltv?: MoneyInput;
  /** Oracle stamp: time of the price (seconds). */
  updatedAt?: number;
  /** Oracle stamp: independent reference price. */
  referencePrice?: MoneyInput;
}

/** A debt line of {@link healthFactor}. */
export interface HealthDebt {
  asset: string;
  amount: MoneyInput;
  decimals?: number;
  price: MoneyInput;
  updatedAt?: number;
  referencePrice?: MoneyInput;
}

/** Input of {@link healthFactor}. */
export interface HealthInput {
  collateral: HealthCollateral[];
  debt: HealthDebt[];
}

/** Result of {@link healthFactor}; money in the base currency. */
export interface HealthResult {
  /** Σ collateral value. */
  totalCollateral: Money;
  /** Σ debt value. */
  totalDebt: Money;
  /** Σ value·LT: the debt the collateral supports before liquidation. */
  liquidationCapacity: Money;
  /** Σ value·LTV: the debt the collateral supports for new borrows. */
  borrowingCapacity: Money;
  /** max(0, borrowingCapacity − totalDebt). */
  availableBorrows: Money;
  /** Value-weighted liquidation threshold (0 without collateral), rounded down to 18 decimals. */
  liquidationThreshold: Money;
  /** Value-weighted LTV (0 without collateral), rounded down to 18 decimals. */
  ltv: Money;
  /** liquidationCapacity / totalDebt rounded down to 18 decimals; null without debt (Aave: type(uint256).max). */
  healthFactor: Money | null;
  /** HF < 1, decided exactly. */
  liquidatable: boolean;
  /** Stale or deviating prices (empty without an oracle policy). */
  oracleFlags: OracleFlag[];
}

/** Options of {@link healthFactor}. */
export interface HealthOptions {
  /** Flag (or, with `refuse`, reject) stale or deviating prices. */
  oracle?: OraclePolicy;
}

/** a / b rounded down to `HF_DECIMALS` decimals (exact: integer division of the scaled numerator). */
export function floorRatio(a: Money, b: Money): Money {
  return a.mul(HF_SCALE).divToInt(b).div(HF_SCALE);
}

/** A fraction in [0, 1] (or [0, max]) from a money input. */
export function toFraction(value: unknown, path: string, max?: Money): Money {
  const f = toMoney(value, path, { min: 'nonnegative' });
  if (f.gt(1)) throw new RiskInputError(path, 'a fraction in [0, 1]', value);
  if (max !== undefined && f.gt(max))
    throw new RiskInputError(path, `a fraction <= the liquidation threshold ${max.toString()}`, value);
  return f;
}

/**
 * Health factor, weighted thresholds and borrowing power of a position, exact.
 *
 * @example
 * ```ts
 * import { healthFactor } from 'riskcore/lending';
 * const r = healthFactor({
 *   collateral: [{ asset: 'WETH', amount: 10_000_000_000_000_000_000n, decimals: 18, price: '3000', liquidationThreshold: '0.83', ltv: '0.805' }],
 *   debt: [{ asset: 'USDC', amount: '20000', price: '1' }],
 * });
 * console.log(r.healthFactor!.toString()); // '1.245'
 * console.log(r.availableBorrows.toString()); // '4150'
 * ```
 */
export function healthFactor(input: HealthInput, opts: HealthOptions = {}): HealthResult {
  const o = checkStrictObject(input, 'input', INPUT_KEYS);
  const coll = checkArray(o.collateral, 'collateral');
  const debt = checkArray(o.debt, 'debt');
  const policy =
    checkStrictObject(opts, 'opts', OPTS_KEYS).oracle === undefined
      ? undefined
      : checkOraclePolicy(opts.oracle, 'opts.oracle');
  const flags: OracleFlag[] = [];

  let totalCollateral = new Money(0);
  let liq = new Money(0);
  let borrow = new Money(0);
  coll.forEach((c, i) => {
    const p = `collateral[${i}]`;
    const co = checkStrictObject(c, p, COLLATERAL_KEYS);
    const asset = checkString(co.asset, `${p}.asset`);
    const amount = toMoney(co.amount, `${p}.amount`, { decimals: lineDecimals(co, p), min: 'nonnegative' });
    const price = toMoney(co.price, `${p}.price`, { min: 'positive' });
    const lt = toFraction(co.liquidationThreshold, `${p}.liquidationThreshold`);
    const ltv = co.ltv === undefined ? new Money(0) : toFraction(co.ltv, `${p}.ltv`, lt);
    if (policy) flags.push(...flagPrice(asset, price, co as object, `${p}.price`, policy));
    const v = amount.mul(price);
    totalCollateral = totalCollateral.plus(v);
    liq = liq.plus(v.mul(lt));
    borrow = borrow.plus(v.mul(ltv));
  });
  let totalDebt = new Money(0);
  debt.forEach((d, i) => {
    const p = `debt[${i}]`;
    const dobj = checkStrictObject(d, p, DEBT_KEYS);
    const asset = checkString(dobj.asset, `${p}.asset`);
    const amount = toMoney(dobj.amount, `${p}.amount`, { decimals: lineDecimals(dobj, p), min: 'nonnegative' });
    const price = toMoney(dobj.price, `${p}.price`, { min: 'positive' });
    if (policy) flags.push(...flagPrice(asset, price, dobj as object, `${p}.price`, policy));
    totalDebt = totalDebt.plus(amount.mul(price));
  });
  return summarize(totalCollateral, liq, borrow, totalDebt, flags);
}

/** The optional token decimals of a line (for a bigint amount). */
function lineDecimals(line: Record<string, unknown>, path: string): number | undefined {
  return line.decimals === undefined
    ? undefined
    : checkNumber(line.decimals, `${path}.decimals`, { ge: 0, le: 36, integer: true });
}

/** Assemble a {@link HealthResult} from exact sums. */
export function summarize(
  totalCollateral: Money,
  liq: Money,
  borrow: Money,
  totalDebt: Money,
  flags: OracleFlag[],
): HealthResult {
  const avail = borrow.minus(totalDebt);
  return {
    totalCollateral,
    totalDebt,
    liquidationCapacity: liq,
    borrowingCapacity: borrow,
    availableBorrows: avail.isNeg() ? new Money(0) : avail,
    liquidationThreshold: totalCollateral.isZero() ? new Money(0) : floorRatio(liq, totalCollateral),
    ltv: totalCollateral.isZero() ? new Money(0) : floorRatio(borrow, totalCollateral),
    healthFactor: totalDebt.isZero() ? null : floorRatio(liq, totalDebt),
    liquidatable: !totalDebt.isZero() && liq.lt(totalDebt),
    oracleFlags: flags,
  };
}
