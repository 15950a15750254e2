/**
 * Reports built on the margin engine: the liquidation price of one underlying, the capital-efficiency comparison of
 * margin methods, and net exposures (Greeks) per underlying.
 */
import { RiskInputError } from '../core/errors.js';
import type { Market } from '../core/model.js';
import { validateMarket } from '../core/model.js';
import { Money } from '../core/money.js';
import { checkNumber, checkObject, checkString } from '../core/validate.js';
import { positionGreeksInto } from '../greeks/valuation.js';
import type { Account, MarginUnit } from './account.js';
import { validateAccount } from './account.js';
import { deltaOneUnits, fixEntry, prepareValidated } from './engine.js';
import type { MarginContext } from './engine.js';
import type { AccountMarginOptions, MarginMethod } from './margin.js';
import { accountMargin, contextOf, poolCollateral, poolPositions, unitFigures } from './margin.js';
import type { MarginParams } from './params.js';

/** Result of {@link liquidationPrice}. */
export interface LiquidationPriceResult {
  underlying: string;
  /** The pool searched (`'cross'` or an isolated pool's key). */
  unit: string;
  price: number;
  /** `'ok'`: equity ≥ maintenance now; `'liquidatable'`: already below maintenance (no prices are searched). */
  status: 'ok' | 'liquidatable';
  /** Highest price below the current one at which equity = maintenance margin; `null` when none in (price·minFactor, price). */
  below: number | null;
  /** Lowest price above the current one at which equity = maintenance; `null` when none in (price, price·maxFactor). */
  above: number | null;
  /** Relative distances (below/price − 1, above/price − 1), `null` with the prices. */
  distanceBelow: number | null;
  distanceAbove: number | null;
}

/** Brent's method on [a, b] with f(a)·f(b) < 0. */
function brent(f: (x: number) => number, a: number, b: number, fa: number, fb: number, tol: number): number {
  let c = a, fc = fa, d = b - a, e = d;
  for (let it = 0; it < 200; it++) {
    if (fb * fc > 0) {
      c = a; fc = fa; d = b - a; e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b; b = c; c = a; fa = fb; fb = fc; fc = fa;
    }
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number, q: number;
      if (a === c) {
        p = 2 * xm * s; q = 1 - s;
      } else {
        const qq = fa / fc, r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d; d = p / q;
      } else {
        d = xm; e = d;
      }
    } else {
      d = xm; e = d;
    }
    a = b; fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = f(b);
  }
  return b;
}

/**
 * The price of `underlying` at which a pool's equity falls to its maintenance margin, every other price fixed
 * (perp marks move in proportion; entry prices stay at the current market; collateral in the asset is revalued).
 * Full revaluation under the chosen method; the search scans geometrically from the current price outwards to
 * `minFactor`/`maxFactor` × price for the first sign change of equity − maintenance, then Brent's method to a
 * relative 1e-10. Returns `null` on a side with no crossing (e.g. a fully collateralised hedge).
 *
 * @example
 * ```ts
 * import { liquidationPrice } from 'riskcore/netting';
 * const market = { assets: { BTC: { price: 60000 } } };
 * const acct = { collateral: [{ asset: 'USDC', amount: '6000' }], positions: [{ kind: 'perp', underlying: 'BTC', quantity: 1 }] };
 * // long 1 BTC perp on 6,000 USDC (cross): 6000 + (P − 60000) = 200 + (P − 50000)·0.5% → 0.995·P = 53,950
 * const r = liquidationPrice(acct, market, 'BTC', undefined, { method: 'cross' });
 * console.log(Math.round(r.below ?? 0)); // 54221
 * console.log(r.above); // null
 * ```
 */
