/** Largest order size the margin and the tier table allow. */
import { Money } from '../../core/money.js';
import { checkNumber, checkStrictObject, knownKeys } from '../../core/validate.js';
import { accountMargin } from './margin.js';
import { type AssetMarket, parseAccount, parseMarket } from './parse.js';
import { parseOrder } from './order.js';
import type { HyperliquidOrder, HyperliquidPreTradeContext } from './preTrade.js';

const CONTEXT_KEYS = knownKeys('account', 'market');
const OPTION_KEYS = knownKeys('sizeDecimals');
const ZERO = new Money(0);

/** Options of {@link hyperliquidMaxOrderSize}. */
export interface HyperliquidMaxOrderSizeOptions {
  /** Round the size down to this many decimals (the asset's szDecimals); default: exact. */
  sizeDecimals?: number;
}

/** Largest order size. */
export interface HyperliquidMaxOrderSizeResult {
  /** Coins; null when neither margin nor tiers bound it (a price far better than the mark, unbounded last tier). */
  size: Money | null;
  limitedBy: 'margin' | 'tier' | 'none';
}

/** Notional above which the tier max leverage falls below `leverage` (null: never). */
function tierCap(a: AssetMarket, leverage: number): Money | null {
  const t = a.tiers.find((x) => x.maxLeverage < leverage);
  return t === undefined ? null : t.lowerBound;
}

/**
 * Largest size of an order (`order` without `size`) that {@link hyperliquidPreTradeCheck} would accept: the part that
 * closes an opposite position, plus the new position k that the margin pays for — cross: k ≤ (account value − other
 * cross initial margin + the fill's immediate pnl) / (mark / leverage − per-coin immediate pnl); isolated:
 * k ≤ (cross available + the position's initial margin) / (mark / leverage) — and no further than the notional
 * where the tier's max leverage falls below the leverage.
 *
 * @example
 * ```ts
 * import { hyperliquidMaxOrderSize, HYPERLIQUID_MARGIN_TABLES } from 'riskcore/perps';
 * const market = { assets: { BTC: { markPrice: '100000', marginTable: HYPERLIQUID_MARGIN_TABLES.BTC } } };
 * const account = { balance: '1000', positions: [] };
 * const r = hyperliquidMaxOrderSize({ asset: 'BTC', side: 'buy', price: '100000', leverage: 20 }, { account, market });
 * console.log(r.size?.toString(), r.limitedBy); // '0.2 margin'
 * ```
 */
export function hyperliquidMaxOrderSize(
  order: Omit<HyperliquidOrder, 'size'>,
  context: HyperliquidPreTradeContext,
  options: HyperliquidMaxOrderSizeOptions = {},
): HyperliquidMaxOrderSizeResult {
  const opt = checkStrictObject(options, 'options', OPTION_KEYS);
  const decimals =
    opt.sizeDecimals === undefined
      ? undefined
      : checkNumber(opt.sizeDecimals, 'options.sizeDecimals', { ge: 0, le: 36, integer: true });
  const c = checkStrictObject(context, 'context', CONTEXT_KEYS);
  const market = parseMarket(c.market, 'context.market');
  const account = parseAccount(c.account, 'context.account', market);
  const o = parseOrder(order, account, market, 'unsized');
  const a = market.get(o.asset) as AssetMarket;
  const m = accountMargin(account, market);
  const dir = o.delta.isNeg() || (o.delta.isZero() && (order as { side?: string }).side === 'sell') ? -1 : 1;
  const s0 = o.existing?.size ?? ZERO;
  const opposite = !s0.isZero() && (s0.isPos() ? -1 : 1) === dir;
  const perCoinPnl = a.markPrice.minus(o.price).times(dir);
  const unitMargin = a.markPrice.div(o.leverage);
  const mine = m.positions.find((p) => p.asset === o.asset);
  let budget: Money;
  let slope: Money;
  if (o.marginMode === 'isolated') {
    budget = m.crossAccountValue.minus(m.crossInitialMargin).plus(mine?.initialMargin ?? ZERO);
    slope = unitMargin;
  } else {
    const otherIm = m.crossInitialMargin.minus(mine?.isolatedValue === null ? mine.initialMargin : ZERO);
    const carried = opposite ? perCoinPnl.times(s0.abs()) : perCoinPnl.times(s0.abs()).neg();
    budget = m.crossAccountValue.minus(otherIm).plus(carried);
    slope = unitMargin.minus(perCoinPnl);
  }
  const cap = tierCap(a, o.leverage);
  const capK = cap === null ? null : cap.div(a.markPrice);
  let k: Money | null = slope.gt(0) ? Money.max(budget.div(slope), ZERO) : null;
  let limitedBy: HyperliquidMaxOrderSizeResult['limitedBy'] = k === null ? 'none' : 'margin';
  if (capK !== null && (k === null || capK.lt(k))) {
    k = capK;
    limitedBy = 'tier';
  }
  if (k === null) return { size: null, limitedBy };
  let size = opposite ? s0.abs().plus(k) : Money.max(k.minus(s0.abs()), ZERO);
  if (decimals !== undefined) size = size.toDecimalPlaces(decimals, Money.ROUND_DOWN);
  return { size, limitedBy };
}
