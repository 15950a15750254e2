/**
 * Pre-trade check of a raw (unprepared) account in a prepared market on scaled integers. The account's decimal text
 * is read straight into scaled integers (safe integers where every value fits, else bigints), and every position's
 * figures and every sum are computed by the operations, in the order and with the rounding, of the `Money` check
 * (checkFigures.ts, preTradeState.ts), so the results are the same values. The order itself is validated and applied
 * on `Money` as the `Money` check does (a cross fill's size, entry and balance are also taken in safe integers from
 * the text read, not converted back from `Money`). Accounts outside the plain form read here (see `readAccount`) are
 * left to the `Money` check, which also gives every input error.
 */
import { Money } from '../../core/money.js';
import { applyOrder, type CheckOutcome, type ParsedOrder, parseOrder } from './order.js';
import { type AssetMarket, assetOf, type Position, type Tier } from './parse.js';
import { type Arith, BIG_ARITH } from './scaledDecimal.js';
import { safeCheckSums } from './safeCheck.js';
import { addTo, mulTo, OUT, SAFE_ARITH, type SafeScaled, UNSAFE } from './scaledNumber.js';
import { type Amount, bigOf, readAmount } from './amountText.js';
import type { HyperliquidAccount, HyperliquidPosition } from './types.js';

export { readAmount };

const ZERO = new Money(0);
const ACCOUNT_KEYS = new Set(['balance', 'positions']);

/** A position read from the raw account. */
interface ScaledPosition {
  readonly asset: string;
  readonly size: Amount;
  readonly entryPrice: Amount;
  readonly leverage: number;
  readonly marginMode: 'cross' | 'isolated';
  readonly isolatedMargin: Amount | undefined;
}

/** Mark price and tier lower bounds of an asset market in a scaled form. */
interface ScaledAsset<T> {
  readonly mark: T;
  readonly bounds: readonly T[];
}
const kept = new Map<Arith<unknown>, WeakMap<AssetMarket, ScaledAsset<unknown> | null>>([
  [BIG_ARITH as Arith<unknown>, new WeakMap()],
  [SAFE_ARITH as Arith<unknown>, new WeakMap()],
]);

/** The asset's mark and tier bounds in `arith`'s form (kept per validated asset market; UNSAFE when they do not fit). */
function scaledAsset<T>(arith: Arith<T>, a: AssetMarket): ScaledAsset<T> {
  const byAsset = kept.get(arith as Arith<unknown>) as WeakMap<AssetMarket, ScaledAsset<T> | null>;
  let s = byAsset.get(a);
  if (s === undefined) {
    try {
      s = { mark: arith.fromMoney(a.markPrice), bounds: a.tiers.map((t: Tier) => arith.fromMoney(t.lowerBound)) };
    } catch (e) {
      if (e !== UNSAFE) throw e;
      s = null;
    }
    byAsset.set(a, s);
  }
  if (s === null) throw UNSAFE;
  return s;
}

const plain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

function onlyKeys(o: object, known: Set<string>): boolean {
  for (const key in o) if (!known.has(key) || (o as Record<string, unknown>)[key] === undefined) return false;
  return true;
}

/** {@link onlyKeys} for a position's keys (compared as strings: no hashing on the per-position path). */
function onlyPositionKeys(o: Record<string, unknown>): boolean {
  for (const key in o) {
    const known =
      key === 'asset' ||
      key === 'size' ||
      key === 'entryPrice' ||
      key === 'leverage' ||
      key === 'marginMode' ||
      key === 'isolatedMargin';
    if (!known || o[key] === undefined) return false;
  }
  return true;
}

