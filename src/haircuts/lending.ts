/**
 * A lending account against a market's reserve parameters (Aave v3 semantics): e-mode, isolation mode and its debt
 * ceiling, supply and borrow caps, and liquidation amounts per Aave v3.3 LiquidationLogic (close factor 50%, 100%
 * at HF ≤ 0.95 or when the reserve's collateral or debt is under $2,000; liquidation bonus; protocol fee on the
 * bonus; the MIN_LEFTOVER_BASE dust rule; deficit when no collateral is left).
 *
 * Two roundings: `'exact'` (default) does the protocol's arithmetic on exact decimals; `'aave'` rounds every step
 * as the contract does on integers (amounts in base units, prices with `priceDecimals`, percentages in bps,
 * percentMul/percentDiv/wadDiv half-up, divisions down), so its amounts are the wei a liquidation call moves.
 */
import { RiskInputError } from '../core/errors.js';
import { Money, toMoney } from '../core/money.js';
import type { MoneyInput } from '../core/money.js';
import { checkArray, checkNumber, checkObject, checkString, joinPath } from '../core/validate.js';
import { summarize, toFraction } from './health.js';
import type { HealthResult } from './health.js';
import { checkOraclePolicy, checkPrice } from './oracle.js';
import type { OracleFlag, OraclePolicy, PriceStamp } from './oracle.js';
import { AAVE_V33_LIQUIDATION } from './params.js';
import type { LendingMarketParams } from './params.js';

const ZERO = new Money(0);
const ONE = new Money(1);
const BPS = new Money(10_000);
const WAD = new Money(10).pow(18);

/** A validated reserve, fractions as Money. */
export interface Reserve {
  asset: string;
  index: number;
  decimals: number;
  ltv: Money;
  liquidationThreshold: Money;
  liquidationBonus: Money;
  liquidationProtocolFee: Money;
  reserveFactor: Money;
  supplyCap: Money | null;
  borrowCap: Money | null;
  debtCeiling: Money | null;
  borrowableInIsolation: boolean;
  borrowingEnabled: boolean;
}

/** A validated e-mode category. */
export interface EMode {
  id: number;
  label: string;
  ltv: Money;
  liquidationThreshold: Money;
  liquidationBonus: Money;
  collateralAssets: Set<string>;
  borrowableAssets: Set<string> | null;
}

/** A validated market (see {@link lendingMarket}). */
export interface LendingMarket {
  name: string;
  source: string;
  priceDecimals: number;
  reserves: Map<string, Reserve>;
  eModes: Map<number, EMode>;
  closeFactor: Money;
  closeFactorHfThreshold: Money;
  minBaseMaxCloseFactorThreshold: Money;
  minLeftoverBase: Money;
}

function checkBonus(value: unknown, path: string): Money {
  const b = toMoney(value, path, { min: 'nonnegative' });
  if (b.gt(1)) throw new RiskInputError(path, 'a bonus fraction in [0, 1] (0.05 = 5% over the repaid debt)', value);
  return b;
}

function optionalCap(value: unknown, path: string): Money | null {
  if (value === undefined || value === null) return null;
  const m = toMoney(value, path, { min: 'nonnegative' });
  return m.isZero() ? null : m;
}

/**
 * Validate a market's parameters once (LT ≤ 1, LTV ≤ LT, bonus, fee, caps, e-modes), for the functions below.
 *
 * @example
 * ```ts
 * import { lendingMarket, AAVE_V3_ETHEREUM } from 'riskcore/haircuts';
 * const m = lendingMarket(AAVE_V3_ETHEREUM);
 * console.log(m.reserves.get('WETH')!.liquidationThreshold.toString()); // '0.83'
 * ```
 */