export function liquidationPrice(
  account: Account,
  marketOrCtx: Market | MarginContext,
  underlying: string,
  params?: MarginParams,
  opts: AccountMarginOptions & { unit?: string; minFactor?: number; maxFactor?: number } = {},
): LiquidationPriceResult {
  const ctx = contextOf(marketOrCtx, params);
  const u = checkString(underlying, 'underlying');
  const base = ctx.market.assets[u];
  if (!base) throw new RiskInputError('underlying', `an asset present in market.assets (${Object.keys(ctx.market.assets).join(', ')})`, u);
  checkObject(opts, 'options');
  const minF = checkNumber(opts.minFactor ?? 1e-3, 'options.minFactor', { gt: 0, lt: 1 });
  const maxF = checkNumber(opts.maxFactor ?? 100, 'options.maxFactor', { gt: 1, le: 1e6 });
  const method: MarginMethod = opts.method ?? 'portfolio';
  const acc = validateAccount(account, 'account', ctx.market);
  const key = opts.unit ?? 'cross';
  const unit = acc.units.find((x) => x.key === key);
  if (!unit) throw new RiskInputError('options.unit', `the key of a pool of the account (${acc.units.map((x) => x.key).join(', ')})`, key);
  const positions = unit.positions.map((vp) => fixEntry(vp.position, ctx.market));
  const surplus = (factor: number): number => {
    const a = { ...base, price: base.price * factor, ...(base.mark !== undefined ? { mark: base.mark * factor } : {}) };
    const m: Market = { ...ctx.market, assets: { ...ctx.market.assets, [u]: a } };
    const c = factor === 1 ? ctx : prepareValidated(m, ctx.params);
    const f = unitFigures(c, positions, method);
    return poolCollateral(c, unit.collateral, opts.collateralValuer).toNumber() + f.positionsValue - f.mm;
  };
  const s0 = surplus(1);
  const out: LiquidationPriceResult = { underlying: u, unit: key, price: base.price, status: s0 < 0 ? 'liquidatable' : 'ok', below: null, above: null, distanceBelow: null, distanceAbove: null };
  if (s0 < 0) return out;
  const search = (limit: number): number | null => {
    const steps = 400;
    const ratio = Math.pow(limit, 1 / steps);
    let x0 = 1, f0 = s0;
    for (let i = 1; i <= steps; i++) {
      const x1 = i === steps ? limit : Math.pow(ratio, i);
      const f1 = surplus(x1);
      if (f1 < 0) return brent(surplus, x0, x1, f0, f1, 1e-10 * x1);
      x0 = x1; f0 = f1;
    }
    return null;
  };
  const lo = search(minF);
  const hi = search(maxF);
  if (lo !== null) { out.below = lo * base.price; out.distanceBelow = lo - 1; }
  if (hi !== null) { out.above = hi * base.price; out.distanceAbove = hi - 1; }
  return out;
}

/** Result of {@link capitalEfficiency} (money exact, ratios floats). */
export interface CapitalEfficiencyReport {
  /** Σ |delta-one notional| + Σ |option quantity|·S over every pool. */
  grossNotional: Money;
  equity: Money;
  /** Initial margin by method. */
  standard: Money;
  cross: Money;
  portfolio: Money;
  /** standard − portfolio, and as a fraction of standard (0 when standard is 0). */
  nettingBenefit: Money;
  nettingBenefitPct: number;
  /** equity − the lowest of the three margins: collateral margin does not need. */
  idleCollateral: Money;
  /** grossNotional / equity (`null` when equity ≤ 0). */
  effectiveLeverage: number | null;
}

/**
 * Capital efficiency: gross notional, initial margin under standard (isolated, position by position), cross and
 * portfolio methods, the netting benefit in money and percent, idle collateral and effective leverage.
 *
 * @example
 * ```ts
 * import { capitalEfficiency } from 'riskcore/netting';
 * const market = { assets: { BTC: { price: 60000, vol: 0.6 } } };
 * const acct = { collateral: [{ asset: 'USDC', amount: 10000 }], positions: [{ kind: 'spot', underlying: 'BTC', quantity: 1 }, { kind: 'perp', underlying: 'BTC', quantity: -1 }] };
 * const r = capitalEfficiency(acct, market);
 * console.log(r.grossNotional.toNumber(), r.standard.toNumber(), r.portfolio.toNumber(), r.nettingBenefitPct); // '120000 1200 0 1'
 * ```
 */
