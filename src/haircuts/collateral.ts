/**
 * Collateral valuation after haircuts, in exact decimals, and the cross-collateral equity of a derivatives margin
 * account (e.g. USDC, ETH, stETH and BTC backing a USD account).
 *
 * Money is exact ({@link Money}); a haircut h is a float from a {@link HaircutModel}, applied to money as the
 * decimal of its shortest round-trip form: value = amount × price × (1 − h), exact.
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
  ownValue,
} from '../core/validate.js';
import type { HaircutModel } from './haircut.js';
import { checkOraclePolicy, flagPrice } from './oracle.js';
import type { OracleFlag, OraclePolicy, PriceStamp } from './oracle.js';

/** A collateral holding (the same shape as `riskcore/netting`'s `CollateralHolding`). */
export interface Holding {
  asset: string;
  /** Units of the asset (≥ 0); a bigint is base units with `decimals` decimals. */
  amount: MoneyInput;
  /** Token decimals of a bigint `amount` (6 for USDC, 18 for ETH). */
  decimals?: number;
}

/** Haircuts: a model function, or a fixed fraction per asset (an unlisted asset is refused). */
export type HaircutSpec = HaircutModel | Record<string, number>;

/** Options of {@link collateralValue}. */
export interface CollateralOptions {
  /**
   * Wrong-way risk: the size of the account's short per asset, in units (a borrow of the asset, or a short perp or
   * future). Collateral in an asset the account is short is credited at most `wrongWayCredit` of its haircut value
   * for the part that offsets the short (min(holding, short)); the rest counts normally. The short obligation and
   * the collateral meant to cover it move together, so the collateral cannot cover the loss that makes it needed
   * (looping a borrow into collateral of the same asset creates no borrowing power).
   */
  shorts?: Record<string, MoneyInput>;
  /** Credit for the wrong-way part, in [0, 1]; default 0 (no credit). */
  wrongWayCredit?: number;
  /** Oracle policy: stale or deviating prices are flagged (or refused). */
  oracle?: OraclePolicy;
  /** Oracle stamps per asset, checked against `oracle`. */
  priceStamps?: Record<string, PriceStamp>;
}

/** One asset's line of a {@link CollateralValuation}. */
export interface CollateralLine {
  asset: string;
  /** Units held (summed over holdings of the asset). */
  amount: Money;
  price: Money;
  /** amount × price. */
  marketValue: Money;
  /** Haircut fraction applied, in [0, 1]. */
  haircut: number;
  /** Units treated as wrong-way (offsetting a short in the same asset). */
  wrongWayAmount: Money;
  /** Value credited after haircut and wrong-way limit. */
  value: Money;
}

/** Result of {@link collateralValue}: per-asset lines and totals, in the prices' currency. */
export interface CollateralValuation {
  byAsset: CollateralLine[];
  /** Σ market value. */
  marketValue: Money;
  /** Σ value after haircuts: the collateral's credit. */
  value: Money;
  /** Stale or deviating prices (empty when no oracle policy). */
  oracleFlags: OracleFlag[];
}

const OPTS_KEYS = knownKeys('shorts', 'wrongWayCredit', 'oracle', 'priceStamps');
const HOLDING_KEYS = knownKeys('asset', 'amount', 'decimals');
const STAMP_KEYS = knownKeys('updatedAt', 'referencePrice');
const INPUT_KEYS = knownKeys('collateral', 'prices', 'haircuts', 'unrealizedPnl', 'options');

/** Shortest decimal of a float fraction, as Money. */
function fractionMoney(h: number): Money {
  return new Money(String(h));
}

