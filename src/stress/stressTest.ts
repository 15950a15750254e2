/**
 * Stress tests with full revaluation: positions through riskcore/greeks, margin through riskcore/netting,
 * lending health through riskcore/haircuts.
 */
import { RiskInputError } from '../core/errors.js';
import type { Market, Position } from '../core/model.js';
import { validateMarket, validatePositions } from '../core/model.js';
import { Money } from '../core/money.js';
import type { MoneyInput } from '../core/money.js';
import {
  checkArray,
  checkKeys,
  checkObject,
  checkStrictObject,
  checkString,
  joinPath,
  knownKeys,
  ownValue,
} from '../core/validate.js';
import type { KnownKeys } from '../core/validate.js';
import { fillEntryPrices, positionValueUnchecked } from '../greeks/internal.js';
import { accountMargin, validateAccount } from '../netting/index.js';
import type { Account, AccountMarginOptions, MarginParams, ValidAccount } from '../netting/index.js';
import { DEFAULT_MARGIN_PARAMS, validateMarginParams } from '../netting/index.js';
import { mapValidPositions, prepareValidated } from '../netting/internal.js';
import { healthFactor } from '../haircuts/index.js';
import type { Scenario } from './scenario.js';
import { applyScenarioUnchecked, assetValue, setOwn, shockVol, validateScenarios } from './scenario.js';

/** The fields of {@link StressOptions}. */
export const STRESS_OPTION_KEYS = ['marginParams', 'margin', 'lending', 'cashAssets'] as const;
const OPTION_KEYS = knownKeys(...STRESS_OPTION_KEYS);
const LENDING_KEYS = knownKeys('collateral', 'debt');
const LENDING_COLLATERAL_KEYS = knownKeys('asset', 'amount', 'decimals', 'liquidationThreshold', 'ltv');
const LENDING_DEBT_KEYS = knownKeys('asset', 'amount', 'decimals');

/**
 * The stress options object, strict: an unknown key is refused with the closest field (`method` is a field of
 * `options.margin`, not of the options themselves: `{ margin: { method: 'cross' } }`).
 */
export function checkStressOptions(
  options: unknown,
  path = 'options',
  known: KnownKeys = OPTION_KEYS,
): Record<string, unknown> {
  const o = checkObject(options, path);
  if (Object.hasOwn(o, 'method'))
    throw RiskInputError.unknownField(joinPath(path, 'method'), o.method, 'margin: { method }');
  checkKeys(o, path, known);
  if (o.margin !== undefined) checkObject(o.margin, joinPath(path, 'margin'));
  return o;
}

/** A lending position: collateral with liquidation thresholds and debt, priced from the (shocked) market's oracle. */
export interface LendingBook {
  collateral: Array<{
    asset: string;
    amount: MoneyInput;
    decimals?: number;
    liquidationThreshold: MoneyInput;
    ltv?: MoneyInput;
  }>;
  debt: Array<{ asset: string; amount: MoneyInput; decimals?: number }>;
}

/** Options of {@link stressTest}. */
export interface StressOptions {
  /** Margin parameters for an account (riskcore/netting `MarginParams`); default netting's defaults. */
  marginParams?: MarginParams;
  /** Margin method and collateral valuer, passed to `accountMargin`. Default method `'portfolio'`. */
  margin?: AccountMarginOptions;
  /**
   * A lending position valued with riskcore/haircuts `healthFactor`: each asset at its shocked oracle price (the
   * market's `mark`, else `price`); assets named in `cashAssets` (and the market's quote) at 1. A scenario's
   * haircut multiplier m turns a threshold LT into 1 − min(1, (1 − LT)·m).
   */
  lending?: LendingBook;
  /** Assets valued at 1 quote unit in `lending` (e.g. `['USDC']`); the market's quote always is. */
  cashAssets?: string[];
}

/** One scenario's outcome. Money fields are exact decimals; P&L is a float in quote currency, profit positive. */
export interface ScenarioOutcome {
  scenario: string;
  /** Σ revalued position P&L (entries fixed at the base market). */
  pnl: number;
  /** P&L of each position, in input order (an account's: cross positions, then sub-accounts, as validated). */
  positionPnl: number[];
  /** `weight` × pnl (SPAN extreme moves count 35%). */
  weightedPnl: number;
  /** Account figures after the move (absent for a bare position list). */
  equity?: Money;
  initialMargin?: Money;
  maintenanceMargin?: Money;
  marginRatio?: number | null;
  /** Lending health factor after the move (null: no debt). */
  healthFactor?: Money | null;
  /** Any margin pool under maintenance, or the lending HF < 1. */
  liquidatable: boolean;
  /** Equity < 0 (account: margin equity; lending: collateral value − debt; positions: their total value). */
  insolvent: boolean;
}

/** Result of {@link stressTest}. */
export interface StressResult {
  base: ScenarioOutcome;
  scenarios: ScenarioOutcome[];
  /** Index into `scenarios` of the lowest weighted P&L (the first on ties). */
  worst: number;
  /** Indices of scenarios that make the book liquidatable / insolvent. */
  liquidating: number[];
  insolvent: number[];
}

