/**
 * A liquidation cascade on Hyperliquid's published clearing rules (Docs › Trading › Margining, Liquidations,
 * Auto-deleveraging; the rules of riskcore/perps' Hyperliquid presets), cross margin, amounts in USDC.
 *
 * Per round r = 0, 1, …:
 * 1. Prices: each asset's book moves by its path; the mark is the oracle, which follows the market with the book's
 *    latency, staleness and jumps (as in {@link simulateLiquidationCascade}).
 * 2. Accounts, in id order, whose cross account value is below their (tiered) maintenance margin:
 *    - value ≥ 2/3 of maintenance: market orders to the book, per position 20% when its notional is above the
 *      threshold (100,000) and the account is not within 30 s of a partial liquidation, else the whole position;
 *      a negative balance left with no position is made good by the vault;
 *    - 0 ≤ value < 2/3 of maintenance: the backstop — the liquidator vault takes the positions and the margin and
 *      closes the positions into the books;
 *    - value < 0 (underwater): auto-deleveraging — the value is split over the positions by notional and each is
 *      closed at its bankruptcy price against the opposite positions in profit, ranked by Hyperliquid's index, which
 *      give up the shortfall pro rata to the size they close; what the queue cannot take the vault takes.
 *    Every forced trade into a book moves it by the generic cascade's linear impact, at the average price.
 *
 * Accounting, exact every round (cash = balance − Σ size × entry; the vault is the fund):
 * `collateralEnd + fundEnd = collateralStart + fundStart + bookQuote + deficit` (a deficit is a vault loss beyond
 * its capital), `fundEnd = fundStart + fees − covered`, `badDebt = covered + adl + deficit`.
 */
import { RiskInputError } from '../../core/errors.js';
import { Money, toMoney } from '../../core/money.js';
import { checkArray, checkNumber, checkStrictObject, checkString, joinPath, knownKeys } from '../../core/validate.js';
import {
  type HyperliquidAssetMarketKernel,
  hyperliquidParseAccount,
  hyperliquidParseMarket,
} from '../../perps/internal.js';
import { HYPERLIQUID_MAINNET_PARAMS } from '../../perps/index.js';
import { type HlAcc, HlDecimal, cashOf, hyperliquidRound } from './hyperliquidRound.js';
import type {
  HyperliquidCascadeAccount,
  HyperliquidCascadeContext,
  HyperliquidCascadeOptions,
  HyperliquidCascadeResult,
  HyperliquidCascadeRound,
} from './hyperliquidTypes.js';
import { MarketTrack, PATH_FIELDS, venueAsset, venueRounds } from './marketTrack.js';

const CONTEXT_KEYS = knownKeys('market', 'books', 'vault');
const BOOK_KEYS = knownKeys('asset', ...PATH_FIELDS);
const ACCOUNT_KEYS = knownKeys('id', 'account');
const OPTION_KEYS = knownKeys('rounds', 'roundSeconds', 'partialLiquidationThreshold');
const ZERO = new HlDecimal(0);

function readBooks(value: unknown, mkt: Map<string, HyperliquidAssetMarketKernel>): Map<string, MarketTrack> {
  const books = new Map<string, MarketTrack>();
  checkArray(value, 'context.books').forEach((b, i) => {
    const at = joinPath('context.books', i);
    const o = checkStrictObject(b, at, BOOK_KEYS);
    const name = checkString(o.asset, joinPath(at, 'asset'));
    const m = mkt.get(name);
    if (m === undefined) throw new RiskInputError(joinPath(at, 'asset'), 'an asset of context.market', name);
    if (books.has(name)) throw new RiskInputError(joinPath(at, 'asset'), 'an asset with no other book', name);
    books.set(name, new MarketTrack(venueAsset(o, at, name, m.markPrice)));
  });
  return books;
}

