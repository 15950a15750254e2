/**
 * Protocol risk by simulation: the distribution of a lending or perp protocol's bad debt over many correlated
 * price paths, each run through the liquidation cascade of {@link simulateLiquidationCascade}.
 *
 * Model. Each asset's price follows a geometric Brownian motion (optionally with Merton jumps) with the vols,
 * drifts and correlation of `market`; a path has `steps` steps of `dt` years, drawn from the seeded xoroshiro128+
 * stream with ziggurat normals of src/montecarlo (src/stress/protocolRisk/gbmPaths.ts gives the draw order). Step t
 * of a path is round t of the cascade: its relative move is the cascade's `path[t]`, and everything else (depth and
 * price impact, oracle latency, penalties, the insurance fund, ADL) is the protocol's cascade parameters, exactly as
 * `simulateLiquidationCascade(accounts, { ...params, path, rounds: steps })` runs them. The accounts are sorted by
 * id first (ids must be unique), so the same seed gives the same figures bit for bit whatever their order.
 *
 * Per path: bad debt (the protocol loss: covered by the fund, charged by ADL or left as deficit), fund drawn and
 * left, whether bad debt outran the fund (ADL or deficit), liquidations and liquidated notional, and bad debt by
 * asset (each round's bad debt split over the assets in proportion to their liquidated notional that round).
 * Estimates: mean with its standard error, quantiles, Acerbi–Tasche VaR and ES at 99% and 99.9% with batch-means
 * standard errors over `batches` contiguous batches of paths, exhaustion and liquidation probabilities with the
 * binomial standard error, and the per-asset contributions to the mean and to ES99 (ES99 = Σ paths' weights ×
 * their attributed bad debt). Work is bounded: paths × steps × (accounts × assets + assets) ≤ 10⁹. With
 * `options.importanceSampling` the normals are tilted toward a crash and each path carries its likelihood ratio; the
 * estimates are then weighted (src/stress/protocolRisk/weightedSummary.ts).
 */
import { runCascade } from '../cascadeEngine.js';
import type { EngineAccount, EngineConfig } from '../cascadeEngineTypes.js';
import { PathCursor } from './pathStream.js';
import { type PathModel, type ProtocolModel, validateMarket, validateOptions, validateProtocol } from './inputs.js';
import { esWeights, meanEstimate, quantileSorted, tailEstimate } from './lossTail.js';
import type { ProtocolMarket, ProtocolPathDetail, ProtocolRiskOptions, ProtocolRiskResult, Protocol } from './types.js';
import type { RunOptions } from './inputs.js';
import { isLendingProtocol, runLendingPaths } from './lendingRisk.js';
import type { LendingProtocol } from './lendingRisk.js';
import { type VenueProtocol, isVenueProtocol, simulateVenueProtocolRisk } from './venueRisk.js';
import { type PathFigures, newPathFigures } from './pathFigures.js';
import { summariseWeighted } from './weightedSummary.js';

export type { PathFigures } from './pathFigures.js';

function cloneAccount(a: EngineAccount): EngineAccount {
  return {
    ...a,
    c: a.c.slice(),
    s: a.s.slice(),
    e: a.e.slice(),
    cf: a.cf.slice(),
    sf: a.sf.slice(),
    ef: a.ef.slice(),
    liq: null,
  };
}

/**
 * Run paths [range.from, range.from + range.count) of the run (default all of them) through the cascade (validated
 * inputs); figure i is path range.from + i. Paths draw from their own substreams (src/stress/protocolRisk/pathStream.ts),
 * so any cut of a run gives every path the same figures; `range.cursor` carries the stream between calls.
 */