export function lendingMarket(params: LendingMarketParams | LendingMarket): LendingMarket {
  const o = checkObject(params, 'market');
  if (o.reserves instanceof Map) return params as LendingMarket;
  const name = checkString(o.name, 'market.name');
  const source = checkString(o.source, 'market.source');
  const priceDecimals = o.priceDecimals === undefined ? 8 : checkNumber(o.priceDecimals, 'market.priceDecimals', { ge: 0, le: 36, integer: true });
  const reserves = new Map<string, Reserve>();
  checkArray(o.reserves, 'market.reserves', 1).forEach((r, index) => {
    const p = `market.reserves[${index}]`;
    const ro = checkObject(r, p);
    const asset = checkString(ro.asset, `${p}.asset`);
    if (reserves.has(asset)) throw new RiskInputError(`${p}.asset`, 'a unique asset name', asset);
    const liquidationThreshold = toFraction(ro.liquidationThreshold, `${p}.liquidationThreshold`);
    const ltv = toFraction(ro.ltv, `${p}.ltv`, liquidationThreshold);
    const liquidationBonus = checkBonus(ro.liquidationBonus, `${p}.liquidationBonus`);
    if (liquidationThreshold.gt(0) && liquidationThreshold.mul(ONE.plus(liquidationBonus)).gt(1)) {
      throw new RiskInputError(`${p}.liquidationBonus`, 'a bonus with LT·(1 + bonus) <= 1 (Aave PoolConfigurator rule)', ro.liquidationBonus);
    }
    for (const k of ['borrowableInIsolation', 'borrowingEnabled'] as const) {
      if (ro[k] !== undefined && typeof ro[k] !== 'boolean') throw new RiskInputError(`${p}.${k}`, 'a boolean', ro[k]);
    }
    reserves.set(asset, {
      asset,
      index,
      decimals: checkNumber(ro.decimals, `${p}.decimals`, { ge: 0, le: 36, integer: true }),
      ltv,
      liquidationThreshold,
      liquidationBonus,
      liquidationProtocolFee: ro.liquidationProtocolFee === undefined ? ZERO : toFraction(ro.liquidationProtocolFee, `${p}.liquidationProtocolFee`),
      reserveFactor: ro.reserveFactor === undefined ? ZERO : toFraction(ro.reserveFactor, `${p}.reserveFactor`),
      supplyCap: optionalCap(ro.supplyCap, `${p}.supplyCap`),
      borrowCap: optionalCap(ro.borrowCap, `${p}.borrowCap`),
      debtCeiling: optionalCap(ro.debtCeiling, `${p}.debtCeiling`),
      borrowableInIsolation: ro.borrowableInIsolation === true,
      borrowingEnabled: ro.borrowingEnabled !== false,
    });
  });
  const eModes = new Map<number, EMode>();
  if (o.eModes !== undefined) {
    checkArray(o.eModes, 'market.eModes').forEach((e, i) => {
      const p = `market.eModes[${i}]`;
      const eo = checkObject(e, p);
      const id = checkNumber(eo.id, `${p}.id`, { ge: 1, le: 255, integer: true });
      const liquidationThreshold = toFraction(eo.liquidationThreshold, `${p}.liquidationThreshold`);
      const assets = (key: string) =>
        new Set(
          checkArray(eo[key], `${p}.${key}`).map((a, j) => {
            const s = checkString(a, `${p}.${key}[${j}]`);
            if (!reserves.has(s)) throw new RiskInputError(`${p}.${key}[${j}]`, 'an asset of market.reserves', s);
            return s;
          }),
        );
      eModes.set(id, {
        id,
        label: checkString(eo.label, `${p}.label`),
        ltv: toFraction(eo.ltv, `${p}.ltv`, liquidationThreshold),
        liquidationThreshold,
        liquidationBonus: checkBonus(eo.liquidationBonus, `${p}.liquidationBonus`),
        collateralAssets: assets('collateralAssets'),
        borrowableAssets: eo.borrowableAssets === undefined ? null : assets('borrowableAssets'),
      });
    });
  }
  const lc = o.liquidation === undefined ? AAVE_V33_LIQUIDATION : (checkObject(o.liquidation, 'market.liquidation') as unknown as typeof AAVE_V33_LIQUIDATION);
  return {
    name,
    source,
    priceDecimals,
    reserves,
    eModes,
    closeFactor: toFraction(lc.closeFactor, 'market.liquidation.closeFactor'),
    closeFactorHfThreshold: toMoney(lc.closeFactorHfThreshold, 'market.liquidation.closeFactorHfThreshold', { min: 'nonnegative' }),
    minBaseMaxCloseFactorThreshold: toMoney(lc.minBaseMaxCloseFactorThreshold, 'market.liquidation.minBaseMaxCloseFactorThreshold', { min: 'nonnegative' }),
    minLeftoverBase: toMoney(lc.minLeftoverBase, 'market.liquidation.minLeftoverBase', { min: 'nonnegative' }),
  };
}

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

