/// <reference types="node" />
/**
 * Node-only entry `riskcore/montecarlo/node`: a Monte Carlo run spread over worker threads of a maintained pool
 * (tinypool). The run is cut into JSON shards ({@link planShards}); each worker executes {@link runShard}; the tails
 * merge exactly ({@link combineShards}). The numbers are those of the single-threaded run, whatever the thread count.
 *
 * Pools are kept warm: {@link createMonteCarloPool} gives one whose workers (and their JIT-compiled kernels) live
 * until `destroy()`; {@link simulateParallel} uses a shared default pool per thread count. Idle workers are unref'd,
 * so a warm pool never keeps the process alive.
 */
import { availableParallelism } from 'node:os';
import { Tinypool } from 'tinypool';
import { RiskInputError } from '../../core/errors.js';
import { checkKeys, checkNumber, checkObject, knownKeys } from '../../core/validate.js';
import type { GreeksColumns, ImpliedVolColumns, OptionColumns } from '../../greeks/index.js';
import { runBatchOn } from './batch.js';
import type { BatchKind } from './batchTask.js';
import { type ParallelRunInput, type ParallelRunResult, runOn } from './runOn.js';
import { workerFilename } from './workerFile.js';
import { retire, type Supervisor, supervise } from './supervise.js';

export { RiskInputError };

const POOL_OPTION_KEYS = knownKeys('threads', 'maxMemoryMb');
const BATCH_OPTION_KEYS = knownKeys('timeoutMs');

/** Options of the pool's batch methods ({@link MonteCarloPool.optionGreeksBatch}). */
export interface PoolBatchOptions {
  /**
   * Deadline of the batch in milliseconds (at most {@link MAX_RUN_TIMEOUT_MS}); past it the batch rejects with a
   * {@link MonteCarloPoolError} (`code: 'deadline'`) and the pool's workers are replaced. Default: none.
   */
  timeoutMs?: number;
}
export type { ParallelRunInput, ParallelRunResult } from './runOn.js';

export { MAX_RUN_TIMEOUT_MS, MonteCarloPoolError } from './poolError.js';
export { simulateProtocolRiskParallel } from './protocolRisk.js';
export type { ProtocolRiskParallelOptions } from './protocolRisk.js';
export type { MonteCarloPoolErrorCode } from './poolError.js';
import { checkTimeout, MonteCarloPoolError } from './poolError.js';

/** A warm worker pool for Monte Carlo runs and for batch pricing. */
export interface MonteCarloPool {
  /** Worker threads of the pool. */
  readonly threads: number;
  /**
   * Run `input` on the pool; same numbers as the single-thread run. Its `threads` field is checked as
   * {@link simulateParallel} checks it (an integer in [1, 256], else a {@link RiskInputError}), then ignored: the pool
   * runs on its own workers.
   */
  run(input: ParallelRunInput): Promise<ParallelRunResult>;
  /**
   * `optionGreeksBatch` (riskcore/greeks) on the pool's workers, the same figures bit for bit. Every column of
   * `cols` and `out` must be a typed array on a `SharedArrayBuffer` (or a number where the batch API takes one):
   * the workers read and write the caller's memory in place, claiming chunks of 16,384 rows. A batch of one chunk
   * or less runs in the calling thread. A bad row rejects with the {@link RiskInputError} of the single-thread call
   * (naming it; likely unit slips included, accepted with `cols.allowExtreme: true` as there); `out` then holds
   * figures of any rows. A worker that exits or fails during the batch, a batch past
   * `options.timeoutMs`, or `destroy()` during it rejects with a {@link MonteCarloPoolError} once every worker of the
   * batch has exited (none writes `out` afterwards); the pool replaces its workers, and later calls work as before.
   *
   * @example
   * ```ts
   * import { createMonteCarloPool } from 'riskcore/montecarlo/node';
   * const n = 40000;
   * const col = () => new Float64Array(new SharedArrayBuffer(8 * n));
   * const cols = { spot: col().fill(100), strike: col().fill(110), expiry: col().fill(0.5), vol: col().fill(0.3),
   *   rate: 0.03, isCall: new Uint8Array(new SharedArrayBuffer(n)).fill(1) };
   * const out = { price: col(), delta: col(), gamma: col(), vega: col(), theta: col(), rho: col(), vanna: col(),
   *   volga: col(), charm: col() };
   * const pool = createMonteCarloPool({ threads: 2 });
   * await pool.optionGreeksBatch(cols, out);
   * await pool.destroy();
   * console.log(out.price[n - 1].toFixed(6)); // '5.239506'
   * ```
   */
  optionGreeksBatch(cols: OptionColumns, out: GreeksColumns, options?: PoolBatchOptions): Promise<GreeksColumns>;
  /** `optionPriceBatch` on the pool's workers, as {@link MonteCarloPool.optionGreeksBatch}. */
  optionPriceBatch(cols: OptionColumns, out: Float64Array, options?: PoolBatchOptions): Promise<Float64Array>;
  /** `impliedVolBatch` (riskcore/greeks) on the pool's workers, as {@link MonteCarloPool.optionGreeksBatch}. */
  impliedVolBatch(cols: ImpliedVolColumns, out: Float64Array, options?: PoolBatchOptions): Promise<Float64Array>;
  /** Terminate the workers. Runs after `destroy()` reject. */
  destroy(): Promise<void>;
}

