/**
 * A lending account resolved against a market: each balance's reserve, price (with its oracle check) and the LTV,
 * liquidation threshold and bonus that apply to it (the e-mode's for the category's assets), and isolation mode.
 * Internal to the Aave model; the account types are public.
 */
import { RiskInputError } from '../../core/errors.js';
import { Money, toMoney } from '../../core/money.js';
import type { MoneyInput } from '../../core/money.js';
import {
  checkArray,
  checkNumber,
  checkStrictObject,
  checkString,
  joinPath,
  knownKeys,
  ownValue,
} from '../../core/validate.js';
import { checkOraclePolicy, flagPrice } from '../../haircuts/internal.js';
import type { OracleFlag, OraclePolicy, PriceStamp } from '../../haircuts/internal.js';
import { lendingMarket } from './market.js';
import type { EMode, LendingMarket, Reserve } from './market.js';
import type { LendingMarketParams } from './params.js';

const ZERO = new Money(0);
const ACCOUNT_KEYS = knownKeys('supplies', 'borrows', 'eMode', 'isolationModeTotalDebt');
const SUPPLY_KEYS = knownKeys('asset', 'amount', 'useAsCollateral');
const BORROW_KEYS = knownKeys('asset', 'amount');
const PRICE_KEYS = knownKeys('price', 'updatedAt', 'referencePrice');

/** A supplied or borrowed balance of a lending account. */
export interface LendingBalance {
  asset: string;
  /** Units (≥ 0); a bigint is base units with the reserve's decimals. */
  amount: MoneyInput;
  /** Supplies only: enabled as collateral; default true. */
  useAsCollateral?: boolean;
}

/** A lending account (one user of one market). */
export interface LendingAccount {
  supplies: LendingBalance[];
  borrows: LendingBalance[];
  /** E-mode category id; absent or 0 = none. */
  eMode?: number;
  /** Isolation mode: the market-wide debt already counted against the isolated collateral's ceiling (USD). */
  isolationModeTotalDebt?: MoneyInput;
}

/** Prices in the base currency per unit, with optional oracle stamps; keyed by asset name (own keys only). */
export type LendingPrices = Record<string, MoneyInput | ({ price: MoneyInput } & PriceStamp)>;

export interface Line {
  reserve: Reserve;
  amount: Money;
  price: Money;
  collateral: boolean;
  lt: Money;
  ltv: Money;
  bonus: Money;
}

export interface Resolved {
  market: LendingMarket;
  eMode: EMode | null;
  supplies: Line[];
  borrows: Line[];
  flags: OracleFlag[];
  isolated: Reserve | null;
  isolationModeTotalDebt: Money;
}

export function priceOf(
  prices: Readonly<Record<string, unknown>>,
  asset: string,
  policy: OraclePolicy | undefined,
  flags: OracleFlag[],
  cache: Map<string, Money>,
): Money {
  const hit = cache.get(asset);
  if (hit) return hit;
  const path = joinPath('prices', asset);
  const raw = ownValue(prices, asset);
  if (raw === undefined) throw new RiskInputError(path, `a price for '${asset}'`, undefined);
  let price: Money;
  let stamp: PriceStamp = {};
  if (typeof raw === 'object' && raw !== null && !(raw as { toFixed?: unknown }).toFixed) {
    const po = checkStrictObject(raw, path, PRICE_KEYS) as unknown as { price: unknown } & PriceStamp;
    price = toMoney(po.price, `${path}.price`, { min: 'positive' });
    stamp = po;
    if (policy) flags.push(...flagPrice(asset, price, stamp, `${path}.price`, policy));
  } else {
    price = toMoney(raw, path, { min: 'positive' });
    if (policy) flags.push(...flagPrice(asset, price, stamp, path, policy));
  }
  cache.set(asset, price);
  return price;
}

