/// <reference types="node" />
/**
 * `simulateProtocolRisk` (riskcore/stress) on worker threads: the run's paths are claimed in chunks from a shared counter by the
 * workers of a warm pool (the worker module of `riskcore/montecarlo/node`), and the per-path figures merge exactly
 * ({@link combineProtocolRiskShards}).
 */
import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Tinypool } from 'tinypool';
import { RiskInputError } from '../../core/errors.js';
import { checkKeys, checkNumber, checkObject, knownKeys } from '../../core/validate.js';
import { combineProtocolRiskShards, planProtocolRiskShards } from '../../stress/index.js';
import type {
  Protocol,
  ProtocolMarket,
  ProtocolRiskOptions,
  ProtocolRiskResult,
  ProtocolRiskShardResult,
} from '../../stress/index.js';
import { PROTOCOL_RISK_OPTION_FIELDS } from '../../stress/internal.js';
import { checkTimeout, MonteCarloPoolError } from './poolError.js';
import type { ProtocolRiskTask } from './protocolRiskTask.js';
import { retire, type Supervisor, supervise } from './supervise.js';
import { workerFilename } from './workerFile.js';

/**
 * Options of {@link simulateProtocolRiskParallel}: the run's options, the thread count, a progress callback and a
 * deadline.
 */
export interface ProtocolRiskParallelOptions extends ProtocolRiskOptions {
  /** Worker threads (integer in [1, 256]; default: available parallelism). */
  threads?: number;
  /**
   * Called as chunks of paths complete: (paths done, total paths); the last call is (total, total). A callback that
   * throws fails the run with a {@link MonteCarloPoolError} (`code: 'callback'`).
   */
  onProgress?: (done: number, total: number) => void;
  /**
   * Deadline of the run in milliseconds (at most {@link MAX_RUN_TIMEOUT_MS}); past it the run rejects with a
   * {@link MonteCarloPoolError} (`code: 'deadline'`) once its workers have been terminated. Default: none.
   */
  timeoutMs?: number;
}

const PARALLEL_OPTION_FIELDS = knownKeys(...PROTOCOL_RISK_OPTION_FIELDS, 'threads', 'timeoutMs');

/** Most paths in one claimed chunk: small enough to balance two threads on a noisy host, large enough to amortise. */
const MAX_CHUNK = 256;
/** Chunks per thread the run is cut into at least (when it has the paths). */
const CHUNKS_PER_THREAD = 16;

/** The shared warm pool of each thread count. */
const pools = new Map<number, Tinypool>();
/** Pools being torn down after a failure, with the promise of their workers' exit. */
const retiring = new WeakMap<Tinypool, Promise<void>>();

function poolOf(threads: number): Tinypool {
  let p = pools.get(threads);
  if (!p) {
    p = new Tinypool({ filename: workerFilename(), minThreads: threads, maxThreads: threads, idleTimeout: 0 });
    pools.set(threads, p);
  }
  return p;
}

/**
 * The shared pools' side of a supervised run: a failed pool leaves the map (the next call of its thread count starts
 * fresh workers) and its workers are terminated; runs sharing it fail with it.
 */
const supervisor: Supervisor = {
  recycle: (failed) => {
    const known = retiring.get(failed);
    if (known) return known;
    for (const [threads, p] of pools) if (p === failed) pools.delete(threads);
    const gone = retire(failed);
    retiring.set(failed, gone);
    return gone;
  },
  destroyed: () => false,
};

/**
 * The distribution of a protocol's bad debt, as `simulateProtocolRisk` (riskcore/stress) computes it, with the paths spread over
 * `options.threads` worker threads: bit for bit the single-thread result, whatever the thread count (every path
 * draws from its own place in the seed's substreams, and the figures merge in path order). The workers take chunks
 * of at most 256 paths from a shared counter until none is left, so a thread slowed by the host does not hold the
 * run back by more than a chunk. Runs on a shared warm pool per thread count, created on first use (idle workers do
 * not keep the process alive). Bad input rejects with a {@link RiskInputError} before any worker starts.
 *
 * The run's workers are watched: a worker that exits or fails during the run, a run past `options.timeoutMs`, or an
 * `onProgress` that throws rejects the run with a {@link MonteCarloPoolError} (`code` `'worker-exit'`,
 * `'worker-error'`, `'deadline'` or `'callback'`) once every worker of the run's pool has been terminated (none keeps
 * running it); the next call starts fresh workers. Runs of the same thread count share that pool: one running at the
 * same moment fails with it (`'worker-exit'`).
 *
 * @param protocol the accounts and the cascade parameters, as for simulateProtocolRisk
 * @param market the dynamics of each asset and their correlation
 * @param options the run's options, `threads`, `onProgress` and `timeoutMs`
 *
 * @example
 * ```ts
 * import { simulateProtocolRiskParallel } from 'riskcore/montecarlo/node';
 * import { simulateProtocolRisk } from 'riskcore/stress';
 * const protocol = { accounts: [{ id: 'a', collateral: '1', debt: '1900' }], params: { price: '2500' } };
 * const market = { assets: { ETH: { vol: 0.8 } } };
 * const options = { paths: 2000, steps: 30, dt: 1 / 365, seed: 7 };
 * const r = await simulateProtocolRiskParallel(protocol, market, { ...options, threads: 2 });
 * const single = simulateProtocolRisk(protocol, market, options);
 * console.log(JSON.stringify(r) === JSON.stringify(single)); // true
 * ```
 */
