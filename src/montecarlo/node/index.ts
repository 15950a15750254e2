/// <reference types="node" />
/**
 * Node-only entry `riskcore/montecarlo/node`: a Monte Carlo run spread over worker threads. The run is cut into
 * JSON shards ({@link planShards}); each worker executes {@link runShard}; the tails merge exactly
 * ({@link combineShards}). The numbers are those of the single-threaded run, whatever the thread count.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { RiskInputError } from '../../core/errors.js';
import { checkNumber, checkObject } from '../../core/validate.js';
import { combineShards, planShards } from '../shard.js';
import type { ShardJob, ShardResult } from '../shard.js';

export { RiskInputError };

/** Input of {@link simulateParallel}: a shard plan plus threads and a progress callback. */
export interface ParallelRunInput {
  positions: ShardJob['positions'];
  market: ShardJob['market'];
  options: ShardJob['options'];
  totalPaths: number;
  confidence: number;
  /** Worker threads (default: available parallelism). */
  threads?: number;
  /** Shards (default 4 per thread, at least one 4096-path substream each). */
  shards?: number;
  /** Called as paths complete: (paths done, total paths). */
  onProgress?: (done: number, total: number) => void;
}

function workerUrl(): URL {
  const self = import.meta.url;
  return new URL(self.endsWith('.ts') ? './worker.ts' : self.endsWith('.cjs') ? './worker.cjs' : './worker.js', self);
}

/**
 * VaR/ES (Acerbi–Tasche, exact) and P&L mean/sd of a Monte Carlo run executed on worker threads. Bit-identical to
 * the single-thread run of the same seed: every path keeps its substream.
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
export async function simulateParallel(input: ParallelRunInput): Promise<{ var: number; es: number; paths: number; mean: number; std: number }> {
  const o = checkObject(input, 'input');
  const threads = o.threads === undefined ? Math.max(1, availableParallelism()) : checkNumber(o.threads, 'input.threads', { ge: 1, le: 256, integer: true });
  const shards = o.shards === undefined ? threads * 4 : checkNumber(o.shards, 'input.shards', { ge: 1, integer: true });
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new RiskInputError('input.onProgress', 'a function', o.onProgress);
  const jobs = planShards({ positions: input.positions, market: input.market, options: input.options, totalPaths: input.totalPaths, confidence: input.confidence, shards });
  const results: ShardResult[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const url = workerUrl();
  // from TypeScript sources (tests, bench) the worker registers tsx first; the built package runs worker.js directly
  const spawn = () => (url.pathname.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`, { eval: true })
    : new Worker(url));
  const workers = Array.from({ length: Math.min(threads, jobs.length) }, spawn);
  try {
    await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
      const feed = () => {
        if (next >= jobs.length) return resolve();
        const id = next++;
        w.postMessage({ id, job: jobs[id] });
      };
      w.on('message', (m: { id: number; progress?: number; result?: ShardResult; error?: { message: string; path?: string } | string }) => {
        if (m.progress !== undefined) {
          done += m.progress;
          input.onProgress?.(done, input.totalPaths);
        } else if (m.error !== undefined) {
          reject(new Error(typeof m.error === 'string' ? m.error : m.error.message));
        } else {
          results[m.id] = m.result as ShardResult;
          feed();
        }
      });
      w.on('error', reject);
      feed();
    })));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return combineShards(results, input.confidence);
}