/**
 * Value collateral after haircuts, exactly. `holdings` may list an asset more than once (amounts add up);
 * `prices` maps each asset to its price (> 0) in the account's currency.
 *
 * @example
 * ```ts
 * import { collateralValue, fixedHaircut } from 'riskcore/haircuts';
 * const v = collateralValue(
 *   [{ asset: 'USDC', amount: '10000' }, { asset: 'ETH', amount: 2_500_000_000_000_000_000n, decimals: 18 }],
 *   { USDC: '1', ETH: '3000.10' },
 *   fixedHaircut({ USDC: 0, ETH: 0.1 }),
 * );
 * console.log(v.value.toString()); // '16750.225'
 * console.log(v.byAsset[1].value.toString()); // '6750.225'
 * ```
 */
export function collateralValue(
  holdings: Holding[],
  prices: Record<string, MoneyInput>,
  haircuts: HaircutSpec,
  opts: CollateralOptions = {},
): CollateralValuation {
  return valueCollateral(holdings, prices, haircuts, opts, PATHS);
}

const PATHS = { holdings: 'holdings', prices: 'prices', haircuts: 'haircuts', opts: 'opts' };

/** {@link collateralValue} with the parameters' paths given (crossCollateralEquity names its input's fields). */
function valueCollateral(
  holdings: unknown,
  prices: unknown,
  haircuts: unknown,
  opts: unknown,
  P: typeof PATHS,
): CollateralValuation {
  const list = checkArray(holdings, P.holdings);
  const priceMap = checkObject(prices, P.prices);
  if (typeof haircuts !== 'function') {
    const o = checkObject(haircuts, P.haircuts);
    for (const [k, v] of Object.entries(o)) checkNumber(v, joinPath(P.haircuts, k), { ge: 0, le: 1 });
  }
  const o = checkStrictObject(opts, P.opts, OPTS_KEYS);
  const credit =
    o.wrongWayCredit === undefined
      ? 0
      : checkNumber(o.wrongWayCredit, joinPath(P.opts, 'wrongWayCredit'), { ge: 0, le: 1 });
  const shorts = o.shorts === undefined ? {} : checkObject(o.shorts, joinPath(P.opts, 'shorts'));
  const policy = o.oracle === undefined ? undefined : checkOraclePolicy(o.oracle, joinPath(P.opts, 'oracle'));
  const stamps =
    o.priceStamps === undefined
      ? {}
      : (checkObject(o.priceStamps, joinPath(P.opts, 'priceStamps')) as Record<string, PriceStamp>);

  // Sum amounts per asset, keeping first-seen order.
  const amounts = new Map<string, Money>();
  list.forEach((h, i) => {
    const ho = checkStrictObject(h, `${P.holdings}[${i}]`, HOLDING_KEYS);
    const asset = checkString(ho.asset, `${P.holdings}[${i}].asset`);
    const decimals =
      ho.decimals === undefined
        ? undefined
        : checkNumber(ho.decimals, `${P.holdings}[${i}].decimals`, { ge: 0, le: 36, integer: true });
    const amount = toMoney(ho.amount, `${P.holdings}[${i}].amount`, { decimals, min: 'nonnegative' });
    amounts.set(asset, (amounts.get(asset) ?? new Money(0)).plus(amount));
  });

  const flags: OracleFlag[] = [];
  const rows: Array<{ asset: string; amount: Money; price: Money; mv: Money }> = [];
  let marketValue = new Money(0);
  for (const [asset, amount] of amounts) {
    const path = joinPath(P.prices, asset);
    const rawPrice = ownValue(priceMap, asset);
    if (rawPrice === undefined) throw new RiskInputError(path, `a price for collateral asset '${asset}'`, undefined);
    const price = toMoney(rawPrice, path, { min: 'positive' });
    const stamp = ownValue(stamps, asset);
    if (policy)
      flags.push(
        ...flagPrice(
          asset,
          price,
          stamp === undefined
            ? {}
            : checkStrictObject(stamp, joinPath(joinPath(P.opts, 'priceStamps'), asset), STAMP_KEYS),
          path,
          policy,
        ),
      );
    const mv = amount.mul(price);
    marketValue = marketValue.plus(mv);
    rows.push({ asset, amount, price, mv });
  }

  const totalNumber = marketValue.toNumber();
  let value = new Money(0);
  const byAsset: CollateralLine[] = rows.map(({ asset, amount, price, mv }) => {
    let h: number;
    if (typeof haircuts === 'function') {
      h = haircuts({
        asset,
        amount: amount.toNumber(),
        price: price.toNumber(),
        value: mv.toNumber(),
        totalValue: totalNumber,
      });
      if (typeof h !== 'number' || !(h >= 0 && h <= 1))
        throw new RiskInputError(joinPath(P.haircuts, asset), 'a haircut model returning a fraction in [0, 1]', h);
    } else {
      const hv = ownValue(haircuts as Record<string, number>, asset);
      if (hv === undefined)
        throw new RiskInputError(joinPath(P.haircuts, asset), `a haircut for collateral asset '${asset}'`, undefined);
      h = hv;
    }
    const keep = new Money(1).minus(fractionMoney(h));
    let ww = new Money(0);
    const rawShort = ownValue(shorts, asset);
    if (rawShort !== undefined) {
      const short = toMoney(rawShort, joinPath(joinPath(P.opts, 'shorts'), asset), { min: 'nonnegative' });
      ww = Money.min(short, amount);
    }
    const normal = amount.minus(ww).mul(price).mul(keep);
    const wrongWay = ww.isZero() ? new Money(0) : ww.mul(price).mul(keep).mul(fractionMoney(credit));
    const v = normal.plus(wrongWay);
    value = value.plus(v);
    return { asset, amount, price, marketValue: mv, haircut: h, wrongWayAmount: ww, value: v };
  });
  return { byAsset, marketValue, value, oracleFlags: flags };
}