/** Prices in the base currency per unit, with optional oracle stamps. */
export type LendingPrices = Record<string, MoneyInput | ({ price: MoneyInput } & PriceStamp)>;

interface Line {
  reserve: Reserve;
  amount: Money;
  price: Money;
  collateral: boolean;
  lt: Money;
  ltv: Money;
  bonus: Money;
}

interface Resolved {
  market: LendingMarket;
  eMode: EMode | null;
  supplies: Line[];
  borrows: Line[];
  flags: OracleFlag[];
  isolated: Reserve | null;
  isolationModeTotalDebt: Money;
}

function priceOf(prices: Record<string, unknown>, asset: string, policy: OraclePolicy | undefined, flags: OracleFlag[], cache: Map<string, Money>): Money {
  const hit = cache.get(asset);
  if (hit) return hit;
  const path = joinPath('prices', asset);
  const raw = prices[asset];
  if (raw === undefined) throw new RiskInputError(path, `a price for '${asset}'`, undefined);
  let price: Money;
  let stamp: PriceStamp = {};
  if (typeof raw === 'object' && raw !== null && !(raw as { toFixed?: unknown }).toFixed) {
    const po = raw as { price: unknown } & PriceStamp;
    price = toMoney(po.price, `${path}.price`, { min: 'positive' });
    stamp = po;
    if (policy) flags.push(...checkPrice(asset, price, stamp, `${path}.price`, policy));
  } else {
    price = toMoney(raw, path, { min: 'positive' });
    if (policy) flags.push(...checkPrice(asset, price, stamp, path, policy));
  }
  cache.set(asset, price);
  return price;
}

function resolve(account: LendingAccount, marketIn: LendingMarketParams | LendingMarket, prices: LendingPrices, oracle: unknown): Resolved {
  const market = lendingMarket(marketIn);
  const a = checkObject(account, 'account');
  const pm = checkObject(prices, 'prices');
  const policy = oracle === undefined ? undefined : checkOraclePolicy(oracle, 'opts.oracle');
  const eId = a.eMode === undefined ? 0 : checkNumber(a.eMode, 'account.eMode', { ge: 0, le: 255, integer: true });
  const eMode = eId === 0 ? null : market.eModes.get(eId) ?? null;
  if (eId !== 0 && !eMode) throw new RiskInputError('account.eMode', `an e-mode id of the market (${[...market.eModes.keys()].join(', ') || 'none'}) or 0`, eId);
  const flags: OracleFlag[] = [];
  const cache = new Map<string, Money>();
  const lines = (key: 'supplies' | 'borrows') =>
    checkArray(a[key], `account.${key}`).map((b, i) => {
      const p = `account.${key}[${i}]`;
      const bo = checkObject(b, p);
      const asset = checkString(bo.asset, `${p}.asset`);
      const reserve = market.reserves.get(asset);
      if (!reserve) throw new RiskInputError(`${p}.asset`, `an asset of market '${market.name}'`, asset);
      const amount = toMoney(bo.amount, `${p}.amount`, { decimals: reserve.decimals, min: 'nonnegative' });
      if (!amount.mul(new Money(10).pow(reserve.decimals)).isInteger()) {
        throw new RiskInputError(`${p}.amount`, `an amount with at most ${reserve.decimals} decimals (${asset} base units)`, bo.amount);
      }
      if (bo.useAsCollateral !== undefined && typeof bo.useAsCollateral !== 'boolean') throw new RiskInputError(`${p}.useAsCollateral`, 'a boolean', bo.useAsCollateral);
      const inE = eMode !== null && eMode.collateralAssets.has(asset) && !reserve.liquidationThreshold.isZero();
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
      throw new RiskInputError('account.supplies', `isolation mode: an isolated asset (${isolatedLines[0].reserve.asset}) as the only collateral`, colls.map((c) => c.reserve.asset).join(','));
    }
    isolated = isolatedLines[0].reserve;
  }
  const imtd = a.isolationModeTotalDebt === undefined ? ZERO : toMoney(a.isolationModeTotalDebt, 'account.isolationModeTotalDebt', { min: 'nonnegative' });
  return { market, eMode, supplies, borrows, flags, isolated, isolationModeTotalDebt: imtd };
}

