/**
 * Prepared Drift v2 markets and accounts: the perp and spot markets and quote price (and an account against them)
 * validated once, for the margin and pre-trade functions called many times on the same state. A prepared account
 * also keeps each margin calculation's lines once computed, so a pre-trade check recomputes only the position the
 * order changes. A prepared value is recognised by its brand only (`src/core/brand.ts`); an object of the same shape
 * built by hand is validated as ordinary input.
 */
import { isPrepared, markPrepared } from '../../core/brand.js';
import { RiskInputError } from '../../core/errors.js';
import { checkObject, checkStrictObject, joinPath, knownKeys, ownValue } from '../../core/validate.js';
import {
  readValuedIn,
  type DriftAccountInput,
  type DriftMarginContextInput,
  type ValuedMarkets,
} from './readAccount.js';
import type { DriftMarginType, PerpMarket, SpotMarket } from './market.js';
import { readPerpMarket, readSpotMarket } from './market.js';
import { marginLines, type MarginLines, type Valued } from './marginKernel.js';
import { readQuote } from './position.js';

const MARKET_BRAND = 'perps.drift.market';
const ACCOUNT_BRAND = 'perps.drift.account';
const CONTEXT_KEYS = knownKeys('perpMarkets', 'spotMarkets', 'quotePrice', 'quoteTwap');

/** Classes of the prepared values (not plain objects: copies and hand-built look-alikes are told apart). */
class PreparedDriftMarket {}
class PreparedDriftAccount {}

/** Markets validated once by {@link prepareDriftMarket}; opaque, accepted wherever the markets are. */
export interface DriftPreparedMarket {
  /** The prepared kind. */
  readonly kind: 'drift.market';
  /** Names of the perp markets, in input order. */
  readonly perpMarketNames: readonly string[];
  /** Names of the spot markets, in input order. */
  readonly spotMarketNames: readonly string[];
}

/** An account validated once by {@link prepareDriftAccount} against a prepared market; opaque. */
export interface DriftPreparedAccount {
  /** The prepared kind. */
  readonly kind: 'drift.account';
  /** The prepared market it was validated against. */
  readonly market: DriftPreparedMarket;
}

/** A prepared account's validated form and its margin calculations, kept by type, mode and buffer. */
interface KeptAccount {
  readonly valued: Valued;
  readonly markets: ValuedMarkets;
  readonly lines: Map<string, MarginLines>;
}

const marketStore = new WeakMap<object, ValuedMarkets>();
const accountStore = new WeakMap<object, KeptAccount>();

/** The validated markets of a prepared market, or undefined for anything else. */
export function preparedMarkets(value: unknown): ValuedMarkets | undefined {
  return isPrepared(value, MARKET_BRAND) ? marketStore.get(value as object) : undefined;
}

/** True for a prepared account (whichever market it belongs to). */
export const isPreparedAccount = (value: unknown): boolean => isPrepared(value, ACCOUNT_BRAND);

/** The kept form of a prepared account when it was prepared against `markets`, else undefined. */
export function preparedAccount(value: unknown, markets: ValuedMarkets): KeptAccount | undefined {
  if (!isPrepared(value, ACCOUNT_BRAND)) return undefined;
  const a = accountStore.get(value as object);
  return a !== undefined && a.markets === markets ? a : undefined;
}

/** A prepared account's margin lines of one type, mode and buffer (computed on first use, then kept). */
export function keptLines(a: KeptAccount, type: DriftMarginType, hlm: boolean, buffer: bigint): MarginLines {
  const key = `${type}|${hlm}|${buffer}`;
  let l = a.lines.get(key);
  if (l === undefined) {
    l = marginLines(a.valued, type, hlm, buffer);
    a.lines.set(key, l);
  }
  return l;
}

/**
 * The account of a call: a prepared account (against `markets`) as kept, a raw one validated against `markets`. A
 * prepared account given with another market is refused at `path`.
 */
export function accountIn(
  account: unknown,
  markets: ValuedMarkets,
  path: string,
): { v: Valued; kept: KeptAccount | undefined } {
  const kept = preparedAccount(account, markets);
  if (kept !== undefined) return { v: kept.valued, kept };
  if (isPreparedAccount(account)) {
    throw new RiskInputError(path, 'an account prepared against the market given (prepareDriftAccount)', account);
  }
  return { v: readValuedIn(account, markets), kept: undefined };
}