function checkThreads(v: unknown, path: string): number {
  return v === undefined
    ? Math.max(1, availableParallelism())
    : checkNumber(v, path, { ge: 1, le: 256, integer: true });
}

/**
 * A warm pool of `threads` workers (default: available parallelism) for repeated runs: worker start-up and JIT
 * warm-up are paid once. Call `destroy()` when done (idle workers do not keep the process alive meanwhile).
 *
 * `maxMemoryMb` caps each worker's V8 heap (old generation, MiB, ≥ 16): a worker that needs more fails its run with
 * a {@link MonteCarloPoolError} instead of taking the machine's memory. (Typed-array buffers live outside that heap;
 * a run's buffers are bounded by its tail, a few percent of its paths.) A worker that exits or fails, a run past
 * its `timeoutMs`, or an `onProgress` that throws rejects that run with a {@link MonteCarloPoolError}; the pool then
 * replaces its workers, and later runs work as before.
 *
 * @example
 * ```ts
 * import { createMonteCarloPool } from 'riskcore/montecarlo/node';
 * const pool = createMonteCarloPool({ threads: 2 });
 * const input = {
 *   positions: [{ kind: 'spot', underlying: 'ETH', quantity: 10 }],
 *   market: { assets: { ETH: { price: 3000, vol: 0.7 } } },
 *   options: { horizon: 1 / 365, seed: 3 },
 *   totalPaths: 40000, confidence: 0.99,
 * };
 * const a = await pool.run(input); // starts the workers
 * const b = await pool.run({ ...input, options: { ...input.options, seed: 4 } }); // reuses them, already warm
 * await pool.destroy();
 * console.log(a.paths + b.paths); // 80000
 * ```
 */
