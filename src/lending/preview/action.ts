/**
 * What-if actions of the previews (one shape for every protocol) and their validation. Amounts are the protocol's
 * units: bigint base units for Compound III, Morpho Blue and Euler v2, token amounts (MoneyInput) for Aave.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';

/**
 * One what-if action. `supply`/`withdraw` move collateral (or, for Compound, the base asset when `asset` is
 * `'base'`); `borrow`/`repay` move debt (`asset` names the debt reserve on Aave; the single loan asset elsewhere,
 * where `asset` is omitted); `swapCollateral` withdraws `amount` of `asset` and supplies `amountTo` of `to`;
 * `liquidate` liquidates the account until its health factor reaches `targetHealth` (wad for the integer protocols,
 * a decimal for Aave), seizing `collateral` (Aave, Euler) for debt `debtAsset` (Aave).
 */
export type PreviewAction<N> =
  | { type: 'supply' | 'withdraw'; asset: string; amount: N }
  | { type: 'borrow' | 'repay'; amount: N; asset?: string }
  | { type: 'swapCollateral'; asset: string; amount: N; to: string; amountTo: N }
  | { type: 'liquidate'; targetHealth: N; collateral?: string; debtAsset?: string };

/** Result of a preview: the account after the action and its risk, without touching the inputs. */
export interface PreviewResult<A, N, L> {
  /** The protocol would accept the action (a withdrawal or borrow must leave the account collateralised). */
  allowed: boolean;
  /** Why not (the contract's error), null when allowed. */
  reason: string | null;
  /** The account (and, where the protocol keeps market totals, the market) after the action: new objects. */
  after: A;
  /** Health factor after (wad bigint, or a decimal for Aave), null without debt. */
  healthFactor: N | null;
  /** Further debt the account may take on after the action (the debt asset's units; Aave: base currency). */
  borrowingPower: N;
  /**
   * The watched collateral's price below which the account is liquidatable after the action, everything else held:
   * the smallest price (the protocol's price units, exact under its rounding) at which it is not; null without debt,
   * without that collateral, or when no price changes the outcome.
   */
  liquidationPrice: N | null;
  /** For `liquidate`: the liquidation that reaches the target (or the largest one when the target is out of reach). */
  liquidation: L | null;
  /** For `liquidate`: the health factor after is at or above the target. */
  targetReached: boolean | null;
}

const BASE_KEYS = knownKeys('type', 'asset', 'amount', 'to', 'amountTo', 'targetHealth', 'collateral', 'debtAsset');
const BY_TYPE: Record<string, readonly string[]> = {
  supply: ['type', 'asset', 'amount'],
  withdraw: ['type', 'asset', 'amount'],
  borrow: ['type', 'amount', 'asset'],
  repay: ['type', 'amount', 'asset'],
  swapCollateral: ['type', 'asset', 'amount', 'to', 'amountTo'],
  liquidate: ['type', 'targetHealth', 'collateral', 'debtAsset'],
};

/** Validates the action's shape (key set per type); values are read by each protocol's preview. */
export function readAction(value: unknown, path = 'action'): Record<string, unknown> & { type: string } {
  const a = checkStrictObject(value, path, BASE_KEYS);
  const type = a.type;
  if (typeof type !== 'string' || !Object.hasOwn(BY_TYPE, type))
    throw new RiskInputError(joinPath(path, 'type'), `one of ${Object.keys(BY_TYPE).join(', ')}`, type);
  const keys = knownKeys(...BY_TYPE[type]);
  checkStrictObject(a, path, keys);
  return a as Record<string, unknown> & { type: string };
}

/** A string field of the action naming one of `names`. */
export function actionName(a: Record<string, unknown>, key: string, names: readonly string[], path = 'action'): string {
  const v = a[key];
  if (typeof v !== 'string' || !names.includes(v))
    throw new RiskInputError(joinPath(path, key), `one of ${names.map((x) => `'${x}'`).join(', ')}`, v);
  return v;
}

/**
 * The smallest integer x in [lo, hi] with ok(x), given ok(hi) and not ok(lo − 1) as the caller's bounds; the
 * search keeps "ok(hi)" and "not ok(lo)" invariants, so the answer x has ok(x) and not ok(x − 1) whatever the
 * rounding of `ok`. Returns null when ok(hi) is false.
 */
export function smallestPassing(lo: bigint, hi: bigint, ok: (x: bigint) => boolean): bigint | null {
  if (hi < lo || !ok(hi)) return null;
  if (ok(lo)) return lo;
  let a = lo;
  let b = hi;
  while (b - a > 1n) {
    const mid = (a + b) / 2n;
    if (ok(mid)) b = mid;
    else a = mid;
  }
  return b;
}
