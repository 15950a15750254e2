/** Pre-trade check: the margin effect of an order before it fills, and accept or reject with a reason. */
import { Money, toMoney, type MoneyInput } from '../../core/money.js';
import { checkEnum, checkStrictObject, checkString, knownKeys, optionalEnum } from '../../core/validate.js';
import { RiskInputError } from '../../core/errors.js';
import { checkFigures } from './checkFigures.js';
import {
  type Account,
  type AssetMarket,
  assetOf,
  parseAccount,
  parseLeverage,
  parseMarket,
  type Position,
} from './parse.js';
import { afterSums, type CheckState, checkState, initialMarginPrefix } from './preTradeState.js';
import { tierOf } from './tiers.js';
import type {
  HyperliquidAccount,
  HyperliquidMarket,
  HyperliquidPosition,
  HyperliquidPreparedAccount,
  HyperliquidPreparedMarket,
} from './types.js';

const ORDER_KEYS = knownKeys('asset', 'side', 'size', 'price', 'leverage', 'marginMode');
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

/** Validated order (internal). */
export interface ParsedOrder {
  asset: string;
  delta: Money;
  price: Money;
  leverage: number;
  marginMode: 'cross' | 'isolated';
  existing: Position | undefined;
}

/** Validates an order against the account it is for (internal). */
export function parseOrder(
  order: unknown,
  account: Account,
  market: Map<string, AssetMarket>,
  sized: 'sized' | 'unsized',
): ParsedOrder {
  const o = checkStrictObject(order, 'order', ORDER_KEYS);
  const asset = checkString(o.asset, 'order.asset');
  const a = market.get(asset);
  if (a === undefined) throw new RiskInputError('order.asset', 'an asset of the market', asset);
  const side = checkEnum(o.side, 'order.side', ['buy', 'sell'] as const);
  const size = sized === 'sized' ? toMoney(o.size, 'order.size', { min: 'positive' }) : ZERO;
  if (sized === 'unsized' && o.size !== undefined)
    throw new RiskInputError('order.size', 'absent (the size is the result)', o.size);
  const price = toMoney(o.price, 'order.price', { min: 'positive' });
  const existing = account.positions.find((p) => p.asset === asset);
  const leverage =
    o.leverage === undefined
      ? (existing?.leverage ?? a.tiers[0].maxLeverage)
      : parseLeverage(o.leverage, 'order.leverage');
  const marginMode = optionalEnum(
    o.marginMode,
    'order.marginMode',
    ['cross', 'isolated'] as const,
    existing?.marginMode ?? 'cross',
  );
  return { asset, delta: side === 'buy' ? size : size.neg(), price, leverage, marginMode, existing };
}

/** Kernel: the account after the order fills at its price; value-exact, no division. */
export function applyOrder(account: Account, market: Map<string, AssetMarket>, o: ParsedOrder): Account {
  const a = market.get(o.asset) as AssetMarket;
  const s0 = o.existing?.size ?? ZERO;
  const e0 = o.existing?.entryPrice ?? o.price;
  const s1 = s0.plus(o.delta);
  // booking delta × (e0 − price) keeps value = balance + s1 (mark − e0) equal to the fill's true value
  const booked = o.delta.times(e0.minus(o.price));
  let balance = account.balance;
  let isolatedMargin = (o.existing?.isolatedMargin ?? ZERO).plus(o.marginMode === 'isolated' ? booked : ZERO);
  if (o.marginMode === 'cross') balance = balance.plus(booked);
  else {
    const im = (s: Money) => {
      const n = s.abs().times(a.markPrice);
      return n.div(Math.min(o.leverage, tierOf(n, a.tiers).maxLeverage));
    };
    const move = im(s1).minus(im(s0));
    const moved = move.isNeg() ? Money.max(move, isolatedMargin.neg()) : move;
    balance = balance.minus(moved);
    isolatedMargin = isolatedMargin.plus(moved);
  }
  const others = account.positions.filter((p) => p.asset !== o.asset);
  if (s1.isZero()) return { balance: balance.plus(isolatedMargin), positions: others };
  const next: Position = {
    asset: o.asset,
    size: s1,
    entryPrice: e0,
    leverage: o.leverage,
    marginMode: o.marginMode,
    isolatedMargin,
  };
  // the others are sorted by asset (one per asset): the new position goes before the first one after it
  let at = 0;
  while (at < others.length && others[at].asset < o.asset) at++;
  others.splice(at, 0, next);
  return { balance, positions: others };
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
  const market = parseMarket(c.market, 'context.market');
  const account = parseAccount(c.account, 'context.account', market);
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
  const initialMarginBefore = initialMarginPrefix(state, account.positions.length);
  const initialMarginAfter = total;
  const availableBefore = state.available;
  const availableAfter = after.balance.plus(crossPnl).minus(crossIm);
  const s0 = o.existing?.size ?? ZERO;
  // the fill's size: the filled position's, or zero once the fill closed it (applyOrder drops it then)
  const s1 = postPos !== undefined ? next.size : ZERO;
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
    accountAfter: toInput(after, state.text),
  };
}