/** Result of {@link accountHealth}. */
export interface AccountHealth extends HealthResult {
  /** The account's e-mode category, or null. */
  eMode: { id: number; label: string } | null;
  /** Isolation mode: the isolated collateral, its debt ceiling, and the room left under it (USD). */
  isolation: { asset: string; debtCeiling: Money; ceilingRoom: Money } | null;
}

/**
 * Health of a lending account against a market's parameters: e-mode LTV/LT for the category's assets, isolation
 * mode's debt ceiling capping `availableBorrows`. Money in the base currency; exact.
 *
 * @example
 * ```ts
 * import { accountHealth, AAVE_V3_ETHEREUM } from 'riskcore/haircuts';
 * const h = accountHealth(
 *   { supplies: [{ asset: 'wstETH', amount: '10' }], borrows: [{ asset: 'WETH', amount: '8' }], eMode: 1 },
 *   AAVE_V3_ETHEREUM,
 *   { wstETH: '3450', WETH: '3000' },
 * );
 * console.log(h.healthFactor!.toString()); // '1.336875'
 * ```
 */
export function accountHealth(account: LendingAccount, market: LendingMarketParams | LendingMarket, prices: LendingPrices, opts: { oracle?: OraclePolicy } = {}): AccountHealth {
  const r = resolve(account, market, prices, checkObject(opts, 'opts').oracle);
  let tc = ZERO;
  let liq = ZERO;
  let brw = ZERO;
  for (const s of r.supplies) {
    if (!s.collateral) continue;
    const v = s.amount.mul(s.price);
    tc = tc.plus(v);
    liq = liq.plus(v.mul(s.lt));
    brw = brw.plus(v.mul(s.ltv));
  }
  let td = ZERO;
  for (const b of r.borrows) td = td.plus(b.amount.mul(b.price));
  const base = summarize(tc, liq, brw, td, r.flags);
  let isolation: AccountHealth['isolation'] = null;
  if (r.isolated) {
    const room = Money.max(ZERO, r.isolated.debtCeiling!.minus(r.isolationModeTotalDebt));
    isolation = { asset: r.isolated.asset, debtCeiling: r.isolated.debtCeiling!, ceilingRoom: room };
    if (base.availableBorrows.gt(room)) base.availableBorrows = room;
  }
  return { ...base, eMode: r.eMode ? { id: r.eMode.id, label: r.eMode.label } : null, isolation };
}

/** Market-wide totals of a reserve, for the caps. */
export interface ReserveTotals {
  /** Total supplied, in tokens. */
  totalSupplied?: MoneyInput;
  /** Total borrowed, in tokens. */
  totalBorrowed?: MoneyInput;
}

/**
 * Room under a reserve's supply and borrow caps (tokens; null = uncapped): cap − total, floored at 0. A supply of
 * `amount` is allowed when amount ≤ supplyRoom (Aave ValidationLogic.validateSupply).
 *
 * @example
 * ```ts
 * import { capRoom, AAVE_V3_ETHEREUM } from 'riskcore/haircuts';
 * const r = capRoom(AAVE_V3_ETHEREUM, 'WBTC', { totalSupplied: '42999.5', totalBorrowed: '1000' });
 * console.log(r.supplyRoom!.toString(), r.borrowRoom!.toString()); // '0.5 27000'
 * ```
 */
export function capRoom(market: LendingMarketParams | LendingMarket, asset: string, totals: ReserveTotals = {}): { supplyRoom: Money | null; borrowRoom: Money | null } {
  const m = lendingMarket(market);
  const r = m.reserves.get(asset);
  if (!r) throw new RiskInputError('asset', `an asset of market '${m.name}'`, asset);
  const t = checkObject(totals, 'totals');
  const ts = t.totalSupplied === undefined ? ZERO : toMoney(t.totalSupplied, 'totals.totalSupplied', { min: 'nonnegative' });
  const tb = t.totalBorrowed === undefined ? ZERO : toMoney(t.totalBorrowed, 'totals.totalBorrowed', { min: 'nonnegative' });
  return {
    supplyRoom: r.supplyCap === null ? null : Money.max(ZERO, r.supplyCap.minus(ts)),
    borrowRoom: r.borrowCap === null ? null : Money.max(ZERO, r.borrowCap.minus(tb)),
  };
}