/** A position in the form read here (all it holds valid), or undefined. */
function readPosition(v: unknown, market: Map<string, AssetMarket>): ScaledPosition | undefined {
  if (!plain(v) || !onlyPositionKeys(v)) return undefined;
  const { asset, leverage, marginMode } = v;
  if (typeof asset !== 'string' || asset.length === 0 || !market.has(asset)) return undefined;
  if (typeof leverage !== 'number' || !Number.isInteger(leverage) || leverage < 1 || leverage > 1000) return undefined;
  if (marginMode !== 'cross' && marginMode !== 'isolated') return undefined;
  const size = readAmount(v.size);
  const entryPrice = readAmount(v.entryPrice);
  if (size === undefined || entryPrice === undefined || entryPrice.text.charCodeAt(0) === 45 || entryPrice.text === '0')
    return undefined;
  let isolatedMargin: Amount | undefined;
  if (marginMode === 'isolated') {
    isolatedMargin = readAmount(v.isolatedMargin);
    if (isolatedMargin === undefined || isolatedMargin.text.charCodeAt(0) === 45) return undefined;
  } else if (v.isolatedMargin !== undefined) return undefined;
  return { asset, size, entryPrice, leverage, marginMode, isolatedMargin };
}

const byAsset = (a: ScaledPosition, b: ScaledPosition) => (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0);

/** A raw account read: balance and positions sorted by asset. */
interface ReadAccount {
  readonly balance: Amount;
  readonly positions: ScaledPosition[];
}

/**
 * Kernel: a raw account in plain form (plain objects, known keys, plain decimal amounts, each asset once and in
 * the market) read with its positions sorted by asset, or undefined for anything else.
 */
export function readAccount(value: unknown, market: Map<string, AssetMarket>): ReadAccount | undefined {
  if (!plain(value) || !onlyKeys(value, ACCOUNT_KEYS) || !Array.isArray(value.positions)) return undefined;
  if (Object.getPrototypeOf(value.positions) !== Array.prototype) return undefined;
  const balance = readAmount(value.balance);
  if (balance === undefined) return undefined;
  const positions: ScaledPosition[] = [];
  for (const raw of value.positions as unknown[]) {
    const p = readPosition(raw, market);
    if (p === undefined) return undefined;
    positions.push(p);
  }
  positions.sort(byAsset);
  // sorted, an asset given twice is in adjacent positions
  for (let i = 1; i < positions.length; i++) if (positions[i].asset === positions[i - 1].asset) return undefined;
  return { balance, positions };
}

/** The figures a check sums: unrealised pnl and initial margin (checkFigures' operations) in a scaled form. */
interface ScaledFigures<T> {
  readonly cross: boolean;
  readonly unrealizedPnl: T;
  readonly initialMargin: T;
  readonly maxLeverage: number;
}

/** An amount in `arith`'s form (UNSAFE when it has no safe-integer form). */
function amountIn<T>(arith: Arith<T>, a: Amount): T {
  const v = arith === (SAFE_ARITH as Arith<unknown>) ? a.safe : bigOf(a);
  if (v === undefined) throw UNSAFE;
  return v as T;
}

/** Kernel: checkFigures of a position (size, entry price, leverage, mode) at its asset's market, in `arith`. */
function figuresOf<T>(
  arith: Arith<T>,
  p: { size: T; entryPrice: T; leverage: number; marginMode: 'cross' | 'isolated' },
  a: AssetMarket,
): ScaledFigures<T> {
  const { mark, bounds } = scaledAsset(arith, a);
  const notional = arith.mul(arith.abs(p.size), mark);
  let tier = 0;
  while (tier + 1 < bounds.length && arith.cmp(notional, bounds[tier + 1]) > 0) tier++;
  const maxLeverage = a.tiers[tier].maxLeverage;
  return {
    cross: p.marginMode === 'cross',
    unrealizedPnl: arith.mul(p.size, arith.sub(mark, p.entryPrice)),
    initialMargin: arith.div(notional, Math.min(p.leverage, maxLeverage)),
    maxLeverage,
  };
}

/** Kernel: checkFigures of a read position, computed in `arith`. */
export function scaledFigures<T>(arith: Arith<T>, p: ScaledPosition, a: AssetMarket): ScaledFigures<T> {
  const { leverage, marginMode } = p;
  const size = amountIn(arith, p.size);
  return figuresOf(arith, { size, entryPrice: amountIn(arith, p.entryPrice), leverage, marginMode }, a);
}

