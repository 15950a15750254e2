/**
 * The pre-trade check's sums on safe integers without allocation per position: the figures of each position
 * (checkFigures' operations) go to typed arrays and the sums are folded in the order of the `Money` check. Every
 * operation is exact on safe scaled integers (scaledNumber.ts); where one is not, the result is undefined and the
 * caller computes on bigints.
 */
import type { Money } from '../../core/money.js';
import type { AssetMarket, Position } from './parse.js';
import { addTo, cmpOf, divTo, mulTo, OUT, SAFE_ARITH, type SafeScaled, UNSAFE } from './scaledNumber.js';

/** A read position as this kernel needs it (safe: the amount as a safe scaled integer, if it is one). */
export interface SafeInputPosition {
  readonly asset: string;
  readonly leverage: number;
  readonly marginMode: 'cross' | 'isolated';
  readonly size: { readonly safe: SafeScaled | undefined };
  readonly entryPrice: { readonly safe: SafeScaled | undefined };
}

/** The check's four figures and the filled position's tier max leverage. */
export interface SafeSums {
  readonly filledMaxLeverage: number | undefined;
  readonly initialMarginBefore: Money;
  readonly initialMarginAfter: Money;
  readonly availableBefore: Money;
  readonly availableAfter: Money;
}

/** Mark and tier bounds as safe scaled integers (null: they are not). */
interface SafeAsset {
  readonly mn: number;
  readonly ms: number;
  readonly bn: readonly number[];
  readonly bs: readonly number[];
}
const safeAssets = new WeakMap<AssetMarket, SafeAsset | null>();

const safeOf = (m: Money): SafeScaled | undefined => {
  try {
    return SAFE_ARITH.fromMoney(m);
  } catch (e) {
    if (e !== UNSAFE) throw e;
    return undefined;
  }
};

function safeAsset(a: AssetMarket): SafeAsset | null {
  let s = safeAssets.get(a);
  if (s === undefined) {
    const mark = safeOf(a.markPrice);
    const bounds = a.tiers.map((t) => safeOf(t.lowerBound));
    s =
      mark === undefined || bounds.some((b) => b === undefined)
        ? null
        : {
            mn: mark.n,
            ms: mark.s,
            bn: bounds.map((b) => (b as SafeScaled).n),
            bs: bounds.map((b) => (b as SafeScaled).s),
          };
    safeAssets.set(a, s);
  }
  return s;
}

/** Per-position figures: unrealised pnl and initial margin (n, s), cross flag. */
interface Figures {
  readonly upN: Float64Array;
  readonly upS: Float64Array;
  readonly imN: Float64Array;
  readonly imS: Float64Array;
  readonly cross: Uint8Array;
}

/** Figures of one position into slot i; its tier max leverage, or −1 where a value is not safe. */
function figure(
  f: Figures,
  i: number,
  size: SafeScaled,
  entry: SafeScaled,
  p: { readonly leverage: number; readonly marginMode: 'cross' | 'isolated' },
  a: AssetMarket,
): number {
  const A = safeAsset(a);
  if (A === null) return -1;
  if (!mulTo(size.n < 0 ? -size.n : size.n, size.s, A.mn, A.ms)) return -1;
  const nn = OUT.n;
  const ns = OUT.s;
  let tier = 0;
  while (tier + 1 < A.bn.length) {
    const c = cmpOf(nn, ns, A.bn[tier + 1], A.bs[tier + 1]);
    if (Number.isNaN(c)) return -1;
    if (c <= 0) break;
    tier++;
  }
  const maxLeverage = a.tiers[tier].maxLeverage;
  if (!addTo(A.mn, A.ms, -entry.n, entry.s) || !mulTo(size.n, size.s, OUT.n, OUT.s)) return -1;
  f.upN[i] = OUT.n;
  f.upS[i] = OUT.s;
  if (!divTo(nn, ns, Math.min(p.leverage, maxLeverage))) return -1;
  f.imN[i] = OUT.n;
  f.imS[i] = OUT.s;
  f.cross[i] = p.marginMode === 'cross' ? 1 : 0;
  return maxLeverage;
}

/**
 * Per-position figures of a call, reused from call to call (a check is synchronous and allocates none of them; they
 * grow to the largest account seen).
 */
