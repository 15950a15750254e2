/**
 * Account margin: equity, initial and maintenance margin, free collateral and liquidation status under three
 * methods, each pool (cross, isolated sub-account, isolated position) margined alone:
 * - `'standard'`: position by position, no offsets (size tiers per position; Deribit's option formula);
 * - `'cross'`: delta-one positions netted per underlying before the tiers apply; options as standard;
 * - `'portfolio'`: full revaluation on the scenario grid per underlying (worst weighted loss = scan risk), at least
 *   the short-option minimum, plus contingencies; combined across underlyings by sum or correlation with a floor.
 *
 * Money (collateral, equity, margins) is exact decimal ({@link Money}) in the result; risk math is in floats.
 */
import { RiskInputError } from '../core/errors.js';
import type { Market, OptionPosition, Position } from '../core/model.js';
import { Money } from '../core/money.js';
import { checkObject } from '../core/validate.js';
import type { Account, CollateralHolding, MarginUnit, ValidAccount, ValidCollateral } from './account.js';
import { validateAccount } from './account.js';
import type { MarginContext } from './engine.js';
import { deltaOneUnits, fixEntry, instrumentEntry, linearStandardMargin, optionStandardMargin, prepareMargin } from './engine.js';
import type { InstrumentEntry } from './engine.js';
import type { MarginParams } from './params.js';
import { assetParams, tierFigures } from './params.js';

/** Margin method. */
export type MarginMethod = 'standard' | 'cross' | 'portfolio';

/** Prices handed to a collateral valuer: exact decimals per asset. */
export type CollateralPrices = Record<string, Money>;

/**
 * A collateral valuer: exact value of a pool's holdings. Plug in `riskcore/haircuts`:
 * `(h, p) => collateralValue(h, p, fixedHaircut({ ETH: 0.1 })).value`.
 */
export type CollateralValuer = (holdings: CollateralHolding[], prices: CollateralPrices) => Money | { value: Money };

/** Options of {@link accountMargin}. */
export interface AccountMarginOptions {
  /** Default `'portfolio'`. */
  method?: MarginMethod;
  /** Values collateral instead of `amount × price × (1 − params.haircuts[asset])`. */
  collateralValuer?: CollateralValuer;
}

/** Portfolio-margin breakdown of one underlying in one pool (floats in quote currency). */
export interface UnderlyingMargin {
  underlying: string;
  initialMargin: Money;
  maintenanceMargin: Money;
  /** Net delta-one units (coins) across spot, perps and futures. */
  netDeltaOne: number;
  /** Worst weighted scenario loss (portfolio method; 0 otherwise). */
  scanLoss: number;
  /** Label of the scenario that set the scan loss (`null` when no scenario loses). */
  worstScenario: string | null;
  /** Short-option minimum (portfolio). */
  shortOptionMinimum: number;
  /** Option and futures contingencies (portfolio). */
  optionContingency: number;
  futuresContingency: number;
  /** Which term set the portfolio requirement before contingencies: `'scan'` or `'shortOptionMinimum'`. */
  bound: 'scan' | 'shortOptionMinimum' | 'standard';
}

/** One scenario's P&L in the cross pool (portfolio method). */
export interface ScenarioResult {
  label: string;
  weight: number;
  /** Unweighted P&L summed across underlyings (profit positive). */
  pnl: number;
  byUnderlying: Record<string, number>;
}

/** One margin pool's figures. */
export interface UnitMargin {
  key: string;
  mode: 'cross' | 'isolated';
  equity: Money;
  collateralValue: Money;
  positionsValue: Money;
  initialMargin: Money;
  maintenanceMargin: Money;
  liquidatable: boolean;
}

/** Result of {@link accountMargin}. */
export interface AccountMarginResult {
  method: MarginMethod;
  /** Collateral value (after haircuts) + the value of every position (unrealised P&L, option values), all pools. */
  equity: Money;
  initialMargin: Money;
  maintenanceMargin: Money;
  /** equity − initialMargin (may be negative). */
  freeCollateral: Money;
  /** maintenanceMargin / equity; `null` when equity ≤ 0 with margin due (0 when nothing is due). ≥ 1 means under maintenance. */
  marginRatio: number | null;
  /** True when any pool's equity is below its maintenance margin. */
  liquidatable: boolean;
  /** The cross pool by underlying. */
  byUnderlying: UnderlyingMargin[];
  /** The cross pool's scenario P&L (portfolio method; empty otherwise). */
  byScenario: ScenarioResult[];
  /** Credit from correlation offsets across underlyings in the cross pool (0 for `'sum'`), in money. */
  diversificationCredit: Money;
  /** Every pool: the cross pool first, then isolated sub-accounts and positions. */
  units: UnitMargin[];
}

