/**
 * The parameter frontier of `riskcore simulate`: the simulation rerun on the same seed (the same price paths) with
 * one cascade parameter set to each value of `parameterSweep.values` — a liquidation threshold (of one asset in a
 * multi-asset protocol), the liquidation penalty or the maintenance margin fraction — with the ES of bad debt and,
 * for a liquidation threshold, the borrowing power it grants (Σ collateral × price × threshold).
 */
import {
  Money,
  RiskInputError,
  checkArray,
  checkEnum,
  checkNumber,
  checkStrictObject,
  knownKeys,
  ownValue,
} from 'riskcore';
import { simulateProtocolRisk } from 'riskcore/stress';
import type { Protocol, ProtocolMarket, ProtocolRiskOptions } from 'riskcore/stress';
import { isSingle } from './scale.js';

export const SWEEP_PARAMETERS = ['liquidationThreshold', 'penalty', 'maintenanceMargin'] as const;
export type SweepParameter = (typeof SWEEP_PARAMETERS)[number];

/** The parameter sweep of a protocol file. */
export interface ParameterSweepSpec {
  parameter: SweepParameter;
  /** The asset whose liquidation threshold is swept (multi-asset protocols only). */
  asset: string | null;
  values: number[];
  /** Largest acceptable ES 99% of bad debt (quote), to mark the values within it; null: none given. */
  budget: number | null;
}

/** One value of the sweep. */
export interface SweepPoint {
  value: number;
  /** Σ collateral × price × threshold of the swept collateral (quote, exact decimal string); null for other parameters. */
  borrowingPower: string | null;
  meanBadDebt: number;
  es99: { value: number; stdError: number | null };
  es999: { value: number; stdError: number | null };
  fundExhaustion: number;
  liquidationProbability: number;
  withinBudget: boolean | null;
}

const SWEEP_FIELDS = knownKeys('parameter', 'asset', 'values', 'budget');
const BOUNDS: Record<SweepParameter, { gt?: number; ge?: number; lt?: number; le?: number }> = {
  liquidationThreshold: { gt: 0, le: 1 },
  penalty: { ge: 0, lt: 1 },
  maintenanceMargin: { ge: 0, lt: 1 },
};

/** Validate `parameterSweep` of the file against the protocol's shape. */
export function parseSweep(raw: unknown, protocol: Protocol): ParameterSweepSpec {
  const o = checkStrictObject(raw, 'parameterSweep', SWEEP_FIELDS);
  const parameter = checkEnum(o.parameter, 'parameterSweep.parameter', SWEEP_PARAMETERS);
  const values = checkArray(o.values, 'parameterSweep.values', 1).map((v, i) =>
    checkNumber(v, `parameterSweep.values[${i}]`, BOUNDS[parameter]),
  );
  if (values.length > 41) throw new RiskInputError('parameterSweep.values', 'at most 41 values', o.values);
  const perAsset = parameter === 'liquidationThreshold' && !isSingle(protocol);
  let asset: string | null = null;
  if (perAsset) {
    const assets = (protocol.params as { assets?: Record<string, unknown> }).assets ?? {};
    if (typeof o.asset !== 'string' || ownValue(assets, o.asset) === undefined)
      throw new RiskInputError('parameterSweep.asset', 'an asset of protocol.params.assets', o.asset);
    asset = o.asset;
  } else if (o.asset !== undefined) {
    throw new RiskInputError('parameterSweep.asset', `absent (${parameter} is one value for the protocol)`, o.asset);
  }
  const budget = o.budget === undefined ? null : checkNumber(o.budget, 'parameterSweep.budget', { ge: 0 });
  return { parameter, asset, values, budget };
}

/** The protocol with the swept parameter set to `v` (a new object). */
export function withParameter(p: Protocol, s: ParameterSweepSpec, v: number): Protocol {
  const params = p.params as Record<string, unknown> & { assets?: Record<string, object> };
  if (s.asset === null) return { ...p, params: { ...params, [s.parameter]: v } } as Protocol;
  const assets = { ...params.assets, [s.asset]: { ...params.assets?.[s.asset], liquidationThreshold: v } };
  return { ...p, params: { ...params, assets } } as Protocol;
}

type Amount = string | number;
/** Σ collateral × price × threshold (quote, exact) of the swept collateral: the one asset, or `s.asset`. */
function borrowingPower(p: Protocol, s: ParameterSweepSpec, v: number): string {
  const lt = new Money(String(v));
  let units = new Money(0);
  let price: Money;
  if (s.asset === null) {
    price = new Money(String((p.params as { price: Amount }).price));
    for (const a of p.accounts as Array<{ collateral?: Amount }>)
      if (a.collateral !== undefined) units = units.plus(new Money(String(a.collateral)));
  } else {
    const assets = (p.params as { assets: Record<string, { price: Amount }> }).assets;
    price = new Money(String(assets[s.asset].price));
    for (const a of p.accounts as Array<{ collateral?: Record<string, Amount> }>) {
      const c = a.collateral === undefined ? undefined : ownValue(a.collateral, s.asset);
      if (c !== undefined) units = units.plus(new Money(String(c)));
    }
  }
  return units.mul(price).mul(lt).toString();
}

/** Run the sweep: one simulation per value, on the options' seed. */
export function runSweep(
  f: { protocol: Protocol; market: ProtocolMarket },
  s: ParameterSweepSpec,
  options: ProtocolRiskOptions,
): SweepPoint[] {
  return s.values.map((v, i) => {
    const p = withParameter(f.protocol, s, v);
    let r: ReturnType<typeof simulateProtocolRisk>;
    try {
      r = simulateProtocolRisk(p, f.market, options);
    } catch (e) {
      if (e instanceof RiskInputError && /\.(liquidationThreshold|penalty|maintenanceMargin)$/.test(e.path))
        throw new RiskInputError(`parameterSweep.values[${i}]`, e.expected, v);
      throw e;
    }
    const es = r.badDebt.tail[0].es;
    return {
      value: v,
      borrowingPower: s.parameter === 'liquidationThreshold' ? borrowingPower(p, s, v) : null,
      meanBadDebt: r.badDebt.mean.value,
      es99: es,
      es999: r.badDebt.tail[1].es,
      fundExhaustion: r.fund.exhaustionProbability.value,
      liquidationProbability: r.liquidations.probabilityAny.value,
      withinBudget: s.budget === null ? null : es.value <= s.budget,
    };
  });
}
