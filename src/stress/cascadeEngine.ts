/**
 * Internal: the round loop of {@link simulateLiquidationCascade} over one or more assets, on validated inputs
 * (src/stress/cascade.ts validates, maps the single- and multi-asset shapes onto this engine and documents the
 * model and its conservation identities). Not exported from riskcore/stress.
 *
 * Accounts hold dense per-asset arrays (index k = the k-th asset); the engine owns and mutates them.
 */
import { Money } from '../core/money.js';
import type { CascadeAssetRound, CascadeAssetTotals, CascadeMoneyTotals, CascadeRoundMoney } from './cascade.js';

/** One asset's validated market: exogenous path, book depth, price floor, liquidation threshold, oracle. */
export interface EngineAsset {
  name: string;
  /** Price before any move. */
  p0: Money;
  /** Exogenous relative move per round (0 beyond it). */
  path: number[];
  /** Quote notional that moves the price 100%; null: no impact. */
  depth: Money | null;
  /** Lowest price impact or moves can reach (12 dp). */
  floor: Money;
  /** 1 − liquidation threshold, exact and as a float (for the screen). */
  lt1: Money;
  lt1f: number;
  /** Oracle lag in rounds (fractional: linear between rounds). */
  latency: number;
  /** Rounds [from, to] during which the oracle is frozen at its previous value. */
  stale: [number, number] | null;
  /** Round → oracle jump move. */
  jumps: Map<number, number>;
}

/** An account as the engine holds it: per-asset collateral c, perp size s and entry e (0 when none). */
export interface EngineAccount {
  id: string;
  idx: number;
  c: Money[];
  s: Money[];
  e: Money[];
  cash: Money;
  debt: Money;
  /** Float copies for the screen: c, s, e per asset and cash − debt. */
  cf: number[];
  sf: number[];
  ef: number[];
  bf: number;
  liq: number | null;
}

export interface EngineConfig {
  assets: EngineAsset[];
  rounds: number;
  mmf: number;
  penalty: number;
  fund: Money;
  adl: boolean;
}

/** One round: the money side as the public round, per-asset prices and running unit totals in asset order. */
export interface EngineRound extends CascadeRoundMoney {
  assets: CascadeAssetRound[];
  assetTotals: CascadeAssetTotals[];
  totals: CascadeMoneyTotals;
}

export interface EngineResult {
  rounds: EngineRound[];
  liquidated: string[];
  totalBadDebt: Money;
  finalPrices: Money[];
  insuranceFund: Money;
  deficit: Money;
}

const ZERO = new Money(0);
const ONE = new Money(1);
const PRICE_DP = 12;
const ADL_DP = 18;

/**
 * The oracle of asset `A` in round r: the market price at the start of round r − latency (`starts[k + 1]` is the
 * start of round k, `starts[0]` the price before any move; linear between rounds), frozen over the stale window,
 * times (1 + jump) in a jump round.
 */
function oraclePrice(A: EngineAsset, starts: Money[], r: number, last: Money): Money {
  if (A.stale && r >= A.stale[0] && r <= A.stale[1]) return last;
  let o: Money;
  const idx = r + 1 - A.latency;
  if (idx <= 0) o = starts[0];
  else {
    const lo = Math.floor(idx);
    const w = idx - lo;
    o = w === 0 ? starts[lo] : starts[lo].plus(starts[lo + 1].minus(starts[lo]).mul(String(w))).toDecimalPlaces(PRICE_DP);
  }
  const j = A.jumps.get(r);
  if (j !== undefined) o = o.mul(ONE.plus(String(j))).toDecimalPlaces(PRICE_DP);
  return o;
}

/**
 * Slack = equity − requirement of a live account at the oracle prices `o` when it is negative (liquidatable),
 * else null. A float screen skips accounts clearly healthy; the decision itself is exact.
 */