/**
 * Prepare Drift markets once: every perp market, every spot market and the quote price and TWAP are validated and
 * kept, so {@link driftAccountMargin} (as its context) and {@link driftOrderMarginCheck}, {@link driftMaxOrderSize},
 * {@link driftMaxWithdrawable} (as `context.market`) skip that work on every call. Results are identical to those on
 * the raw markets. Later changes to the input objects do not reach the prepared value; prepare again when oracle
 * prices or funding rates move. A prepared market is returned as it is.
 *
 * @param market the perp and spot markets keyed by name, and the quote price (as `driftAccountMargin`'s context)
 * @returns a prepared (branded, frozen) market
 * @example
 * ```ts
 * import { driftAccountMargin, prepareDriftMarket } from 'riskcore/perps';
 * const usdc = {
 *   marketIndex: 0, decimals: 6, oraclePrice: 1_000_000, initialAssetWeight: 10000, maintenanceAssetWeight: 10000,
 *   initialLiabilityWeight: 10000, maintenanceLiabilityWeight: 10000,
 * };
 * const market = prepareDriftMarket({
 *   spotMarkets: { USDC: usdc },
 *   perpMarkets: { 'SOL-PERP': { marginRatioInitial: 1000, marginRatioMaintenance: 500, oraclePrice: 100_000_000n } },
 * });
 * const account = {
 *   spotPositions: [{ market: 'USDC', tokenAmount: 1_000_000_000n }],
 *   perpPositions: [{ market: 'SOL-PERP', baseAssetAmount: 50_000_000_000n, quoteAssetAmount: -5_000_000_000n }],
 * };
 * console.log(market.perpMarketNames, driftAccountMargin(account, market).marginRequirement); // [ 'SOL-PERP' ] 500000000n
 * ```
 */
export function prepareDriftMarket(market: DriftMarginContextInput | DriftPreparedMarket): DriftPreparedMarket {
  if (preparedMarkets(market) !== undefined) return market as DriftPreparedMarket;
  const c = checkStrictObject(market, 'market', CONTEXT_KEYS);
  const perpRecord = c.perpMarkets === undefined ? {} : checkObject(c.perpMarkets, 'market.perpMarkets');
  const spotRecord = c.spotMarkets === undefined ? {} : checkObject(c.spotMarkets, 'market.spotMarkets');
  const perpMarkets = new Map<string, PerpMarket>();
  for (const name of Object.keys(perpRecord)) {
    const path = joinPath('market.perpMarkets', name);
    perpMarkets.set(name, Object.freeze(readPerpMarket(ownValue(perpRecord as Record<string, unknown>, name), path)));
  }
  const spotMarkets = new Map<string, SpotMarket>();
  for (const name of Object.keys(spotRecord)) {
    const path = joinPath('market.spotMarkets', name);
    spotMarkets.set(name, Object.freeze(readSpotMarket(ownValue(spotRecord as Record<string, unknown>, name), path)));
  }
  const quote = Object.freeze(readQuote(c, 'market'));
  const out: DriftPreparedMarket = Object.freeze(
    Object.assign(new PreparedDriftMarket(), {
      kind: 'drift.market' as const,
      perpMarketNames: Object.freeze([...perpMarkets.keys()]),
      spotMarketNames: Object.freeze([...spotMarkets.keys()]),
    }),
  );
  marketStore.set(out, { perpMarkets, spotMarkets, quote });
  return markPrepared(out, MARKET_BRAND);
}

/**
 * Prepare an account once against a prepared market: its spot balances and perp positions are validated (each
 * market in the prepared market) and kept, with each margin calculation once made, so {@link driftAccountMargin}
 * and the pre-trade functions take it in place of the raw account when given the same prepared market (a pre-trade
 * check then recomputes only the order's position). Results are identical to those on the raw account. With any
 * other market it is refused (prepare it against that market).
 *
 * @param account spot balances and perp positions
 * @param market the prepared market the positions are valued in
 * @returns a prepared (branded, frozen) account
 * @example
 * ```ts
 * import { driftOrderMarginCheck, prepareDriftAccount, prepareDriftMarket } from 'riskcore/perps';
 * const usdc = {
 *   marketIndex: 0, decimals: 6, oraclePrice: 1_000_000, initialAssetWeight: 10000, maintenanceAssetWeight: 10000,
 *   initialLiabilityWeight: 10000, maintenanceLiabilityWeight: 10000,
 * };
 * const market = prepareDriftMarket({
 *   spotMarkets: { USDC: usdc },
 *   perpMarkets: { 'SOL-PERP': { marginRatioInitial: 1000, marginRatioMaintenance: 500, oraclePrice: 100_000_000n } },
 * });
 * const account = prepareDriftAccount({ spotPositions: [{ market: 'USDC', tokenAmount: 1_000_000_000n }] }, market);
 * const r = driftOrderMarginCheck({ market: 'SOL-PERP', direction: 'long', baseAssetAmount: 50_000_000_000n }, { account, market });
 * console.log(r.reason, r.initialAfter.marginRequirement); // meets-initial-margin 500010000n
 * ```
 */
export function prepareDriftAccount(account: DriftAccountInput, market: DriftPreparedMarket): DriftPreparedAccount {
  const markets = preparedMarkets(market);
  if (markets === undefined) throw new RiskInputError('market', 'a market from prepareDriftMarket', market);
  const v = readValuedIn(account, markets);
  for (const s of v.spot) Object.freeze(s);
  for (const p of v.perps) Object.freeze(p);
  const valued: Valued = {
    ...v,
    spot: Object.freeze(v.spot) as Valued['spot'],
    perps: Object.freeze(v.perps) as Valued['perps'],
  };
  const out: DriftPreparedAccount = Object.freeze(
    Object.assign(new PreparedDriftAccount(), { kind: 'drift.account' as const, market }),
  );
  accountStore.set(out, { valued: Object.freeze(valued), markets, lines: new Map() });
  return markPrepared(out, ACCOUNT_BRAND);
}
