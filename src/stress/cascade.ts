/**
 * Liquidation cascades: many accounts on one asset, a price path, liquidations in rounds, each liquidation sale
 * moving the price through a linear depth model, penalties to an insurance fund, bad debt drawn from it, and
 * auto-deleveraging (ADL) once it is empty. Liquidators act on an oracle that lags the market, may be stale, or
 * may jump. Every amount is an exact decimal ({@link Money}); prices are kept to 12 decimal places.
 *
 * The model, per round r = 0, 1, …:
 * 1. Exogenous move: the market price is multiplied by (1 + path[r]) (0 beyond the path).
 * 2. Oracle: the market price at the start of round r − latency (linear between rounds for a fractional latency),
 *    frozen over a stale window, multiplied by (1 + jump) in a jump round.
 * 3. Every live account is checked at the oracle price o: equity = collateral·o + cash − debt + size·(o − entry);
 *    requirement = (1 − LT)·collateral·o + mmf·|size|·o. Equity < requirement ⇒ liquidated, worst first.
 * 4. A liquidation closes the whole account: it sells collateral + size units (a short buys) at the market, price
 *    impact linear in notional, p' = p·(1 − Q·p/depth) (floored), executed at the average (p + p')/2. Proceeds
 *    settle the debt; a penalty of `penalty` × notional, capped at what is left, goes to the insurance fund; any
 *    rest returns to the account as cash. A negative net is bad debt: the fund covers it at once; what the fund
 *    cannot cover is, at the end of the round, charged by ADL pro rata to the unrealised profit of live positions
 *    at the round's closing price, closing each in proportion to what it gave up (no impact); any remainder is a
 *    protocol deficit.
 *
 * Conservation (exact, every round; `totals` carries the terms):
 * Σ collateral + collateral sold = Σ collateral₀; Σ size + size closed = Σ size₀;
 * Σ balance + fund − deficit = Σ balance₀ + fund₀ + proceeds (balance = cash − debt; proceeds include the P&L
 * realised by ADL closes);
 * fund = fund₀ + fees − covered; bad debt = covered + ADL + deficit.
 */
import { RiskInputError } from '../core/errors.js';
import { Money, toMoney } from '../core/money.js';
import type { MoneyInput } from '../core/money.js';
import { checkArray, checkNumber, checkObject, checkString, joinPath, optionalNumber } from '../core/validate.js';
import type { Scenario } from './scenario.js';
import { assetValue, validateScenario } from './scenario.js';

/** One account in a cascade. Lending-style: collateral (asset units) + debt (quote). Perp: cash margin + a perp. */
export interface CascadeAccount {
  /** Identifier carried into the results; default its index. */
  id?: string;
  /** Collateral held in units of the cascade's asset (≥ 0). */
  collateral?: MoneyInput;
  /** Quote-currency cash (margin) balance (≥ 0). */
  cash?: MoneyInput;
  /** Quote-currency debt (≥ 0). */
  debt?: MoneyInput;
  /** A linear perp on the asset: signed size in units (long > 0) and entry price (> 0). */
  perp?: { size: MoneyInput; entryPrice: MoneyInput };
}

/** Oracle behaviour. */
export interface CascadeOracle {
  /** Lag behind the market in rounds (may be fractional: linear between rounds); default 0. */
  latency?: number;
  /** Lag in seconds; with `roundSeconds` it is converted to rounds (latency = latencySeconds / roundSeconds). */
  latencySeconds?: number;
  /** Length of a round in seconds (needed with `latencySeconds`). */
  roundSeconds?: number;
  /** Rounds [from, to] (inclusive) during which the oracle is frozen at its value of round from − 1. */
  stale?: [number, number];
  /** Oracle jumps: in `round`, the oracle reads (1 + move) × its value. */
  jumps?: Array<{ round: number; move: number }>;
}