function readAccounts(
  value: unknown,
  mkt: Map<string, HyperliquidAssetMarketKernel>,
  books: Map<string, MarketTrack>,
): HlAcc[] {
  const ids = new Set<string>();
  const accs = checkArray(value, 'accounts').map((x, i) => {
    const at = joinPath('accounts', i);
    const o = checkStrictObject(x, at, ACCOUNT_KEYS);
    const id = checkString(o.id, joinPath(at, 'id'));
    if (ids.has(id)) throw new RiskInputError(joinPath(at, 'id'), 'an id no other account has', id);
    ids.add(id);
    const a = hyperliquidParseAccount(o.account, joinPath(at, 'account'), mkt);
    const raw = (o.account as { positions?: unknown }).positions;
    a.positions.forEach((p) => {
      const j = Array.isArray(raw) ? raw.findIndex((r) => (r as { asset?: unknown } | null)?.asset === p.asset) : -1;
      const pp = j < 0 ? joinPath(at, 'account') : joinPath(joinPath(joinPath(at, 'account'), 'positions'), j);
      if (p.marginMode !== 'cross')
        throw new RiskInputError(
          joinPath(pp, 'marginMode'),
          "'cross' (the cascade margins cross accounts)",
          p.marginMode,
        );
      if (!books.has(p.asset))
        throw new RiskInputError(joinPath(pp, 'asset'), 'an asset with a book in context.books', p.asset);
    });
    const positions = a.positions
      .filter((p) => !p.size.isZero())
      .map((p) => ({ ...p, size: new HlDecimal(p.size), entryPrice: new HlDecimal(p.entryPrice) }));
    return { id, a: { balance: new HlDecimal(a.balance), positions }, lastPartial: null };
  });
  return accs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Simulate a liquidation cascade on Hyperliquid's rules (see the module comment): per round the mark update, market
 * liquidations in 20% chunks with the cooldown, the backstop vault, and auto-deleveraging by the ranked queue when an
 * account is underwater. Amounts in USDC; the result lists the accounts in id order and does not depend on the
 * order of `accounts`.
 *
 * @param accounts the cross accounts, each with a unique id
 * @param context marks and margin tables, one book (path, depth, oracle) per asset held, the vault's capital
 * @param options rounds, seconds per round, partial-liquidation threshold
 * @example
 * ```ts
 * import { simulateHyperliquidCascade } from 'riskcore/stress';
 * const table = { tiers: [{ lowerBound: '0', maxLeverage: 20 }] };
 * // 10 ETH long at 2,000 on 1,600 of balance; ETH falls 6% → value 400 < maintenance 470 (and ≥ 2/3 of it):
 * // a market order for the whole position (18,800 of notional, under the 100,000 threshold)
 * const res = simulateHyperliquidCascade(
 *   [{ id: 'u', account: { balance: '1600', positions: [{ asset: 'ETH', size: '10', entryPrice: '2000', leverage: 20, marginMode: 'cross' }] } }],
 *   { market: { assets: { ETH: { markPrice: '2000', marginTable: table } } }, books: [{ asset: 'ETH', path: [-0.06], depth: '2000000' }], vault: '0' },
 *   { rounds: 1 },
 * );
 * const [o] = res.rounds[0].orders;
 * console.log(res.rounds[0].liquidations[0].method, o.size.toString(), o.price.toString()); // 'market -10 1871.164'
 * ```
 */
export function simulateHyperliquidCascade(
  accounts: readonly HyperliquidCascadeAccount[],
  context: HyperliquidCascadeContext,
  options?: HyperliquidCascadeOptions,
): HyperliquidCascadeResult {
  const c = checkStrictObject(context, 'context', CONTEXT_KEYS);
  const base = hyperliquidParseMarket(c.market, 'context.market');
  const books = readBooks(c.books, base);
  let fund: Money = new HlDecimal(toMoney(c.vault, 'context.vault', { min: 'nonnegative' }));
  const o = options === undefined ? {} : checkStrictObject(options, 'options', OPTION_KEYS);
  const cfg = {
    roundSeconds:
      o.roundSeconds === undefined ? 1 : checkNumber(o.roundSeconds, 'options.roundSeconds', { gt: 0, le: 1e9 }),
    threshold:
      o.partialLiquidationThreshold === undefined
        ? new Money(HYPERLIQUID_MAINNET_PARAMS.partialLiquidationThreshold)
        : toMoney(o.partialLiquidationThreshold, 'options.partialLiquidationThreshold', { min: 'nonnegative' }),
  };
  const accs = readAccounts(accounts, base, books);
  const names = [...books.keys()].sort();
  const rounds = venueRounds(
    o.rounds === undefined ? undefined : { rounds: o.rounds },
    names.map((n) => (books.get(n) as MarketTrack).asset),
  );
  const out: HyperliquidCascadeRound[] = [];
  const tot = { fees: ZERO, covered: ZERO, adl: ZERO, deficit: ZERO, bookQuote: ZERO };
  const sum = () => accs.reduce((s, a) => s.plus(cashOf(a.a)), ZERO);
  for (let r = 0; r < rounds; r++) {
    const mkt = new Map(base);
    const marketPrices: Record<string, Money> = {};
    const markPrices: Record<string, Money> = {};
    for (const n of names) {
      const track = books.get(n) as MarketTrack;
      marketPrices[n] = track.startRound(r);
      markPrices[n] = track.oracle;
      mkt.set(n, { ...(base.get(n) as HyperliquidAssetMarketKernel), markPrice: track.oracle });
    }
    const collateralStart = sum();
    const fundStart = fund;
    const x = hyperliquidRound(accs, mkt, books, cfg, r, fund);
    fund = x.fund;
    tot.fees = tot.fees.plus(x.fees);
    tot.covered = tot.covered.plus(x.covered);
    tot.adl = tot.adl.plus(x.adl);
    tot.deficit = tot.deficit.plus(x.deficit);
    tot.bookQuote = tot.bookQuote.plus(x.bookQuote);
    const pricesAfter: Record<string, Money> = {};
    for (const n of names) pricesAfter[n] = (books.get(n) as MarketTrack).price;
    out.push({
      round: r,
      marketPrices,
      markPrices,
      pricesAfter,
      liquidations: x.liquidations,
      orders: x.orders,
      adlFills: x.adlFills,
      collateralStart,
      collateralEnd: sum(),
      bookQuote: x.bookQuote,
      fundStart,
      fundEnd: fund,
      fees: x.fees,
      covered: x.covered,
      adl: x.adl,
      deficit: x.deficit,
      badDebt: x.covered.plus(x.adl).plus(x.deficit),
    });
  }
  return {
    rounds: out,
    totals: { ...tot, badDebt: tot.covered.plus(tot.adl).plus(tot.deficit) },
    vault: fund,
    accounts: accs.map((a) => ({
      id: a.id,
      balance: a.a.balance,
      positions: a.a.positions.map((p) => ({ asset: p.asset, size: p.size, entryPrice: p.entryPrice })),
    })),
    priceCapped: names.some((n) => (books.get(n) as MarketTrack).capped),
  };
}