export function createMonteCarloPool(options: { threads?: number; maxMemoryMb?: number } = {}): MonteCarloPool {
  const o = checkObject(options, 'options');
  checkKeys(o, 'options', POOL_OPTION_KEYS);
  const threads = checkThreads(o.threads, 'options.threads');
  const maxMemoryMb =
    o.maxMemoryMb === undefined
      ? undefined
      : checkNumber(o.maxMemoryMb, 'options.maxMemoryMb', { ge: 16, le: 2 ** 20 });
  const spawn = () =>
    new Tinypool({
      filename: workerFilename(),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 0,
      ...(maxMemoryMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb } }),
    });
  let pool = spawn();
  let destroyed = false;
  let destroying: Promise<void> | undefined;
  /** Pools being torn down after a failure, with the promise of their workers' exit. */
  const retiring = new WeakMap<Tinypool, Promise<void>>();
  const supervisor: Supervisor = {
    /** Replace the workers of `failed` (if they are still the pool's): the next run starts on fresh ones. */
    recycle: (failed) => {
      const known = retiring.get(failed);
      if (known) return known;
      if (failed === pool && destroying) return destroying;
      if (failed !== pool) return Promise.resolve();
      pool = spawn();
      const gone = retire(failed);
      retiring.set(failed, gone);
      return gone;
    },
    destroyed: () => destroyed,
  };
  const refusedOnDestroyed = (what: string) =>
    Promise.reject(new MonteCarloPoolError('destroyed', `riskcore/montecarlo/node: ${what} on a destroyed pool`));
  const run = (input: ParallelRunInput): Promise<ParallelRunResult> => {
    if (destroyed) return refusedOnDestroyed('run()');
    let timeoutMs: number | undefined;
    try {
      const io = checkObject(input, 'input');
      // the pool keeps its own count, but a count simulateParallel would refuse is refused here too, not ignored
      if (io.threads !== undefined) checkThreads(io.threads, 'input.threads');
      timeoutMs = checkTimeout(io.timeoutMs, 'input.timeoutMs');
    } catch (e) {
      return Promise.reject(e);
    }
    const tp = pool;
    return supervise(tp, 'run', timeoutMs, supervisor, (fail) =>
      runOn(tp, threads, input, (cause) =>
        fail(
          new MonteCarloPoolError(
            'callback',
            'riskcore/montecarlo/node: the onProgress callback threw; the run was stopped',
            { cause },
          ),
        ),
      ),
    );
  };
  /** A batch on the live workers, supervised as a run is (worker exit or error, deadline, destroyed pool). */
  const batch =
    <O>(kind: BatchKind) =>
    (cols: unknown, out: O, options?: PoolBatchOptions): Promise<O> => {
      if (destroyed) return refusedOnDestroyed('batch');
      let timeoutMs: number | undefined;
      try {
        if (options !== undefined) {
          const o = checkObject(options, 'options');
          checkKeys(o, 'options', BATCH_OPTION_KEYS);
          timeoutMs = checkTimeout(o.timeoutMs, 'options.timeoutMs');
        }
      } catch (e) {
        return Promise.reject(e);
      }
      const tp = pool;
      return supervise(tp, 'batch', timeoutMs, supervisor, () => runBatchOn(tp, threads, kind, cols, out));
    };
  const handle: MonteCarloPool = {
    threads,
    run,
    optionGreeksBatch: batch<GreeksColumns>('greeks'),
    optionPriceBatch: batch<Float64Array>('price'),
    impliedVolBatch: batch<Float64Array>('impliedVol'),
    destroy: () => {
      destroyed = true;
      destroying ??= retire(pool);
      return destroying;
    },
  };
  // friend access for the pool's fault tests (the live tinypool instance); not part of the public API
  Object.defineProperty(handle, POOL_INTERNALS, { value: () => pool, enumerable: false });
  return handle;
}

/** Symbol under which a pool exposes its live tinypool to riskcore's own fault tests (not public API). */
const POOL_INTERNALS = Symbol.for('riskcore.montecarlo.pool.internals');

const defaultPools = new Map<number, MonteCarloPool>();

/**
 * VaR/ES (Acerbi–Tasche, exact) and P&L mean/sd of a Monte Carlo run executed on worker threads. Bit-identical to
 * the single-thread run of the same seed: every path keeps its substream. Runs on a shared warm pool of `threads`
 * workers, created on first use and kept (unref'd) for later calls.
 *
 * @example
 * ```ts
 * import { simulateParallel } from 'riskcore/montecarlo/node';
 * const r = await simulateParallel({
 *   positions: [{ kind: 'spot', underlying: 'BTC', quantity: 1 }],
 *   market: { assets: { BTC: { price: 60000, vol: 0.6 } } },
 *   options: { horizon: 1 / 365, seed: 1 },
 *   totalPaths: 50000, confidence: 0.99, threads: 2,
 * });
 * console.log(r.paths); // 50000
 * ```
 */
export async function simulateParallel(input: ParallelRunInput): Promise<ParallelRunResult> {
  const o = checkObject(input, 'input');
  const threads = checkThreads(o.threads, 'input.threads');
  let pool = defaultPools.get(threads);
  if (!pool) {
    pool = createMonteCarloPool({ threads });
    defaultPools.set(threads, pool);
  }
  return pool.run(input);
}
