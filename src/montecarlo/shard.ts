/**
 * Runs cut into shards that any job runner can execute: a {@link ShardJob} is plain JSON, {@link runShard} returns
 * plain JSON (the shard's worst losses and moments), {@link combineShards} merges them into the run's exact VaR/ES.
 */
import { RiskInputError } from '../core/errors.js';
import { checkArray, checkConfidence, checkNumber, checkObject, checkStrictObject } from '../core/validate.js';
import type { CompiledBook } from './book.js';
import { checkBookMagnitudes } from './bookBounds.js';
import { compileBook } from './book.js';
import { checkRunRange, runBlocks, runClaimedBlocks, SUBSTREAM_PATHS } from './simulate.js';
import type { RunRange } from './simulate.js';
import { TailBuffer, tailCapacity } from './tailBuffer.js';
import { JOB_KEYS, PLAN_KEYS, RESULT_KEYS, SHARD_OPTION_KEYS } from './inputKeys.js';
import { checkTailSize } from './limits.js';
import type { ShardJob, ShardResult, ClaimedRunResult } from './shardTypes.js';
import { mergedTailVaRES, moments, readTail } from './shardMerge.js';
export type { ShardJob, ShardResult, ClaimedRunResult } from './shardTypes.js';

/**
 * Cut a run of `totalPaths` into `shards` jobs at multiples of 4096 paths (one substream each), as even as
 * possible. Jobs are plain JSON: send them to workers, queues (e.g. BullMQ) or other machines.
 *
 * @example
 * ```ts
 * import { planShards, runShard, combineShards } from 'riskcore/montecarlo';
 * const jobs = planShards({
 *   positions: [{ kind: 'spot', underlying: 'ETH', quantity: 10 }],
 *   market: { assets: { ETH: { price: 3000, vol: 0.7 } } },
 *   options: { horizon: 1 / 365, seed: 7 },
 *   totalPaths: 20000, confidence: 0.99, shards: 3,
 * });
 * const results = jobs.map((j) => runShard(JSON.parse(JSON.stringify(j))));
 * const r = combineShards(results, 0.99);
 * console.log(jobs.length, r.paths); // '3 20000'
 * ```
 */
export function planShards(input: Omit<ShardJob, 'pathOffset' | 'paths'> & { shards: number }): ShardJob[] {
  const o = checkStrictObject(input, 'input', PLAN_KEYS);
  checkStrictObject(o.options, 'input.options', SHARD_OPTION_KEYS);
  const total = checkNumber(o.totalPaths, 'input.totalPaths', { ge: 1, integer: true });
  const shards = checkNumber(o.shards, 'input.shards', { ge: 1, integer: true });
  const confidence = checkConfidence(o.confidence, 'input.confidence');
  checkTailSize(tailCapacity(total, confidence), total, 'input.totalPaths');
  const book = compileBook(o.positions, o.market, o.options, 'input.options'); // validate once here
  const opts = checkObject(o.options, 'input.options');
  checkBookMagnitudes(o.positions, o.market, opts, book, 'input.options');
  // the run range is checked as runShard will (seed, substream); pathOffset/paths are the plan's own
  checkRunRange({ ...opts, paths: total, pathOffset: 0 }, 'input.options');
  const blocks = Math.ceil(total / SUBSTREAM_PATHS);
  const n = Math.min(shards, blocks);
  const jobs: ShardJob[] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const endBlock = Math.round(((i + 1) * blocks) / n);
    const end = Math.min(endBlock * SUBSTREAM_PATHS, total);
    jobs.push({
      positions: input.positions,
      market: input.market,
      options: input.options,
      pathOffset: start,
      paths: end - start,
      totalPaths: total,
      confidence,
    });
    start = end;
  }
  return jobs;
}

/**
 * Execute one shard: simulate its paths (same numbers as the single run) and keep the worst losses it needs.
 * Memory O(tail size), whatever the shard length.
 */
