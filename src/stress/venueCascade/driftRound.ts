/**
 * Internal: one round of {@link simulateDriftCascade} on validated state — `liquidate_perp` on each user with a
 * maintenance shortage (partial, sized to cure it, with the liquidator and IF fees), the liquidator unloading the
 * base into the book, P&L settled into the quote balance once no base is left, and `resolve_perp_bankruptcy` of a
 * bankrupt user (the insurance fund, then the loss socialised through the cumulative funding rates).
 */
import { Money } from '../../core/money.js';
import {
  type DriftValuedKernel,
  driftAccountMarginKernel,
  driftLiquidatePerpKernel,
  driftSettleFundingKernel,
} from '../../perps/internal.js';
import { driftResolvePerpBankruptcy } from '../../perps/index.js';
import type { DriftCascadeBankruptcy, DriftCascadeLiquidation } from './driftTypes.js';
import type { MarketTrack } from './marketTrack.js';

type PerpMarkets = DriftValuedKernel['perpMarkets'];
type PerpMarketKernel = PerpMarkets extends Map<string, infer M> ? M : never;

/** A user as the cascade holds it. */
export interface DriftAcc {
  id: string;
  v: DriftValuedKernel;
}

export interface DriftRoundConfig {
  buffer: bigint;
  slots: bigint;
}

export interface DriftRoundOutcome {
  liquidatable: string[];
  liquidations: DriftCascadeLiquidation[];
  bankruptcies: DriftCascadeBankruptcy[];
  liquidatorQuote: bigint;
  liquidatorFees: bigint;
  fees: bigint;
  covered: bigint;
  socialLoss: bigint;
  adl: bigint;
  fund: bigint;
}

const U64_MAX = 2n ** 64n - 1n;

/** Settle the funding of position `i` of `v`; returns the user and the quote it moved (< 0 paid). */
function settle(v: DriftValuedKernel, i: number): { v: DriftValuedKernel; paid: bigint } {
  const before = v.perps[i].quote;
  const next = driftSettleFundingKernel(v, i);
  return { v: next, paid: next.perps[i].quote - before };
}

/** Quote balances of a user: its quote-market spot amounts and perp quote amounts, 10⁶. */
export function collateralOf(v: DriftValuedKernel): bigint {
  let s = 0n;
  for (const p of v.spot) if (v.spotMarkets.get(p.market)?.quote) s += p.amount;
  for (const p of v.perps) s += p.quote;
  return s;
}

/**
 * With no base left, P&L is settled into the quote spot balance (`settle_pnl`: a profit paid in, a loss taken from
 * the deposit down to 0); the user is then bankrupt when it has no deposit, no base, no positive quote and a
 * liability (`is_cross_margin_bankrupt`).
 */
function settlePnl(v: DriftValuedKernel): { v: DriftValuedKernel; bankrupt: boolean } {
  if (v.perps.some((p) => p.base !== 0n)) return { v, bankrupt: false };
  const spot = v.spot.map((s) => ({ ...s }));
  const qi = spot.findIndex((s) => v.spotMarkets.get(s.market)?.quote);
  const perps = v.perps.map((p) => {
    if (qi < 0 || p.quote === 0n) return p;
    const moved =
      p.quote > 0n ? p.quote : -(spot[qi].amount > 0n ? (spot[qi].amount < -p.quote ? spot[qi].amount : -p.quote) : 0n);
    spot[qi].amount += moved;
    return { ...p, quote: p.quote - moved };
  });
  const next = { ...v, spot, perps };
  const bankrupt =
    !spot.some((s) => s.amount > 0n) &&
    !perps.some((p) => p.quote > 0n) &&
    (perps.some((p) => p.quote < 0n) || spot.some((s) => s.amount < 0n));
  return { v: next, bankrupt };
}

