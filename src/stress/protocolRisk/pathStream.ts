/**
 * Internal: path-addressable random numbers of {@link simulateProtocolRisk}. Path p of a run draws its moves from
 * substream ⌊p / 4096⌋ of the seed (`SUBSTREAM_PATHS` of src/montecarlo, the substreams its shards use: the seeded
 * xoroshiro128+ state advanced by that many 2⁶⁴-step jumps), the 4096 paths of a block one after another from the
 * substream's start in the draw order of src/stress/protocolRisk/gbmPaths.ts. The numbers of path p are therefore
 * fixed by the seed and p alone: a run cut into shards, chunks or threads at any paths draws every path exactly as
 * the single run does. A run of at most 4096 paths draws from the seed's own stream (substream 0), path after path.
 */
import { RandomStream, SUBSTREAM_PATHS } from '../../montecarlo/internal.js';
import { drawMoves } from './gbmPaths.js';
import type { PathModel } from './inputs.js';

/**
 * Draws the moves of any path of a run. Cheapest in increasing path order (the next path of a block continues the
 * stream); a path further on in the same block first draws the paths between and drops them, a path of a later
 * block jumps the block's base stream forward, an earlier path restarts from the seed.
 */
export class PathCursor {
  /** Stream at the start of substream `block`. */
  private base: RandomStream;
  private block = 0;
  /** Stream positioned at the start of path `next`. */
  private rng: RandomStream;
  private next = 0;
  private readonly z: Float64Array;

  constructor(
    private readonly seed: number,
    private readonly pm: PathModel,
    private readonly dt: number,
    private readonly tilt?: Float64Array,
  ) {
    this.base = RandomStream.fromSeed(seed);
    this.rng = this.base.clone();
    this.z = new Float64Array(pm.names.length);
  }

  /**
   * The moves of path `p` into `out[i][t]` (asset i in `pm.names` order, step t < out[i].length); returns the path's
   * likelihood ratio, 1 without a tilt (src/stress/protocolRisk/importanceSampling.ts).
   */
  draw(p: number, out: number[][]): number {
    if (p !== this.next || (p % SUBSTREAM_PATHS === 0 && p !== this.block * SUBSTREAM_PATHS)) this.seek(p, out);
    const lw = drawMoves(this.rng, this.pm, this.dt, out, this.z, this.tilt);
    this.next = p + 1;
    return Math.exp(lw);
  }

  /** Position the stream at the start of path `p`, drawing into `scratch` the paths skipped within its block. */
  private seek(p: number, scratch: number[][]): void {
    const b = Math.floor(p / SUBSTREAM_PATHS);
    if (b !== this.block || p < this.next) {
      if (b < this.block) {
        this.base = RandomStream.fromSeed(this.seed);
        this.block = 0;
      }
      for (; this.block < b; this.block++) this.base.jump();
      this.rng = this.base.clone();
      this.next = b * SUBSTREAM_PATHS;
    }
    for (; this.next < p; this.next++) drawMoves(this.rng, this.pm, this.dt, scratch, this.z, this.tilt);
  }
}