export function runShard(job: ShardJob, onProgress?: (done: number, total: number) => void): ShardResult {
  return runCompiledShard(job, undefined, onProgress);
}

/**
 * The book of `job` compiled and magnitude-checked, as {@link runShard} does first. Internal: the worker pool
 * compiles a book once per worker and reuses it for the shards that carry the same book.
 */
export function compileShardBook(job: ShardJob): CompiledBook {
  const o = checkStrictObject(job, 'job', JOB_KEYS);
  checkStrictObject(o.options, 'job.options', SHARD_OPTION_KEYS);
  const book = compileBook(o.positions, o.market, o.options, 'job.options');
  checkBookMagnitudes(o.positions, o.market, checkObject(o.options, 'job.options'), book, 'job.options');
  return book;
}

/**
 * A shard job checked (the book compiled unless `compiled` is given, its run range, total and confidence) with the
 * empty tail buffer it fills: the worst min(n − ⌈nα⌉ + 1, shard paths) losses of a run of n = totalPaths.
 */
function prepareShard(
  job: ShardJob,
  compiled: CompiledBook | undefined,
): { book: CompiledBook; range: RunRange; tail: TailBuffer } {
  const book = compiled ?? compileShardBook(job);
  const o = checkStrictObject(job, 'job', JOB_KEYS);
  const opts = checkStrictObject(o.options, 'job.options', SHARD_OPTION_KEYS);
  const total = checkNumber(o.totalPaths, 'job.totalPaths', { ge: 1, integer: true });
  const range = checkRunRange({ ...opts, paths: o.paths, pathOffset: o.pathOffset }, 'job');
  if (range.pathOffset + range.paths > total)
    throw new RiskInputError('job.paths', `at most totalPaths − pathOffset = ${total - range.pathOffset}`, range.paths);
  const confidence = checkConfidence(o.confidence, 'job.confidence');
  checkTailSize(tailCapacity(total, confidence), total, 'job.totalPaths');
  return { book, range, tail: new TailBuffer(Math.min(tailCapacity(total, confidence), range.paths)) };
}

/**
 * {@link runShard} with the book already compiled by {@link compileShardBook} from this job's positions, market and
 * model options (`undefined`: compile it here). Internal.
 */
export function runCompiledShard(
  job: ShardJob,
  compiled: CompiledBook | undefined,
  onProgress?: (done: number, total: number) => void,
): ShardResult {
  const { book, range, tail } = prepareShard(job, compiled);
  const acc = new ShardAccumulator(tail);
  const outer = active;
  active = acc;
  try {
    runBlocks(book, range, shardSink, onProgress);
  } finally {
    active = outer;
  }
  return {
    pathOffset: range.pathOffset,
    paths: range.paths,
    tail: acc.tail.toJSON(),
    sum: acc.sums[0],
    sumSq: acc.sums[1],
    blockSums: acc.blocks,
  };
}

/**
 * What {@link runShard} keeps of its paths: the tail, Σ pnl and Σ pnl² in path order over the shard (in a
 * Float64Array, so no boxing per path) and the same sums of each block.
 */
class ShardAccumulator {
  readonly sums = new Float64Array(2);
  readonly blocks: number[] = [];
  constructor(readonly tail: TailBuffer) {}
}

/** The accumulator of the shard running in this thread (saved and restored around re-entrant runs). */
let active: ShardAccumulator | null = null;

/**
 * The one block sink of every shard. A single function (not a closure per shard) keeps the sink call in
 * `runBlocks` monomorphic: a new closure per shard deoptimized the optimized `runBlocks` ("wrong call target") at
 * every shard after the first. Sums in path order, as the single-thread run would.
 */
