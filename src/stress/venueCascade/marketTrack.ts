/**
 * Internal: one market of a venue cascade — its validated path, depth, bounds and oracle (the generic cascade's
 * market of src/stress/cascadeInputs.ts) and its running market price, oracle and price impact (the helpers of
 * src/stress/cascadeMarket.ts). Shared by the dYdX, Drift and Hyperliquid cascades.
 */
import type { Money, MoneyInput } from '../../core/money.js';
import { checkStrictObject, knownKeys, optionalNumber } from '../../core/validate.js';
import type { EngineAsset } from '../cascadeEngineTypes.js';
import { MAX_ROUNDS, validateAssetMarket } from '../cascadeInputs.js';
import { boundedPrice, executionPrice, impactedPrice, movedPrice, oraclePrice } from '../cascadeMarket.js';
import type { CascadeOracle } from '../cascadeTypes.js';

/** The price path, book and oracle of one market in a venue cascade (fields as in the generic cascade). */
export interface VenueCascadePath {
  /** Exogenous relative move of the market price per round (round r uses path[r]; each > −1). Default `[shock]`. */
  readonly path?: readonly number[];
  /** A single exogenous move in round 0 (used when `path` is absent); default 0. */
  readonly shock?: number;
  /** Quote notional (USD) that moves the price 100% (linear impact); absent or null: no impact. */
  readonly depth?: MoneyInput | null;
  /** Lowest price impact or moves can reach, as a fraction of the initial price; default 1e-6. */
  readonly minPriceFraction?: number;
  /** Highest price impact or moves can reach, as a multiple of the initial price; default 1e6. */
  readonly maxPriceMultiple?: number;
  /** Oracle lag, staleness and jumps (as the generic cascade's). */
  readonly oracle?: CascadeOracle;
}

/** The fields of {@link VenueCascadePath}, to be merged with a venue's own market fields. */
export const PATH_FIELDS = ['path', 'shock', 'depth', 'minPriceFraction', 'maxPriceMultiple', 'oracle'] as const;

/** The generic cascade's market of `o` (at `at`), starting at price `p0` (USD per unit). */
export function venueAsset(o: Record<string, unknown>, at: string, name: string, p0: Money): EngineAsset {
  const fields: Record<string, unknown> = { price: p0 };
  for (const f of PATH_FIELDS) if (o[f] !== undefined) fields[f] = o[f];
  return validateAssetMarket(fields, at, name, null, 1e-6, 1e6);
}

/** Rounds of a venue cascade: `options.rounds`, default max(longest path, 20) (the generic cascade's default). */
export function venueRounds(options: unknown, assets: readonly EngineAsset[]): number {
  const o = options === undefined ? {} : checkStrictObject(options, 'options', knownKeys('rounds'));
  const longest = Math.max(1, ...assets.map((a) => a.path.length));
  return optionalNumber(o.rounds, 'options.rounds', Math.max(longest, 20), { ge: 1, le: MAX_ROUNDS, integer: true });
}

/** The running state of one market: market price, round-start prices (for the oracle lag) and last oracle. */
export class MarketTrack {
  readonly asset: EngineAsset;
  price: Money;
  oracle: Money;
  capped = false;
  private readonly starts: Money[];

  constructor(asset: EngineAsset) {
    this.asset = asset;
    this.price = asset.p0;
    this.oracle = asset.p0;
    this.starts = [asset.p0];
  }

  /** Round r begins: the exogenous move, then the oracle liquidators act on. Returns the market price. */
  startRound(r: number): Money {
    const mv = r < this.asset.path.length ? this.asset.path[r] : 0;
    if (mv !== 0) this.price = this.bound(movedPrice(this.price, mv));
    this.starts.push(this.price);
    this.oracle = oraclePrice(this.asset, this.starts, r, this.oracle);
    return this.price;
  }

  /** Price after and average execution price of a forced sale of `units` (negative: a buy); nothing changes yet. */
  quote(units: Money): { after: Money; exec: Money; capped: boolean } {
    const depth = this.asset.depth;
    if (!depth || units.isZero()) return { after: this.price, exec: this.price, capped: false };
    const b = boundedPrice(this.asset, impactedPrice(this.price, units, depth));
    return { after: b.price, exec: executionPrice(this.price, b.price), capped: b.capped };
  }

  /** The trade quoted by {@link quote} is made: the book moves to its price after. */
  commit(q: { after: Money; capped: boolean }): void {
    this.price = q.after;
    if (q.capped) this.capped = true;
  }

  private bound(p: Money): Money {
    const b = boundedPrice(this.asset, p);
    if (b.capped) this.capped = true;
    return b.price;
  }
}
