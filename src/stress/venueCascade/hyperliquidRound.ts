/**
 * Internal: one round of {@link simulateHyperliquidCascade} on validated state — per account below maintenance
 * (id order): market orders (20% chunks above the threshold outside the cooldown), the backstop vault below 2/3 of
 * maintenance, auto-deleveraging by the ranked queue when the account is underwater.
 */
import { Money } from '../../core/money.js';
import {
  type HyperliquidAccountKernel,
  type HyperliquidAssetMarketKernel,
  type HyperliquidPositionKernel,
  hyperliquidAccountMarginKernel,
} from '../../perps/internal.js';
import { HYPERLIQUID_MAINNET_PARAMS as P, hyperliquidAutoDeleverage } from '../../perps/index.js';
import type {
  HyperliquidCascadeAdlFill,
  HyperliquidCascadeLiquidation,
  HyperliquidCascadeOrder,
} from './hyperliquidTypes.js';
import type { MarketTrack } from './marketTrack.js';

/**
 * The cascade's own sums run at 200 significant digits, so that adding the venue rule's 60-digit amounts (ADL shares,
 * execution prices × sizes) to balances is exact and the accounting identities hold to the last digit.
 */
export const HlDecimal = Money.clone({ precision: 200 });
const ZERO = new HlDecimal(0);
const FRACTION = new HlDecimal(P.partialLiquidationFraction);
const ONE = new HlDecimal(1);
const SPLIT_DP = 18;

/** An account as the cascade holds it, with the round of its last partial liquidation. */
export interface HlAcc {
  id: string;
  a: HyperliquidAccountKernel;
  lastPartial: number | null;
}

export interface HlRoundConfig {
  threshold: Money;
  roundSeconds: number;
}

export interface HlRoundOutcome {
  liquidations: HyperliquidCascadeLiquidation[];
  orders: HyperliquidCascadeOrder[];
  adlFills: HyperliquidCascadeAdlFill[];
  bookQuote: Money;
  fees: Money;
  covered: Money;
  adl: Money;
  deficit: Money;
  fund: Money;
}

/** Cash of an account: balance − Σ size × entry (what it holds once its positions are worth 0). */
export const cashOf = (a: HyperliquidAccountKernel): Money =>
  a.positions.reduce((s, p) => s.minus(p.size.times(p.entryPrice)), a.balance);

/** Close `size` (signed as the position) of position `p` of `acc` into its book; returns the execution price. */
function closeIntoBook(
  acc: HlAcc,
  p: HyperliquidPositionKernel,
  size: Money,
  books: Map<string, MarketTrack>,
  out: HlRoundOutcome,
): Money {
  const track = books.get(p.asset) as MarketTrack;
  const q = track.quote(new Money(size));
  track.commit(q);
  out.bookQuote = out.bookQuote.plus(size.times(q.exec));
  acc.a = {
    balance: acc.a.balance.plus(size.times(q.exec.minus(p.entryPrice))),
    positions: acc.a.positions
      .map((x) => (x === p ? { ...x, size: x.size.minus(size) } : x))
      .filter((x) => !x.size.isZero()),
  };
  return q.exec;
}

/** The vault's result of a step: a gain is a fee, a loss is covered (down to 0, the rest a deficit). */
function vaultDelta(out: HlRoundOutcome, d: Money): void {
  if (d.gte(0)) {
    out.fees = out.fees.plus(d);
    out.fund = out.fund.plus(d);
    return;
  }
  const loss = d.neg();
  const cov = Money.min(loss, out.fund);
  out.covered = out.covered.plus(cov);
  out.fund = out.fund.minus(cov);
  out.deficit = out.deficit.plus(loss.minus(cov));
}

/** Market liquidation: an order per position, 20% of it above the threshold outside the cooldown. */
function marketLiquidation(
  acc: HlAcc,
  r: number,
  cfg: HlRoundConfig,
  mkt: Map<string, HyperliquidAssetMarketKernel>,
  books: Map<string, MarketTrack>,
  out: HlRoundOutcome,
): void {
  const cooldown =
    acc.lastPartial !== null && (r - acc.lastPartial) * cfg.roundSeconds < P.partialLiquidationCooldownSeconds;
  for (const p of [...acc.a.positions]) {
    const notional = p.size.abs().times((mkt.get(p.asset) as HyperliquidAssetMarketKernel).markPrice);
    const fraction = !cooldown && notional.gt(cfg.threshold) ? FRACTION : ONE;
    const size = p.size.times(fraction);
    if (fraction.lt(1)) acc.lastPartial = r;
    const price = closeIntoBook(acc, p, size, books, out);
    out.orders.push({ id: acc.id, asset: p.asset, size: size.neg(), fraction, price });
  }
  if (acc.a.positions.length === 0 && acc.a.balance.lt(0)) {
    // a negative balance left by the fills: the vault makes it good
    vaultDelta(out, acc.a.balance);
    acc.a = { ...acc.a, balance: ZERO };
  }
}

/** Backstop: the vault takes the positions and the margin and closes the positions into the books. */
function backstop(acc: HlAcc, books: Map<string, MarketTrack>, out: HlRoundOutcome): void {
  const cash = cashOf(acc.a);
  let proceeds = ZERO;
  for (const p of acc.a.positions) {
    const track = books.get(p.asset) as MarketTrack;
    const q = track.quote(new Money(p.size));
    track.commit(q);
    proceeds = proceeds.plus(p.size.times(q.exec));
  }
  out.bookQuote = out.bookQuote.plus(proceeds);
  acc.a = { balance: ZERO, positions: [] };
  vaultDelta(out, cash.plus(proceeds));
}