function negativeSlack(a: EngineAccount, assets: EngineAsset[], o: Money[], of: number[], mmf: number, MMF: Money): Money | null {
  const N = assets.length;
  let eqf: number;
  let reqf: number;
  let scale: number;
  if (N === 1) {
    const cf = a.cf[0];
    const sf = a.sf[0];
    const o0 = of[0];
    eqf = cf * o0 + a.bf + sf * (o0 - a.ef[0]);
    reqf = assets[0].lt1f * cf * o0 + mmf * Math.abs(sf) * o0;
    scale = Math.abs(cf * o0) + Math.abs(a.bf) + Math.abs(sf) * (o0 + a.ef[0]);
  } else {
    eqf = a.bf;
    reqf = 0;
    scale = Math.abs(a.bf);
    for (let k = 0; k < N; k++) {
      const cf = a.cf[k];
      const sf = a.sf[k];
      if (cf === 0 && sf === 0) continue;
      const ok = of[k];
      eqf += cf * ok + sf * (ok - a.ef[k]);
      reqf += assets[k].lt1f * cf * ok + mmf * Math.abs(sf) * ok;
      scale += Math.abs(cf * ok) + Math.abs(sf) * (ok + a.ef[k]);
    }
  }
  if (eqf - reqf > 1e-9 * scale + 1e-12) return null; // (one asset: the same float expressions as before)
  // exact: equity = Σ c·o + cash − debt + Σ s·(o − e); requirement = Σ (1 − LT)·c·o + mmf·Σ |s|·o
  let col = a.c[0].mul(o[0]);
  for (let k = 1; k < N; k++) if (!a.c[k].isZero()) col = col.plus(a.c[k].mul(o[k]));
  let eq = col.plus(a.cash).minus(a.debt);
  for (let k = 0; k < N; k++) if (!a.s[k].isZero() || N === 1) eq = eq.plus(a.s[k].mul(o[k].minus(a.e[k])));
  let reqC = assets[0].lt1.mul(a.c[0]).mul(o[0]);
  for (let k = 1; k < N; k++) if (!a.c[k].isZero()) reqC = reqC.plus(assets[k].lt1.mul(a.c[k]).mul(o[k]));
  let reqS = MMF.mul(a.s[0].abs()).mul(o[0]);
  for (let k = 1; k < N; k++) if (!a.s[k].isZero()) reqS = reqS.plus(MMF.mul(a.s[k].abs()).mul(o[k]));
  const slack = eq.minus(reqC.plus(reqS));
  return slack.lt(0) ? slack : null;
}

