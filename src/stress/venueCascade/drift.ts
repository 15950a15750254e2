/**
 * A liquidation cascade on Drift v2's rules (`controller/liquidation.rs` `liquidate_perp` and
 * `resolve_perp_bankruptcy`, `math/bankruptcy.rs` of drift-labs/protocol-v2 at 0ae3e3b1), in Drift's integers:
 * quote 10⁻⁶, base 10⁻⁹, prices 10⁻⁶.
 *
 * Per round r = 0, 1, …:
 * 1. Prices: each perp market's book moves by its path; the oracle follows with the book's latency, staleness and
 *    jumps (as in {@link simulateLiquidationCascade}); the market's oracle price is the oracle in USD to 10⁻⁶,
 *    rounded down (at least 1). Spot markets keep their prices.
 * 2. Users, in id order: one with a maintenance shortage (plus `marginBuffer`) is liquidated position by position
 *    (markets in name order) while the shortage lasts: `liquidate_perp` transfers to the liquidator, at the oracle
 *    price, the base that cures the shortage (rounded up to the order step; the whole position when worth $50 or
 *    less) and charges the liquidator fee (ramped by `slotsSinceLastActive`) and the IF fee, which goes to the
 *    insurance fund. The liquidator unloads the base into the book (the generic cascade's linear impact), which
 *    moves the market price the oracle follows.
 * 3. A user left with no base has its P&L settled into its quote deposit (a loss down to 0); if it then has no
 *    deposit and a negative quote it is bankrupt: the insurance fund pays what it can (keeping one unit) and the rest
 *    is socialised over the market's open positions through the cumulative funding rates, whose funding is settled
 *    at the end of the round. With no open position left the loss stays with the user (deficit).
 *
 * Accounting, exact every round (quote 10⁶; collateral = Σ quote deposits + perp quote amounts):
 * `collateralEnd + fundEnd + liquidatorFees + adl = collateralStart + fundStart + liquidatorQuote + socialLoss`,
 * `fundEnd = fundStart + fees − covered`, `badDebt = covered + adl + deficit`; `adl ≥ socialLoss` (Drift rounds the
 * funding delta up). Liquidators are outside the cascade: the base they take leaves the users' open interest.
 */
import { RiskInputError } from '../../core/errors.js';
import { Money } from '../../core/money.js';
import {
  checkArray,
  checkObject,
  checkStrictObject,
  checkString,
  joinPath,
  knownKeys,
  ownValue,
} from '../../core/validate.js';
import {
  type DriftValuedKernel,
  driftReadInt,
  driftReadOptInt,
  driftReadPerpMarket,
  driftReadValued,
  driftSettleFundingKernel,
} from '../../perps/internal.js';
import { type DriftAcc, collateralOf, driftRound } from './driftRound.js';
import type {
  DriftCascadeAccount,
  DriftCascadeContext,
  DriftCascadeOptions,
  DriftCascadeResult,
  DriftCascadeRound,
} from './driftTypes.js';
import { MarketTrack, PATH_FIELDS, venueAsset, venueRounds } from './marketTrack.js';

const CONTEXT_KEYS = knownKeys('market', 'books', 'insuranceFund');
const BOOK_KEYS = knownKeys('market', ...PATH_FIELDS);
const ACCOUNT_KEYS = knownKeys('id', 'account');
const OPTION_KEYS = knownKeys('rounds', 'marginBuffer', 'slotsSinceLastActive');
const MARKET_KEYS = knownKeys('perpMarkets', 'spotMarkets', 'quotePrice', 'quoteTwap');
type PerpMarkets = DriftValuedKernel['perpMarkets'];

