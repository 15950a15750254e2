/**
 * Reading a Drift v2 account against its markets: the account input types, and the validation of an account with
 * raw markets (each market validated once, when a position uses it) or with markets validated once beforehand.
 */
import { RiskInputError } from '../../core/errors.js';
import {
  checkArray,
  checkObject,
  checkStrictObject,
  checkString,
  joinPath,
  knownKeys,
  ownValue,
} from '../../core/validate.js';
import { readIntAt, readOptIntAt, type DriftInt } from './int.js';
import {
  readPerpMarket,
  readSpotMarket,
  type DriftPerpMarketInput,
  type DriftSpotMarketInput,
  type PerpMarket,
  type SpotMarket,
} from './market.js';
import type { SpotPosition, Valued } from './marginKernel.js';
import {
  readPerpPosition,
  readQuote,
  type DriftPerpPositionInput,
  type PerpPosition,
  type QuotePrice,
} from './position.js';

/** Bounds of the amounts read (built once). */
const E18 = 10n ** 18n;
const NEG_E18 = -E18;
/** A spot balance as given: signed token amount (negative: a borrow). */
export interface DriftSpotPositionInput {
  /** Name of the spot market (a key of the context's `spotMarkets`). */
  market: string;
  /** Signed token amount in the token's decimals. */
  tokenAmount: DriftInt;
  /** Number of open spot orders (default 0). */
  openOrders?: DriftInt;
  /** Tokens of open bids, ≥ 0, and of open asks, ≤ 0 (default 0). */
  openBids?: DriftInt;
  openAsks?: DriftInt;
}

/** An account: spot balances and perp positions. */
export interface DriftAccountInput {
  spotPositions?: readonly DriftSpotPositionInput[];
  perpPositions?: readonly DriftPerpPositionInput[];
}

/** The markets an account is valued in, keyed by name, and the quote (USDC) price. */
export interface DriftMarginContextInput {
  perpMarkets?: Readonly<Record<string, DriftPerpMarketInput>>;
  spotMarkets?: Readonly<Record<string, DriftSpotMarketInput>>;
  /** Quote oracle price, 10⁶ (default 10⁶). */
  quotePrice?: DriftInt;
  /** Quote oracle TWAP, 10⁶ (default: the quote price). */
  quoteTwap?: DriftInt;
}

const ACCOUNT_KEYS = knownKeys('spotPositions', 'perpPositions');
const CONTEXT_KEYS = knownKeys('perpMarkets', 'spotMarkets', 'quotePrice', 'quoteTwap');
const SPOT_KEYS = knownKeys('market', 'tokenAmount', 'openOrders', 'openBids', 'openAsks');
/** The markets an account is read against: looked up by name, validated when found (a lookup's error path). */
interface MarketLookup {
  spot(name: string, path: string): SpotMarket | undefined;
  perp(name: string, path: string): PerpMarket | undefined;
}

/** Validate an account against `markets`, keeping in `spotMarkets`/`perpMarkets` the markets its positions use. */
function readAccountWith(
  account: unknown,
  markets: MarketLookup,
  used: { spotMarkets: Map<string, SpotMarket>; perpMarkets: Map<string, PerpMarket> } | undefined,
): { spot: SpotPosition[]; perps: PerpPosition[] } {
  const a = checkStrictObject(account, 'account', ACCOUNT_KEYS);
  const spotIn = a.spotPositions === undefined ? [] : checkArray(a.spotPositions, 'account.spotPositions');
  const spot: SpotPosition[] = [];
  for (let i = 0; i < spotIn.length; i++) {
    const path = joinPath('account.spotPositions', i);
    const o = checkStrictObject(spotIn[i], path, SPOT_KEYS);
    const market = checkString(o.market, joinPath(path, 'market'));
    const m = markets.spot(market, joinPath('context.spotMarkets', market));
    if (m === undefined) throw new RiskInputError(joinPath(path, 'market'), 'a key of context.spotMarkets', market);
    used?.spotMarkets.set(market, m);
    spot.push({
      market,
      amount: readIntAt(o.tokenAmount, path, 'tokenAmount', 'i64', NEG_E18, E18),
      openOrders: readOptIntAt(o.openOrders, path, 'openOrders', 'u8', 0n, 32n),
      openBids: readOptIntAt(o.openBids, path, 'openBids', 'i64', 0n, E18),
      openAsks: readIntAt(o.openAsks ?? 0n, path, 'openAsks', 'i64', NEG_E18, 0n),
    });
  }
  const perpIn = a.perpPositions === undefined ? [] : checkArray(a.perpPositions, 'account.perpPositions');
  const perps: PerpPosition[] = [];
  for (let i = 0; i < perpIn.length; i++) {
    const path = joinPath('account.perpPositions', i);
    const p = readPerpPosition(perpIn[i], path, true);
    const m = markets.perp(p.market, joinPath('context.perpMarkets', p.market));
    if (m === undefined) throw new RiskInputError(joinPath(path, 'market'), 'a key of context.perpMarkets', p.market);
    used?.perpMarkets.set(p.market, m);
    perps.push(p);
  }
  return { spot, perps };
}

/** Validate an account and its context (markets are validated once, when a position uses them). */
export function readValued(account: unknown, context: unknown): Valued {
  checkStrictObject(account, 'account', ACCOUNT_KEYS);
  const c = checkStrictObject(context, 'context', CONTEXT_KEYS);
  const perpRecord = (c.perpMarkets === undefined ? {} : checkObject(c.perpMarkets, 'context.perpMarkets')) as Record<
    string,
    unknown
  >;
  const spotRecord = (c.spotMarkets === undefined ? {} : checkObject(c.spotMarkets, 'context.spotMarkets')) as Record<
    string,
    unknown
  >;
  const used = { perpMarkets: new Map<string, PerpMarket>(), spotMarkets: new Map<string, SpotMarket>() };
  const { spot, perps } = readAccountWith(
    account,
    {
      spot(name, path) {
        const kept = used.spotMarkets.get(name);
        if (kept !== undefined) return kept;
        const raw = ownValue(spotRecord, name);
        return raw === undefined ? undefined : readSpotMarket(raw, path);
      },
      perp(name, path) {
        const kept = used.perpMarkets.get(name);
        if (kept !== undefined) return kept;
        const raw = ownValue(perpRecord, name);
        return raw === undefined ? undefined : readPerpMarket(raw, path);
      },
    },
    used,
  );
  return { spot, perps, spotMarkets: used.spotMarkets, perpMarkets: used.perpMarkets, quote: readQuote(c, 'context') };
}

/** Markets and quote price validated once (a prepared market). */
export interface ValuedMarkets {
  readonly spotMarkets: Map<string, SpotMarket>;
  readonly perpMarkets: Map<string, PerpMarket>;
  readonly quote: QuotePrice;
}

/** Validate an account against validated markets (every market of `markets` kept in the result's maps). */
export function readValuedIn(account: unknown, markets: ValuedMarkets): Valued {
  const lookup: MarketLookup = {
    spot: (name) => (markets.spotMarkets.has(name) ? markets.spotMarkets.get(name) : undefined),
    perp: (name) => (markets.perpMarkets.has(name) ? markets.perpMarkets.get(name) : undefined),
  };
  const { spot, perps } = readAccountWith(account, lookup, undefined);
  return { spot, perps, spotMarkets: markets.spotMarkets, perpMarkets: markets.perpMarkets, quote: markets.quote };
}