/** Parameters of {@link simulateLiquidationCascade}. */
export interface CascadeParams {
  /** Price of the asset before any move (quote per unit, > 0). */
  price: MoneyInput;
  /** Exogenous relative move per round (round r uses path[r]; each > −1). Default `[shock]`. */
  path?: number[];
  /** A single exogenous move in round 0 (used when `path` is absent); default 0. */
  shock?: number;
  /** Rounds simulated; default max(path length, 20). */
  rounds?: number;
  /** Liquidation threshold of the collateral, in (0, 1]: healthy while collateral·price·LT ≥ debt − cash. Default 0.8. */
  liquidationThreshold?: number;
  /** Maintenance margin fraction of perp notional, in [0, 1); default 0.05. */
  maintenanceMargin?: number;
  /** Liquidation penalty as a fraction of the liquidated notional, paid to the insurance fund; default 0.05. */
  penalty?: number;
  /**
   * Order-book depth: the quote notional that would move the price 100% (linear impact). Absent or null: no
   * price impact.
   */
  depth?: MoneyInput | null;
  /** Lowest price impact can reach, as a fraction of `price`; default 1e-6. */
  minPriceFraction?: number;
  /** Insurance fund at the start (quote, ≥ 0); default 0. */
  insuranceFund?: MoneyInput;
  /** Oracle lag, staleness and jumps. */
  oracle?: CascadeOracle;
  /** Auto-deleverage live profitable positions when the fund is exhausted; default true. */
  adl?: boolean;
  /**
   * A stress {@link Scenario} to run the cascade under, for the asset named `asset`: its move is the round-0 shock
   * (when neither `path` nor `shock` is given), its liquidity multiplier scales `depth`, and an oracle move that
   * differs from the market move becomes an oracle jump in round 0.
   */
  scenario?: Scenario;
  /** The asset's name in `scenario` (required with it). */
  asset?: string;
}

/** Running totals after a round; see the module's conservation identities. */
export interface CascadeTotals {
  collateral: Money;
  collateralSold: Money;
  size: Money;
  sizeClosed: Money;
  balance: Money;
  proceeds: Money;
  fees: Money;
  badDebt: Money;
  covered: Money;
  adl: Money;
  deficit: Money;
  fund: Money;
}

/** What happened in one round. */
export interface CascadeRound {
  round: number;
  /** Market price at the start of the round, after the exogenous move. */
  marketPrice: Money;
  /** Oracle price liquidators acted on. */
  oraclePrice: Money;
  /** Market price at the end of the round, after the liquidation sales' impact. */
  priceAfter: Money;
  /** Ids of the accounts liquidated this round. */
  accountsLiquidated: string[];
  /** Quote notional liquidated this round (Σ |units| × execution price). */
  liquidatedNotional: Money;
  /** Bad debt created this round. */
  badDebt: Money;
  /** Penalties paid to the fund this round. */
  fees: Money;
  /** Of this round's bad debt: covered by the fund, charged by ADL, left as deficit. */
  covered: Money;
  adl: Money;
  deficit: Money;
  /** Insurance fund at the end of the round. */
  insuranceFund: Money;
  /** Running totals (conservation terms) at the end of the round. */
  totals: CascadeTotals;
}

/** Result of {@link simulateLiquidationCascade}. */
export interface CascadeResult {
  rounds: CascadeRound[];
  /** Ids of every account liquidated, in order. */
  liquidated: string[];
  totalBadDebt: Money;
  totalLiquidatedNotional: Money;
  finalPrice: Money;
  insuranceFund: Money;
  deficit: Money;
  /** The accounts after the cascade (liquidated ones closed: no collateral, no perp, no debt). */
  accounts: Array<{ id: string; collateral: Money; cash: Money; debt: Money; size: Money; entryPrice: Money; liquidatedInRound: number | null }>;
}

interface Acc {
  id: string;
  c: Money; cash: Money; debt: Money; s: Money; e: Money;
  cf: number; bf: number; sf: number; ef: number;
  liq: number | null;
  idx: number;
}

const ZERO = new Money(0);
const PRICE_DP = 12;
const ADL_DP = 18;

function validateAccounts(value: unknown): Acc[] {
  const arr = checkArray(value, 'accounts', 1);
  return arr.map((a, i) => {
    const p = `accounts[${i}]`;
    const o = checkObject(a, p);
    const c = o.collateral === undefined ? ZERO : toMoney(o.collateral, joinPath(p, 'collateral'), { min: 'nonnegative' });
    const cash = o.cash === undefined ? ZERO : toMoney(o.cash, joinPath(p, 'cash'), { min: 'nonnegative' });
    const debt = o.debt === undefined ? ZERO : toMoney(o.debt, joinPath(p, 'debt'), { min: 'nonnegative' });
    let s = ZERO;
    let e = ZERO;
    if (o.perp !== undefined) {
      const pp = checkObject(o.perp, joinPath(p, 'perp'));
      s = toMoney(pp.size, joinPath(p, 'perp.size'));
      e = toMoney(pp.entryPrice, joinPath(p, 'perp.entryPrice'), { min: 'positive' });
    }
    const id = o.id === undefined ? String(i) : checkString(o.id, joinPath(p, 'id'));
    return { id, c, cash, debt, s, e, cf: c.toNumber(), bf: cash.minus(debt).toNumber(), sf: s.toNumber(), ef: e.toNumber(), liq: null, idx: i };
  });
}

