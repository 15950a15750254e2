/**
 * Monte Carlo P&L of a book over a horizon: correlated lognormal (or multivariate-t) moves of every underlying,
 * full revaluation of spot, perps, futures and options (linear and inverse), deterministic in (seed, path index).
 */
import { RiskInputError } from '../core/errors.js';
import type { Market, Position } from '../core/model.js';
import { checkNumber, checkStrictObject, joinPath } from '../core/validate.js';
import type { CompiledBook, ModelOptions } from './book.js';
import { compileBook } from './book.js';
import { checkBookMagnitudes } from './bookBounds.js';
import { BLOCK, BlockEngine } from './kernels/blockEngine.js';
import { substreamOf } from './stream.js';
import { SIMULATION_KEYS } from './inputKeys.js';
import { checkResultPaths } from './limits.js';

/**
 * Paths per substream: path p of a run uses substream `substream + ⌊p / SUBSTREAM_PATHS⌋` of the seed, so any cut
 * of the path range (shards, threads, `pathOffset`) reproduces the single run bit for bit.
 */
export const SUBSTREAM_PATHS = 4096;

/** Options of {@link simulatePnL}. Everything but `onProgress` is plain JSON. */
export interface SimulationOptions extends ModelOptions {
  /** Number of paths (integer ≥ 1). */
  paths: number;
  /** Seed, an integer in [0, 2³²) (seeded as pure-rand's xoroshiro128plus). */
  seed: number;
  /** First substream id (default 0): path p uses substream `substream + ⌊(pathOffset + p)/4096⌋`. */
  substream?: number;
  /** Index of the first path (default 0): a shard simulating paths [offset, offset + paths) of a larger run. */
  pathOffset?: number;
  /** Called after every block of 4096 paths with (paths done, paths total). */
  onProgress?: (done: number, total: number) => void;
}

export interface RunRange {
  seed: number;
  substream: number;
  pathOffset: number;
  paths: number;
}

/** Validate the run-range part of the options. Internal. */
export function checkRunRange(o: Record<string, unknown>, path: string): RunRange {
  const paths = checkNumber(o.paths, joinPath(path, 'paths'), { ge: 1, integer: true });
  const seed = checkNumber(o.seed, joinPath(path, 'seed'), { ge: 0, lt: 2 ** 32, integer: true });
  const substream =
    o.substream === undefined
      ? 0
      : checkNumber(o.substream, joinPath(path, 'substream'), { ge: 0, le: 2 ** 31, integer: true });
  const pathOffset =
    o.pathOffset === undefined ? 0 : checkNumber(o.pathOffset, joinPath(path, 'pathOffset'), { ge: 0, integer: true });
  if (pathOffset + paths > Number.MAX_SAFE_INTEGER)
    throw new RiskInputError(
      joinPath(path, 'pathOffset'),
      'an offset such that offset + paths is a safe integer',
      pathOffset,
    );
  return { seed, substream, pathOffset, paths };
}

/**
 * Run the paths of `range` block by block; `sink(pnl, count, firstIndex)` receives each block's P&L (the array is
 * reused: copy what you keep). Internal engine of every public entry point.
 */
export function runBlocks(
  book: CompiledBook,
  range: RunRange,
  sink: (pnl: Float64Array, count: number, first: number) => void,
  onProgress?: (done: number, total: number) => void,
): void {
  const eng = new BlockEngine(book);
  const chunk = new Float64Array(Math.min(SUBSTREAM_PATHS, range.paths));
  let p = range.pathOffset;
  const end = p + range.paths;
  let block = Math.floor(p / SUBSTREAM_PATHS);
  const base = substreamOf(range.seed >>> 0, range.substream + block);
  const cur = base.clone();
  // draws of the paths before the offset inside its block, discarded
  for (let skip = p - block * SUBSTREAM_PATHS; skip > 0; skip -= BLOCK) eng.draw(cur, Math.min(skip, BLOCK));
  while (p < end) {
    const blockEnd = Math.min((block + 1) * SUBSTREAM_PATHS, end);
    const count = blockEnd - p;
    for (let j = 0; j < count; j += BLOCK) {
      const c = Math.min(BLOCK, count - j);
      eng.draw(cur, c);
      eng.run(c, chunk, j);
    }
    sink(chunk, count, p - range.pathOffset);
    p = blockEnd;
    block++;
    base.jump();
    cur.s.set(base.s);
    if (onProgress) onProgress(p - range.pathOffset, range.paths);
  }
}

