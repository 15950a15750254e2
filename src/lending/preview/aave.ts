/**
 * What-if preview of an Aave v3 account on the existing Aave model (accountHealth, maxBorrow, liquidationAmounts):
 * supply, withdraw, borrow, repay, collateral swap and liquidation to a target health factor, exact decimals.
 */
import { RiskInputError } from '../../core/errors.js';
import { Money, toMoney } from '../../core/money.js';
import type { MoneyInput } from '../../core/money.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import type { LendingAccount, LendingBalance, LendingPrices } from '../aave/account.js';
import { accountHealth } from '../aave/accountHealth.js';
import { maxBorrow } from '../aave/borrowing.js';
import { liquidationAmounts } from '../aave/liquidation/decimal.js';
import type { LiquidationResult } from '../aave/liquidation/decimal.js';
import { lendingMarket } from '../aave/market.js';
import type { LendingMarket } from '../aave/market.js';
import type { LendingMarketParams } from '../aave/params.js';
import { actionName, readAction, smallestPassing } from './action.js';
import type { PreviewAction, PreviewResult } from './action.js';

/** The market and prices an Aave account is previewed in. */
export interface AavePreviewContext {
  market: LendingMarketParams | LendingMarket;
  prices: LendingPrices;
}

/** Options of {@link previewAave}. */
export interface AavePreviewOptions {
  action: PreviewAction<MoneyInput>;
  /** The collateral whose liquidation price is reported; default: the supplied collateral of largest value. */
  watch?: string;
}

/** Result of {@link previewAave}: Money (tokens, base currency), health factor as a decimal. */
export type AavePreviewResult = PreviewResult<LendingAccount, Money, LiquidationResult>;

const CTX_KEYS = knownKeys('market', 'prices');
const OPTS_KEYS = knownKeys('action', 'watch');

/** Sums the lines of `asset` into one (the first keeps its flags), adds `delta`, refuses a negative result. */
function adjust(
  lines: LendingBalance[],
  asset: string,
  delta: Money,
  m: LendingMarket,
  path: string,
): LendingBalance[] {
  const dec = m.reserves.get(asset)!.decimals;
  let total = new Money(0);
  let first: LendingBalance | null = null;
  const rest: LendingBalance[] = [];
  for (const l of lines) {
    if (l.asset !== asset) {
      rest.push(l);
      continue;
    }
    total = total.plus(toMoney(l.amount, 'amount', { decimals: dec }));
    first ??= l;
  }
  const next = total.plus(delta);
  if (next.isNegative())
    throw new RiskInputError(path, `at most the account's ${asset} balance`, delta.negated().toString());
  return [...rest, { ...(first ?? { asset }), amount: next.toFixed() }];
}

/** The price of `asset` at which the account's health factor is 1 (f(p) = capacity − debt is linear in p). */
function liquidationPrice(
  account: LendingAccount,
  m: LendingMarket,
  prices: LendingPrices,
  asset: string,
): Money | null {
  const h0 = accountHealth(account, m, prices);
  if (h0.healthFactor === null) return null;
  const raw = prices[asset];
  const p0 = toMoney(typeof raw === 'object' && raw !== null && !Money.isDecimal(raw) ? raw.price : raw, 'price');
  const h1 = accountHealth(account, m, { ...prices, [asset]: p0.plus(1).toFixed() });
  const f0 = h0.liquidationCapacity.minus(h0.totalDebt);
  const slope = h1.liquidationCapacity.minus(h1.totalDebt).minus(f0);
  if (!slope.gt(0)) return null;
  const p = p0.minus(f0.div(slope));
  return p.gt(0) ? p : null;
}

/**
 * Preview one action on an Aave v3 account without touching the inputs: the account after, its health factor,
 * borrowing power (`availableBorrows`, base currency) and the liquidation price of the watched collateral (the
 * price at which HF = 1, exact). A borrow above {@link maxBorrow} is `allowed: false`
 * (`'COLLATERAL_CANNOT_COVER_NEW_BORROW'`); a withdrawal or swap leaving HF < 1 likewise
 * (`'HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD'`). `liquidate` (with `collateral` and `debtAsset`) finds the
 * smallest debt to cover, in the debt asset's base units, after which HF is at or above `targetHealth` (a
 * decimal), per {@link liquidationAmounts} in the contract's rounding (`'aave'`: prices within the oracle's
 * decimals); when none reaches it, the largest liquidation allowed.
 *
 * @example
 * ```ts
 * import { previewAave, AAVE_V3_ETHEREUM } from 'riskcore/lending';
 * const account = { supplies: [{ asset: 'WETH', amount: '10' }], borrows: [{ asset: 'USDC', amount: '15000' }] };
 * const ctx = { market: AAVE_V3_ETHEREUM, prices: { WETH: '2400', USDC: '1' } };
 * const r = previewAave(account, ctx, { action: { type: 'borrow', asset: 'USDC', amount: '3000' } });
 * // HF = 10 × 2400 × 0.83 / 18000; WETH liquidation price = 18000 / (10 × 0.83)
 * console.log(r.healthFactor!.toString(), r.liquidationPrice!.toFixed(4)); // '1.106666666666666666 2168.6747'
 * ```
 */