/** Cross pnl, cross initial margin and all initial margins, each summed from zero in the order given. */
function sums<T>(arith: Arith<T>, figures: readonly ScaledFigures<T>[]): { pnl: T; im: T; total: T } {
  let pnl = arith.zero;
  let im = arith.zero;
  let total = arith.zero;
  for (const f of figures) {
    if (f.cross) {
      pnl = arith.add(pnl, f.unrealizedPnl);
      im = arith.add(im, f.initialMargin);
    }
    total = arith.add(total, f.initialMargin);
  }
  return { pnl, im, total };
}

function textOf(p: ScaledPosition): HyperliquidPosition {
  const { asset, leverage, marginMode } = p;
  const size = p.size.text;
  const entryPrice = p.entryPrice.text;
  return p.isolatedMargin === undefined
    ? { asset, size, entryPrice, leverage, marginMode }
    : { asset, size, entryPrice, leverage, marginMode: 'isolated', isolatedMargin: p.isolatedMargin.text };
}

function positionText(p: Position): HyperliquidPosition {
  const { asset, leverage, marginMode } = p;
  const size = p.size.toString();
  const entryPrice = p.entryPrice.toString();
  return marginMode === 'isolated'
    ? { asset, size, entryPrice, leverage, marginMode, isolatedMargin: p.isolatedMargin.toString() }
    : { asset, size, entryPrice, leverage, marginMode };
}

/** The validated position the Money check reads for a read position. */
function moneyPosition(p: ScaledPosition): Position {
  const { asset, leverage, marginMode } = p;
  const size = new Money(p.size.text);
  const entryPrice = new Money(p.entryPrice.text);
  const isolatedMargin = p.isolatedMargin === undefined ? ZERO : new Money(p.isolatedMargin.text);
  return { asset, size, entryPrice, leverage, marginMode, isolatedMargin };
}

/** The four Money figures of a check. */
interface Sums<M> {
  readonly filledMaxLeverage: number | undefined;
  readonly initialMarginBefore: M;
  readonly initialMarginAfter: M;
  readonly availableBefore: M;
  readonly availableAfter: M;
}

/**
 * Kernel: the check's sums before and after the fill, in `arith`: the account's positions, then the same with the
 * order's position replaced by the filled one (`filled`, if it remains) in its sorted place.
 */
function checkSums<T>(
  arith: Arith<T>,
  x: {
    acc: ReadAccount;
    market: Map<string, AssetMarket>;
    filled: Position | undefined;
    after: Money;
    order: string;
  },
): Sums<Money> {
  const { acc, filled, order } = x;
  const before = acc.positions.map((p) => scaledFigures(arith, p, assetOf(x.market, p.asset)));
  const post: ScaledFigures<T> | undefined =
    filled === undefined
      ? undefined
      : figuresOf(
          arith,
          {
            size: arith.fromMoney(filled.size),
            entryPrice: arith.fromMoney(filled.entryPrice),
            leverage: filled.leverage,
            marginMode: filled.marginMode,
          },
          assetOf(x.market, filled.asset),
        );
  const afterFigures: ScaledFigures<T>[] = [];
  let placed = post === undefined;
  acc.positions.forEach((p, i) => {
    if (!placed && p.asset > order) {
      afterFigures.push(post as ScaledFigures<T>);
      placed = true;
    }
    if (p.asset !== order) afterFigures.push(before[i]);
  });
  if (!placed) afterFigures.push(post as ScaledFigures<T>);
  const b = sums(arith, before);
  const a = sums(arith, afterFigures);
  return {
    filledMaxLeverage: post?.maxLeverage,
    initialMarginBefore: arith.toMoney(b.total),
    initialMarginAfter: arith.toMoney(a.total),
    availableBefore: arith.toMoney(arith.sub(arith.add(amountIn(arith, acc.balance), b.pnl), b.im)),
    availableAfter: arith.toMoney(arith.sub(arith.add(arith.fromMoney(x.after), a.pnl), a.im)),
  };
}