/** A prepared stress subject: validated once, evaluated under many markets. Internal to the stress module. */
export interface StressSubject {
  market: Market;
  positions: Position[];
  evaluate(s: Scenario): ScenarioOutcome;
}

function isPositionList(x: unknown): x is Position[] {
  return Array.isArray(x);
}

/** Validate a subject (positions or account, plus lending) against a market. Internal. */
export function prepareSubject(
  subject: Position[] | Account,
  market: Market,
  options: StressOptions = {},
  known: KnownKeys = OPTION_KEYS,
): StressSubject {
  const m = validateMarket(market, 'market');
  const opts = checkStressOptions(options, 'options', known);
  let positions: Position[];
  let acc: ValidAccount | null = null;
  if (isPositionList(subject)) {
    positions = validatePositions(subject, 'positions');
    positions.forEach((p, i) => {
      const am = ownValue(m.assets, p.underlying);
      if (!am)
        throw new RiskInputError(
          `positions[${i}].underlying`,
          `an asset present in market.assets (${Object.keys(m.assets).join(', ')})`,
          p.underlying,
        );
      if (p.kind === 'option' && p.vol === undefined && am.vol === undefined && !am.smile) {
        throw new RiskInputError(
          `market.assets.${p.underlying}.vol`,
          `a vol (or smile) for the option at positions[${i}]`,
          undefined,
        );
      }
    });
    positions = fillEntryPrices(positions, m);
  } else {
    const va = validateAccount(subject, 'account', m);
    acc = mapValidPositions(va, (vp) => ({ ...vp, position: fillEntryPrices([vp.position], m)[0] }));
    positions = acc.units.flatMap((u) => u.positions.map((vp) => vp.position));
  }
  const params =
    opts.marginParams === undefined
      ? DEFAULT_MARGIN_PARAMS
      : validateMarginParams(opts.marginParams, 'options.marginParams');
  const marginOpts = (opts.margin as AccountMarginOptions | undefined) ?? {};
  const cash = new Set<string>([
    m.quote ?? 'USD',
    ...(opts.cashAssets === undefined
      ? []
      : checkArray(opts.cashAssets, 'options.cashAssets').map((a, i) => checkString(a, `options.cashAssets[${i}]`))),
  ]);
  let lending: LendingBook | null = null;
  if (opts.lending !== undefined) {
    const lo = checkStrictObject(opts.lending, 'options.lending', LENDING_KEYS);
    const check = (list: unknown, path: string, known: typeof LENDING_KEYS) =>
      checkArray(list, path).forEach((c, i) => {
        const a = checkString(checkStrictObject(c, `${path}[${i}]`, known).asset, joinPath(`${path}[${i}]`, 'asset'));
        if (!cash.has(a) && !ownValue(m.assets, a))
          throw new RiskInputError(
            joinPath(`${path}[${i}]`, 'asset'),
            `an asset of market.assets or a cash asset (${[...cash].join(', ')})`,
            a,
          );
      });
    check(lo.collateral, 'options.lending.collateral', LENDING_COLLATERAL_KEYS);
    check(lo.debt, 'options.lending.debt', LENDING_DEBT_KEYS);
    lending = lo as unknown as LendingBook;
    // validate amounts and thresholds once through haircuts
    healthFactor(lendingInput(lending, m, null, cash));
  }
  const baseValues = positions.map((p) => positionValueUnchecked(p, m));

  const evaluate = (s: Scenario): ScenarioOutcome => {
    const sm = applyScenarioUnchecked(m, s);
    const positionPnl = new Array<number>(positions.length);
    let pnl = 0;
    let value = 0;
    for (let i = 0; i < positions.length; i++) {
      let p = positions[i];
      if (p.kind === 'option' && p.vol !== undefined) p = { ...p, vol: shockVol(p.vol, s, p.underlying) };
      const v = positionValueUnchecked(p, sm);
      value += v;
      positionPnl[i] = v - baseValues[i];
      pnl += positionPnl[i];
    }
    const out: ScenarioOutcome = {
      scenario: s.name,
      pnl,
      positionPnl,
      weightedPnl: (s.weight ?? 1) * pnl,
      liquidatable: false,
      insolvent: false,
    };
    let insolvent = false;
    let liquidatable = false;
    if (acc) {
      const mp = s.haircutMultipliers ? { ...params, haircuts: scaleHaircuts(params.haircuts, s) } : params;
      const am = accountMargin(shiftAccountVols(acc, s), prepareValidated(sm, mp), undefined, marginOpts);
      out.equity = am.equity;
      out.initialMargin = am.initialMargin;
      out.maintenanceMargin = am.maintenanceMargin;
      out.marginRatio = am.marginRatio;
      liquidatable ||= am.liquidatable;
      insolvent ||= am.equity.lt(0);
    } else if (!lending) {
      insolvent ||= value < 0;
    }
    if (lending) {
      const hf = healthFactor(lendingInput(lending, sm, s, cash));
      out.healthFactor = hf.healthFactor;
      liquidatable ||= hf.liquidatable;
      insolvent ||= hf.totalCollateral.lt(hf.totalDebt);
    }
    out.liquidatable = liquidatable;
    out.insolvent = insolvent;
    return out;
  };
  return { market: m, positions, evaluate };
}