export function capitalEfficiency(account: Account, marketOrCtx: Market | MarginContext, params?: MarginParams, opts: Omit<AccountMarginOptions, 'method'> = {}): CapitalEfficiencyReport {
  const ctx = contextOf(marketOrCtx, params);
  const acc = validateAccount(account, 'account', ctx.market);
  const by = (method: MarginMethod) => accountMargin(acc, ctx, undefined, { ...opts, method });
  const st = by('standard');
  const cr = by('cross');
  const pm = by('portfolio');
  let gross = 0;
  for (const unit of acc.units) {
    for (const p of poolPositions(ctx, unit)) {
      const s = ctx.market.assets[p.underlying].price;
      gross += p.kind === 'option' ? Math.abs(p.quantity) * s : Math.abs(deltaOneUnits(p, ctx.market)) * s;
    }
  }
  const best = Money.min(st.initialMargin, cr.initialMargin, pm.initialMargin);
  const benefit = st.initialMargin.minus(pm.initialMargin);
  const eq = pm.equity.toNumber();
  return {
    grossNotional: new Money(gross),
    equity: pm.equity,
    standard: st.initialMargin,
    cross: cr.initialMargin,
    portfolio: pm.initialMargin,
    nettingBenefit: benefit,
    nettingBenefitPct: st.initialMargin.isZero() ? 0 : benefit.div(st.initialMargin).toNumber(),
    idleCollateral: pm.equity.minus(best),
    effectiveLeverage: eq > 0 ? gross / eq : null,
  };
}

/** Net exposures of one underlying (quote currency; Greeks per unit move of spot, per the greeks conventions). */
export interface Exposure {
  underlying: string;
  /** Net delta-one units (spot, perps, futures; coins). */
  netQuantity: number;
  delta: number;
  cashDelta: number;
  gamma: number;
  vega: number;
  theta: number;
}

/** Result of {@link netExposures}: the cross pool netted per underlying, and each isolated pool apart. */
export interface NetExposures {
  cross: Exposure[];
  isolated: Array<{ unit: string; exposures: Exposure[] }>;
}

function exposuresOf(unit: MarginUnit, m: Market): Exposure[] {
  const out = new Map<string, Exposure>();
  const g = new Float64Array(11);
  for (const vp of unit.positions) {
    const p = fixEntry(vp.position, m);
    let e = out.get(p.underlying);
    if (!e) out.set(p.underlying, (e = { underlying: p.underlying, netQuantity: 0, delta: 0, cashDelta: 0, gamma: 0, vega: 0, theta: 0 }));
    positionGreeksInto(p, m, g);
    e.netQuantity += deltaOneUnits(p, m);
    e.delta += g[1];
    e.gamma += g[2];
    e.vega += g[3];
    e.theta += g[4];
    e.cashDelta += g[9];
  }
  return [...out.values()];
}

/**
 * Net exposures per underlying: net delta-one quantity, delta, cash delta (delta·S), gamma, vega (per 1.00 vol)
 * and theta (per year) across every cross position and sub-account; isolated pools reported apart.
 *
 * @example
 * ```ts
 * import { netExposures } from 'riskcore/netting';
 * const market = { assets: { BTC: { price: 60000, vol: 0.6 } } };
 * const acct = { positions: [{ kind: 'perp', underlying: 'BTC', quantity: 2 }], subAccounts: [{ positions: [{ kind: 'spot', underlying: 'BTC', quantity: -0.5 }] }] };
 * console.log(netExposures(acct, market).cross[0].cashDelta); // 90000
 * ```
 */
export function netExposures(account: Account, market: Market): NetExposures {
  const m = validateMarket(market, 'market');
  const acc = validateAccount(account, 'account', m);
  const cross = acc.units.find((u) => u.mode === 'cross') as MarginUnit;
  return {
    cross: exposuresOf(cross, m),
    isolated: acc.units.filter((u) => u.mode === 'isolated').map((u) => ({ unit: u.key, exposures: exposuresOf(u, m) })),
  };
}