export function runPaths(
  model: ProtocolModel,
  pm: PathModel,
  o: RunOptions,
  range: { from: number; count: number; cursor?: PathCursor } = { from: 0, count: o.paths },
): PathFigures {
  const { steps } = o;
  const paths = range.count;
  const N = model.cfg.assets.length;
  // engine asset k reads the moves of market asset fromMarket[k]
  const fromMarket = model.single ? [0] : model.cfg.assets.map((a) => pm.names.indexOf(a.name));
  const fig = newPathFigures(
    paths,
    model.cfg.assets.map((a) => a.name),
    o.tilt,
  );
  const every = Math.max(1, Math.ceil(paths / 100));
  const cursor = range.cursor ?? new PathCursor(o.seed, pm, o.dt, o.tilt);
  for (let p = 0; p < paths; p++) {
    if (o.onProgress && p % every === 0) o.onProgress(p, paths);
    const moves = pm.names.map(() => new Array<number>(steps).fill(0));
    const w = cursor.draw(range.from + p, moves);
    if (fig.weight) fig.weight[p] = w;
    const cfg: EngineConfig = {
      ...model.cfg,
      rounds: steps,
      assets: model.cfg.assets.map((a, k) => ({ ...a, path: moves[fromMarket[k]] })),
    };
    const res = runCascade(model.accounts.map(cloneAccount), cfg);
    const last = res.rounds[res.rounds.length - 1].totals;
    fig.loss[p] = res.totalBadDebt.toNumber();
    fig.notional[p] = res.totalLiquidatedNotional.toNumber();
    fig.count[p] = res.liquidated.length;
    fig.drawn[p] = last.covered.toNumber();
    fig.fundLeft[p] = res.insuranceFund.toNumber();
    fig.exhausted[p] = last.badDebt.gt(last.covered) ? 1 : 0;
    for (const r of res.rounds) {
      if (!r.badDebt.gt(0)) continue;
      const bd = r.badDebt.toNumber();
      const rn = r.liquidatedNotional.toNumber();
      if (!(rn > 0)) fig.unattributed[p] += bd;
      else for (let k = 0; k < N; k++) fig.byAsset[k][p] += bd * (r.assets[k].liquidatedNotional.toNumber() / rn);
    }
    if (range.from + p < o.detail) {
      fig.detail.push({
        moves: Object.fromEntries(pm.names.map((n, i) => [n, moves[i]])),
        badDebt: res.totalBadDebt,
        liquidatedNotional: res.totalLiquidatedNotional,
        insuranceFund: res.insuranceFund,
        deficit: res.deficit,
        liquidated: res.liquidated,
      });
    }
  }
  o.onProgress?.(paths, paths);
  return fig;
}

/** A probability estimated by the share of paths, with the binomial standard error √(p(1 − p)/n). */
function proportion(x: Float64Array): { value: number; stdError: number } {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  const p = s / x.length;
  return { value: p, stdError: Math.sqrt((p * (1 - p)) / x.length) };
}

const mean = (x: Float64Array) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
};

/** The summary of the per-path figures (weighted estimates when the paths carry weights: ./weightedSummary.ts). */
export function summarise(fig: PathFigures, names: string[], batches: number): ProtocolRiskResult {
  if (fig.weight) return summariseWeighted({ ...fig, weight: fig.weight }, names, batches);
  const n = fig.loss.length;
  const sorted = Float64Array.from(fig.loss).sort();
  const sortedN = Float64Array.from(fig.notional).sort();
  const w = esWeights(fig.loss, 0.99);
  const dot = (x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) if (w[i] !== 0) s += w[i] * x[i];
    return s;
  };
  return {
    paths: n,
    badDebt: {
      mean: meanEstimate(fig.loss),
      quantiles: [0.5, 0.9, 0.99, 0.999].map((level) => ({ level, value: quantileSorted(sorted, level) })),
      tail: [0.99, 0.999].map((confidence) => ({ confidence, ...tailEstimate(fig.loss, confidence, batches) })),
    },
    fund: {
      exhaustionProbability: proportion(fig.exhausted),
      meanDrawn: mean(fig.drawn),
      meanFinal: mean(fig.fundLeft),
    },
    liquidations: {
      probabilityAny: proportion(fig.count.map((c) => (c > 0 ? 1 : 0))),
      meanCount: mean(fig.count),
      meanNotional: mean(fig.notional),
      notionalAtRisk99: quantileSorted(sortedN, 0.99),
      notionalAtRisk999: quantileSorted(sortedN, 0.999),
    },
    contributions: {
      byAsset: Object.fromEntries(names.map((a, k) => [a, { mean: mean(fig.byAsset[k]), es99: dot(fig.byAsset[k]) }])),
      unattributed: { mean: mean(fig.unattributed), es99: dot(fig.unattributed) },
    },
    badDebtByPath: Array.from(fig.loss),
    detail: fig.detail,
  };
}