export async function simulateProtocolRiskParallel(
  protocol: Protocol,
  market: ProtocolMarket,
  options: ProtocolRiskParallelOptions,
): Promise<ProtocolRiskResult> {
  const o = checkObject(options, 'options');
  checkKeys(o, 'options', PARALLEL_OPTION_FIELDS);
  const { threads: t, onProgress, timeoutMs: deadline, ...run } = o;
  const threads =
    t === undefined
      ? Math.max(1, availableParallelism())
      : checkNumber(t, 'options.threads', { ge: 1, le: 256, integer: true });
  if (onProgress !== undefined && typeof onProgress !== 'function')
    throw new RiskInputError('options.onProgress', 'a function', onProgress);
  const timeoutMs = checkTimeout(deadline, 'options.timeoutMs');
  // validates protocol, market and the run's options here, in the calling thread
  const [job] = planProtocolRiskShards(protocol, market, { ...(run as unknown as ProtocolRiskOptions), shards: 1 });
  const total = job.paths;
  const chunk = Math.max(1, Math.min(MAX_CHUNK, Math.ceil(total / (threads * CHUNKS_PER_THREAD))));
  const tasks = Math.min(threads, Math.ceil(total / chunk));
  const counter = new SharedArrayBuffer(4);
  const pool = poolOf(threads);
  const data = { protocol: job.protocol, market: job.market, options: job.options };
  const parts = await supervise(pool, 'protocol-risk run', timeoutMs, supervisor, (fail) => {
    let done = 0;
    let callbackFailed = false;
    const runTask = async (): Promise<ProtocolRiskShardResult[]> => {
      const task: ProtocolRiskTask = { protocolRisk: data, claim: { counter, chunk } };
      if (!onProgress) return (await pool.run(task)) as ProtocolRiskShardResult[];
      const { port1, port2 } = new MessageChannel();
      let reported = 0;
      let finished = false;
      // progress of this task: its cumulative count, arriving on its own port (whatever is not reported yet when
      // the task completes is reported then, from the results)
      const report = (d: number) => {
        if (d <= reported) return;
        done += d - reported;
        reported = d;
        if (callbackFailed) return;
        try {
          (onProgress as (done: number, total: number) => void)(done, total);
        } catch (cause) {
          // the caller's code must not escape as an uncaught exception from a message handler: it fails the run
          callbackFailed = true;
          fail(
            new MonteCarloPoolError('callback', 'riskcore/montecarlo/node: the onProgress callback threw', { cause }),
          );
        }
      };
      port1.on('message', (d: number) => {
        if (!finished) report(d);
      });
      try {
        const r = (await pool.run({ ...task, port: port2 }, { transferList: [port2] })) as ProtocolRiskShardResult[];
        finished = true;
        report(r.reduce((s, x) => s + x.paths, 0));
        return r;
      } finally {
        finished = true;
        port1.close();
      }
    };
    return Promise.all(Array.from({ length: tasks }, runTask));
  });
  return combineProtocolRiskShards(parts.flat());
}

/** Symbol under which the function exposes its live pools to riskcore's own fault tests (not public API). */
const POOLS_INTERNALS = Symbol.for('riskcore.montecarlo.protocolRisk.pools.internals');
// friend access for the fault tests: the live tinypool of a thread count, if any
Object.defineProperty(simulateProtocolRiskParallel, POOLS_INTERNALS, {
  value: (threads: number) => pools.get(threads),
  enumerable: false,
});
