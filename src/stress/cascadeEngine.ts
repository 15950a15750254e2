/**
 * Internal: the round loop of {@link simulateLiquidationCascade} over one or more assets, on validated inputs
 * (src/stress/cascade.ts validates, maps the single- and multi-asset shapes onto this engine and documents the
 * model and its conservation identities). Not exported from riskcore/stress.
 *
 * Accounts hold dense per-asset arrays (index k = the k-th asset); the engine owns and mutates them.
 */
import { Money } from '../core/money.js';
import type { EngineAccount, EngineAsset, EngineConfig, EngineResult, EngineRound } from './cascadeEngineTypes.js';
import { clearlyHealthy } from './kernels/slackScreen.js';
import { autoDeleverage } from './cascadeAdl.js';
import { cascadeDecimal } from './cascadePrecision.js';
import { boundedPrice, executionPrice, impactedPrice, movedPrice, oraclePrice } from './cascadeMarket.js';

/**
 * Slack = equity − requirement of a live account at the oracle prices `o` when it is negative (liquidatable),
 * else null. A float screen skips accounts clearly healthy; the decision itself is exact.
 */
function negativeSlack(
  a: EngineAccount,
  assets: EngineAsset[],
  o: Money[],
  of: number[],
  mmf: number,
  MMF: Money,
): Money | null {
  if (clearlyHealthy(a, assets, of, mmf)) return null;
  const N = assets.length;
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
  // exact arithmetic: a precision that holds every sum and product of these inputs (src/stress/cascadePrecision.ts)
  const D = cascadeDecimal({ accounts: accs, assets: cfg.assets, fund: cfg.fund, penalty: cfg.penalty, mmf: cfg.mmf });
  const ZERO = new D(0);
  if (D !== Money) {
    for (const a of accs) {
      a.c = a.c.map((x) => new D(x));
      a.s = a.s.map((x) => new D(x));
      a.e = a.e.map((x) => new D(x));
      a.cash = new D(a.cash);
      a.debt = new D(a.debt);
    }
  }
  const A = cfg.assets.map((x) => ({
    ...x,
    p0: new D(x.p0),
    floor: new D(x.floor),
    cap: new D(x.cap),
    lt1: new D(x.lt1),
    depth: x.depth && new D(x.depth),
  }));
  const N = A.length;
  const MMF = new D(String(cfg.mmf));
  const PEN = new D(String(cfg.penalty));
  let fund = new D(cfg.fund);
  let priceCapped = false;
  /** A price kept within [floor, cap] of asset k; reaching the cap is recorded (saturation). */
  const bounded = (k: number, p: Money): Money => {
    const b = boundedPrice(A[k], p);
    if (b.capped) priceCapped = true;
    return b.price;
  };
  let totalNotional = ZERO;

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
      if (mv !== 0) price[k] = bounded(k, movedPrice(price[k], mv));
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
        if (depth && !q.isZero()) pAfter = bounded(k, impactedPrice(price[k], q, depth));
        const pExec = executionPrice(price[k], pAfter);
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
        const fee = D.min(net, PEN.mul(notional));
        fund = fund.plus(fee);
        fees = fees.plus(fee);
        rFees = rFees.plus(fee);
        cashAfter = net.minus(fee);
      } else {
        const bad = net.neg();
        badDebt = badDebt.plus(bad);
        rBad = rBad.plus(bad);
        const cov = D.min(fund, bad);
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
      totalNotional = totalNotional.plus(notional);
      rIds.push(a.id);
      liquidated.push(a.id);
    }
    // bad debt the fund could not cover: ADL once at the end of the round, at each asset's closing price
    if (pendingAdl.gt(0)) {
      let rest = pendingAdl;
      if (cfg.adl) {
        const { charged, realised, closed } = autoDeleverage(accs, price, rest, ZERO);
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
      assets: A.map((_, k) => ({
        marketPrice: marketStart[k],
        oraclePrice: o[k],
        priceAfter: price[k],
        liquidatedNotional: rAssetNotional[k],
      })),
      accountsLiquidated: rIds,
      liquidatedNotional: rNotional,
      badDebt: rBad,
      fees: rFees,
      covered: rCovered,
      adl: rAdl,
      deficit: rDeficit,
      insuranceFund: fund,
      assetTotals: A.map((_, k) => ({
        collateral: col[k],
        collateralSold: colSold[k],
        size: size[k],
        sizeClosed: sizeClosed[k],
      })),
      totals: { balance, proceeds, fees, badDebt, covered, adl: adlTot, deficit, fund },
    });
  }
  return {
    rounds,
    liquidated,
    totalBadDebt: badDebt,
    finalPrices: price.slice(),
    insuranceFund: fund,
    deficit,
    totalLiquidatedNotional: totalNotional,
    priceCapped,
  };
}