/** Result of {@link crossCollateralEquity}. */
export interface CrossCollateralEquity {
  /** Haircut collateral value + unrealized P&L: the equity a margin engine compares with its requirement. */
  equity: Money;
  /** Haircut collateral value alone. */
  collateralValue: Money;
  /** Unrealized P&L included (profit > 0). */
  unrealizedPnl: Money;
  collateral: CollateralValuation;
}

/**
 * Cross-collateral equity of a derivatives margin account: multi-asset collateral after haircuts plus the
 * positions' unrealized P&L, all in the account currency (USD). Its `equity` is what `riskcore/netting`'s
 * margin engine takes as an already-haircut collateral value.
 *
 * @example
 * ```ts
 * import { crossCollateralEquity, fixedHaircut } from 'riskcore/haircuts';
 * const e = crossCollateralEquity({
 *   collateral: [{ asset: 'USDC', amount: '5000' }, { asset: 'ETH', amount: '2' }, { asset: 'stETH', amount: '1' }, { asset: 'BTC', amount: '0.1' }],
 *   prices: { USDC: '1', ETH: '3000', stETH: '2990', BTC: '60000' },
 *   haircuts: fixedHaircut({ USDC: 0.02, ETH: 0.1, stETH: 0.15, BTC: 0.1 }),
 *   unrealizedPnl: '-1200.50',
 * });
 * console.log(e.equity.toString()); // '17041'
 * ```
 */
export function crossCollateralEquity(input: {
  collateral: Holding[];
  prices: Record<string, MoneyInput>;
  haircuts: HaircutSpec;
  unrealizedPnl?: MoneyInput;
  options?: CollateralOptions;
}): CrossCollateralEquity {
  const o = checkStrictObject(input, 'input', INPUT_KEYS);
  const collateral = valueCollateral(o.collateral, o.prices, o.haircuts, o.options ?? {}, {
    holdings: 'input.collateral',
    prices: 'input.prices',
    haircuts: 'input.haircuts',
    opts: 'input.options',
  });
  const pnl = o.unrealizedPnl === undefined ? new Money(0) : toMoney(o.unrealizedPnl, 'input.unrealizedPnl');
  return { equity: collateral.value.plus(pnl), collateralValue: collateral.value, unrealizedPnl: pnl, collateral };
}