/**
 * Auto-deleveraging of an underwater account: its (negative) value is split over its positions by notional (the
 * last takes the remainder) and each position is closed against the ranked opposite positions at its bankruptcy
 * price; what the queue cannot take the vault takes at the mark and closes into the book, paying its shortfall.
 */
function deleverage(
  acc: HlAcc,
  value: Money,
  accs: HlAcc[],
  mkt: Map<string, HyperliquidAssetMarketKernel>,
  books: Map<string, MarketTrack>,
  out: HlRoundOutcome,
): void {
  const positions = [...acc.a.positions];
  const notionals = positions.map((p) =>
    p.size.abs().times((mkt.get(p.asset) as HyperliquidAssetMarketKernel).markPrice),
  );
  const total = notionals.reduce((s, n) => s.plus(n), ZERO);
  let given = ZERO;
  positions.forEach((p, j) => {
    const mark = (mkt.get(p.asset) as HyperliquidAssetMarketKernel).markPrice;
    const v =
      j === positions.length - 1
        ? value.minus(given)
        : value.times(notionals[j]).div(total).toDecimalPlaces(SPLIT_DP, Money.ROUND_DOWN);
    given = given.plus(v);
    const byId = new Map<string, HlAcc>();
    const candidates = [];
    for (const o of accs) {
      const op = o === acc ? undefined : o.a.positions.find((x) => x.asset === p.asset);
      if (op === undefined) continue;
      byId.set(o.id, o);
      candidates.push({
        account: o.id,
        size: op.size,
        entryPrice: op.entryPrice,
        accountValue: hyperliquidAccountMarginKernel(o.a, mkt).crossAccountValue,
      });
    }
    const res = hyperliquidAutoDeleverage(
      { account: acc.id, size: p.size, accountValue: v },
      { markPrice: mark, candidates },
    );
    let closed: Money = ZERO;
    let shares: Money = ZERO;
    for (const f of res.fills) {
      const o = byId.get(f.account) as HlAcc;
      const op = o.a.positions.find((x) => x.asset === p.asset) as HyperliquidPositionKernel;
      // the counterparty closes −f.size at the bankruptcy price: P&L at the mark less its share of the shortfall
      o.a = {
        balance: o.a.balance.minus(new HlDecimal(f.size).times(mark.minus(op.entryPrice))).minus(f.shortfallShare),
        positions: o.a.positions
          .map((x) => (x.asset === p.asset ? { ...x, size: x.size.plus(f.size) } : x))
          .filter((x) => !x.size.isZero()),
      };
      closed = closed.plus(f.size);
      shares = shares.plus(f.shortfallShare);
      out.adlFills.push({
        id: acc.id,
        counterparty: f.account,
        asset: p.asset,
        size: f.size,
        shortfallShare: f.shortfallShare,
      });
    }
    out.adl = out.adl.plus(shares);
    acc.a = {
      balance: acc.a.balance.plus(closed.times(mark.minus(p.entryPrice))).plus(shares),
      positions: acc.a.positions.map((x) => (x === p ? { ...x, size: x.size.minus(closed) } : x)),
    };
    const rest = res.unfilledSize;
    const q = acc.a.positions.find((x) => x.asset === p.asset) as HyperliquidPositionKernel;
    if (!rest.isZero()) {
      // the vault takes the rest at the mark with its shortfall, and closes it into the book
      const track = books.get(p.asset) as MarketTrack;
      const t = track.quote(new Money(rest));
      track.commit(t);
      out.bookQuote = out.bookQuote.plus(new HlDecimal(rest).times(t.exec));
      acc.a = {
        ...acc.a,
        balance: acc.a.balance.plus(new HlDecimal(rest).times(mark.minus(q.entryPrice))).plus(res.badDebt),
      };
      vaultDelta(out, new HlDecimal(rest).times(t.exec.minus(mark)).minus(res.badDebt));
    }
    acc.a = { ...acc.a, positions: acc.a.positions.filter((x) => x.asset !== p.asset) };
  });
}

/** Run one round over accounts in id order; mutates accounts and books. */
export function hyperliquidRound(
  accs: HlAcc[],
  mkt: Map<string, HyperliquidAssetMarketKernel>,
  books: Map<string, MarketTrack>,
  cfg: HlRoundConfig,
  r: number,
  fundStart: Money,
): HlRoundOutcome {
  const out: HlRoundOutcome = {
    liquidations: [],
    orders: [],
    adlFills: [],
    bookQuote: ZERO,
    fees: ZERO,
    covered: ZERO,
    adl: ZERO,
    deficit: ZERO,
    fund: fundStart,
  };
  for (const acc of accs) {
    if (acc.a.positions.length === 0) continue;
    const m = hyperliquidAccountMarginKernel(acc.a, mkt);
    const value = m.crossAccountValue;
    const mm = m.crossMaintenanceMargin;
    if (!value.lt(mm)) continue;
    const method = value.lt(0)
      ? 'adl'
      : value.times(P.backstopDenominator).lt(mm.times(P.backstopNumerator))
        ? 'backstop'
        : 'market';
    out.liquidations.push({ id: acc.id, value, maintenanceMargin: mm, method });
    if (method === 'market') marketLiquidation(acc, r, cfg, mkt, books, out);
    else if (method === 'backstop') backstop(acc, books, out);
    else deleverage(acc, value, accs, mkt, books, out);
  }
  return out;
}
