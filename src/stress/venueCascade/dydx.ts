/**
 * A liquidation cascade on dYdX v4's rules (`protocol/x/clob/keeper/liquidations.go`, `deleveraging.go` of
 * dydxprotocol/v4-chain at 84d4664b), in the chain's integers: quote quantums, base quantums, subticks.
 *
 * Per round (a block) r = 0, 1, …:
 * 1. Prices: each book's market price moves by its path and the oracle follows it with the book's latency,
 *    staleness and jumps (as in {@link simulateLiquidationCascade}); the perpetual's oracle price value is the
 *    oracle in USD at its price exponent, rounded down (at least 1). Perpetuals without a book keep their price.
 * 2. Liquidatable: a subaccount with MMR > 0 and NC < MMR at the oracle (`IsLiquidatable`; funding is settled into
 *    USDC once, before round 0).
 * 3. Orders: one liquidation order per liquidatable subaccount, closing its whole position of lowest perpetual id
 *    at the fillable price (`GetFillablePrice`, converted to subticks); orders sorted as `SortLiquidationOrders`
 *    (distance of the fillable price from the oracle, descending; notional, descending; then id).
 * 4. Matching: an order is matched against the book all or nothing: the book's linear impact gives the average
 *    price of the whole size (the generic cascade's model), in subticks on the tick grid rounded against the
 *    subaccount; it fills when that price is at least as good as the order's limit and the insurance fund can pay
 *    a negative insurance-fund delta (`GetLiquidationInsuranceFundDelta`, `IsValidInsuranceFundDelta`). A fill
 *    moves the book; the subaccount receives the fill quote less the fund delta, which goes to the fund.
 * 5. Deleveraging: after the orders, each subaccount whose order did not fill and whose NC is negative
 *    (`CanDeleverageSubaccount`) has that position closed against the other subaccounts holding the opposite side
 *    (in id order, at most 128), each fill at the bankruptcy price (`GetBankruptcyPriceInQuoteQuantums`) and
 *    made only when both subaccounts pass the collateralization check.
 *
 * Accounting, in quote quantums, exact every round: collateral (Σ USDC) + fund moves only by the book's quote,
 * `collateralEnd + fundEnd = collateralStart + fundStart + bookQuote`; `fundEnd = fundStart + fees − covered`;
 * deleveraging moves USDC between subaccounts, and its `adl` is the loss of the offsetting subaccounts against the
 * oracle; `deficit` is the negative NC still open at the round's end; `badDebt = covered + adl + deficit`.
 */
import { RiskInputError } from '../../core/errors.js';
import { Money } from '../../core/money.js';
import { checkArray, checkStrictObject, checkString, joinPath, knownKeys } from '../../core/validate.js';
import {
  type DydxPerpKernel,
  dydxAccountRiskKernel,
  dydxCheckExponent,
  dydxCheckInt,
  dydxCheckPerps,
  dydxCheckSubaccount,
  dydxCheckUint32,
  dydxPreparedPerps,
  dydxSettle,
} from '../../perps/internal.js';
import { type DydxAcc, type DydxBook, dydxRound, subOf } from './dydxRound.js';
import type {
  DydxCascadeAccount,
  DydxCascadeContext,
  DydxCascadeOptions,
  DydxCascadeResult,
  DydxCascadeRound,
} from './dydxTypes.js';
import { MarketTrack, PATH_FIELDS, venueAsset, venueRounds } from './marketTrack.js';

const CONTEXT_KEYS = knownKeys('market', 'books', 'liquidations', 'insuranceFundQuantums');
const BOOK_KEYS = knownKeys('perpetualId', 'quantumConversionExponent', 'subticksPerTick', ...PATH_FIELDS);
const LIQ_KEYS = knownKeys('bankruptcyAdjustmentPpm', 'spreadToMaintenanceMarginRatioPpm', 'maxLiquidationFeePpm');
const ACCOUNT_KEYS = knownKeys('id', 'subaccount');

function readPerps(market: unknown): Map<number, DydxPerpKernel> {
  const prepared = dydxPreparedPerps(market);
  if (prepared) return prepared;
  const m = checkStrictObject(market, 'context.market', knownKeys('perpetuals'));
  return dydxCheckPerps(m.perpetuals, 'context.market.perpetuals');
}

