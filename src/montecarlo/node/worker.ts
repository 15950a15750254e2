/// <reference types="node" />
/**
 * Task of the `riskcore/montecarlo/node` worker pool (tinypool loads this module in each worker thread and calls
 * its default export per task): run one shard, report its cumulative progress on the task's port, return the
 * shard's plain-JSON result.
 */
import type { MessagePort } from 'node:worker_threads';
import type { CompiledBook } from '../book.js';
import { compileShardBook, runClaimedRun, runCompiledShard, runShard } from '../shard.js';
import type { ClaimedRunResult, ShardJob, ShardResult } from '../shard.js';
import { type BatchTask, type BatchTaskResult, isBatchTask, runBatchTask } from './batchTask.js';
import type { ProtocolRiskShardResult } from '../../stress/index.js';
import { runProtocolRiskTask } from './protocolRiskTask.js';
import type { ProtocolRiskTask } from './protocolRiskTask.js';

/**
 * One pool task: a shard job and, when the caller wants progress, a port for (paths done in this task). With
 * `claim`, `job` is the whole run and the worker runs the blocks it claims from the shared counter
 * (`Int32Array` over `claim.counter`), writing each block's sums into `claim.sums` (`Float64Array`, 2 per block).
 */
export interface ShardTask {
  job: ShardJob;
  claim?: { counter: SharedArrayBuffer; sums: SharedArrayBuffer };
  port?: MessagePort;
}

/**
 * Run a tiny shard (a spot and a call, 2 paths) three times, statically and claimed, before any real task, results discarded.
 *
 * Why: V8 builds the boilerplate of an object literal on the literal's second execution, and doing so changed the
 * field metadata of the maps the compiled book is made of (`compileBook`'s `black` and `book` literals). Every
 * optimized function depending on those maps was thrown away ("code dependencies") during the worker's second
 * shard, and the re-optimization that followed, racing on-stack replacement of the running loop, settled ~1.7×
 * slower on the options book in most workers with the per-path JavaScript kernel (measured per thread with
 * /proc/thread-self/schedstat: ~0.9 s instead of ~0.53 s of CPU per 10⁵ paths). After these runs every literal on
 * the shard path has its boilerplate, so the kernels are optimized once, on maps that no longer change. The wasm
 * block kernels showed no difference; `pathPnL` did (the no-SIMD JavaScript fallback was not measured). ~11 ms, once.
 */
function settleShapes(): void {
  for (let i = 0; i < 3; i++) {
    const job: ShardJob = {
      positions: [
        { kind: 'spot', underlying: 'W', quantity: 1 + i },
        { kind: 'option', type: 'call', underlying: 'W', quantity: 1, strike: 100 + i, expiry: 0.5 },
      ],
      market: { assets: { W: { price: 100, vol: 0.5 } } },
      options: { horizon: 1 / 365, seed: i },
      pathOffset: 0,
      paths: 2,
      totalPaths: 2,
      confidence: 0.5,
    };
    runShard(job);
    runClaimedRun(job, undefined, new Int32Array(1), new Float64Array(2)); // the pool's default (claimed) path too
  }
}
settleShapes();

/** The last book this worker compiled, keyed by {@link bookKey}. */
let cached: { key: string; book: CompiledBook } | undefined;

/**
 * What the compiled book depends on: positions, market and the model options (everything but the run range,
 * `seed` and `substream`), as JSON. Jobs reach this worker from `planShards` in the calling thread, which has
 * validated them, so JSON's folding (−0 and 0, NaN/±Infinity to null, undefined dropped) cannot make an invalid
 * job share a valid job's key. `undefined` when the job is not shaped like one (then it is compiled, and rejected,
 * as usual).
 */
function bookKey(job: ShardJob): string | undefined {
  if (job === null || typeof job !== 'object' || job.options === null || typeof job.options !== 'object')
    return undefined;
  const { seed: _seed, substream: _substream, ...model } = job.options;
  try {
    return JSON.stringify([job.positions, job.market, model]);
  } catch {
    return undefined;
  }
}

/**
 * Run the shard of `task` (the pool's handler). The book is compiled once per worker and reused while the shards
 * carry the same book: a run sends several shards per worker (2 by default), and every `compileBook` call kept V8 re-optimizing the
 * compile path (compileBook, the eigen-decomposition) on helper threads — up to ~0.1 s of CPU per run on a 2-core
 * machine whose both cores the workers need.
 */
export default function runShardTask(
  task: ShardTask | ProtocolRiskTask | { batch: BatchTask },
): ShardResult | ClaimedRunResult | ProtocolRiskShardResult[] | BatchTaskResult {
  if (isBatchTask(task)) return runBatchTask(task.batch); // a share of pool.optionGreeksBatch / impliedVolBatch
  const port = task.port;
  try {
    if ('protocolRisk' in task) return runProtocolRiskTask(task);
    const job = task.job;
    const key = bookKey(job);
    const progress = port ? (done: number) => port.postMessage(done) : undefined;
    if (task.claim) {
      if (key !== undefined && cached?.key !== key) cached = { key, book: compileShardBook(job) };
      const book = key === undefined ? undefined : cached?.book;
      return runClaimedRun(job, book, new Int32Array(task.claim.counter), new Float64Array(task.claim.sums), progress);
    }
    if (key === undefined) return runShard(job, progress);
    if (cached?.key !== key) cached = { key, book: compileShardBook(job) };
    return runCompiledShard(job, cached.book, progress);
  } finally {
    port?.close();
  }
}