export function resolve(
  account: LendingAccount,
  marketIn: LendingMarketParams | LendingMarket,
  prices: LendingPrices,
  oracle: unknown,
): Resolved {
  const market = lendingMarket(marketIn);
  const a = checkStrictObject(account, 'account', ACCOUNT_KEYS);
  const pm = checkPrices(prices);
  const policy = oracle === undefined ? undefined : checkOraclePolicy(oracle, 'opts.oracle');
  const eId = a.eMode === undefined ? 0 : checkNumber(a.eMode, 'account.eMode', { ge: 0, le: 255, integer: true });
  const eMode = eId === 0 ? null : (market.eModes.get(eId) ?? null);
  if (eId !== 0 && !eMode)
    throw new RiskInputError(
      'account.eMode',
      `an e-mode id of the market (${[...market.eModes.keys()].join(', ') || 'none'}) or 0`,
      eId,
    );
  const flags: OracleFlag[] = [];
  const cache = new Map<string, Money>();
  const lines = (key: 'supplies' | 'borrows') =>
    checkArray(a[key], `account.${key}`).map((b, i) => {
      const p = `account.${key}[${i}]`;
      const bo = checkStrictObject(b, p, key === 'supplies' ? SUPPLY_KEYS : BORROW_KEYS);
      const asset = checkString(bo.asset, `${p}.asset`);
      const reserve = market.reserves.get(asset);
      if (!reserve) throw new RiskInputError(`${p}.asset`, `an asset of market '${market.name}'`, asset);
      const amount = toMoney(bo.amount, `${p}.amount`, { decimals: reserve.decimals, min: 'nonnegative' });
      if (!amount.mul(new Money(10).pow(reserve.decimals)).isInteger()) {
        throw new RiskInputError(
          `${p}.amount`,
          `an amount with at most ${reserve.decimals} decimals (${asset} base units)`,
          bo.amount,
        );
      }
      if (bo.useAsCollateral !== undefined && typeof bo.useAsCollateral !== 'boolean')
        throw new RiskInputError(`${p}.useAsCollateral`, 'a boolean', bo.useAsCollateral);
      const inE = eMode?.collateralAssets.has(asset) && !reserve.liquidationThreshold.isZero();
      const collateral = key === 'supplies' && bo.useAsCollateral !== false && !reserve.liquidationThreshold.isZero();
      return {
        reserve,
        amount,
        price: priceOf(pm, asset, policy, flags, cache),
        collateral,
        lt: inE ? eMode!.liquidationThreshold : reserve.liquidationThreshold,
        ltv: inE ? eMode!.ltv : reserve.ltv,
        bonus: inE ? eMode!.liquidationBonus : reserve.liquidationBonus,
      };
    });
  const supplies = lines('supplies');
  const borrows = lines('borrows');
  const colls = supplies.filter((s) => s.collateral && !s.amount.isZero());
  const isolatedLines = colls.filter((s) => s.reserve.debtCeiling !== null);
  let isolated: Reserve | null = null;
  if (isolatedLines.length > 0) {
    if (colls.length > 1 || isolatedLines.length > 1) {
      throw new RiskInputError(
        'account.supplies',
        `isolation mode: an isolated asset (${isolatedLines[0].reserve.asset}) as the only collateral`,
        colls.map((c) => c.reserve.asset).join(','),
      );
    }
    isolated = isolatedLines[0].reserve;
  }
  const imtd =
    a.isolationModeTotalDebt === undefined
      ? ZERO
      : toMoney(a.isolationModeTotalDebt, 'account.isolationModeTotalDebt', { min: 'nonnegative' });
  return { market, eMode, supplies, borrows, flags, isolated, isolationModeTotalDebt: imtd };
}

/** The price record (keyed by asset names: any own key, `constructor` included, is an asset). */
export function checkPrices(prices: unknown): Readonly<Record<string, unknown>> {
  if (typeof prices !== 'object' || prices === null || Array.isArray(prices))
    throw new RiskInputError('prices', 'an object of prices keyed by asset', prices);
  return prices as Record<string, unknown>;
}