function readBooks(value: unknown, perps: Map<number, DydxPerpKernel>): Map<number, DydxBook> {
  const books = new Map<number, DydxBook>();
  checkArray(value, 'context.books').forEach((b, i) => {
    const at = joinPath('context.books', i);
    const o = checkStrictObject(b, at, BOOK_KEYS);
    const id = dydxCheckUint32(o.perpetualId, joinPath(at, 'perpetualId'));
    const perp = perps.get(id);
    if (perp === undefined) throw new RiskInputError(joinPath(at, 'perpetualId'), 'a perpetual of context.market', id);
    if (books.has(id)) throw new RiskInputError(joinPath(at, 'perpetualId'), 'a perpetual with no other book', id);
    const qce = dydxCheckExponent(o.quantumConversionExponent, joinPath(at, 'quantumConversionExponent'));
    const spt = dydxCheckUint32(o.subticksPerTick, joinPath(at, 'subticksPerTick'));
    if (spt < 1) throw new RiskInputError(joinPath(at, 'subticksPerTick'), 'an integer >= 1', spt);
    const p0 = new Money(`${perp.price}e${perp.priceExponent}`);
    books.set(id, { track: new MarketTrack(venueAsset(o, at, String(id), p0)), qce, spt: BigInt(spt) });
  });
  return books;
}