/**
 * The most of `asset` the account may borrow now, in tokens: available borrows / price (LTV, e-mode, isolation
 * ceiling), limited by the borrow cap room, zero when the asset is not borrowable in the account's e-mode or in
 * isolation mode, or when the account's HF is not above 1. Rounded down to the token's decimals.
 *
 * @example
 * ```ts
 * import { maxBorrow, AAVE_V3_ETHEREUM } from 'riskcore/haircuts';
 * const a = { supplies: [{ asset: 'WETH', amount: '10' }], borrows: [] };
 * console.log(maxBorrow(a, AAVE_V3_ETHEREUM, { WETH: '3000', USDC: '1' }, 'USDC').toString()); // '24150'
 * ```
 */
export function maxBorrow(account: LendingAccount, market: LendingMarketParams | LendingMarket, prices: LendingPrices, asset: string, totals: ReserveTotals = {}): Money {
  const m = lendingMarket(market);
  const h = accountHealth(account, m, prices);
  const r = m.reserves.get(asset);
  if (!r) throw new RiskInputError('asset', `an asset of market '${m.name}'`, asset);
  if (!r.borrowingEnabled) return ZERO;
  const eId = (account as LendingAccount).eMode ?? 0;
  const e = eId ? m.eModes.get(eId) : undefined;
  if (e && e.borrowableAssets && !e.borrowableAssets.has(asset)) return ZERO;
  if (h.isolation && !r.borrowableInIsolation) return ZERO;
  if (h.healthFactor !== null && !h.healthFactor.gt(1)) return ZERO;
  const price = priceOf(checkObject(prices, 'prices'), asset, undefined, [], new Map());
  let amt = h.availableBorrows.div(price);
  const room = capRoom(m, asset, totals).borrowRoom;
  if (room !== null && amt.gt(room)) amt = room;
  return amt.toDecimalPlaces(r.decimals, Money.ROUND_DOWN);
}

/** Options of {@link liquidationAmounts}. */
export interface LiquidationOptions {
  collateralAsset: string;
  debtAsset: string;
  /** Debt the liquidator offers to repay, in tokens of the debt asset; default: as much as allowed. */
  debtToCover?: MoneyInput;
  /** `'exact'` (default) or `'aave'` (the contract's integer rounding, amounts in base units). */
  rounding?: 'exact' | 'aave';
  oracle?: OraclePolicy;
}

/** Result of {@link liquidationAmounts}. Token amounts as Money; `…BaseUnits` as bigint (rounded down in `'exact'`). */
export interface LiquidationResult {
  /** The liquidation call would succeed. */
  allowed: boolean;
  /** Why not: the Aave error name (HEALTH_FACTOR_NOT_BELOW_THRESHOLD, COLLATERAL_CANNOT_BE_LIQUIDATED, SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER, MUST_NOT_LEAVE_DUST). */
  reason: string | null;
  /** Health factor before (the contract's wad value in `'aave'` rounding), null without debt. */
  healthFactorBefore: Money | null;
  /** Share of total debt value that may be repaid (0.5 or 1). */
  closeFactor: Money;
  /** Most debt (tokens) this call may repay. */
  maxLiquidatableDebt: Money;
  /** Debt repaid by the liquidator (tokens of the debt asset). */
  debtRepaid: Money;
  debtRepaidBaseUnits: bigint;
  /** Collateral the liquidator receives (tokens of the collateral asset), bonus included, fee excluded. */
  collateralToLiquidator: Money;
  collateralToLiquidatorBaseUnits: bigint;
  /** Collateral paid to the protocol treasury: the protocol fee on the bonus. */
  protocolFee: Money;
  protocolFeeBaseUnits: bigint;
  /** Debt written off as protocol deficit when the liquidation leaves no collateral (Aave v3.3), per asset. */
  deficit: Array<{ asset: string; amount: Money }>;
  /** Health factor after, null when no debt is left. */
  healthFactorAfter: Money | null;
  oracleFlags: OracleFlag[];
}