function shardSink(pnl: Float64Array, count: number): void {
  const acc = active as ShardAccumulator;
  acc.tail.pushPnL(pnl, 0, count);
  const sums = acc.sums;
  let sum = sums[0];
  let sumSq = sums[1];
  let bSum = 0;
  let bSumSq = 0;
  for (let i = 0; i < count; i++) {
    const x = pnl[i];
    const x2 = x * x;
    sum += x;
    sumSq += x2;
    bSum += x;
    bSumSq += x2;
  }
  sums[0] = sum;
  sums[1] = sumSq;
  acc.blocks.push(bSum, bSumSq);
}

/** State of the claimed run in this thread (module-level, so the sink and the claim are single functions). */
let claimed: {
  tail: TailBuffer;
  sums: Float64Array;
  counter: Int32Array;
  done: number;
  onProgress?: (done: number) => void;
} | null = null;

function claimNext(): number {
  return Atomics.add((claimed as NonNullable<typeof claimed>).counter, 0, 1);
}

/** Keep the block's tail and write its Σ pnl, Σ pnl² at the block's own slots (summed in path order). */
function claimedSink(pnl: Float64Array, count: number, block: number): void {
  const st = claimed as NonNullable<typeof claimed>;
  st.tail.pushPnL(pnl, 0, count);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < count; i++) {
    const x = pnl[i];
    sum += x;
    sumSq += x * x;
  }
  st.sums[2 * block] = sum;
  st.sums[2 * block + 1] = sumSq;
  st.done += count;
  st.onProgress?.(st.done);
}

/**
 * Run, in this thread, the substream blocks of `job` (a whole run: `pathOffset` a multiple of 4096) claimed one at a
 * time from the shared `counter` (an Int32Array over a SharedArrayBuffer, starting at 0) until none is left; block
 * b's Σ pnl and Σ pnl² go to `sums[2b]`, `sums[2b + 1]`. Threads running this on the same counter split the run
 * dynamically, block by block, with no round trip: whichever thread is free takes the next block. Internal (the
 * worker pool's default scheduling); merge with {@link combineClaimedRun}.
 */
export function runClaimedRun(
  job: ShardJob,
  compiled: CompiledBook | undefined,
  counter: Int32Array,
  sums: Float64Array,
  onProgress?: (done: number) => void,
): ClaimedRunResult {
  const { book, range, tail } = prepareShard(job, compiled);
  const blocks = Math.ceil(range.paths / SUBSTREAM_PATHS);
  if (sums.length < 2 * blocks) throw new RangeError(`runClaimedRun: ${sums.length} sums for ${blocks} blocks`);
  const outer = claimed;
  claimed = { tail, sums, counter, done: 0, onProgress };
  try {
    runClaimedBlocks(book, range, claimNext, claimedSink);
    return { tail: claimed.tail.toJSON(), paths: claimed.done };
  } finally {
    claimed = outer;
  }
}

/**
 * Merge the threads' results of a claimed run of `paths` paths into its VaR/ES (exact, as {@link combineShards}) and
 * P&L mean and standard deviation, summed block by block in block order from `sums`: the same numbers, to the
 * bit, whatever the number of threads and whichever thread ran which block. Internal.
 */
export function combineClaimedRun(
  results: ClaimedRunResult[],
  sums: Float64Array,
  paths: number,
  confidence: number,
): { var: number; es: number; paths: number; mean: number; std: number } {
  const ran = results.reduce((s, r) => s + r.paths, 0);
  if (ran !== paths) throw new RangeError(`combineClaimedRun: the threads ran ${ran} of ${paths} paths`);
  const tails = results.map((r, i) => readTail(r.tail, `results[${i}].tail`));
  let sum = 0;
  let sumSq = 0;
  for (let b = 0; b < Math.ceil(paths / SUBSTREAM_PATHS); b++) {
    sum += sums[2 * b];
    sumSq += sums[2 * b + 1];
  }
  return { ...mergedTailVaRES(tails, paths, confidence), paths, ...moments(sum, sumSq, paths) };
}