/** Run the cascade; mutates `accs` (the engine's own copies) into their final state. */
export function runCascade(accs: EngineAccount[], cfg: EngineConfig): EngineResult {
  const A = cfg.assets;
  const N = A.length;
  const MMF = new Money(String(cfg.mmf));
  const PEN = new Money(String(cfg.penalty));
  let fund = cfg.fund;

  // running totals
  const col = A.map(() => ZERO);
  const size = A.map(() => ZERO);
  const colSold = A.map(() => ZERO);
  const sizeClosed = A.map(() => ZERO);
  let balance = ZERO;
  for (const a of accs) {
    for (let k = 0; k < N; k++) {
      col[k] = col[k].plus(a.c[k]);
      size[k] = size[k].plus(a.s[k]);
    }
    balance = balance.plus(a.cash.minus(a.debt));
  }
  let proceeds = ZERO;
  let fees = ZERO;
  let badDebt = ZERO;
  let covered = ZERO;
  let adlTot = ZERO;
  let deficit = ZERO;

  const starts = A.map((x) => [x.p0]);
  const price = A.map((x) => x.p0);
  const lastOracle = A.map((x) => x.p0);
  const rounds: EngineRound[] = [];
  const liquidated: string[] = [];

  for (let r = 0; r < cfg.rounds; r++) {
    const marketStart: Money[] = [];
    const o: Money[] = [];
    const of: number[] = [];
    for (let k = 0; k < N; k++) {
      const mv = r < A[k].path.length ? A[k].path[r] : 0;
      if (mv !== 0) price[k] = Money.max(A[k].floor, price[k].mul(ONE.plus(String(mv))).toDecimalPlaces(PRICE_DP));
      starts[k].push(price[k]);
      marketStart.push(price[k]);
      lastOracle[k] = oraclePrice(A[k], starts[k], r, lastOracle[k]);
      o.push(lastOracle[k]);
      of.push(lastOracle[k].toNumber());
    }

    const due: Array<{ a: EngineAccount; slack: Money }> = [];
    for (const a of accs) {
      if (a.liq !== null) continue;
      const slack = negativeSlack(a, A, o, of, cfg.mmf, MMF);
      if (slack) due.push({ a, slack });
    }
    // worst first: most negative equity − requirement (quote), ties by input order
    due.sort((x, y) => x.slack.cmp(y.slack) || x.a.idx - y.a.idx);

    const rAssetNotional = A.map(() => ZERO);
    let rNotional = ZERO;
    let rBad = ZERO;
    let rFees = ZERO;
    let rCovered = ZERO;
    let rAdl = ZERO;
    let rDeficit = ZERO;
    let pendingAdl = ZERO;
    const rIds: string[] = [];
    for (const { a } of due) {
      // close every asset of the account in its own book, in asset order, each sale moving that book's price
      let notional = ZERO;
      let P = ZERO;
      for (let k = 0; k < N; k++) {
        const c = a.c[k];
        const s = a.s[k];
        if (c.isZero() && s.isZero()) continue;
        const q = c.plus(s); // units sold (negative: bought)
        const depth = A[k].depth;
        let pAfter = price[k];
        if (depth && !q.isZero()) {
          const rel = q.mul(price[k]).div(depth);
          pAfter = Money.max(A[k].floor, price[k].mul(ONE.minus(rel)).toDecimalPlaces(PRICE_DP));
        }
        const pExec = price[k].plus(pAfter).div(2).toDecimalPlaces(PRICE_DP + 1);
        const nk = c.plus(s.abs()).mul(pExec);
        notional = notional.plus(nk);
        rAssetNotional[k] = rAssetNotional[k].plus(nk);
        P = P.plus(c.mul(pExec).plus(s.mul(pExec.minus(a.e[k]))));
        colSold[k] = colSold[k].plus(c);
        sizeClosed[k] = sizeClosed[k].plus(s);
        col[k] = col[k].minus(c);
        size[k] = size[k].minus(s);
        price[k] = pAfter;
        a.c[k] = ZERO;
        a.s[k] = ZERO;
        a.cf[k] = 0;
        a.sf[k] = 0;
      }
      const net = a.cash.minus(a.debt).plus(P);
      proceeds = proceeds.plus(P);
      const balBefore = a.cash.minus(a.debt);
      let cashAfter: Money;
      if (net.gte(0)) {
        const fee = Money.min(net, PEN.mul(notional));
        fund = fund.plus(fee);
        fees = fees.plus(fee);
        rFees = rFees.plus(fee);
        cashAfter = net.minus(fee);
      } else {
        const bad = net.neg();
        badDebt = badDebt.plus(bad);
        rBad = rBad.plus(bad);
        const cov = Money.min(fund, bad);
        fund = fund.minus(cov);
        covered = covered.plus(cov);
        rCovered = rCovered.plus(cov);
        pendingAdl = pendingAdl.plus(bad.minus(cov));
        cashAfter = ZERO;
      }
      balance = balance.minus(balBefore).plus(cashAfter);
      a.debt = ZERO;
      a.cash = cashAfter;
      a.bf = cashAfter.toNumber();
      a.liq = r;
      rNotional = rNotional.plus(notional);
      rIds.push(a.id);
      liquidated.push(a.id);
    }
    // bad debt the fund could not cover: ADL once at the end of the round, at each asset's closing price
    if (pendingAdl.gt(0)) {
      let rest = pendingAdl;
      if (cfg.adl) {
        const { charged, realised, closed } = autoDeleverage(accs, price, rest);
        adlTot = adlTot.plus(charged);
        rAdl = rAdl.plus(charged);
        balance = balance.minus(charged).plus(realised);
        proceeds = proceeds.plus(realised);
        for (let k = 0; k < N; k++) {
          size[k] = size[k].minus(closed[k]);
          sizeClosed[k] = sizeClosed[k].plus(closed[k]);
        }
        rest = rest.minus(charged);
      }
      deficit = deficit.plus(rest);
      rDeficit = rDeficit.plus(rest);
    }
    rounds.push({
      round: r,
      assets: A.map((_, k) => ({ marketPrice: marketStart[k], oraclePrice: o[k], priceAfter: price[k], liquidatedNotional: rAssetNotional[k] })),
      accountsLiquidated: rIds,
      liquidatedNotional: rNotional, badDebt: rBad, fees: rFees, covered: rCovered, adl: rAdl, deficit: rDeficit,
      insuranceFund: fund,
      assetTotals: A.map((_, k) => ({ collateral: col[k], collateralSold: colSold[k], size: size[k], sizeClosed: sizeClosed[k] })),
      totals: { balance, proceeds, fees, badDebt, covered, adl: adlTot, deficit, fund },
    });
  }
  return { rounds, liquidated, totalBadDebt: badDebt, finalPrices: price.slice(), insuranceFund: fund, deficit };
}

