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
import { MessageChannel } from 'node:worker_threads';
import { Tinypool } from 'tinypool';
import { RiskInputError } from '../../core/errors.js';
import { checkKeys, checkNumber, checkObject, knownKeys } from '../../core/validate.js';
import { combineClaimedRun, combineShards, planShards } from '../shard.js';
import type { ClaimedRunResult, ShardJob, ShardResult } from '../shard.js';
import { SUBSTREAM_PATHS } from '../simulate.js';
import type { ShardTask } from './worker.js';
import { workerFilename } from './workerFile.js';

export { RiskInputError };

export { MAX_RUN_TIMEOUT_MS, MonteCarloPoolError } from './poolError.js';
export { simulateProtocolRiskParallel } from './protocolRisk.js';
export type { ProtocolRiskParallelOptions } from './protocolRisk.js';
export type { MonteCarloPoolErrorCode } from './poolError.js';
import { MAX_RUN_TIMEOUT_MS, MonteCarloPoolError } from './poolError.js';

/** Input of {@link simulateParallel}: a shard plan plus threads and a progress callback. */
export interface ParallelRunInput {
  positions: ShardJob['positions'];
  market: ShardJob['market'];
  options: ShardJob['options'];
  totalPaths: number;
  confidence: number;
  /** Worker threads (default: available parallelism). Ignored by {@link MonteCarloPool.run} (the pool's own count). */
  threads?: number;
  /**
   * Static shards: cut the run into this many tasks up front ({@link planShards}), each worker taking the next task
   * when it finishes one. Default (undefined): dynamic, one task per worker and the workers claim the run's
   * 4096-path substream blocks from a shared counter (SharedArrayBuffer) until none is left — no round trip per
   * piece, and the workers finish at most one block apart whatever the host does to either core. The static cut's
   * last pieces are whole shards: on the options bench book the two workers finished a median 20 ms apart (of ~170 ms)
   * with 2 shards per thread. Both give the same VaR/ES; the dynamic run's mean and standard deviation are summed
   * block by block in block order, so they too are the same bits whatever the thread count. Those per-block sums take
   * 16 bytes per 4096 paths; runs longer than 2²² blocks (~1.7·10¹⁰ paths) use the static cut, 2 shards per thread.
   */
  shards?: number;
  /**
   * Called as paths complete: (paths done, total paths); the last call is (total, total). A callback that throws
   * fails the run with a {@link MonteCarloPoolError} (`code: 'callback'`, the thrown value as `cause`).
   */
  onProgress?: (done: number, total: number) => void;
  /**
   * Deadline of the run in milliseconds (at most {@link MAX_RUN_TIMEOUT_MS}); past it the run rejects with a
   * {@link MonteCarloPoolError} (`code: 'deadline'`) and the pool's workers are replaced. Default: none.
   */
  timeoutMs?: number;
}

const RUN_INPUT_KEYS = knownKeys(
  'positions',
  'market',
  'options',
  'totalPaths',
  'confidence',
  'threads',
  'shards',
  'onProgress',
  'timeoutMs',
);
const POOL_OPTION_KEYS = knownKeys('threads', 'maxMemoryMb');

/** VaR/ES (positive losses, quote currency) and P&L mean/sd of a parallel run. */
export interface ParallelRunResult {
  var: number;
  es: number;
  paths: number;
  mean: number;
  std: number;
}

/** A warm worker pool for Monte Carlo runs. */
export interface MonteCarloPool {
  /** Worker threads of the pool. */
  readonly threads: number;
  /** Run `input` on the pool (its `threads` field is ignored); same numbers as the single-thread run. */
  run(input: ParallelRunInput): Promise<ParallelRunResult>;
  /** Terminate the workers. Runs after `destroy()` reject. */
  destroy(): Promise<void>;
}

function checkThreads(v: unknown, path: string): number {
  return v === undefined
    ? Math.max(1, availableParallelism())
    : checkNumber(v, path, { ge: 1, le: 256, integer: true });
}

/** Run one task on the pool; with `progress`, the task's cumulative counts arrive on its own port and whatever is
 * not reported yet is added when it completes (from the result's `paths`). */
async function runTask<R extends { paths: number }>(
  pool: Tinypool,
  task: ShardTask,
  progress?: (delta: number) => void,
): Promise<R> {
  if (!progress) return (await pool.run(task)) as R;
  const { port1, port2 } = new MessageChannel();
  let reported = 0;
  let finished = false;
  port1.on('message', (d: number) => {
    if (finished || d <= reported) return;
    progress(d - reported);
    reported = d;
  });
  try {
    const r = (await pool.run({ ...task, port: port2 }, { transferList: [port2] })) as R;
    finished = true;
    if (reported < r.paths) progress(r.paths - reported);
    return r;
  } finally {
    finished = true;
    port1.close();
  }
}

/**
 * Longest run (in 4096-path blocks) split by claiming: its per-block sums take 16 bytes per block, 64 MiB at this
 * cap (about 1.7·10¹⁰ paths); longer runs use the static cut, whose memory does not grow with the run.
 */
const MAX_CLAIMED_BLOCKS = 2 ** 22;

