/**
 * Open-interest change of a match (`GetDeltaOpenInterestFromUpdates` of `protocol/x/subaccounts/lib/oimf.go`): the
 * chain raises (or lowers) the perpetual's open interest by it before margining both sides, so the OI-scaled IMF of
 * a trade is that of the market after the trade.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import { checkInt } from './validate.js';

/** The two sides of a match as {@link dydxMatchOpenInterestDelta} reads them. */
export interface DydxMatchContext {
  /** First side's position before the match, base quantums (signed). */
  readonly firstPositionQuantums: bigint | number | string;
  /** Second side's position before the match, base quantums (signed). */
  readonly secondPositionQuantums: bigint | number | string;
}
const KEYS = knownKeys('firstPositionQuantums', 'secondPositionQuantums');

/** Kernel: Σ over both sides of the change of max(position, 0). */
export function matchOiDelta(first: bigint, second: bigint, delta: bigint): bigint {
  const long = (q: bigint) => (q > 0n ? q : 0n);
  return long(first + delta) - long(first) + long(second - delta) - long(second);
}

/**
 * Change of open interest caused by a match, base quantums: the sum over both sides of the change in their long
 * exposure, max(size, 0). The first side's size changes by `deltaQuantums`, the second's by its negation.
 *
 * @param deltaQuantums the first side's size change, base quantums (≠ 0)
 * @param context both sides' positions before the match
 * @example
 * ```ts
 * import { dydxMatchOpenInterestDelta } from 'riskcore/perps';
 * // a holder of 500 sells 150 to a new buyer: open interest unchanged
 * console.log(dydxMatchOpenInterestDelta(-150n, { firstPositionQuantums: 500n, secondPositionQuantums: 0n })); // 0n
 * // two flat accounts open 500 against each other
 * console.log(dydxMatchOpenInterestDelta(500n, { firstPositionQuantums: 0n, secondPositionQuantums: 0n })); // 500n
 * ```
 */
export function dydxMatchOpenInterestDelta(deltaQuantums: bigint | number | string, context: DydxMatchContext): bigint {
  const d = checkInt(deltaQuantums, 'deltaQuantums');
  if (d === 0n) throw new RiskInputError('deltaQuantums', 'a non-zero size change', deltaQuantums);
  const c = checkStrictObject(context, 'context', KEYS);
  return matchOiDelta(
    checkInt(c.firstPositionQuantums, 'context.firstPositionQuantums'),
    checkInt(c.secondPositionQuantums, 'context.secondPositionQuantums'),
    d,
  );
}