/** Run one round over users in id order; mutates the users, the markets' funding rates and the books. */
export function driftRound(
  accs: DriftAcc[],
  markets: PerpMarkets,
  books: Map<string, MarketTrack>,
  cfg: DriftRoundConfig,
  fundStart: bigint,
): DriftRoundOutcome {
  const out: DriftRoundOutcome = {
    liquidatable: [],
    liquidations: [],
    bankruptcies: [],
    liquidatorQuote: 0n,
    liquidatorFees: 0n,
    fees: 0n,
    covered: 0n,
    socialLoss: 0n,
    adl: 0n,
    fund: fundStart,
  };
  for (const acc of accs) {
    let v: DriftValuedKernel = { ...acc.v, perpMarkets: markets };
    let shortage = driftAccountMarginKernel(v, 'maintenance', false, cfg.buffer).marginShortage;
    if (shortage > 0n) out.liquidatable.push(acc.id);
    for (let i = 0; i < v.perps.length && shortage > 0n; i++) {
      if (v.perps[i].base === 0n) continue;
      const s = settle(v, i);
      out.adl -= s.paid;
      const base = s.v.perps[i].base;
      const r = driftLiquidatePerpKernel(s.v, i, cfg.buffer, false, { slots: cfg.slots });
      v = r.valued;
      if (r.baseAssetAmount === 0n) continue;
      const market = v.perps[i].market;
      const long = base > 0n;
      out.liquidatorQuote += long ? r.baseAssetValue : -r.baseAssetValue;
      out.liquidatorFees += r.liquidatorFee;
      out.fees += r.ifFee;
      out.fund += r.ifFee;
      shortage = r.after.marginShortage;
      // the liquidator unloads the base it took into the book
      const track = books.get(market) as MarketTrack;
      const units = new Money(`${long ? r.baseAssetAmount : -r.baseAssetAmount}e-9`);
      track.commit(track.quote(units));
      out.liquidations.push({
        id: acc.id,
        market,
        positionBase: base,
        baseAssetAmount: r.baseAssetAmount,
        baseAssetValue: r.baseAssetValue,
        liquidatorFee: r.liquidatorFee,
        ifFee: r.ifFee,
        shortageBefore: r.marginShortage,
        shortageAfter: shortage,
      });
    }
    const settled = settlePnl(v);
    v = settled.v;
    if (settled.bankrupt) v = resolveBankruptcies(acc, v, accs, markets, out);
    acc.v = v;
  }
  // the socialised losses are collected from the open positions: their funding is settled
  for (const acc of accs) {
    let v: DriftValuedKernel = { ...acc.v, perpMarkets: markets };
    for (let i = 0; i < v.perps.length; i++) {
      if (v.perps[i].base === 0n) continue;
      const s = settle(v, i);
      out.adl -= s.paid;
      v = s.v;
    }
    acc.v = v;
  }
  return out;
}

/** `resolve_perp_bankruptcy` of each perp position of `acc` with a negative quote. */
function resolveBankruptcies(
  acc: DriftAcc,
  v: DriftValuedKernel,
  accs: DriftAcc[],
  markets: PerpMarkets,
  out: DriftRoundOutcome,
): DriftValuedKernel {
  let perps = v.perps;
  for (let i = 0; i < perps.length; i++) {
    const p = perps[i];
    if (p.quote >= 0n) continue;
    let long = 0n;
    let short = 0n;
    for (const o of accs) {
      for (const q of o === acc ? [] : o.v.perps) {
        if (q.market !== p.market) continue;
        if (q.base > 0n) long += q.base;
        else short += q.base;
      }
    }
    if (long === 0n && short === 0n) continue; // Drift cannot resolve it: the loss stays (deficit)
    const m = markets.get(p.market) as PerpMarketKernel;
    const r = driftResolvePerpBankruptcy(
      { quoteAssetAmount: p.quote },
      {
        baseAssetAmountLong: long,
        baseAssetAmountShort: short,
        cumulativeFundingRateLong: m.cumLong,
        cumulativeFundingRateShort: m.cumShort,
        insuranceFundVaultBalance: out.fund,
        quoteMaxInsurance: U64_MAX,
      },
    );
    markets.set(p.market, { ...m, cumLong: r.cumulativeFundingRateLong, cumShort: r.cumulativeFundingRateShort });
    out.fund -= r.insuranceFundPayment;
    out.covered += r.insuranceFundPayment;
    out.socialLoss += r.socialLoss;
    out.bankruptcies.push({
      id: acc.id,
      market: p.market,
      loss: -p.quote,
      insuranceFundPayment: r.insuranceFundPayment,
      socialLoss: r.socialLoss,
      cumulativeFundingRateDelta: r.cumulativeFundingRateDelta,
    });
    perps = perps.map((q, k) =>
      k === i
        ? { ...q, quote: 0n, lastCum: q.base > 0n ? r.cumulativeFundingRateLong : r.cumulativeFundingRateShort }
        : q,
    );
  }
  return { ...v, perps };
}
