/**
 * A {@link simulateProtocolRisk} run cut into shards that any job runner can execute: a
 * {@link ProtocolRiskShardJob} is plain JSON, {@link runProtocolRiskShard} returns the figures of each of its paths
 * as plain JSON, {@link combineProtocolRiskShards} joins them in path order and summarises them exactly as the
 * single run does. Every path draws from its own place in the seed's substreams (path p from substream ⌊p/4096⌋),
 * so the merged result equals `simulateProtocolRisk` with the same inputs bit for bit, whatever the cut.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkNumber, checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';
import { PathCursor } from './pathStream.js';
import { mergeShardFigures } from './shardMerge.js';
import type { ProtocolRiskShardJob, ProtocolRiskShardResult } from './shardTypes.js';
import { type PathFigures, prepare, runPaths, summarise } from './simulate.js';
import type { Protocol, ProtocolMarket, ProtocolRiskOptions, ProtocolRiskResult } from './types.js';
import { OPTION_FIELDS, type RunOptions } from './inputs.js';

const JOB_KEYS = knownKeys('protocol', 'market', 'options', 'pathOffset', 'paths');
const PLAN_KEYS = knownKeys(...OPTION_FIELDS, 'shards');

/** Re-raise a RiskInputError of the run's validation under `job.`. */
function underJob<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof RiskInputError)) throw e;
    const re = new RiskInputError(joinPath('job', e.path), e.expected, e.value);
    re.message = e.path === '' ? re.message : `job.${e.message}`;
    throw re;
  }
}

/** The JSON form of paths [from, from + n) of a run. */
function shardResult(fig: PathFigures, from: number, o: RunOptions, names: string[]): ProtocolRiskShardResult {
  const a = (x: Float64Array) => Array.from(x);
  return {
    pathOffset: from,
    paths: fig.loss.length,
    totalPaths: o.paths,
    seed: o.seed,
    batches: o.batches,
    assets: names.slice(),
    badDebt: a(fig.loss),
    liquidatedNotional: a(fig.notional),
    liquidations: a(fig.count),
    fundDrawn: a(fig.drawn),
    fundLeft: a(fig.fundLeft),
    fundExhausted: a(fig.exhausted),
    byAsset: fig.byAsset.map(a),
    unattributed: a(fig.unattributed),
    ...(fig.weight ? { weight: a(fig.weight) } : {}),
    detail: fig.detail.map((d) => ({
      moves: Object.fromEntries(Object.entries(d.moves).map(([k, v]) => [k, v.slice()])),
      badDebt: d.badDebt.toString(),
      liquidatedNotional: d.liquidatedNotional.toString(),
      insuranceFund: d.insuranceFund.toString(),
      deficit: d.deficit.toString(),
      liquidated: d.liquidated.slice(),
    })),
  };
}

/** A validated run that executes any range of its paths; consecutive ranges continue one random stream. Internal. */
export interface ProtocolRiskRunner {
  /** Paths of the whole run. */
  readonly totalPaths: number;
  /** Paths [from, from + count) of the run (range unchecked: 0 ≤ from, 1 ≤ count, from + count ≤ totalPaths). */
  run(from: number, count: number): ProtocolRiskShardResult;
}

/** A {@link ProtocolRiskRunner} for a run's protocol, market and options (validated here, once). Internal. */
export function protocolRiskRunner(protocol: unknown, market: unknown, options: unknown): ProtocolRiskRunner {
  const { model, pm, o } = prepare(protocol, market, options);
  const names = model.single ? pm.names : model.cfg.assets.map((a) => a.name);
  const cursor = new PathCursor(o.seed, pm, o.dt, o.tilt);
  return {
    totalPaths: o.paths,
    run: (from, count) => shardResult(runPaths(model, pm, o, { from, count, cursor }), from, o, names),
  };
}

/**
 * Cut a {@link simulateProtocolRisk} run of `options.paths` paths into `options.shards` jobs of consecutive paths,
 * as even as possible (at most `options.paths` jobs). The inputs are validated here, once; the jobs are plain JSON:
 * send them to worker threads, a queue (e.g. BullMQ) or other machines, and merge what they return with
 * {@link combineProtocolRiskShards}.
 *
 * @param protocol the accounts and the cascade parameters, as for {@link simulateProtocolRisk}
 * @param market the dynamics of each asset and their correlation
 * @param options the run's options (`paths` is the whole run) and `shards`, the number of jobs (integer ≥ 1)
 *
 * @example
 * ```ts
 * import { planProtocolRiskShards, runProtocolRiskShard, combineProtocolRiskShards, simulateProtocolRisk } from 'riskcore/stress';
 * const protocol = { accounts: [{ id: 'a', collateral: '1', debt: '1900' }], params: { price: '2500' } };
 * const market = { assets: { ETH: { vol: 0.8 } } };
 * const options = { paths: 1000, steps: 30, dt: 1 / 365, seed: 7 };
 * const jobs = planProtocolRiskShards(protocol, market, { ...options, shards: 3 });
 * const merged = combineProtocolRiskShards(jobs.map((j) => runProtocolRiskShard(JSON.parse(JSON.stringify(j)))));
 * const single = simulateProtocolRisk(protocol, market, options);
 * console.log(jobs.map((j) => j.paths).join(' ')); // '333 333 334'
 * console.log(JSON.stringify(merged) === JSON.stringify(single)); // true
 * ```
 */
