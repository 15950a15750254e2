/** Pre-trade check: the margin effect of an order before it fills, and accept or reject with a reason. */
import { Money, type MoneyInput } from '../../core/money.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import { checkFigures } from './checkFigures.js';
import { applyOrder, type CheckOutcome, parseOrder } from './order.js';
import { type Account, type AssetMarket, assetOf, parseAccount, parseMarket, preparedMarket } from './parse.js';
import { scaledPreTrade } from './preTradeScaled.js';
import { afterSums, type CheckState, checkState, initialMarginPrefix } from './preTradeState.js';
import type {
  HyperliquidAccount,
  HyperliquidMarket,
  HyperliquidPosition,
  HyperliquidPreparedAccount,
  HyperliquidPreparedMarket,
} from './types.js';

const CONTEXT_KEYS = knownKeys('account', 'market');
const ZERO = new Money(0);

/** An order, before it fills. */
export interface HyperliquidOrder {
  asset: string;
  side: 'buy' | 'sell';
  /** Size in coins (> 0). */
  size: MoneyInput;
  /** Fill price assumed (the limit price), USDC per coin. */
  price: MoneyInput;
  /** Leverage for the position (default: the position's, or the first tier's max leverage). */
  leverage?: number;
  /** Margin mode of a new position (default 'cross'); must match an existing position's. */
  marginMode?: 'cross' | 'isolated';
}

/** The account and market an order is checked in. */
export interface HyperliquidPreTradeContext {
  /** The account, or one prepared against the prepared market given as `market`. */
  account: HyperliquidAccount | HyperliquidPreparedAccount;
  /** The market, or a prepared one (`prepareHyperliquidMarket`). */
  market: HyperliquidMarket | HyperliquidPreparedMarket;
}

/** Outcome of a pre-trade check. */
export interface HyperliquidPreTradeResult {
  accepted: boolean;
  reason: 'ok' | 'reducing' | 'insufficientMargin' | 'exceedsTierMaxLeverage' | 'marginModeMismatch';
  /** Initial margin of all positions before and after the fill (USDC). */
  initialMarginBefore: Money;
  initialMarginAfter: Money;
  /** initialMarginAfter − initialMarginBefore. */
  marginEffect: Money;
  /** Cross account value − cross initial margin, before and after (USDC). */
  availableBefore: Money;
  availableAfter: Money;
  /** The account if the order fills at its price (entry kept; the fill's value difference booked to margin). */
  accountAfter: HyperliquidAccount;
}

/** The account as input text (positions kept by the check state reuse their kept text). */
function toInput(acc: Account, text: CheckState['text']): HyperliquidAccount {
  const positions: HyperliquidPosition[] = [];
  for (const p of acc.positions) {
    const t = text?.get(p);
    const size = t?.size ?? p.size.toString();
    const entryPrice = t?.entryPrice ?? p.entryPrice.toString();
    const { asset, leverage, marginMode } = p;
    positions.push(
      marginMode === 'isolated'
        ? {
            asset,
            size,
            entryPrice,
            leverage,
            marginMode,
            isolatedMargin: t?.isolatedMargin ?? p.isolatedMargin.toString(),
          }
        : { asset, size, entryPrice, leverage, marginMode },
    );
  }
  return { balance: acc.balance.toString(), positions };
}

/** Kernel: the check's figures computed on `Money` (any account, prepared or not). */
export function moneyPreTrade(order: unknown, rawAccount: unknown, market: Map<string, AssetMarket>): CheckOutcome {
  const account = parseAccount(rawAccount, 'context.account', market);
  const o = parseOrder(order, account, market, 'sized');
  const after = applyOrder(account, market, o);
  const state = checkState(account, market);
  // positions sorted before the order's asset are left alone by the fill (same objects, same market): they keep
  // their figures and running sums, and the filled position (if any) is the j-th after the fill
  const j = state.index.get(o.asset) ?? account.positions.findIndex((p) => p.asset > o.asset);
  const start = j < 0 ? account.positions.length : j;
  const next = after.positions[start];
  const postPos = next?.asset === o.asset ? checkFigures(next, assetOf(market, next.asset)) : undefined;
  const { crossPnl, crossIm, total } = afterSums(state, after, market, o.asset, start, postPos);
  return {
    o,
    postPos,
    // the fill's size: the filled position's, or zero once the fill closed it (applyOrder drops it then)
    s1: postPos !== undefined ? next.size : ZERO,
    initialMarginBefore: initialMarginPrefix(state, account.positions.length),
    initialMarginAfter: total,
    availableBefore: state.available,
    availableAfter: after.balance.plus(crossPnl).minus(crossIm),
    accountAfter: toInput(after, state.text),
  };
}

/**
 * Pre-trade check of an order: its margin effect before it fills and whether Hyperliquid would take it. Reducing
 * orders are always accepted; an order whose resulting notional is in a tier whose max leverage is below the
 * position's leverage is refused; otherwise the cross account must still cover its initial margin after the fill
 * (for an isolated position, the change of its initial margin moves between it and the cross account, so the
 * extra initial margin must be available there).
 *
 * @example
 * ```ts
 * import { hyperliquidPreTradeCheck, HYPERLIQUID_MARGIN_TABLES } from 'riskcore/perps';
 * const market = { assets: { BTC: { markPrice: '100000', marginTable: HYPERLIQUID_MARGIN_TABLES.BTC } } };
 * const account = { balance: '1000', positions: [] };
 * const ok = hyperliquidPreTradeCheck({ asset: 'BTC', side: 'buy', size: '0.2', price: '100000', leverage: 20 }, { account, market });
 * const no = hyperliquidPreTradeCheck({ asset: 'BTC', side: 'buy', size: '0.3', price: '100000', leverage: 20 }, { account, market });
 * console.log(ok.reason, ok.marginEffect.toString(), no.reason); // 'ok 1000 insufficientMargin'
 * ```
 */
export function hyperliquidPreTradeCheck(
  order: HyperliquidOrder,
  context: HyperliquidPreTradeContext,
): HyperliquidPreTradeResult {
  const c = checkStrictObject(context, 'context', CONTEXT_KEYS);
  const ready = preparedMarket(c.market);
  const market = ready ?? parseMarket(c.market, 'context.market');
  // a raw account in a prepared market is read on scaled integers (any other account on Money)
  const outcome =
    (ready === undefined ? undefined : scaledPreTrade(order, c.account, ready)) ??
    moneyPreTrade(order, c.account, market);
  const { o, postPos, s1, initialMarginBefore, initialMarginAfter, availableBefore, availableAfter } = outcome;
  const s0 = o.existing?.size ?? ZERO;
  const reducing = !s0.isZero() && s1.abs().lte(s0.abs()) && (s1.isZero() || s1.isPos() === s0.isPos());
  let reason: HyperliquidPreTradeResult['reason'];
  if (o.existing !== undefined && o.existing.marginMode !== o.marginMode) reason = 'marginModeMismatch';
  else if (reducing) reason = 'reducing';
  else if (postPos !== undefined && o.leverage > postPos.maxLeverage) reason = 'exceedsTierMaxLeverage';
  else if (availableAfter.isNeg()) reason = 'insufficientMargin';
  else reason = 'ok';
  return {
    accepted: reason === 'ok' || reason === 'reducing',
    reason,
    initialMarginBefore,
    initialMarginAfter,
    marginEffect: initialMarginAfter.minus(initialMarginBefore),
    availableBefore,
    availableAfter,
    accountAfter: outcome.accountAfter,
  };
}