export function previewAave(
  account: LendingAccount,
  context: AavePreviewContext,
  opts: AavePreviewOptions,
): AavePreviewResult {
  const c = checkStrictObject(context, 'context', CTX_KEYS);
  const m = lendingMarket(c.market as LendingMarketParams);
  const prices = c.prices as LendingPrices;
  accountHealth(account, m, prices); // validates the account and prices at their paths
  const o = checkStrictObject(opts, 'opts', OPTS_KEYS);
  const names = [...m.reserves.keys()];
  const watchOpt = o.watch === undefined ? null : actionName(o, 'watch', names, 'opts');
  const act = readAction(o.action, 'opts.action');
  const amountOf = (asset: string, k = 'amount') =>
    toMoney(act[k], `opts.action.${k}`, { decimals: m.reserves.get(asset)!.decimals, min: 'nonnegative' });
  let supplies = account.supplies.map((s) => ({ ...s }));
  let borrows = account.borrows.map((b) => ({ ...b }));
  let reason: string | null = null;
  let liquidation: LiquidationResult | null = null;
  let reached: boolean | null = null;
  const t = act.type;
  const base = (): LendingAccount => ({ ...account, supplies, borrows });
  if (t === 'supply' || t === 'withdraw') {
    const asset = actionName(act, 'asset', names, 'opts.action');
    const x = amountOf(asset);
    supplies = adjust(supplies, asset, t === 'supply' ? x : x.negated(), m, 'opts.action.amount');
  } else if (t === 'borrow' || t === 'repay') {
    const asset = actionName(act, 'asset', names, 'opts.action');
    const x = amountOf(asset);
    if (t === 'borrow' && x.gt(maxBorrow(account, m, prices, asset))) reason = 'COLLATERAL_CANNOT_COVER_NEW_BORROW';
    borrows = adjust(borrows, asset, t === 'borrow' ? x : x.negated(), m, 'opts.action.amount');
  } else if (t === 'swapCollateral') {
    const from = actionName(act, 'asset', names, 'opts.action');
    const to = actionName(act, 'to', names, 'opts.action');
    supplies = adjust(supplies, from, amountOf(from).negated(), m, 'opts.action.amount');
    supplies = adjust(supplies, to, amountOf(to, 'amountTo'), m, 'opts.action.amountTo');
  } else {
    const target = toMoney(act.targetHealth, 'opts.action.targetHealth', { min: 'positive' });
    const coll = actionName(act, 'collateral', names, 'opts.action');
    const debt = actionName(act, 'debtAsset', names, 'opts.action');
    const unit = new Money(10).pow(m.reserves.get(debt)!.decimals);
    const run = (x: bigint | null) =>
      liquidationAmounts(account, m, prices, {
        collateralAsset: coll,
        debtAsset: debt,
        rounding: 'aave',
        ...(x === null ? {} : { debtToCover: new Money(x.toString()).div(unit).toFixed() }),
      });
    const apply = (r: LiquidationResult) => {
      const sp = adjust(supplies, coll, r.collateralToLiquidator.plus(r.protocolFee).negated(), m, 'opts.action');
      let bw = adjust(borrows, debt, r.debtRepaid.negated(), m, 'opts.action');
      for (const d of r.deficit) bw = adjust(bw, d.asset, d.amount.negated(), m, 'opts.action');
      return { sp, bw };
    };
    // the target is judged on the health factor the preview reports: exact, on the amounts after
    const ok = (r: LiquidationResult) => {
      if (!r.allowed) return false;
      const { sp, bw } = apply(r);
      const hf = accountHealth({ ...account, supplies: sp, borrows: bw }, m, prices).healthFactor;
      return hf === null || hf.gte(target);
    };
    const max = run(null);
    let r = max;
    if (max.allowed) {
      const hi = BigInt(max.maxLiquidatableDebt.mul(unit).floor().toFixed(0));
      const best = smallestPassing(1n, hi, (x) => ok(run(x)));
      if (best !== null) r = run(best);
    }
    liquidation = r;
    reached = ok(r);
    if (r.allowed) ({ sp: supplies, bw: borrows } = apply(r));
    else reason = r.reason;
  }
  const after = base();
  const h = accountHealth(after, m, prices);
  if (reason === null && (t === 'withdraw' || t === 'swapCollateral' || t === 'borrow') && h.liquidatable)
    reason = 'HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD';
  let watch = watchOpt;
  if (watch === null) {
    let best = new Money(-1);
    for (const s of supplies) {
      if (s.useAsCollateral === false) continue;
      const raw = prices[s.asset];
      const px = toMoney(typeof raw === 'object' && raw !== null && !Money.isDecimal(raw) ? raw.price : raw, 'price');
      const v = toMoney(s.amount, 'amount', { decimals: m.reserves.get(s.asset)!.decimals }).mul(px);
      if (v.gt(0) && v.gt(best)) {
        best = v;
        watch = s.asset;
      }
    }
  }
  return {
    allowed: reason === null,
    reason,
    after,
    healthFactor: h.healthFactor,
    borrowingPower: h.availableBorrows,
    liquidationPrice: watch === null ? null : liquidationPrice(after, m, prices, watch),
    liquidation,
    targetReached: reached,
  };
}