/**
 * Merge shard results (plain JSON, any order) into the run's VaR and ES at `confidence` (Acerbi–Tasche, exact as
 * if all paths had been kept), plus the P&L mean and standard deviation.
 *
 * Reproducibility: VaR and ES are the same bits for any cut of the run. The mean and standard deviation are the same
 * bits for any shard or thread count when every result carries `blockSums` and starts on a 4096-path block boundary
 * (all `planShards` jobs do): the block sums are then added in global block order, exactly as the worker pool's
 * claimed-block run adds them. Results without `blockSums`, or cut mid-block, enter with their own path-order sums
 * in the order given, which can differ in the last bits (a few hundred ulp at 10⁶ paths).
 */
export function combineShards(
  results: ShardResult[],
  confidence: number,
): { var: number; es: number; paths: number; mean: number; std: number } {
  const rs = checkArray(results, 'results', 1);
  const a = checkConfidence(confidence);
  const tails = rs.map((r, i) =>
    readTail(checkStrictObject(r, `results[${i}]`, RESULT_KEYS).tail, `results[${i}].tail`),
  );
  let paths = 0;
  let sum = 0;
  let sumSq = 0;
  const blocks: Array<{ offset: number; sums: number[] } | null> = [];
  rs.forEach((r, i) => {
    const x = r as ShardResult;
    const n = checkNumber(x.paths, `results[${i}].paths`, { ge: 1, le: Number.MAX_SAFE_INTEGER, integer: true });
    paths += n;
    sum += checkNumber(x.sum, `results[${i}].sum`);
    sumSq += checkNumber(x.sumSq, `results[${i}].sumSq`);
    blocks.push(readBlockSums(x, n, i));
  });
  if (paths > Number.MAX_SAFE_INTEGER)
    throw new RiskInputError('results', 'shards of at most 2^53 − 1 paths in all', paths);
  if (blocks.every((b) => b !== null)) {
    // every shard starts on a block boundary and carries its block sums: add them in global block order, as the
    // claimed-block run does, so the moments do not depend on how the run was cut
    const ordered = (blocks as Array<{ offset: number; sums: number[] }>).slice().sort((p, q) => p.offset - q.offset);
    sum = 0;
    sumSq = 0;
    for (const b of ordered) {
      for (let j = 0; j < b.sums.length; j += 2) {
        sum += b.sums[j];
        sumSq += b.sums[j + 1];
      }
    }
  }
  return { ...mergedTailVaRES(tails, paths, a), paths, ...moments(sum, sumSq, paths) };
}

/**
 * The block sums of shard result `i` (validated), or null when the shard has none (a result from before they
 * existed) or does not start on a block boundary: its moments then enter as the shard's own sums.
 */
function readBlockSums(x: ShardResult, paths: number, i: number): { offset: number; sums: number[] } | null {
  if (x.blockSums === undefined) return null;
  const path = `results[${i}].blockSums`;
  const offset = checkNumber(x.pathOffset, `results[${i}].pathOffset`, {
    ge: 0,
    le: Number.MAX_SAFE_INTEGER,
    integer: true,
  });
  const s = x.blockSums as unknown;
  if (!Array.isArray(s)) throw new RiskInputError(path, 'an array of finite numbers', s);
  const want = 2 * Math.ceil((paths + (offset % SUBSTREAM_PATHS)) / SUBSTREAM_PATHS);
  if (s.length !== want)
    throw new RiskInputError(
      path,
      `${want} numbers (Σ pnl, Σ pnl² of each of the shard's blocks)`,
      s,
      `it has ${s.length}`,
    );
  for (let j = 0; j < s.length; j++) {
    const v: unknown = s[j];
    if (typeof v !== 'number' || !(v - v === 0)) checkNumber(v, `${path}[${j}]`);
  }
  return offset % SUBSTREAM_PATHS === 0 ? { offset, sums: s as number[] } : null;
}
