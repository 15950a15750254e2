/** An order validated against its account, and the account once it fills (internal). */
import { Money, toMoney } from '../../core/money.js';
import { checkEnum, checkStrictObject, checkString, knownKeys, optionalEnum } from '../../core/validate.js';
import { RiskInputError } from '../../core/errors.js';
import type { CheckFigures } from './checkFigures.js';
import { type Account, type AssetMarket, parseLeverage, type Position } from './parse.js';
import { tierOf } from './tiers.js';
import type { HyperliquidAccount } from './types.js';

const ORDER_KEYS = knownKeys('asset', 'side', 'size', 'price', 'leverage', 'marginMode');
const ZERO = new Money(0);

/** What a pre-trade check computes of an order, before it decides (internal). */
export interface CheckOutcome {
  readonly o: ParsedOrder;
  /** Tier max leverage of the filled position, if it remains. */
  readonly postPos: Pick<CheckFigures, 'maxLeverage'> | undefined;
  /** Size of the filled position (zero once the fill closed it). */
  readonly s1: Money;
  readonly initialMarginBefore: Money;
  readonly initialMarginAfter: Money;
  readonly availableBefore: Money;
  readonly availableAfter: Money;
  readonly accountAfter: HyperliquidAccount;
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