interface Rounder {
  /** floor in 'aave', identity in 'exact' */
  fl(x: Money): Money;
  pctMul(v: Money, bps: Money): Money;
  pctDiv(v: Money, bps: Money): Money;
}

const EXACT: Rounder = {
  fl: (x) => x,
  pctMul: (v, bps) => v.mul(bps).div(BPS),
  pctDiv: (v, bps) => v.mul(BPS).div(bps),
};
const AAVE: Rounder = {
  fl: (x) => x.floor(),
  // PercentageMath: (v·p + 0.5e4) / 1e4 and (v·1e4 + p/2) / p, integer division
  pctMul: (v, bps) => v.mul(bps).plus(5000).divToInt(BPS),
  pctDiv: (v, bps) => v.mul(BPS).plus(bps.divToInt(2)).divToInt(bps),
};

/** Scaled account data (GenericLogic.calculateUserAccountData): base-currency values with priceDecimals. */
function accountData(supplies: Line[], borrows: Line[], amounts: Map<Line, Money>, R: Rounder, scaleP: Money) {
  let tc = ZERO;
  let avgLt = ZERO;
  let td = ZERO;
  for (const s of supplies) {
    if (!s.collateral) continue;
    // (balance in base units × price) / 10^decimals = tokens × price, floored by the contract
    const v = R.fl(amounts.get(s)!.mul(s.price.mul(scaleP)));
    tc = tc.plus(v);
    avgLt = avgLt.plus(v.mul(s.lt.mul(BPS)));
  }
  for (const b of borrows) {
    td = td.plus(R.fl(amounts.get(b)!.mul(b.price.mul(scaleP))));
  }
  let hfWad: Money | null = null;
  if (!td.isZero()) {
    if (R === AAVE) {
      // avgLiquidationThreshold = Σ v·lt / Σ v (integer division), HF = wadDiv(percentMul(tc, avgLt), td)
      const lt = tc.isZero() ? ZERO : avgLt.divToInt(tc);
      // WadRayMath.wadDiv: (a·1e18 + b/2) / b
      hfWad = R.pctMul(tc, lt).mul(WAD).plus(td.divToInt(2)).divToInt(td);
    } else {
      // exact: floor(Σ v·LT / Σ debt · 1e18), an integer wad, so HF < 1 ⟺ hfWad < 1e18 exactly
      hfWad = avgLt.mul(WAD).divToInt(td.mul(BPS));
    }
  }
  return { tc, td, hfWad };
}

/**
 * Liquidation amounts of one liquidation call (collateral asset, debt asset) per Aave v3.3 LiquidationLogic:
 * the close factor (50% of total debt value, 100% when HF ≤ 0.95 or the reserve's collateral or debt is worth
 * less than $2,000), collateral = repaid debt value × (1 + bonus) / collateral price capped at the balance (then
 * the repaid debt shrinks to match), the protocol fee taken from the bonus part, the dust rule (a partial
 * liquidation must leave ≥ $1,000 of both the debt and the collateral reserve) and the v3.3 deficit (no collateral
 * left → remaining debt written off).
 *
 * @example
 * ```ts
 * import { liquidationAmounts, AAVE_V3_ETHEREUM } from 'riskcore/haircuts';
 * const account = { supplies: [{ asset: 'WETH', amount: '10' }], borrows: [{ asset: 'USDC', amount: '20000' }] };
 * // HF = 10·2400·0.83 / 20000 = 0.996 > 0.95: close factor 50%, repay 10000 USDC,
 * // seize 10000/2400·1.05 = 4.375 WETH, of which 10% of the 0.2083 bonus goes to the treasury
 * const r = liquidationAmounts(account, AAVE_V3_ETHEREUM, { WETH: '2400', USDC: '1' }, { collateralAsset: 'WETH', debtAsset: 'USDC', rounding: 'aave' });
 * console.log(r.debtRepaid.toString(), r.collateralToLiquidatorBaseUnits, r.protocolFeeBaseUnits); // '10000 4354166666666666666 20833333333333333'
 * console.log(r.healthFactorAfter!.toString()); // '1.1205'
 * ```
 */