function readAccounts(value: unknown, perps: Map<number, DydxPerpKernel>, books: Map<number, DydxBook>): DydxAcc[] {
  const ids = new Set<string>();
  const accs = checkArray(value, 'accounts').map((x, i) => {
    const at = joinPath('accounts', i);
    const o = checkStrictObject(x, at, ACCOUNT_KEYS);
    const id = checkString(o.id, joinPath(at, 'id'));
    if (ids.has(id)) throw new RiskInputError(joinPath(at, 'id'), 'an id no other account has', id);
    ids.add(id);
    const sub = dydxSettle(dydxCheckSubaccount(o.subaccount, joinPath(at, 'subaccount'), perps, 'context.market')).sub;
    sub.positions.forEach((p, j) => {
      if (p.quantums !== 0n && !books.has(p.perp.id)) {
        const pp = joinPath(joinPath(joinPath(at, 'subaccount'), 'positions'), j);
        throw new RiskInputError(joinPath(pp, 'perpetualId'), 'a perpetual with a book in context.books', p.perp.id);
      }
    });
    const q = new Map(sub.positions.filter((p) => p.quantums !== 0n).map((p) => [p.perp.id, p.quantums]));
    return { id, usdc: sub.usdc, q, customImf: sub.customImf };
  });
  return accs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Simulate a liquidation cascade on dYdX v4's rules (see the module comment): per round the oracle update, the
 * liquidation orders at the fillable price matched against the book with price impact, the insurance-fund delta
 * of each fill, and deleveraging at the bankruptcy price when the fund cannot pay. Amounts in quote quantums
 * (10⁻⁶ USDC); the result lists the accounts in id order, and does not depend on the order of `accounts`.
 *
 * @param accounts the subaccounts, each with a unique id
 * @param context the perpetuals, one book (path, depth, oracle, CLOB pair) per perpetual held, the liquidations
 *   config and the insurance fund
 * @param options rounds
 * @example
 * ```ts
 * import { simulateDydxCascade } from 'riskcore/stress';
 * const btc = { id: 0, atomicResolution: -10, price: 5_000_000_000n, priceExponent: -5,
 *   liquidityTier: { initialMarginPpm: 50_000, maintenanceFractionPpm: 600_000 } };
 * // 1 BTC long on 3,000 USDC of margin (BTC at 50,000); BTC falls 5% → NC 500 < MMR 1,425: liquidated, the
 * // order fills at 47,387.187 against a bankruptcy price of 47,000 and 387.187 USDC goes to the fund
 * const accounts = [
 *   { id: 'long', subaccount: { usdcQuantums: -47_000_000_000n, positions: [{ perpetualId: 0, quantums: 10_000_000_000n }] } },
 *   { id: 'short', subaccount: { usdcQuantums: 60_000_000_000n, positions: [{ perpetualId: 0, quantums: -10_000_000_000n }] } },
 * ];
 * const res = simulateDydxCascade(accounts, {
 *   market: { perpetuals: [btc] },
 *   books: [{ perpetualId: 0, path: [-0.05], depth: '10000000', quantumConversionExponent: -9, subticksPerTick: 100 }],
 *   liquidations: { bankruptcyAdjustmentPpm: 1_000_000, spreadToMaintenanceMarginRatioPpm: 1_500_000, maxLiquidationFeePpm: 15_000 },
 *   insuranceFundQuantums: 0n,
 * }, { rounds: 2 });
 * const r0 = res.rounds[0];
 * console.log(r0.liquidatable, r0.fills[0].insuranceFundDelta); // [ 'long' ] 387187000n
 * console.log(r0.collateralEnd + r0.fundEnd === r0.collateralStart + r0.fundStart + r0.bookQuote); // true
 * ```
 */
export function simulateDydxCascade(
  accounts: readonly DydxCascadeAccount[],
  context: DydxCascadeContext,
  options?: DydxCascadeOptions,
): DydxCascadeResult {
  const c = checkStrictObject(context, 'context', CONTEXT_KEYS);
  const base = readPerps(c.market);
  const books = readBooks(c.books, base);
  const l = checkStrictObject(c.liquidations, 'context.liquidations', LIQ_KEYS);
  const cfg = {
    ba: BigInt(dydxCheckUint32(l.bankruptcyAdjustmentPpm, 'context.liquidations.bankruptcyAdjustmentPpm')),
    smmr: BigInt(
      dydxCheckUint32(l.spreadToMaintenanceMarginRatioPpm, 'context.liquidations.spreadToMaintenanceMarginRatioPpm'),
    ),
    maxFee: BigInt(dydxCheckUint32(l.maxLiquidationFeePpm, 'context.liquidations.maxLiquidationFeePpm')),
  };
  let fund = dydxCheckInt(c.insuranceFundQuantums, 'context.insuranceFundQuantums', 'nonNegative');
  const accs = readAccounts(accounts, base, books);
  const bookIds = [...books.keys()].sort((a, b) => a - b);
  const rounds = venueRounds(
    options,
    bookIds.map((id) => (books.get(id) as DydxBook).track.asset),
  );
  const out: DydxCascadeRound[] = [];
  const sumUsdc = () => accs.reduce((s, a) => s + a.usdc, 0n);
  const tot = { fees: 0n, covered: 0n, adl: 0n, bookQuote: 0n };
  let deficit = 0n;
  for (let r = 0; r < rounds; r++) {
    const perps = new Map(base);
    const marketPrices: Record<string, Money> = {};
    const oraclePrices: Record<string, bigint> = {};
    for (const id of bookIds) {
      const perp = base.get(id) as DydxPerpKernel;
      const track = (books.get(id) as DydxBook).track;
      marketPrices[id] = track.startRound(r);
      const v = BigInt(
        track.oracle
          .mul(new Money(`1e${-perp.priceExponent}`))
          .floor()
          .toFixed(0),
      );
      const price = v < 1n ? 1n : v;
      oraclePrices[id] = price;
      perps.set(id, { ...perp, price, adjustedImfPpm: undefined });
    }
    const collateralStart = sumUsdc();
    const fundStart = fund;
    const o = dydxRound(accs, perps, books, cfg, fund);
    fund = o.fund;
    deficit = 0n;
    for (const a of accs) {
      if (a.q.size === 0) continue;
      const nc = dydxAccountRiskKernel(subOf(a, perps)).netCollateral;
      if (nc < 0n) deficit -= nc;
    }
    tot.fees += o.fees;
    tot.covered += o.covered;
    tot.adl += o.adl;
    tot.bookQuote += o.bookQuote;
    const pricesAfter: Record<string, Money> = {};
    for (const id of bookIds) pricesAfter[id] = (books.get(id) as DydxBook).track.price;
    out.push({
      round: r,
      marketPrices,
      oraclePrices,
      pricesAfter,
      liquidatable: o.liquidatable,
      fills: o.fills,
      deleveragings: o.deleveragings,
      collateralStart,
      collateralEnd: sumUsdc(),
      bookQuote: o.bookQuote,
      fundStart,
      fundEnd: fund,
      fees: o.fees,
      covered: o.covered,
      adl: o.adl,
      deficit,
      badDebt: o.covered + o.adl + deficit,
    });
  }
  return {
    rounds: out,
    totals: { ...tot, deficit, badDebt: tot.covered + tot.adl + deficit },
    insuranceFundQuantums: fund,
    accounts: accs.map((a) => ({
      id: a.id,
      usdcQuantums: a.usdc,
      positions: [...a.q.entries()]
        .sort((x, y) => x[0] - y[0])
        .map(([perpetualId, quantums]) => ({ perpetualId, quantums })),
    })),
    priceCapped: bookIds.some((id) => (books.get(id) as DydxBook).track.capped),
  };
}
