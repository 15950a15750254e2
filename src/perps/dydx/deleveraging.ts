/**
 * Deleveraging of dYdX v4 (`OffsetSubaccountPerpetualPosition`, `ProcessDeleveraging` of
 * `protocol/x/clob/keeper/deleveraging.go`): a position the order book could not absorb is closed against
 * subaccounts holding the opposite side, at the liquidated subaccount's bankruptcy price.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkArray, checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';
import { readAccount } from './accountRisk.js';
import { bigAbs } from './bigMath.js';
import { bankruptcyQuote, closingPosition } from './liquidationCore.js';
import { checkUpdate } from './preTradeCore.js';
import { settle } from './risk.js';
import { type DydxPerpetual, type DydxSubaccount, checkInt, checkSubaccount, checkUint32 } from './validate.js';

/** Context of {@link dydxDeleverage}. */
export interface DydxDeleverageContext {
  /** The perpetuals the subaccounts' positions refer to. */
  readonly perpetuals: readonly DydxPerpetual[];
  /** The perpetual deleveraged. */
  readonly perpetualId: number;
  /** Signed size to close on the liquidated subaccount (opposite in sign to its position). */
  readonly deltaQuantums: bigint | number | string;
  /** Subaccounts with open positions in the perpetual, in the chain's order (its liquidation daemon's list). */
  readonly offsetting: readonly DydxSubaccount[];
  /** Index the walk starts at (the chain draws it from the block's pseudo-random source); default 0. */
  readonly startIndex?: number;
  /** Most subaccounts visited (`MaxDeleveragingSubaccountsToIterate`, default flag 128). */
  readonly maxSubaccountsToIterate?: number;
}
const KEYS = knownKeys(
  'perpetuals',
  'perpetualId',
  'deltaQuantums',
  'offsetting',
  'startIndex',
  'maxSubaccountsToIterate',
);

/** One deleveraging fill. */
export interface DydxDeleveragingFill {
  /** Index of the offsetting subaccount in `context.offsetting`. */
  readonly offsettingIndex: number;
  /** Size change of the liquidated subaccount, base quantums (signed; the offsetting one changes by its negation). */
  readonly deltaQuantums: bigint;
  /** Quote quantums the liquidated subaccount receives (the offsetting one pays it): the bankruptcy quote. */
  readonly deltaQuoteQuantums: bigint;
}
/** Result of {@link dydxDeleverage}. */
export interface DydxDeleverageResult {
  /** Fills in the order made. */
  readonly fills: readonly DydxDeleveragingFill[];
  /** Size left to close, base quantums (0 when fully deleveraged). */
  readonly deltaQuantumsRemaining: bigint;
  /** Offsetting subaccounts skipped because the fill would fail their or the liquidated collateral check. */
  readonly skippedNonOverlapping: readonly number[];
}

/**
 * Closes `deltaQuantums` of a liquidated position against offsetting subaccounts: starting at `startIndex` and
 * wrapping, each subaccount whose position is on the opposite side takes min(remaining, its size) at the liquidated
 * subaccount's bankruptcy price for that size (recomputed after each fill); a fill that fails either
 * subaccount's collateralization check (bankruptcy prices not overlapping) is skipped. The checks are made at the
 * perpetuals' given open interest (the match's open-interest change is not applied).
 *
 * @param subaccount the liquidated subaccount
 * @param context perpetuals, perpetual id, delta, the offsetting subaccounts and the walk's start
 * @example
 * ```ts
 * import { dydxDeleverage } from 'riskcore/perps';
 * const btc = { id: 0, atomicResolution: -8, price: 5_000_000_000n, priceExponent: -5,
 *   liquidityTier: { initialMarginPpm: 200_000, maintenanceFractionPpm: 500_000 } };
 * const bad = { usdcQuantums: -5_100_000_000n, positions: [{ perpetualId: 0, quantums: 10_000_000n }] };
 * const s1 = { usdcQuantums: 10_000_000_000n, positions: [{ perpetualId: 0, quantums: -4_000_000n }] };
 * const s2 = { usdcQuantums: 10_000_000_000n, positions: [{ perpetualId: 0, quantums: -8_000_000n }] };
 * const r = dydxDeleverage(bad, { perpetuals: [btc], perpetualId: 0, deltaQuantums: -10_000_000n, offsetting: [s1, s2] });
 * console.log(r.fills.map((f) => `${f.offsettingIndex}:${f.deltaQuantums}@${f.deltaQuoteQuantums}`).join(' '));
 * // 0:-4000000@2040000000 1:-6000000@3060000000
 * ```
 */
export function dydxDeleverage(subaccount: DydxSubaccount, context: DydxDeleverageContext): DydxDeleverageResult {
  const c = checkStrictObject(context, 'context', KEYS);
  const { sub, perps } = readAccount(subaccount, { perpetuals: c.perpetuals }, 'context');
  const id = checkUint32(c.perpetualId, 'context.perpetualId');
  const total = checkInt(c.deltaQuantums, 'context.deltaQuantums');
  const offs = checkArray(c.offsetting, 'context.offsetting').map(
    (o, i) => settle(checkSubaccount(o, joinPath('context.offsetting', i), perps, 'context.perpetuals')).sub,
  );
  const start = c.startIndex === undefined ? 0 : checkUint32(c.startIndex, 'context.startIndex');
  if (offs.length > 0 && start >= offs.length) {
    throw new RiskInputError('context.startIndex', `an index into context.offsetting (< ${offs.length})`, start);
  }
  const maxIt =
    c.maxSubaccountsToIterate === undefined
      ? 128
      : checkUint32(c.maxSubaccountsToIterate, 'context.maxSubaccountsToIterate');
  let liq = settle(sub).sub;
  closingPosition(liq, id, total, 'context.deltaQuantums');
  const perp = perps.get(id);
  if (perp === undefined) throw new RiskInputError('context.perpetualId', 'a listed perpetual', id);
  let remaining = total;
  const fills: DydxDeleveragingFill[] = [];
  const skipped: number[] = [];
  const n = Math.min(offs.length, maxIt);
  for (let i = 0; i < n && remaining !== 0n; i++) {
    const k = (i + start) % offs.length;
    const off = offs[k];
    const oq = off.positions.find((p) => p.perp.id === id)?.quantums ?? 0n;
    if (oq === 0n || oq > 0n !== remaining > 0n) continue;
    const delta = bigAbs(remaining) > bigAbs(oq) ? oq : remaining;
    const pos = closingPosition(liq, id, delta, 'context.deltaQuantums');
    const quote = bankruptcyQuote(liq, pos, delta);
    const a = checkUpdate(liq, perp, delta, quote);
    const b = checkUpdate(off, perp, -delta, -quote);
    if (a.result !== 'success' || b.result !== 'success') {
      skipped.push(k);
      continue;
    }
    liq = a.next;
    offs[k] = b.next;
    remaining -= delta;
    fills.push({ offsettingIndex: k, deltaQuantums: delta, deltaQuoteQuantums: quote });
  }
  return { fills, deltaQuantumsRemaining: remaining, skippedNonOverlapping: skipped };
}