/**
 * Run the substream blocks of `range` that `claim` hands out: block b is paths [pathOffset + 4096·b, …) of the
 * range (`pathOffset` a multiple of 4096), `claim()` returns the next block's index, or one ≥ the range's block count
 * when none is left, and its values must increase (this caller's stream only jumps forward). `sink(pnl, count, b)`
 * receives each block's P&L (the array is reused). A block's numbers are those of the same paths in
 * {@link runBlocks}. Internal: the worker pool's dynamic scheduling, where threads claim blocks from one shared
 * counter.
 */
export function runClaimedBlocks(
  book: CompiledBook,
  range: RunRange,
  claim: () => number,
  sink: (pnl: Float64Array, count: number, block: number) => void,
): void {
  if (range.pathOffset % SUBSTREAM_PATHS !== 0)
    throw new RangeError(`runClaimedBlocks: pathOffset ${range.pathOffset} is not a multiple of ${SUBSTREAM_PATHS}`);
  const blocks = Math.ceil(range.paths / SUBSTREAM_PATHS);
  const eng = new BlockEngine(book);
  const chunk = new Float64Array(Math.min(SUBSTREAM_PATHS, range.paths));
  const base = substreamOf(range.seed >>> 0, range.substream + range.pathOffset / SUBSTREAM_PATHS);
  const cur = base.clone();
  let at = 0; // the block `base` stands on
  for (let b = claim(); b < blocks; b = claim()) {
    if (!(b >= at)) throw new RangeError(`runClaimedBlocks: block ${b} claimed after block ${at}`);
    for (; at < b; at++) base.jump();
    cur.s.set(base.s);
    const count = Math.min(SUBSTREAM_PATHS, range.paths - b * SUBSTREAM_PATHS);
    for (let j = 0; j < count; j += BLOCK) {
      const c = Math.min(BLOCK, count - j);
      eng.draw(cur, c);
      eng.run(c, chunk, j);
    }
    sink(chunk, count, b);
  }
}

/**
 * Simulated P&L (quote currency, profit > 0) of a book over `horizon` years, one number per path.
 *
 * Model: log S_h = log S_0 + (μ − σ²/2)h + σ√h·Y per underlying, Y = L·Z with L the Cholesky factor of
 * `market.correlation` (identity for pairs it omits), Z independent ziggurat normals — or, with `dist: 't'`,
 * Z·√((ν−2)/W), W ~ χ²_ν shared by all underlyings of a path (multivariate t with unit variance). σ is
 * `market.assets[u].vol` (or `options.vols[u]`), μ `options.drift[u]` (default 0). Perp marks move with the price
 * (basis ratio kept), futures reprice on F = S·e^{(r−y)(T−h)}, options are fully repriced (BSM/Black-76 on the
 * forward, Bachelier; linear and inverse) at expiry T − h (intrinsic once T ≤ h) and their implied vols (times the
 * vol shock, if any). Entry prices missing from perps/futures are fixed at today's mark/forward, so the P&L is
 * the change of `positionValue` (greeks module) between today and the simulated market.
 *
 * Reproducibility: path p uses substream `substream + ⌊(pathOffset + p)/4096⌋` of `seed`; a run cut into shards
 * (any `pathOffset`, any thread count) gives the same numbers bit for bit.
 *
 * `mode: 'delta-gamma'` replaces option repricing by the Taylor expansion Δ·dS + ½Γ·dS² around (S_0, T − h)
 * plus the exact decay; `'delta-gamma-vega'` adds vega·dσ for vol shocks. Spot, perps and futures stay exact.
 *
 * Degenerate cases: an empty book (or all quantities 0) gives zeros; horizon 0 gives zeros; a singular (PSD)
 * correlation is fine; a non-PSD one throws naming its smallest eigenvalue.
 *
 * @returns Float64Array of `paths` P&L values.
 * @example
 * ```ts
 * import { simulatePnL } from 'riskcore/montecarlo';
 * const pnl = simulatePnL(
 *   [{ kind: 'spot', underlying: 'BTC', quantity: 1 }],
 *   { assets: { BTC: { price: 60000, vol: 0.6 } } },
 *   { paths: 10000, horizon: 1 / 365, seed: 42 },
 * );
 * console.log(pnl.length); // 10000
 * ```
 */
export function simulatePnL(positions: Position[], market: Market, options: SimulationOptions): Float64Array {
  const o = checkStrictObject(options, 'options', SIMULATION_KEYS);
  const book = compileBook(positions, market, o);
  checkBookMagnitudes(positions, market, o, book);
  const range = checkRunRange(o, 'options');
  checkResultPaths(range.paths, 'options.paths');
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function')
    throw new RiskInputError('options.onProgress', 'a function', o.onProgress);
  const out = new Float64Array(range.paths);
  runBlocks(
    book,
    range,
    (pnl, count, first) => out.set(count === pnl.length ? pnl : pnl.subarray(0, count), first),
    o.onProgress as SimulationOptions['onProgress'],
  );
  return out;
}