const money = (x: number): Money => new Money(x === 0 ? 0 : x);

/** Float figures of one pool; shared by accountMargin, liquidationPrice and the efficiency report. */
export interface UnitFigures {
  im: number;
  mm: number;
  positionsValue: number;
  byUnderlying: Array<Omit<UnderlyingMargin, 'initialMargin' | 'maintenanceMargin'> & { im: number; mm: number }>;
  byScenario: ScenarioResult[];
  diversification: number;
}

/** Margin and position value of a list of validated positions (entries fixed) under a method. Internal. */
export function unitFigures(ctx: MarginContext, positions: Position[], method: MarginMethod, wantScenarios = false): UnitFigures {
  const { market: m, params } = ctx;
  const groups = new Map<string, Position[]>();
  let positionsValue = 0;
  for (const p of positions) {
    let g = groups.get(p.underlying);
    if (!g) groups.set(p.underlying, (g = []));
    g.push(p);
  }
  const byUnderlying: UnitFigures['byUnderlying'] = [];
  const scen = params.grid.scenarios;
  const nS = scen.length;
  const scenarioPnl: Record<string, Float64Array> = {};
  for (const [u, ps] of groups) {
    const ap = assetParams(params, u);
    const s = m.assets[u].price;
    let netD1 = 0;
    let im = 0;
    let mm = 0;
    let scanLoss = 0;
    let worst: string | null = null;
    let som = 0;
    let optCont = 0;
    let futCont = 0;
    let bound: UnderlyingMargin['bound'] = 'standard';
    if (method === 'portfolio') {
      const acc = new Float64Array(nS);
      const netByInstrument = new Map<InstrumentEntry, number>();
      const netShortByStrike = new Map<number, Map<number, number>>();
      let futLong = 0;
      let futShort = 0;
      for (const p of ps) {
        const e = instrumentEntry(ctx, p);
        const ra = e.ra;
        const q = p.quantity;
        for (let k = 0; k < nS; k++) acc[k] += q * ra[k];
        positionsValue += q * e.base;
        if (p.kind === 'option') {
          netByInstrument.set(e, (netByInstrument.get(e) ?? 0) + q);
          let byStrike = netShortByStrike.get(p.expiry);
          if (!byStrike) netShortByStrike.set(p.expiry, (byStrike = new Map()));
          byStrike.set(p.strike, (byStrike.get(p.strike) ?? 0) + q);
        } else {
          const d1 = deltaOneUnits(p, m);
          netD1 += d1;
          if (p.kind === 'future') {
            if (d1 > 0) futLong += d1;
            else futShort -= d1;
          }
        }
      }
      for (let k = 0; k < nS; k++) {
        const loss = -acc[k] * scen[k].weight;
        if (loss > scanLoss) {
          scanLoss = loss;
          worst = scen[k].label;
        }
      }
      let netShort = 0;
      for (const byStrike of netShortByStrike.values()) for (const q of byStrike.values()) if (q < 0) netShort -= q;
      let gross = 0;
      for (const q of netByInstrument.values()) gross += Math.abs(q);
      som = ap.portfolio.shortOptionMinimum * s * netShort;
      optCont = ap.portfolio.optionContingency * s * gross;
      futCont = ap.portfolio.futuresContingency * s * Math.min(futLong, futShort);
      bound = som > scanLoss ? 'shortOptionMinimum' : 'scan';
      im = Math.max(scanLoss, som) + optCont + futCont;
      mm = im * params.mmFactor;
      if (wantScenarios) scenarioPnl[u] = acc;
    } else {
      for (const p of ps) {
        const v = instrumentEntry(ctx, p).base;
        positionsValue += p.quantity * v;
        if (p.kind === 'option') {
          const [i, mn] = optionStandardMargin(p as OptionPosition, s, v, ap.option);
          im += i;
          mm += mn;
        } else {
          const d1 = deltaOneUnits(p, m);
          netD1 += d1;
          if (method === 'standard') {
            const [i, mn] = linearStandardMargin(p, m, ap);
            im += i;
            mm += mn;
          }
        }
      }
      if (method === 'cross') {
        const [i, mn] = tierFigures(netD1 * s, ap.linear.tiers);
        im += i;
        mm += mn;
      }
    }
    byUnderlying.push({ underlying: u, im, mm, netDeltaOne: netD1, scanLoss, worstScenario: worst, shortOptionMinimum: som, optionContingency: optCont, futuresContingency: futCont, bound });
  }
  let im = 0;
  let mm = 0;
  for (const b of byUnderlying) {
    im += b.im;
    mm += b.mm;
  }
  let diversification = 0;
  if (method === 'portfolio' && params.aggregation.method === 'correlation' && byUnderlying.length > 1) {
    const r = byUnderlying.map((b) => b.im);
    let q = 0;
    for (let i = 0; i < r.length; i++) {
      for (let j = 0; j < r.length; j++) q += correlationOf(ctx, byUnderlying[i].underlying, byUnderlying[j].underlying) * r[i] * r[j];
    }
    const agg = Math.max(Math.sqrt(Math.max(q, 0)), (1 - params.aggregation.maxCredit) * im);
    diversification = im - agg;
    im = agg;
    mm = agg * params.mmFactor;
  }
  const byScenario: ScenarioResult[] = [];
  if (wantScenarios && method === 'portfolio') {
    for (let k = 0; k < nS; k++) {
      const bu: Record<string, number> = {};
      let total = 0;
      for (const u of Object.keys(scenarioPnl)) {
        bu[u] = scenarioPnl[u][k];
        total += scenarioPnl[u][k];
      }
      byScenario.push({ label: scen[k].label, weight: scen[k].weight, pnl: total, byUnderlying: bu });
    }
  }
  return { im, mm, positionsValue, byUnderlying, byScenario, diversification };
}

