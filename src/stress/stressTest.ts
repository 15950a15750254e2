/**
 * Stress tests with full revaluation: positions through riskcore/greeks, margin through riskcore/netting,
 * lending health through riskcore/haircuts.
 */
import { RiskInputError } from '../core/errors.js';
import type { Market, Position } from '../core/model.js';
import { validatePositions } from '../core/model.js';
import type { Money } from '../core/money.js';
import { ownValue } from '../core/validate.js';
import type { KnownKeys } from '../core/validate.js';
import { fillEntryPrices, positionValueUnchecked } from '../greeks/internal.js';
import { accountMargin, validateAccount } from '../netting/index.js';
import type { Account, ValidAccount } from '../netting/index.js';
import { mapValidPositions } from '../netting/internal.js';
import { healthFactor } from '../haircuts/index.js';
import type { Scenario } from './scenario.js';
import { shockVol, validateScenarios } from './scenario.js';
import type { StressContext } from './prepareStress.js';
import { isStressContext, stressState } from './prepareStress.js';
import type { ShockedMarket, StressOptions, StressSetup } from './stressSetup.js';
import { OPTION_KEYS, lendingInput, marginContextOf, shockedMarket, stressSetup } from './stressSetup.js';

export type { LendingBook, StressOptions } from './stressSetup.js';
export { STRESS_OPTION_KEYS, checkStressOptions } from './stressSetup.js';

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
  return subjectOn(subject, stressSetup(market, options, known));
}

/**
 * A subject validated against a stress setup. `evaluate(s, shared)` takes the scenario's shocked market and margin
 * context from `shared` when given (a prepared context shares them across subjects), else builds them.
 * Internal.
 */
export function subjectOn(
  subject: Position[] | Account,
  setup: StressSetup,
): StressSubject & { evaluate(s: Scenario, shared?: ShockedMarket): ScenarioOutcome } {
  const m = setup.market;
  const { lending, cash, marginOpts } = setup;
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
  const baseValues = positions.map((p) => positionValueUnchecked(p, m));
  // only options with their own vol are re-mapped under a vol shock; an account without any is margined as it is
  const ownVols = positions.some((p) => p.kind === 'option' && p.vol !== undefined);

  const evaluate = (s: Scenario, shared?: ShockedMarket): ScenarioOutcome => {
    const shocked = shared ?? shockedMarket(setup, s);
    const sm = shocked.market;
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
      const shifted = ownVols ? shiftAccountVols(acc, s) : acc;
      const am = accountMargin(shifted, marginContextOf(setup, shocked), undefined, marginOpts);
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

function shiftAccountVols(acc: ValidAccount, s: Scenario): ValidAccount {
  if (!s.volShift && !s.volScale) return acc;
  return mapValidPositions(acc, (vp) =>
    vp.position.kind === 'option' && vp.position.vol !== undefined
      ? { ...vp, position: { ...vp.position, vol: shockVol(vp.position.vol, s, vp.position.underlying) } }
      : vp,
  );
}

/**
 * Stress a book under scenarios with full revaluation: every position repriced in the shocked market (entries
 * fixed at the base market, option vol overrides shifted too), an account re-margined with riskcore/netting's
 * `accountMargin` (collateral at shocked prices, haircuts × the scenario's multipliers), a lending position's
 * health factor from riskcore/haircuts. Returns each scenario's P&L, equity, margin, health factor, whether it
 * liquidates or leaves the book insolvent, and the worst scenario by weighted P&L.
 *
 * To stress many subjects under the same scenarios, prepare them once with {@link prepareStress} and pass the
 * context instead of `(market, scenarios, options)`: each scenario's shocked market and margin context are then
 * built once and shared by every subject (the results are the same, bit for bit).
 *
 * @param subject a list of positions, or a netting `Account` (positions, collateral, sub-accounts).
 * @param market the base market (or, in the other signature, a context from {@link prepareStress} alone).
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
  options?: StressOptions,
): StressResult;
/**
 * {@link stressTest} in a context from {@link prepareStress}: the market, scenarios and options it fixed, each
 * scenario's shocked market and margin context shared with every other subject stressed in it.
 *
 * @param subject a list of positions, or a netting `Account`.
 * @param context a context from {@link prepareStress}.
 * @example
 * ```ts
 * import { prepareStress, stressTest } from 'riskcore/stress';
 * const ctx = prepareStress({ assets: { ETH: { price: 3000 } } }, [{ name: 'ETH -50%', moves: { ETH: -0.5 } }]);
 * console.log(stressTest([{ kind: 'spot', underlying: 'ETH', quantity: 2 }], ctx).scenarios[0].pnl); // -3000
 * ```
 */
export function stressTest(subject: Position[] | Account, context: StressContext): StressResult;
export function stressTest(
  subject: Position[] | Account,
  context: Market | StressContext,
  scenarios?: Scenario[],
  options?: StressOptions,
): StressResult {
  let base: ScenarioOutcome;
  let outs: ScenarioOutcome[];
  if (isStressContext(context)) {
    if (scenarios !== undefined || options !== undefined)
      throw new RiskInputError(
        'scenarios',
        'absent with a prepared context (prepareStress(market, scenarios, options) fixed the scenarios and options)',
        scenarios,
      );
    const st = stressState(context);
    const prep = subjectOn(subject, st.setup);
    base = prep.evaluate(st.base.scenario, st.base);
    outs = st.shocked.map((sh) => prep.evaluate(sh.scenario, sh));
  } else {
    const ss = validateScenarios(scenarios, 'scenarios');
    const prep = prepareSubject(subject, context, options ?? {});
    base = prep.evaluate({ name: 'base' });
    outs = ss.map((s) => prep.evaluate(s));
  }
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