export function liquidationAmounts(account: LendingAccount, market: LendingMarketParams | LendingMarket, prices: LendingPrices, opts: LiquidationOptions): LiquidationResult {
  const o = checkObject(opts, 'opts');
  const rounding = o.rounding === undefined ? 'exact' : o.rounding;
  if (rounding !== 'exact' && rounding !== 'aave') throw new RiskInputError('opts.rounding', "'exact' or 'aave'", o.rounding);
  const r = resolve(account, market, prices, o.oracle);
  const m = r.market;
  const R = rounding === 'aave' ? AAVE : EXACT;
  const scaleP = new Money(10).pow(m.priceDecimals);
  if (rounding === 'aave') {
    for (const l of [...r.supplies, ...r.borrows]) {
      if (!l.price.mul(scaleP).isInteger()) throw new RiskInputError(joinPath('prices', l.reserve.asset), `a price with at most ${m.priceDecimals} decimals (the oracle's) for rounding 'aave'`, l.price.toString());
      for (const f of [l.lt, l.ltv, l.bonus, l.reserve.liquidationProtocolFee]) {
        if (!f.mul(BPS).isInteger()) throw new RiskInputError(joinPath('market.reserves', l.reserve.asset), "fractions in whole basis points for rounding 'aave'", f.toString());
      }
    }
  }
  const collAsset = checkString(o.collateralAsset, 'opts.collateralAsset');
  const debtAsset = checkString(o.debtAsset, 'opts.debtAsset');
  // Balances per reserve (one line per asset: sum duplicates into the first line).
  const amounts = new Map<Line, Money>();
  const merge = (ls: Line[]) => {
    const byAsset = new Map<string, Line>();
    const out: Line[] = [];
    for (const l of ls) {
      const prev = byAsset.get(l.reserve.asset);
      if (prev) {
        amounts.set(prev, amounts.get(prev)!.plus(l.amount));
        prev.collateral = prev.collateral || l.collateral;
      } else {
        byAsset.set(l.reserve.asset, l);
        amounts.set(l, l.amount);
        out.push(l);
      }
    }
    return out;
  };
  const supplies = merge(r.supplies);
  const borrows = merge(r.borrows);
  const collLine = supplies.find((s) => s.reserve.asset === collAsset);
  const debtLine = borrows.find((b) => b.reserve.asset === debtAsset);
  if (!m.reserves.has(collAsset)) throw new RiskInputError('opts.collateralAsset', `an asset of market '${m.name}'`, collAsset);
  if (!m.reserves.has(debtAsset)) throw new RiskInputError('opts.debtAsset', `an asset of market '${m.name}'`, debtAsset);

  const before = accountData(supplies, borrows, amounts, R, scaleP);
  const hfOf = (wad: Money | null) => (wad === null ? null : wad.div(WAD));
  const debtDec = m.reserves.get(debtAsset)!.decimals;
  const collDec = m.reserves.get(collAsset)!.decimals;
  const unitD = new Money(10).pow(debtDec);
  const unitC = new Money(10).pow(collDec);
  const fail = (reason: string, extra: Partial<LiquidationResult> = {}): LiquidationResult => ({
    allowed: false,
    reason,
    healthFactorBefore: hfOf(before.hfWad),
    closeFactor: ZERO,
    maxLiquidatableDebt: ZERO,
    debtRepaid: ZERO,
    debtRepaidBaseUnits: 0n,
    collateralToLiquidator: ZERO,
    collateralToLiquidatorBaseUnits: 0n,
    protocolFee: ZERO,
    protocolFeeBaseUnits: 0n,
    deficit: [],
    healthFactorAfter: hfOf(before.hfWad),
    oracleFlags: r.flags,
    ...extra,
  });
  if (before.hfWad === null || !before.hfWad.lt(WAD)) return fail('HEALTH_FACTOR_NOT_BELOW_THRESHOLD');
  if (!collLine || !collLine.collateral || amounts.get(collLine)!.isZero()) return fail('COLLATERAL_CANNOT_BE_LIQUIDATED');
  if (!debtLine || amounts.get(debtLine)!.isZero()) return fail('SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER');

  // Work in base units (integers in 'aave') and scaled prices.
  const Bc = amounts.get(collLine)!.mul(unitC);
  const Dd = amounts.get(debtLine)!.mul(unitD);
  const Pc = collLine.price.mul(scaleP);
  const Pd = debtLine.price.mul(scaleP);
  const bonusBps = ONE.plus(collLine.bonus).mul(BPS);
  const feeBps = collLine.reserve.liquidationProtocolFee.mul(BPS);
  const minBase = m.minBaseMaxCloseFactorThreshold.mul(scaleP);
  const minLeft = m.minLeftoverBase.mul(scaleP);

  const debtBase = R.fl(Dd.mul(Pd).div(unitD));
  const collBase = R.fl(Bc.mul(Pc).div(unitC));
  let maxDebt = Dd;
  let closeFactor = ONE;
  if (collBase.gte(minBase) && debtBase.gte(minBase) && before.hfWad.gt(m.closeFactorHfThreshold.mul(WAD))) {
    const cfBase = R.pctMul(before.td, m.closeFactor.mul(BPS));
    closeFactor = m.closeFactor;
    if (debtBase.gt(cfBase)) maxDebt = R.fl(cfBase.mul(unitD).div(Pd));
  }
  let toCover = maxDebt;
  if (o.debtToCover !== undefined) {
    const want = toMoney(o.debtToCover, 'opts.debtToCover', { decimals: debtDec, min: 'nonnegative' }).mul(unitD);
    const w = rounding === 'aave' ? want.floor() : want;
    if (w.lt(toCover)) toCover = w;
  }
  // _calculateAvailableCollateralToLiquidate
  const baseCollateral = R.fl(Pd.mul(toCover).mul(unitC).div(Pc.mul(unitD)));
  const maxColl = R.pctMul(baseCollateral, bonusBps);
  let collAmount: Money;
  let debtNeeded: Money;
  if (maxColl.gt(Bc)) {
    collAmount = Bc;
    debtNeeded = R.pctDiv(R.fl(Pc.mul(collAmount).mul(unitD).div(Pd.mul(unitC))), bonusBps);
  } else {
    collAmount = maxColl;
    debtNeeded = toCover;
  }
  const collInBase = R.fl(collAmount.mul(Pc).div(unitC));
  let fee = ZERO;
  if (!feeBps.isZero()) {
    const bonusColl = collAmount.minus(R.pctDiv(collAmount, bonusBps));
    fee = R.pctMul(bonusColl, feeBps);
    collAmount = collAmount.minus(fee);
  }
  const common = {
    healthFactorBefore: hfOf(before.hfWad),
    closeFactor,
    maxLiquidatableDebt: maxDebt.div(unitD),
  };
  // Dust rule (v3.3): all debt, all collateral, or ≥ MIN_LEFTOVER_BASE of both left.
  if (debtNeeded.lt(Dd) && collAmount.plus(fee).lt(Bc)) {
    const debtLeft = R.fl(Dd.minus(debtNeeded).mul(Pd).div(unitD));
    const collLeft = R.fl(Bc.minus(collAmount).minus(fee).mul(Pc).div(unitC));
    if (!(debtLeft.gte(minLeft) && collLeft.gte(minLeft))) return fail('MUST_NOT_LEAVE_DUST', common);
  }
  // Apply, then the deficit rule: no collateral left → every remaining debt is written off.
  amounts.set(collLine, Bc.minus(collAmount).minus(fee).div(unitC));
  amounts.set(debtLine, Dd.minus(debtNeeded).div(unitD));
  const deficit: LiquidationResult['deficit'] = [];
  if (before.tc.eq(collInBase)) {
    for (const b of borrows) {
      const left = amounts.get(b)!;
      if (left.gt(0)) deficit.push({ asset: b.reserve.asset, amount: left });
      amounts.set(b, ZERO);
    }
  }
  const after = accountData(supplies, borrows, amounts, R, scaleP);
  const units = (x: Money) => BigInt(x.floor().toFixed(0));
  return {
    allowed: true,
    reason: null,
    ...common,
    debtRepaid: debtNeeded.div(unitD),
    debtRepaidBaseUnits: units(debtNeeded),
    collateralToLiquidator: collAmount.div(unitC),
    collateralToLiquidatorBaseUnits: units(collAmount),
    protocolFee: fee.div(unitC),
    protocolFeeBaseUnits: units(fee),
    deficit,
    healthFactorAfter: hfOf(after.hfWad),
    oracleFlags: r.flags,
  };
}