/** ρ between two underlyings: the params' matrix, else the market's, else 1 (no offset). */
function correlationOf(ctx: MarginContext, a: string, b: string): number {
  if (a === b) return 1;
  for (const c of [ctx.params.aggregation.correlation, ctx.market.correlation]) {
    if (!c) continue;
    const i = c.assets.indexOf(a);
    const j = c.assets.indexOf(b);
    if (i >= 0 && j >= 0) return c.matrix[i][j];
  }
  return 1;
}

/**
 * Exact price of a collateral asset: 1 for the quote currency; the market price when the market prices the asset
 * (so a depegged stablecoin is valued at its depegged price); 1 for a `cashAssets` entry the market does not price.
 */
function collateralPrice(ctx: MarginContext, c: ValidCollateral): Money {
  const quote = ctx.market.quote ?? 'USD';
  if (c.asset === quote) return new Money(1);
  const a = ctx.market.assets[c.asset];
  if (a) return new Money(a.price);
  if (ctx.params.cashAssets.includes(c.asset)) return new Money(1);
  throw new RiskInputError(`${c.path}.asset`, `a cash asset (${[quote, ...ctx.params.cashAssets].join(', ')}) or an asset priced in market.assets`, c.asset);
}

/** Exact value of a pool's collateral. Internal. */
export function poolCollateral(ctx: MarginContext, collateral: ValidCollateral[], valuer?: CollateralValuer): Money {
  if (collateral.length === 0) return new Money(0);
  if (valuer) {
    const prices: CollateralPrices = {};
    for (const c of collateral) prices[c.asset] = collateralPrice(ctx, c);
    const out = valuer(collateral.map((c) => ({ asset: c.asset, amount: c.amount })), prices);
    const v = Money.isDecimal(out) ? (out as Money) : (out as { value: Money }).value;
    if (!Money.isDecimal(v) || !v.isFinite()) throw new RiskInputError('options.collateralValuer', 'a function returning a finite Decimal (or { value: Decimal })', out);
    return new Money(v);
  }
  let total = new Money(0);
  const h = ctx.params.haircuts;
  for (const c of collateral) {
    const cut = h[c.asset] ?? h['*'] ?? 0;
    total = total.plus(c.amount.mul(collateralPrice(ctx, c)).mul(new Money(1).minus(String(cut))));
  }
  return total;
}

function isContext(x: unknown): x is MarginContext {
  return typeof x === 'object' && x !== null && (x as MarginContext).riskArrays instanceof Map;
}