function readBooks(c: Record<string, unknown>): { markets: PerpMarkets; books: Map<string, MarketTrack> } {
  const mc = checkStrictObject(c.market, 'context.market', MARKET_KEYS);
  const raw = mc.perpMarkets === undefined ? {} : checkObject(mc.perpMarkets, 'context.market.perpMarkets');
  const markets: PerpMarkets = new Map();
  const books = new Map<string, MarketTrack>();
  checkArray(c.books, 'context.books').forEach((b, i) => {
    const at = joinPath('context.books', i);
    const o = checkStrictObject(b, at, BOOK_KEYS);
    const name = checkString(o.market, joinPath(at, 'market'));
    const value = ownValue(raw as Record<string, unknown>, name);
    if (value === undefined)
      throw new RiskInputError(joinPath(at, 'market'), 'a key of context.market.perpMarkets', name);
    if (books.has(name)) throw new RiskInputError(joinPath(at, 'market'), 'a market with no other book', name);
    const m = driftReadPerpMarket(value, joinPath('context.market.perpMarkets', name));
    markets.set(name, m);
    books.set(name, new MarketTrack(venueAsset(o, at, name, new Money(`${m.oraclePrice}e-6`))));
  });
  return { markets, books };
}

function readAccounts(value: unknown, c: Record<string, unknown>, markets: PerpMarkets): DriftAcc[] {
  const ids = new Set<string>();
  const accs = checkArray(value, 'accounts').map((x, i) => {
    const at = joinPath('accounts', i);
    const o = checkStrictObject(x, at, ACCOUNT_KEYS);
    const id = checkString(o.id, joinPath(at, 'id'));
    if (ids.has(id)) throw new RiskInputError(joinPath(at, 'id'), 'an id no other account has', id);
    ids.add(id);
    let v = driftReadValued(o.account, c.market);
    v.perps.forEach((p, j) => {
      if (!markets.has(p.market)) {
        const pp = joinPath(joinPath(joinPath(at, 'account'), 'perpPositions'), j);
        throw new RiskInputError(joinPath(pp, 'market'), 'a perp market with a book in context.books', p.market);
      }
    });
    v = {
      ...v,
      perpMarkets: markets,
      perps: [...v.perps].sort((a, b) => (a.market < b.market ? -1 : a.market > b.market ? 1 : 0)),
    };
    for (let k = 0; k < v.perps.length; k++) v = driftSettleFundingKernel(v, k); // funding settled once, first
    return { id, v };
  });
  return accs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Simulate a liquidation cascade on Drift v2's rules (see the module comment): per round the oracle update, partial
 * `liquidate_perp` sized to cure each shortage with the fee ramp and the IF fee, the liquidators' sales into the book,
 * and bankruptcy resolution by the insurance fund and social loss. Amounts in Drift's integers (quote 10⁶); the
 * result lists the users in id order and does not depend on the order of `accounts`.
 *
 * @param accounts the users, each with a unique id
 * @param context spot and perp markets, one book (path, depth, oracle) per perp market held, the insurance fund
 * @param options rounds, margin buffer and slots since last active
 * @example
 * ```ts
 * import { simulateDriftCascade } from 'riskcore/stress';
 * const usdc = { marketIndex: 0, decimals: 6, oraclePrice: 1_000_000, initialAssetWeight: 10000,
 *   maintenanceAssetWeight: 10000, initialLiabilityWeight: 10000, maintenanceLiabilityWeight: 10000 };
 * const sol = { marginRatioInitial: 1000, marginRatioMaintenance: 500, oraclePrice: 100_000_000n,
 *   liquidatorFee: 10_000, ifLiquidationFee: 10_000, orderStepSize: 10_000_000n };
 * // 100 SOL long at 100 on 1,000 USDC; SOL falls 8% → collateral 200 < maintenance 460: 94.21 SOL go to the
 * // liquidator at 92 (1% liquidator fee, 1% IF fee), which leaves the user exactly at maintenance
 * const res = simulateDriftCascade(
 *   [{ id: 'u', account: { spotPositions: [{ market: 'USDC', tokenAmount: 1_000_000_000n }],
 *     perpPositions: [{ market: 'SOL-PERP', baseAssetAmount: 100_000_000_000n, quoteAssetAmount: -10_000_000_000n }] } }],
 *   { market: { spotMarkets: { USDC: usdc }, perpMarkets: { 'SOL-PERP': sol } },
 *     books: [{ market: 'SOL-PERP', path: [-0.08] }], insuranceFund: 0n },
 *   { rounds: 1 },
 * );
 * const l = res.rounds[0].liquidations[0];
 * console.log(l.baseAssetAmount, l.ifFee, l.shortageAfter); // 94210000000n 86673200n 0n
 * ```
 */
export function simulateDriftCascade(
  accounts: readonly DriftCascadeAccount[],
  context: DriftCascadeContext,
  options?: DriftCascadeOptions,
): DriftCascadeResult {
  const c = checkStrictObject(context, 'context', CONTEXT_KEYS);
  const { markets, books } = readBooks(c);
  let fund = driftReadInt(c.insuranceFund, 'context.insuranceFund', 'u64', 0n);
  const o = options === undefined ? {} : checkStrictObject(options, 'options', OPTION_KEYS);
  const cfg = {
    buffer: driftReadOptInt(o.marginBuffer, 'options.marginBuffer', 'u32', 0n, 10_000n),
    slots: driftReadOptInt(o.slotsSinceLastActive, 'options.slotsSinceLastActive', 'u64', 0n, 10n ** 12n),
  };
  const accs = readAccounts(accounts, c, markets);
  const names = [...books.keys()].sort();
  const rounds = venueRounds(
    o.rounds === undefined ? undefined : { rounds: o.rounds },
    names.map((n) => (books.get(n) as MarketTrack).asset),
  );
  const out: DriftCascadeRound[] = [];
  const tot = { fees: 0n, covered: 0n, socialLoss: 0n, adl: 0n, liquidatorQuote: 0n, liquidatorFees: 0n };
  let deficit = 0n;
  const sum = () => accs.reduce((s, a) => s + collateralOf(a.v), 0n);
  for (let r = 0; r < rounds; r++) {
    const marketPrices: Record<string, Money> = {};
    const oraclePrices: Record<string, bigint> = {};
    for (const n of names) {
      const track = books.get(n) as MarketTrack;
      marketPrices[n] = track.startRound(r);
      const v = BigInt(track.oracle.mul(1_000_000).floor().toFixed(0));
      const price = v < 1n ? 1n : v;
      oraclePrices[n] = price;
      markets.set(n, { ...(markets.get(n) as NonNullable<ReturnType<PerpMarkets['get']>>), oraclePrice: price });
    }
    const collateralStart = sum();
    const fundStart = fund;
    const x = driftRound(accs, markets, books, cfg, fund);
    fund = x.fund;
    deficit = 0n;
    for (const a of accs) {
      const q = collateralOf(a.v);
      if (q < 0n && a.v.perps.every((p) => p.base === 0n) && !a.v.spot.some((s) => s.amount > 0n)) deficit -= q;
    }
    for (const k of Object.keys(tot) as Array<keyof typeof tot>) tot[k] += x[k];
    const pricesAfter: Record<string, Money> = {};
    for (const n of names) pricesAfter[n] = (books.get(n) as MarketTrack).price;
    out.push({
      round: r,
      marketPrices,
      oraclePrices,
      pricesAfter,
      liquidatable: x.liquidatable,
      liquidations: x.liquidations,
      bankruptcies: x.bankruptcies,
      collateralStart,
      collateralEnd: sum(),
      liquidatorQuote: x.liquidatorQuote,
      liquidatorFees: x.liquidatorFees,
      fundStart,
      fundEnd: fund,
      fees: x.fees,
      covered: x.covered,
      socialLoss: x.socialLoss,
      adl: x.adl,
      deficit,
      badDebt: x.covered + x.adl + deficit,
    });
  }
  return {
    rounds: out,
    totals: { ...tot, deficit, badDebt: tot.covered + tot.adl + deficit },
    insuranceFund: fund,
    accounts: accs.map((a) => ({
      id: a.id,
      spotPositions: a.v.spot.map((s) => ({ market: s.market, tokenAmount: s.amount })),
      perpPositions: a.v.perps.map((p) => ({ market: p.market, baseAssetAmount: p.base, quoteAssetAmount: p.quote })),
    })),
    priceCapped: names.some((n) => (books.get(n) as MarketTrack).capped),
  };
}
