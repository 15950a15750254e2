/**
 * `riskcore simulate`: the protocol's bad-debt distribution (`simulateProtocolRisk` of riskcore/stress) and, with a
 * cap search, the recommended cap (`recommendCap`) and the capital-efficiency frontier: the simulation rerun on the
 * same seed (common random numbers) at caps spread over the searched grid, with ES of bad debt against the
 * collateral locked at each cap.
 */
import { Money } from 'riskcore';
import { recommendCap, simulateProtocolRisk } from 'riskcore/stress';
import type { ProtocolRiskOptions, ProtocolRiskResult, RecommendCapResult } from 'riskcore/stress';
import type { CapSearchSpec, ProtocolFile } from './file.js';
import { inFileTerms } from './file.js';
import type { ParameterSweepSpec, SweepPoint } from './sweep.js';
import { runSweep } from './sweep.js';
import { collateralLocked, gridFactor, isSingle, scaleProtocol } from './scale.js';

/** One point of the capital-efficiency frontier: grid cap j·step·current. */
export interface FrontierPoint {
  /** Grid index j. */
  j: number;
  /** Cap as a multiple of the current amount (j·step). */
  scale: number;
  /** Cap (units of the asset; exact decimal string). */
  cap: string;
  /** Collateral locked at this cap: Σ collateral × price + cash over the accounts (quote; exact decimal string). */
  collateralLocked: string;
  /** Mean bad debt (quote). */
  meanBadDebt: number;
  /** ES of bad debt at 99% and 99.9% with batch-means standard errors (quote). */
  es99: { value: number; stdError: number | null };
  es999: { value: number; stdError: number | null };
  /** ES at the search's confidence + errorMultiple × its standard error is within the budget. */
  withinBudget: boolean;
}

/** Results of `riskcore simulate`: what `--json` prints and the report is drawn from. */
export interface SimulateResults {
  tool: { name: 'riskcore'; version: string };
  file: { path: string; name: string | null; description: string | null; synthetic: boolean; quote: string };
  protocol: { accounts: number; assets: string[]; collateralLocked: string };
  /** The simulation options used (file, then flags). */
  simulation: { paths: number; steps: number; dt: number; seed: number; batches: number; detail: number };
  /** `simulateProtocolRisk(protocol, market, simulation)`, as JSON (money as decimal strings). */
  risk: ProtocolRiskResult;
  capSearch: null | {
    spec: CapSearchSpec;
    /** `recommendCap(protocol, market, { ...simulation, ...search })`, as JSON. */
    recommendation: RecommendCapResult;
    frontier: FrontierPoint[];
  };
  /** The parameter frontier: one simulation per value of the swept parameter, on the same seed. */
  parameterSweep: null | { spec: ParameterSweepSpec; points: SweepPoint[] };
}

export interface SimulateProgress {
  /** A new stage begins ('Simulation', 'Cap search', 'Frontier'). */
  stage(label: string): void;
  /** (done, total) within the stage. */
  update(done: number, total: number): void;
}

/** The grid indices of the frontier: `points` spread over [0, J], plus the recommended j and the one above. */
export function frontierGrid(J: number, points: number, recommended: number): number[] {
  const js = new Set<number>();
  for (let i = 0; i < points; i++) js.add(Math.round((i * J) / (points - 1)));
  js.add(recommended);
  if (recommended < J) js.add(recommended + 1);
  return [...js].sort((a, b) => a - b);
}

/** Run the whole analysis of a validated protocol file. */
export function analyseProtocol(
  f: ProtocolFile,
  meta: { path: string; version: string },
  progress?: SimulateProgress,
): SimulateResults {
  const hook = progress ? { onProgress: (d: number, t: number) => progress.update(d, t) } : {};
  const sim: ProtocolRiskOptions = { ...f.simulation, ...hook };
  let capSearch: SimulateResults['capSearch'] = null;
  // The cap search (when asked) runs first: it validates the simulation options and the search before the long runs.
  let rec: RecommendCapResult | null = null;
  if (f.capSearch) {
    const { frontierPoints: _n, ...search } = f.capSearch;
    // recommendCap reports no path detail: the option is left out of its run
    const { detail: _d, ...capOptions } = sim;
    progress?.stage('Cap search');
    rec = inFileTerms(() => recommendCap(f.protocol, f.market, { ...capOptions, ...search }));
  }
  progress?.stage('Simulation');
  const risk = inFileTerms(() => simulateProtocolRisk(f.protocol, f.market, sim));
  if (f.capSearch && rec) {
    const c = f.capSearch;
    const step = c.step ?? 0.05;
    const J = Math.floor((c.maxMultiple ?? 10) / step + 1e-9);
    const recJ = Math.round(rec.scale / step);
    const z = c.errorMultiple ?? 0;
    const tailAt = c.confidence === 0.99 ? 0 : 1;
    const { detail: _d, ...frontierOptions } = sim;
    progress?.stage('Frontier');
    const frontier = frontierGrid(J, c.frontierPoints, recJ).map((j): FrontierPoint => {
      const k = gridFactor(step, j);
      const scaled = scaleProtocol(f.protocol, c.asset, c.capOn, k);
      const r = inFileTerms(() => simulateProtocolRisk(scaled, f.market, frontierOptions));
      const es = r.badDebt.tail[tailAt].es;
      return {
        j,
        scale: j * step,
        cap: rec.current
          .mul(new Money(String(step)))
          .mul(j)
          .toString(),
        collateralLocked: collateralLocked(scaled).toString(),
        meanBadDebt: r.badDebt.mean.value,
        es99: r.badDebt.tail[0].es,
        es999: r.badDebt.tail[1].es,
        withinBudget: es.value + z * (es.stdError ?? 0) <= c.budget,
      };
    });
    capSearch = { spec: c, recommendation: rec, frontier };
  }
  let parameterSweep: SimulateResults['parameterSweep'] = null;
  if (f.parameterSweep) {
    progress?.stage('Parameter sweep');
    const { detail: _d, ...sweepOptions } = sim;
    parameterSweep = { spec: f.parameterSweep, points: runSweep(f, f.parameterSweep, sweepOptions) };
  }
  const assets = isSingle(f.protocol)
    ? Object.keys(f.market.assets)
    : Object.keys((f.protocol.params as { assets: Record<string, unknown> }).assets);
  return {
    tool: { name: 'riskcore', version: meta.version },
    file: { path: meta.path, name: f.name, description: f.description, synthetic: f.synthetic, quote: f.quote },
    protocol: {
      accounts: f.protocol.accounts.length,
      assets,
      collateralLocked: collateralLocked(f.protocol).toString(),
    },
    simulation: {
      paths: f.simulation.paths,
      steps: f.simulation.steps,
      dt: f.simulation.dt,
      seed: f.simulation.seed,
      batches: f.simulation.batches ?? 20,
      detail: f.simulation.detail ?? 0,
    },
    risk,
    capSearch,
    parameterSweep,
  };
}