/** Resolve `(market, params)` or a prepared context. Internal. */
export function contextOf(marketOrCtx: Market | MarginContext, params?: MarginParams): MarginContext {
  return isContext(marketOrCtx) ? marketOrCtx : prepareMargin(marketOrCtx, params);
}

/** Positions of a pool with entries fixed at the context's market. Internal. */
export function poolPositions(ctx: MarginContext, unit: MarginUnit): Position[] {
  return unit.positions.map((vp) => fixEntry(vp.position, ctx.market));
}

/**
 * Margin an account: equity, initial and maintenance margin, free collateral, margin ratio and liquidation status,
 * with the cross pool broken down by underlying and by scenario. Each isolated sub-account / position is a pool of
 * its own (its figures are in `units`); the totals add the pools up.
 *
 * Pass `(account, market, params?)`, or `(account, ctx)` with a context from {@link prepareMargin} to share the
 * risk-array cache across many accounts on one market snapshot.
 *
 * @example
 * ```ts
 * import { accountMargin } from 'riskcore/netting';
 * const market = { assets: { BTC: { price: 60000, vol: 0.6 } } };
 * const hedge = {
 *   collateral: [{ asset: 'USDC', amount: '10000' }],
 *   positions: [{ kind: 'spot', underlying: 'BTC', quantity: 1 }, { kind: 'perp', underlying: 'BTC', quantity: -1 }],
 * };
 * const pm = accountMargin(hedge, market);
 * console.log(pm.initialMargin.toString()); // '0'
 * console.log(pm.equity.toString()); // '70000'
 * const standard = accountMargin(hedge, market, undefined, { method: 'standard' });
 * // each leg alone: 60,000 notional → IM 60,000·1% (100× tier) = 600 per leg
 * console.log(standard.initialMargin.toNumber()); // 1200
 * ```
 */
export function accountMargin(account: Account | ValidAccount, marketOrCtx: Market | MarginContext, params?: MarginParams, opts: AccountMarginOptions = {}): AccountMarginResult {
  const ctx = contextOf(marketOrCtx, params);
  checkObject(opts, 'options');
  const method = opts.method ?? 'portfolio';
  if (!['standard', 'cross', 'portfolio'].includes(method)) throw new RiskInputError('options.method', "one of 'standard', 'cross', 'portfolio'", method);
  const acc = isValidAccount(account) ? account : validateAccount(account, 'account', ctx.market);
  let equity = new Money(0);
  let im = 0;
  let mm = 0;
  let liquidatable = false;
  const units: UnitMargin[] = [];
  let cross: UnitFigures | null = null;
  for (const unit of acc.units) {
    const f = unitFigures(ctx, poolPositions(ctx, unit), method, unit.mode === 'cross');
    if (unit.mode === 'cross') cross = f;
    const coll = poolCollateral(ctx, unit.collateral, opts.collateralValuer);
    const eq = coll.plus(money(f.positionsValue));
    const mmM = money(f.mm);
    const liq = eq.lt(mmM);
    liquidatable ||= liq;
    equity = equity.plus(eq);
    im += f.im;
    mm += f.mm;
    units.push({ key: unit.key, mode: unit.mode, equity: eq, collateralValue: coll, positionsValue: money(f.positionsValue), initialMargin: money(f.im), maintenanceMargin: mmM, liquidatable: liq });
  }
  const imM = money(im);
  const mmM = money(mm);
  const eqNum = equity.toNumber();
  return {
    method,
    equity,
    initialMargin: imM,
    maintenanceMargin: mmM,
    freeCollateral: equity.minus(imM),
    marginRatio: mm === 0 ? 0 : eqNum > 0 ? mm / eqNum : null,
    liquidatable,
    byUnderlying: (cross?.byUnderlying ?? []).map(({ im: i, mm: n, ...rest }) => ({ ...rest, initialMargin: money(i), maintenanceMargin: money(n) })),
    byScenario: cross?.byScenario ?? [],
    diversificationCredit: money(cross?.diversification ?? 0),
    units,
  };
}

function isValidAccount(a: unknown): a is ValidAccount {
  return typeof a === 'object' && a !== null && Array.isArray((a as ValidAccount).units) && (a as ValidAccount).units.every((u) => typeof u?.key === 'string' && Array.isArray(u.positions) && u.positions.every((p) => typeof p?.path === 'string'));
}
