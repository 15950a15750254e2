/**
 * Internal: what the round loop of {@link simulateLendingCascade} asks of a protocol's rules (one implementation
 * per protocol in this folder), and the helpers they share.
 */
import { RiskInputError } from '../../core/errors.js';
import type { SeizedAmount } from '../../lending/index.js';
import type { LendingCascadeEvent, LendingCascadePosition, LendingCascadeProtocol } from './types.js';

/** An asset whose price moves: its name and its starting price in the protocol's integer price units. */
export interface PricedAsset {
  name: string;
  p0: bigint;
  /** value(amount) = amount × price / scale: the protocol's valuation of the asset (value unit per price unit). */
  scale: bigint;
  /** The protocol's numeraire (Morpho's loan asset): its price never moves. */
  fixed?: boolean;
}

/** A liquidation computed on the current state, not yet applied. */
export interface PendingLiquidation {
  event: Omit<LendingCascadeEvent, 'round' | 'profit'>;
  /** The call is made by a liquidator who must profit (false: a protocol absorb, made whatever it pays). */
  byLiquidator: boolean;
  /** Collateral taken from the position or reserves by this call, to whoever (fees included), per asset. */
  taken: SeizedAmount[];
  /** The written-off debt's value and the part the protocol's reserves bear, value units at the oracle. */
  badDebtValue: bigint;
  reservesUsed: bigint;
  /** Apply the call to the state. */
  commit(): void;
}

/** One protocol's positions and market as the cascade holds them (mutable copies; the inputs are never touched). */
export interface ProtocolState {
  protocol: LendingCascadeProtocol;
  assets: PricedAsset[];
  /** Sets the oracle prices (integer price units by asset name) the protocol reads from now on. */
  setPrices(oracle: ReadonlyMap<string, bigint>): void;
  /** Ids of the positions the protocol would let be liquidated (or absorbed) now, in id order. */
  liquidatable(): string[];
  /** The call a liquidator (or the protocol) would make on position `id` now; null when none is allowed. */
  liquidation(id: string): PendingLiquidation | null;
  /** Assets the protocol sells from its reserves after the calls (Compound buyCollateral); empty elsewhere. */
  purchaseAssets: readonly string[];
  /** The purchase of `asset` a liquidator would make now (all the protocol holds of it); null when none. */
  purchase(asset: string): PendingLiquidation | null;
  /** The protocol's reserves in value units at the current oracle prices. */
  reserves(): bigint;
  /** Positions in the input's shape and order. */
  positions(): LendingCascadePosition[];
}

/** amount × price / scale, rounded down (the protocols' valuations); 0 for a zero amount. */
export const valueAt = (amount: bigint, price: bigint, scale: bigint): bigint => (amount * price) / scale;

/**
 * Runs `fn`, re-addressing a RiskInputError raised by a lending-module validator under `from` (e.g. `account`)
 * to `to` (e.g. `positions[2]`), so the error names the cascade's own field.
 */
export function under<T>(from: string, to: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (
      !(e instanceof RiskInputError) ||
      !(e.path === from || e.path.startsWith(`${from}.`) || e.path.startsWith(`${from}[`))
    )
      throw e;
    const path = to + e.path.slice(from.length);
    const r = new RiskInputError(path, e.expected, e.value);
    r.message = e.message.startsWith(from) ? to + e.message.slice(from.length) : e.message;
    throw r;
  }
}

/** Position ids: non-empty strings, unique. */
export function checkIds(positions: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  return positions.map((p, i) => {
    const id = p.id;
    if (typeof id !== 'string' || id === '') throw new RiskInputError(`positions[${i}].id`, 'a non-empty string', id);
    if (seen.has(id)) throw new RiskInputError(`positions[${i}].id`, 'an id not used by another position', id);
    seen.add(id);
    return id;
  });
}