/**
 * The filled position's size and entry price and the balance after a cross fill as safe scaled integers, from the
 * amounts read (applyOrder's operations, exact: each result has at most 16 digits, which Money does not round), or
 * undefined where the order is not cross, an amount is not read here or a result is not a safe scaled integer.
 */
function safeFill(
  order: unknown,
  acc: ReadAccount,
  at: number,
  o: ParsedOrder,
): { size: SafeScaled; entry: SafeScaled; balance: SafeScaled } | undefined {
  if (o.marginMode !== 'cross') return undefined;
  const { size, price } = order as { size: unknown; price: unknown };
  const q = readAmount(size);
  const px = readAmount(price);
  const p = at < 0 ? undefined : acc.positions[at];
  const b = acc.balance.safe;
  if (q?.safe === undefined || px?.safe === undefined || b === undefined) return undefined;
  if (p !== undefined && (p.size.safe === undefined || p.entryPrice.safe === undefined)) return undefined;
  const delta = o.delta.isNeg() ? -q.n : q.n;
  const e0 = p === undefined ? px : (p.entryPrice.safe as SafeScaled);
  // size: s0 + delta
  if (!addTo(p === undefined ? 0 : p.size.n, p === undefined ? 0 : p.size.s, delta, q.s)) return undefined;
  const s1 = { n: OUT.n, s: OUT.s };
  // balance + delta × (e0 − price)
  if (!addTo(e0.n, e0.s, -px.n, px.s) || !mulTo(delta, q.s, OUT.n, OUT.s) || !addTo(b.n, b.s, OUT.n, OUT.s)) {
    return undefined;
  }
  return { size: s1, entry: { n: e0.n, s: e0.s }, balance: { n: OUT.n, s: OUT.s } };
}

/**
 * Kernel: the pre-trade check's figures for `order` on a raw account read on scaled integers, or undefined when the
 * account is not in the form read here (the caller then runs the `Money` check).
 */
export function scaledPreTrade(
  order: unknown,
  rawAccount: unknown,
  market: Map<string, AssetMarket>,
): CheckOutcome | undefined {
  const acc = readAccount(rawAccount, market);
  if (acc === undefined) return undefined;
  const asset = typeof order === 'object' && order !== null ? (order as { asset?: unknown }).asset : undefined;
  const at = acc.positions.findIndex((p) => p.asset === asset);
  // the order's own position and the balance as the Money check reads them (their text is Money's own); the order
  // is validated as the Money check does
  const existing = at < 0 ? undefined : moneyPosition(acc.positions[at]);
  const balance = new Money(acc.balance.text);
  const mini = { balance, positions: existing === undefined ? [] : [existing] };
  const o = parseOrder(order, mini, market, 'sized');
  const after = applyOrder(mini, market, o);
  const next = after.positions[0];
  const sized = { acc, market, filled: next, after: after.balance, order: o.asset };
  const figures =
    safeCheckSums(acc.positions, acc.balance.safe, market, {
      asset: o.asset,
      filled: next,
      afterBalance: after.balance,
      safe: next === undefined ? undefined : safeFill(order, acc, at, o),
    }) ?? checkSums(BIG_ARITH, sized);
  const accountPositions: HyperliquidPosition[] = [];
  let placed = next === undefined;
  for (const p of acc.positions) {
    if (!placed && p.asset > o.asset) {
      accountPositions.push(positionText(next));
      placed = true;
    }
    if (p.asset !== o.asset) accountPositions.push(textOf(p));
  }
  if (!placed) accountPositions.push(positionText(next));
  return {
    o,
    postPos: figures.filledMaxLeverage === undefined ? undefined : { maxLeverage: figures.filledMaxLeverage },
    s1: next === undefined ? ZERO : next.size,
    initialMarginBefore: figures.initialMarginBefore,
    initialMarginAfter: figures.initialMarginAfter,
    availableBefore: figures.availableBefore,
    availableAfter: figures.availableAfter,
    accountAfter: { balance: after.balance.toString(), positions: accountPositions },
  };
}