/** Most rounds a cascade simulates (each round is O(accounts)). */
const MAX_ROUNDS = 100_000;

/**
 * Simulate a liquidation cascade (see the module comment for the model and the conservation identities).
 *
 * @example
 * ```ts
 * import { simulateLiquidationCascade } from 'riskcore/stress';
 * const res = simulateLiquidationCascade(
 *   [{ id: 'a', collateral: '10', debt: '700' }, { id: 'b', collateral: '10', debt: '760' }],
 *   { price: '100', shock: -0.1, liquidationThreshold: 0.8, penalty: 0.05, depth: '20000', rounds: 5 },
 * );
 * console.log(res.liquidated.join(',')); // 'b,a'
 * console.log(res.finalPrice.toNumber() < 90); // true
 * ```
 */
export function simulateLiquidationCascade(accounts: CascadeAccount[], params: CascadeParams): CascadeResult {
  const accs = validateAccounts(accounts);
  const po = checkObject(params, 'params');
  const p0 = toMoney(po.price, 'params.price', { min: 'positive' });
  const scen = po.scenario === undefined ? null : validateScenario(po.scenario, 'params.scenario');
  const asset = scen ? checkString(po.asset, 'params.asset') : '';
  const scenMove = scen ? assetValue(scen.moves, asset, 0) : 0;
  const path = po.path === undefined
    ? [optionalNumber(po.shock, 'params.shock', scenMove, { gt: -1 })]
    : checkArray(po.path, 'params.path', 1).map((x, i) => checkNumber(x, `params.path[${i}]`, { gt: -1 }));
  const R = optionalNumber(po.rounds, 'params.rounds', Math.max(path.length, 20), { ge: 1, le: MAX_ROUNDS, integer: true });
  const lt = optionalNumber(po.liquidationThreshold, 'params.liquidationThreshold', 0.8, { gt: 0, le: 1 });
  const mmf = optionalNumber(po.maintenanceMargin, 'params.maintenanceMargin', 0.05, { ge: 0, lt: 1 });
  const pen = optionalNumber(po.penalty, 'params.penalty', 0.05, { ge: 0, lt: 1 });
  let depth = po.depth === undefined || po.depth === null ? null : toMoney(po.depth, 'params.depth', { min: 'positive' });
  if (depth && scen) depth = depth.mul(String(assetValue(scen.liquidityMultipliers, asset, 1)));
  const minFrac = optionalNumber(po.minPriceFraction, 'params.minPriceFraction', 1e-6, { gt: 0, lt: 1 });
  let fund = po.insuranceFund === undefined ? ZERO : toMoney(po.insuranceFund, 'params.insuranceFund', { min: 'nonnegative' });
  const adlOn = po.adl === undefined ? true : po.adl === true || po.adl === false ? po.adl : (() => { throw new RiskInputError('params.adl', 'a boolean', po.adl); })();
  const oracle = po.oracle === undefined ? {} : checkObject(po.oracle, 'params.oracle');
  let latency = optionalNumber(oracle.latency, 'params.oracle.latency', 0, { ge: 0 });
  if (oracle.latencySeconds !== undefined) {
    const ls = checkNumber(oracle.latencySeconds, 'params.oracle.latencySeconds', { ge: 0 });
    const rs = checkNumber(oracle.roundSeconds, 'params.oracle.roundSeconds', { gt: 0 });
    latency = ls / rs;
  }
  let stale: [number, number] | null = null;
  if (oracle.stale !== undefined) {
    const st = checkArray(oracle.stale, 'params.oracle.stale', 2);
    const a = checkNumber(st[0], 'params.oracle.stale[0]', { ge: 0, integer: true });
    const b = checkNumber(st[1], 'params.oracle.stale[1]', { ge: a, integer: true });
    stale = [a, b];
  }
  const jumps = new Map<number, number>();
  if (oracle.jumps !== undefined) {
    checkArray(oracle.jumps, 'params.oracle.jumps').forEach((j, i) => {
      const jo = checkObject(j, `params.oracle.jumps[${i}]`);
      jumps.set(checkNumber(jo.round, `params.oracle.jumps[${i}].round`, { ge: 0, integer: true }), checkNumber(jo.move, `params.oracle.jumps[${i}].move`, { gt: -1 }));
    });
  }
  if (scen && scen.oracleMoves && !jumps.has(0)) {
    const om = assetValue(scen.oracleMoves, asset, scenMove);
    if (om !== scenMove) jumps.set(0, (1 + om) / (1 + scenMove) - 1);
  }

  const LT1 = new Money(1).minus(String(lt));
  const MMF = new Money(String(mmf));
  const PEN = new Money(String(pen));
  const floor = p0.mul(String(minFrac)).toDecimalPlaces(PRICE_DP);

  // running totals
  let collateral = ZERO;
  let size = ZERO;
  let balance = ZERO;
  for (const a of accs) {
    collateral = collateral.plus(a.c);
    size = size.plus(a.s);
    balance = balance.plus(a.cash.minus(a.debt));
  }
  let collateralSold = ZERO;
  let sizeClosed = ZERO;
  let proceeds = ZERO;
  let fees = ZERO;
  let badDebt = ZERO;
  let covered = ZERO;
  let adlTot = ZERO;
  let deficit = ZERO;

  const starts: Money[] = [p0]; // starts[k + 1] = market price at the start of round k; starts[0] = before any move
  let price = p0;
  let lastOracle = p0;
  const rounds: CascadeRound[] = [];
  const liquidated: string[] = [];
  const lt1f = LT1.toNumber();

  for (let r = 0; r < R; r++) {
    const mv = r < path.length ? path[r] : 0;
    if (mv !== 0) price = Money.max(floor, price.mul(new Money(1).plus(String(mv))).toDecimalPlaces(PRICE_DP));
    starts.push(price);
    const marketStart = price;
    // oracle
    let o: Money;
    if (stale && r >= stale[0] && r <= stale[1]) {
      o = lastOracle;
    } else {
      const idx = r + 1 - latency;
      if (idx <= 0) o = starts[0];
      else {
        const lo = Math.floor(idx);
        const w = idx - lo;
        o = w === 0 ? starts[lo] : starts[lo].plus(starts[lo + 1].minus(starts[lo]).mul(String(w))).toDecimalPlaces(PRICE_DP);
      }
      const j = jumps.get(r);
      if (j !== undefined) o = o.mul(new Money(1).plus(String(j))).toDecimalPlaces(PRICE_DP);
    }
    lastOracle = o;
    const of = o.toNumber();

    // who is liquidatable at the oracle (float screen, exact check near the boundary)
    const due: Array<{ a: Acc; slack: Money }> = [];
    for (const a of accs) {
      if (a.liq !== null) continue;
      const eqf = a.cf * of + a.bf + a.sf * (of - a.ef);
      const reqf = lt1f * a.cf * of + mmf * Math.abs(a.sf) * of;
      const scale = Math.abs(a.cf * of) + Math.abs(a.bf) + Math.abs(a.sf) * (of + a.ef);
      const slackf = eqf - reqf;
      if (slackf > 1e-9 * scale + 1e-12) continue;
      const eq = a.c.mul(o).plus(a.cash).minus(a.debt).plus(a.s.mul(o.minus(a.e)));
      const req = LT1.mul(a.c).mul(o).plus(MMF.mul(a.s.abs()).mul(o));
      const slack = eq.minus(req);
      if (slack.lt(0)) due.push({ a, slack });
    }
    due.sort((x, y) => x.slack.cmp(y.slack) || x.a.idx - y.a.idx);

    let rNotional = ZERO;
    let rBad = ZERO;
    let rFees = ZERO;
    let rCovered = ZERO;
    let rAdl = ZERO;
    let rDeficit = ZERO;
    let pendingAdl = ZERO;
    const rIds: string[] = [];
    for (const { a } of due) {
      const q = a.c.plus(a.s); // units sold (negative: bought)
      let pAfter = price;
      if (depth && !q.isZero()) {
        const rel = q.mul(price).div(depth);
        pAfter = Money.max(floor, price.mul(new Money(1).minus(rel)).toDecimalPlaces(PRICE_DP));
      }
      const pExec = price.plus(pAfter).div(2).toDecimalPlaces(PRICE_DP + 1);
      const notional = a.c.plus(a.s.abs()).mul(pExec);
      const P = a.c.mul(pExec).plus(a.s.mul(pExec.minus(a.e)));
      const net = a.cash.minus(a.debt).plus(P);
      proceeds = proceeds.plus(P);
      collateralSold = collateralSold.plus(a.c);
      sizeClosed = sizeClosed.plus(a.s);
      collateral = collateral.minus(a.c);
      size = size.minus(a.s);
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
      a.c = ZERO; a.s = ZERO; a.debt = ZERO; a.cash = cashAfter; a.cf = 0; a.sf = 0; a.bf = cashAfter.toNumber(); a.liq = r;
      rNotional = rNotional.plus(notional);
      rIds.push(a.id);
      liquidated.push(a.id);
      price = pAfter;
    }
    // bad debt the fund could not cover: ADL once at the end of the round, at its closing price
    if (pendingAdl.gt(0)) {
      let rest = pendingAdl;
      if (adlOn) {
        const { charged, realised, closed } = autoDeleverage(accs, price, rest);
        adlTot = adlTot.plus(charged);
        rAdl = rAdl.plus(charged);
        balance = balance.minus(charged).plus(realised);
        proceeds = proceeds.plus(realised);
        size = size.minus(closed);
        sizeClosed = sizeClosed.plus(closed);
        rest = rest.minus(charged);
      }
      deficit = deficit.plus(rest);
      rDeficit = rDeficit.plus(rest);
    }
    rounds.push({
      round: r, marketPrice: marketStart, oraclePrice: o, priceAfter: price, accountsLiquidated: rIds,
      liquidatedNotional: rNotional, badDebt: rBad, fees: rFees, covered: rCovered, adl: rAdl, deficit: rDeficit,
      insuranceFund: fund,
      totals: { collateral, collateralSold, size, sizeClosed, balance, proceeds, fees, badDebt, covered, adl: adlTot, deficit, fund },
    });
  }
  return {
    rounds,
    liquidated,
    totalBadDebt: badDebt,
    totalLiquidatedNotional: rounds.reduce((s, x) => s.plus(x.liquidatedNotional), ZERO),
    finalPrice: price,
    insuranceFund: fund,
    deficit,
    accounts: accs.map((a) => ({ id: a.id, collateral: a.c, cash: a.cash, debt: a.debt, size: a.s, entryPrice: a.e, liquidatedInRound: a.liq })),
  };
}