export function planProtocolRiskShards(
  protocol: Protocol,
  market: ProtocolMarket,
  options: ProtocolRiskOptions & { shards: number },
): ProtocolRiskShardJob[] {
  const oo = checkStrictObject(options, 'options', PLAN_KEYS);
  const { shards, ...run } = oo;
  const k = checkNumber(shards, 'options.shards', { ge: 1, le: 1_000_000, integer: true });
  const { o } = prepare(protocol, market, run);
  const n = Math.min(k, o.paths);
  const jobs: ProtocolRiskShardJob[] = [];
  for (let i = 0; i < n; i++) {
    const from = Math.floor((i * o.paths) / n);
    const to = Math.floor(((i + 1) * o.paths) / n);
    jobs.push({ protocol, market, options: run as unknown as ProtocolRiskOptions, pathOffset: from, paths: to - from });
  }
  return jobs;
}

/**
 * Execute one shard: simulate paths [job.pathOffset, job.pathOffset + job.paths) of the run exactly as
 * {@link simulateProtocolRisk} simulates them, and return the figures of each path (plain JSON). Inputs are validated
 * (errors name `job.…`) and never mutated.
 *
 * @param job a job of {@link planProtocolRiskShards} (or built by hand: the run's protocol, market and options, and a
 * range of its paths)
 *
 * @example
 * ```ts
 * import { runProtocolRiskShard } from 'riskcore/stress';
 * const r = runProtocolRiskShard({
 *   protocol: { accounts: [{ id: 'a', collateral: '1', debt: '1900' }], params: { price: '2500' } },
 *   market: { assets: { ETH: { vol: 0.8 } } },
 *   options: { paths: 1000, steps: 30, dt: 1 / 365, seed: 7 },
 *   pathOffset: 500,
 *   paths: 4,
 * });
 * console.log(r.pathOffset, r.badDebt.length, r.totalPaths); // '500 4 1000'
 * ```
 */
export function runProtocolRiskShard(job: ProtocolRiskShardJob): ProtocolRiskShardResult {
  const j = checkStrictObject(job, 'job', JOB_KEYS);
  const runner = underJob(() => protocolRiskRunner(j.protocol, j.market, j.options));
  const total = runner.totalPaths;
  const from = checkNumber(j.pathOffset, 'job.pathOffset', { ge: 0, lt: total, integer: true });
  const n = checkNumber(j.paths, 'job.paths', { ge: 1, le: total - from, integer: true });
  return runner.run(from, n);
}

/**
 * Merge the shard results of one run (any order) into its {@link ProtocolRiskResult}: the per-path figures joined in
 * path order, then summarised as {@link simulateProtocolRisk} does, so the result is the single run's, bit for bit,
 * whatever the number of shards, threads or machines. The results must cover the run's paths once each.
 *
 * @param results what {@link runProtocolRiskShard} returned for each job (plain JSON, e.g. read back from a queue)
 *
 * @example
 * ```ts
 * import { planProtocolRiskShards, runProtocolRiskShard, combineProtocolRiskShards } from 'riskcore/stress';
 * const jobs = planProtocolRiskShards(
 *   { accounts: [{ id: 'a', collateral: '1', debt: '1900' }], params: { price: '2500' } },
 *   { assets: { ETH: { vol: 0.8 } } },
 *   { paths: 1000, steps: 30, dt: 1 / 365, seed: 7, shards: 4 },
 * );
 * const r = combineProtocolRiskShards(jobs.map(runProtocolRiskShard).reverse());
 * console.log(r.paths, r.liquidations.probabilityAny.value.toFixed(2)); // '1000 0.77'
 * ```
 */
export function combineProtocolRiskShards(results: ProtocolRiskShardResult[]): ProtocolRiskResult {
  const { fig, names, batches } = mergeShardFigures(results);
  return summarise(fig, names, batches);
}