/**
 * Auto-deleverage: charge `amount` pro rata to the unrealised profit u = size·(p − entry) > 0 of every live perp
 * position (an account with profitable perps on several assets has one position per asset, each at its asset's
 * price p), each charge x capped at u, allocated to 18 decimal places with the remainder on the largest profit
 * (the first such in account, then asset order) so the charges sum exactly. Each charged position is closed in
 * proportion x / u at p (all of it when x = u; the closed size rounded to 18 places toward zero): its realised P&L
 * Δsize·(p − entry) is credited and the charge debited, so it keeps the rest of its position and gives up the
 * profit of the part closed. Returns the size closed per asset.
 */
function autoDeleverage(accs: EngineAccount[], prices: Money[], amount: Money): { charged: Money; realised: Money; closed: Money[] } {
  const N = prices.length;
  const winners: Array<{ a: EngineAccount; k: number; u: Money }> = [];
  let U = ZERO;
  for (const a of accs) {
    if (a.liq !== null) continue;
    for (let k = 0; k < N; k++) {
      if (a.sf[k] === 0) continue;
      const p = prices[k];
      const up = p.cmp(a.e[k]);
      if (up === 0 || (up > 0) !== (a.sf[k] > 0)) continue;
      const u = a.s[k].mul(p.minus(a.e[k]));
      if (u.gt(0)) {
        winners.push({ a, k, u });
        U = U.plus(u);
      }
    }
  }
  let realised = ZERO;
  const closed = prices.map(() => ZERO);
  if (winners.length === 0) return { charged: ZERO, realised, closed };
  const charge = (a: EngineAccount, k: number, x: Money, u: Money) => {
    const p = prices[k];
    const ds = x.eq(u) ? a.s[k] : a.s[k].mul(x).div(u).toDecimalPlaces(ADL_DP, Money.ROUND_DOWN);
    const pnl = ds.mul(p.minus(a.e[k]));
    a.s[k] = a.s[k].minus(ds);
    a.cash = a.cash.plus(pnl).minus(x);
    a.sf[k] = a.s[k].toNumber();
    a.bf = a.cash.minus(a.debt).toNumber();
    realised = realised.plus(pnl);
    closed[k] = closed[k].plus(ds);
  };
  if (U.lte(amount)) {
    for (const w of winners) charge(w.a, w.k, w.u, w.u);
    return { charged: U, realised, closed };
  }
  let big = 0;
  for (let i = 1; i < winners.length; i++) if (winners[i].u.gt(winners[big].u)) big = i;
  let given = ZERO;
  const parts = winners.map((w, i) => {
    if (i === big) return ZERO;
    const x = amount.mul(w.u).div(U).toDecimalPlaces(ADL_DP, Money.ROUND_DOWN);
    given = given.plus(x);
    return x;
  });
  parts[big] = amount.minus(given);
  winners.forEach((w, i) => charge(w.a, w.k, parts[i], w.u));
  return { charged: amount, realised, closed };
}