async function runOn(
  pool: Tinypool,
  threads: number,
  input: ParallelRunInput,
  onCallbackError: (e: unknown) => void,
): Promise<ParallelRunResult> {
  const o = checkObject(input, 'input');
  checkKeys(o, 'input', RUN_INPUT_KEYS);
  const shards = o.shards === undefined ? undefined : checkNumber(o.shards, 'input.shards', { ge: 1, integer: true });
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function')
    throw new RiskInputError('input.onProgress', 'a function', o.onProgress);
  const onProgress = o.onProgress as ParallelRunInput['onProgress'];
  const jobs = planShards({
    positions: input.positions,
    market: input.market,
    options: input.options,
    totalPaths: input.totalPaths,
    confidence: input.confidence,
    shards: shards ?? 1,
  });
  const total = jobs.reduce((s, j) => s + j.paths, 0);
  let done = 0;
  let callbackFailed = false;
  const progress =
    onProgress &&
    ((delta: number) => {
      done += delta;
      if (callbackFailed) return;
      try {
        onProgress(done, total);
      } catch (e) {
        // the caller's code must not escape as an uncaught exception from a message handler: it fails the run
        callbackFailed = true;
        onCallbackError(e);
      }
    });
  const blocks = Math.ceil(total / SUBSTREAM_PATHS);
  if (shards === undefined && blocks <= MAX_CLAIMED_BLOCKS) {
    // dynamic: one task per worker, each claiming 4096-path blocks from a shared counter until none is left
    const claim = { counter: new SharedArrayBuffer(4), sums: new SharedArrayBuffer(16 * blocks) };
    const tasks = Array.from({ length: Math.min(threads, blocks) }, () =>
      runTask<ClaimedRunResult>(pool, { job: jobs[0], claim }, progress),
    );
    return combineClaimedRun(await Promise.all(tasks), new Float64Array(claim.sums), total, jobs[0].confidence);
  }
  // static: the plan's shards (an explicit count, or 2 per thread for runs too long for the per-block sums)
  const plan = shards === undefined ? planShards({ ...jobs[0], shards: threads * 2 }) : jobs;
  const results = await Promise.all(plan.map((job) => runTask<ShardResult>(pool, { job }, progress)));
  return combineShards(results, input.confidence);
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
  /** Replace the workers of `failed` (if they are still the pool's): the next run starts on fresh ones. */
  const recycle = (failed: Tinypool) => {
    if (failed !== pool || destroyed) return;
    pool = spawn();
    failed.destroy().catch(() => {});
  };
  const run = (input: ParallelRunInput): Promise<ParallelRunResult> => {
    if (destroyed)
      return Promise.reject(
        new MonteCarloPoolError('destroyed', 'riskcore/montecarlo/node: run() on a destroyed pool'),
      );
    const tp = pool;
    let timeoutMs: number | undefined;
    try {
      const io = checkObject(input, 'input');
      timeoutMs =
        io.timeoutMs === undefined
          ? undefined
          : checkNumber(io.timeoutMs, 'input.timeoutMs', { gt: 0, le: MAX_RUN_TIMEOUT_MS });
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise<ParallelRunResult>((resolve, reject) => {
      let settled = false;
      const watched: Array<{ off: () => void }> = [];
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = () => {
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        for (const w of watched) w.off();
      };
      const fail = (e: MonteCarloPoolError) => {
        if (settled) return;
        finish();
        recycle(tp);
        reject(e);
      };
      // a worker that exits (process.exit, terminate) never answers its task: watch every worker of the run
      for (const w of tp.threads as unknown as Array<{
        thread?: { once(e: 'exit', f: (code: number) => void): void; off(e: 'exit', f: (code: number) => void): void };
      }>) {
        const thread = w.thread;
        if (!thread) continue;
        const onExit = (code: number) =>
          fail(
            new MonteCarloPoolError(
              'worker-exit',
              `riskcore/montecarlo/node: a worker thread exited (code ${code}) during the run; the pool's workers were replaced`,
            ),
          );
        thread.once('exit', onExit);
        watched.push({ off: () => thread.off('exit', onExit) });
      }
      if (timeoutMs !== undefined) {
        timer = setTimeout(
          () =>
            fail(
              new MonteCarloPoolError(
                'deadline',
                `riskcore/montecarlo/node: the run passed its deadline of ${timeoutMs} ms; the pool's workers were replaced`,
              ),
            ),
          timeoutMs,
        );
      }
      runOn(tp, threads, input, (cause) =>
        fail(
          new MonteCarloPoolError(
            'callback',
            'riskcore/montecarlo/node: the onProgress callback threw; the run was stopped',
            { cause },
          ),
        ),
      ).then(
        (r) => {
          if (settled) return;
          finish();
          resolve(r);
        },
        (e: unknown) => {
          if (settled) return;
          if (e instanceof RiskInputError) {
            finish();
            reject(e);
            return;
          }
          // an error raised inside a worker (out of memory under maxMemoryMb, a crash): tinypool has replaced that
          // worker already; the rest of the run's workers are recycled with it so no claim is left half-done
          fail(
            new MonteCarloPoolError(
              'worker-error',
              `riskcore/montecarlo/node: a worker failed during the run: ${(e as Error)?.message ?? String(e)}`,
              { cause: e },
            ),
          );
        },
      );
    });
  };
  const handle: MonteCarloPool = {
    threads,
    run,
    destroy: () => {
      destroyed = true;
      return pool.destroy();
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