function scaleHaircuts(h: Record<string, number>, s: Scenario): Record<string, number> {
  const out: Record<string, number> = {};
  const keys = new Set([...Object.keys(h), ...Object.keys(s.haircutMultipliers ?? {})]);
  for (const k of keys)
    setOwn(out, k, Math.min(1, (ownValue(h, k) ?? ownValue(h, '*') ?? 0) * assetValue(s.haircutMultipliers, k, 1)));
  return out;
}

function shiftAccountVols(acc: ValidAccount, s: Scenario): ValidAccount {
  if (!s.volShift && !s.volScale) return acc;
  return mapValidPositions(acc, (vp) =>
    vp.position.kind === 'option' && vp.position.vol !== undefined
      ? { ...vp, position: { ...vp.position, vol: shockVol(vp.position.vol, s, vp.position.underlying) } }
      : vp,
  );
}

function lendingInput(l: LendingBook, m: Market, s: Scenario | null, cash: Set<string>) {
  const price = (a: string) => {
    const am = ownValue(m.assets, a);
    return cash.has(a) && !am
      ? '1'
      : String((am as NonNullable<typeof am>).mark ?? (am as NonNullable<typeof am>).price);
  };
  return {
    collateral: l.collateral.map((c) => {
      let lt: MoneyInput = c.liquidationThreshold;
      let ltv: MoneyInput | undefined = c.ltv;
      const mult = s ? assetValue(s.haircutMultipliers, c.asset, 1) : 1;
      if (mult !== 1) {
        // exact: LT' = 1 − min(1, (1 − LT)·m), LTV' = min(LTV, LT')
        const one = new Money(1);
        const ltM = one.minus(Money.min(one, one.minus(String(lt)).mul(String(mult))));
        lt = ltM;
        if (ltv !== undefined) ltv = Money.min(new Money(String(ltv)), ltM);
      }
      return {
        asset: c.asset,
        amount: c.amount,
        ...(c.decimals !== undefined ? { decimals: c.decimals } : {}),
        price: price(c.asset),
        liquidationThreshold: typeof lt === 'number' ? String(lt) : lt,
        ...(ltv !== undefined ? { ltv: typeof ltv === 'number' ? String(ltv) : ltv } : {}),
      };
    }),
    debt: l.debt.map((d) => ({
      asset: d.asset,
      amount: d.amount,
      ...(d.decimals !== undefined ? { decimals: d.decimals } : {}),
      price: price(d.asset),
    })),
  };
}

/**
 * Stress a book under scenarios with full revaluation: every position repriced in the shocked market (entries
 * fixed at the base market, option vol overrides shifted too), an account re-margined with riskcore/netting's
 * `accountMargin` (collateral at shocked prices, haircuts × the scenario's multipliers), a lending position's
 * health factor from riskcore/haircuts. Returns each scenario's P&L, equity, margin, health factor, whether it
 * liquidates or leaves the book insolvent, and the worst scenario by weighted P&L.
 *
 * @param subject a list of positions, or a netting `Account` (positions, collateral, sub-accounts).
 * @param market the base market.
 * @param scenarios at least one {@link Scenario}.
 * @example
 * ```ts
 * import { stressTest, historicalScenarios } from 'riskcore/stress';
 * const market = { assets: { BTC: { price: 60000, vol: 0.6 }, ETH: { price: 3000, vol: 0.7 } } };
 * const account = { collateral: [{ asset: 'USDC', amount: '20000' }], positions: [{ kind: 'perp', underlying: 'BTC', quantity: 2 }] };
 * const r = stressTest(account, market, historicalScenarios(['black-thursday-2020', 'ftx-2022']));
 * console.log(r.scenarios[r.worst].scenario); // 'Black Thursday (12–13 Mar 2020)'
 * console.log(r.scenarios[r.worst].insolvent); // true
 * ```
 */
export function stressTest(
  subject: Position[] | Account,
  market: Market,
  scenarios: Scenario[],
  options: StressOptions = {},
): StressResult {
  const ss = validateScenarios(scenarios, 'scenarios');
  const prep = prepareSubject(subject, market, options);
  const base = prep.evaluate({ name: 'base' });
  const outs = ss.map((s) => prep.evaluate(s));
  let worst = 0;
  for (let i = 1; i < outs.length; i++) if (outs[i].weightedPnl < outs[worst].weightedPnl) worst = i;
  return {
    base,
    scenarios: outs,
    worst,
    liquidating: outs.flatMap((o, i) => (o.liquidatable ? [i] : [])),
    insolvent: outs.flatMap((o, i) => (o.insolvent ? [i] : [])),
  };
}