/** Validated protocol, market and options. */
export function prepare(protocol: unknown, market: unknown, options: unknown) {
  const model = validateProtocol(protocol);
  const pm = validateMarket(market, model);
  const o = validateOptions(options, model.accounts.length, model.cfg.assets.length, pm);
  return { model, pm, o };
}

/**
 * Simulate the distribution of a protocol's bad debt (see the module comment for the model): `options.paths`
 * correlated GBM price paths of `options.steps` steps of `options.dt` years, each run through the liquidation
 * cascade with the protocol's accounts and parameters. Deterministic for a seed, whatever the order of the accounts.
 * Inputs are never mutated.
 *
 * @param protocol the accounts and the cascade parameters (without path, shock, rounds or scenario); or
 *   `{ positions, lending }` to run each path on a lending protocol's own rules ({@link simulateLendingCascade},
 *   src/stress/protocolRisk/lendingRisk.ts; figures then in the protocol's value unit); or, with
 *   `kind: 'dydx' | 'drift' | 'hyperliquid'`, a venue cascade's accounts and context (books without path), each path
 *   then run on that venue's rules (src/stress/protocolRisk/venueRisk.ts)
 * @param market the dynamics of each asset (annual vol, drift, jumps) and their correlation
 * @param options paths, steps, dt (years), seed, batches for the standard errors, detail paths; with
 *   `importanceSampling: { shift }` the paths are drawn with shifted drifts and every figure is a weighted estimate
 *   (src/stress/protocolRisk/importanceSampling.ts; `result.importanceSampling` carries the weights)
 *
 * @example
 * ```ts
 * import { simulateProtocolRisk } from 'riskcore/stress';
 * // 1 ETH against 1,900 of debt at 2,500, liquidation threshold 0.8: liquidated once an oracle reading is below
 * // 1,900/0.8 = 2,375 (5% down). ETH vol 80%, 30 daily steps: the discretely monitored first-passage
 * // probability is 0.770 (0.844 with continuous monitoring); 1,000 paths estimate it with a standard error of 0.013.
 * const res = simulateProtocolRisk(
 *   { accounts: [{ id: 'a', collateral: '1', debt: '1900' }], params: { price: '2500' } },
 *   { assets: { ETH: { vol: 0.8 } } },
 *   { paths: 1000, steps: 30, dt: 1 / 365, seed: 7 },
 * );
 * console.log(res.liquidations.probabilityAny.value.toFixed(2)); // '0.77'
 * console.log(res.liquidations.probabilityAny.stdError?.toFixed(3)); // '0.013'
 * // no price impact and a 20% cushion at liquidation: no bad debt on any path
 * console.log(res.badDebt.tail[0].es.value); // 0
 * ```
 */
export function simulateProtocolRisk(
  protocol: Protocol | LendingProtocol | VenueProtocol,
  market: ProtocolMarket,
  options: ProtocolRiskOptions,
): ProtocolRiskResult {
  if (isLendingProtocol(protocol)) {
    const l = runLendingPaths(protocol, market, options); // a lending protocol's own rules (./lendingRisk.ts)
    return summarise(l.fig, l.names, l.batches);
  }
  // a protocol of kind 'dydx', 'drift' or 'hyperliquid' runs on that venue's cascade (src/stress/protocolRisk/venueRisk.ts)
  if (isVenueProtocol(protocol))
    return simulateVenueProtocolRisk(protocol as VenueProtocol, market, options, summarise);
  const { model, pm, o } = prepare(protocol, market, options);
  const names = model.single ? pm.names : model.cfg.assets.map((a) => a.name);
  return summarise(runPaths(model, pm, o), names, o.batches);
}