/**
 * Auto-deleverage: charge `amount` pro rata to the unrealised profit u = size·(p − entry) > 0 of live positions,
 * each charge x capped at u, allocated to 18 decimal places with the remainder on the largest profit so the
 * charges sum exactly. Each charged position is closed in proportion x / u at the price p (all of it when x = u;
 * the closed size rounded to 18 places toward zero): its realised P&L Δsize·(p − entry) is credited and the charge
 * debited, so it keeps the rest of its position and gives up the profit of the part closed.
 */
function autoDeleverage(accs: Acc[], p: Money, amount: Money): { charged: Money; realised: Money; closed: Money } {
  const winners: Array<{ a: Acc; u: Money }> = [];
  let U = ZERO;
  for (const a of accs) {
    if (a.liq !== null || a.sf === 0) continue;
    const up = p.cmp(a.e);
    if (up === 0 || (up > 0) !== (a.sf > 0)) continue;
    const u = a.s.mul(p.minus(a.e));
    if (u.gt(0)) {
      winners.push({ a, u });
      U = U.plus(u);
    }
  }
  let realised = ZERO;
  let closed = ZERO;
  if (winners.length === 0) return { charged: ZERO, realised, closed };
  const charge = (a: Acc, x: Money, u: Money) => {
    const ds = x.eq(u) ? a.s : a.s.mul(x).div(u).toDecimalPlaces(ADL_DP, Money.ROUND_DOWN);
    const pnl = ds.mul(p.minus(a.e));
    a.s = a.s.minus(ds);
    a.cash = a.cash.plus(pnl).minus(x);
    a.sf = a.s.toNumber();
    a.bf = a.cash.minus(a.debt).toNumber();
    realised = realised.plus(pnl);
    closed = closed.plus(ds);
  };
  if (U.lte(amount)) {
    for (const w of winners) charge(w.a, w.u, w.u);
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
  winners.forEach((w, i) => charge(w.a, parts[i], w.u));
  return { charged: amount, realised, closed };
}