let scratch: Figures = figuresOf(32);
function figuresOf(n: number): Figures {
  return {
    upN: new Float64Array(n),
    upS: new Float64Array(n),
    imN: new Float64Array(n),
    imS: new Float64Array(n),
    cross: new Uint8Array(n),
  };
}
/** The folds before and after the fill (pnl n, s; cross im n, s; total im n, s), reused likewise. */
const FOLD_BEFORE = new Float64Array(6);
const FOLD_AFTER = new Float64Array(6);

/**
 * Cross pnl, cross initial margin, all initial margins over the slots in `order`, each folded from zero, into `out`
 * (false where a value is not a safe scaled integer).
 */
function fold(f: Figures, order: readonly number[], out: Float64Array): boolean {
  let pN = 0;
  let pS = 0;
  let iN = 0;
  let iS = 0;
  let tN = 0;
  let tS = 0;
  for (const k of order) {
    if (f.cross[k] === 1) {
      if (!addTo(pN, pS, f.upN[k], f.upS[k])) return false;
      pN = OUT.n;
      pS = OUT.s;
      if (!addTo(iN, iS, f.imN[k], f.imS[k])) return false;
      iN = OUT.n;
      iS = OUT.s;
    }
    if (!addTo(tN, tS, f.imN[k], f.imS[k])) return false;
    tN = OUT.n;
    tS = OUT.s;
  }
  out[0] = pN;
  out[1] = pS;
  out[2] = iN;
  out[3] = iS;
  out[4] = tN;
  out[5] = tS;
  return true;
}

/** balance + pnl − im, or undefined. */
function available(bn: number, bs: number, s: Float64Array): Money | undefined {
  if (!addTo(bn, bs, s[0], s[1]) || !addTo(OUT.n, OUT.s, -s[2], s[3])) return undefined;
  return SAFE_ARITH.toMoney({ n: OUT.n, s: OUT.s });
}

/**
 * Kernel: the check's sums of `positions` (sorted by asset) with balance `balance`, and of the account after the
 * fill (the order's position replaced by `filled`, if it remains, in its sorted place; balance `afterBalance`), or
 * undefined when a value is not a safe scaled integer.
 */
export function safeCheckSums(
  positions: readonly SafeInputPosition[],
  balance: SafeScaled | undefined,
  market: Map<string, AssetMarket>,
  fill: {
    readonly asset: string;
    readonly filled: Position | undefined;
    readonly afterBalance: Money;
    /** The filled size, entry price and balance after as safe scaled integers, when the caller has them. */
    readonly safe?: { readonly size: SafeScaled; readonly entry: SafeScaled; readonly balance: SafeScaled };
  },
): SafeSums | undefined {
  const n = positions.length;
  if (scratch.cross.length < n + 1) scratch = figuresOf(2 * (n + 1));
  const f = scratch;
  const before: number[] = [];
  const after: number[] = [];
  const filled = fill.filled;
  let placed = filled === undefined;
  for (let i = 0; i < n; i++) {
    const p = positions[i];
    const size = p.size.safe;
    const entry = p.entryPrice.safe;
    if (size === undefined || entry === undefined) return undefined;
    if (figure(f, i, size, entry, p, market.get(p.asset) as AssetMarket) < 0) return undefined;
    before.push(i);
    if (!placed && p.asset > fill.asset) {
      after.push(n);
      placed = true;
    }
    if (p.asset !== fill.asset) after.push(i);
  }
  if (!placed) after.push(n);
  let filledMaxLeverage: number | undefined;
  if (filled !== undefined) {
    const size = fill.safe?.size ?? safeOf(filled.size);
    const entry = fill.safe?.entry ?? safeOf(filled.entryPrice);
    if (size === undefined || entry === undefined) return undefined;
    filledMaxLeverage = figure(f, n, size, entry, filled, market.get(filled.asset) as AssetMarket);
    if (filledMaxLeverage < 0) return undefined;
  }
  const b = FOLD_BEFORE;
  const a = FOLD_AFTER;
  if (!fold(f, before, b) || !fold(f, after, a)) return undefined;
  const nextBalance = fill.safe?.balance ?? safeOf(fill.afterBalance);
  if (balance === undefined || nextBalance === undefined) return undefined;
  const availableBefore = available(balance.n, balance.s, b);
  const availableAfter = available(nextBalance.n, nextBalance.s, a);
  if (availableBefore === undefined || availableAfter === undefined) return undefined;
  return {
    filledMaxLeverage,
    initialMarginBefore: SAFE_ARITH.toMoney({ n: b[4], s: b[5] }),
    initialMarginAfter: SAFE_ARITH.toMoney({ n: a[4], s: a[5] }),
    availableBefore,
    availableAfter,
  };
}
