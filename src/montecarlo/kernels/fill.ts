/**
 * Guarded by bench/workloads/linear.ts (normal generation).
 *
 * The hot normal generator: fills a Float64Array with standard normals from a {@link RandomStream}, with the
 * xoroshiro128+ state held in local int32 variables for the whole fill (no property or typed-array traffic per
 * draw). Produces exactly the same numbers, in the same order, as repeated `stream.normal()` calls. Internal.
 */
import type { RandomStream } from '../stream.js';
import { ZIG_X } from '../ziggurat.js';

const TWO_M23 = 2 ** -23;
const TWO_M44 = 2 ** -44;

/** Write `count` normals into `out[offset …]` from `stream`, advancing it. */
export function fillNormals(stream: RandomStream, out: Float64Array, offset: number, count: number): void {
  const st = stream.s;
  let s01 = st[0] | 0,
    s00 = st[1] | 0,
    s11 = st[2] | 0,
    s10 = st[3] | 0;
  const X = ZIG_X;
  const end = offset + count;
  for (let k = offset; k < end; k++) {
    // 64-bit output s0 + s1 in int32 halves: low sum, carry from the low halves, high sum
    const lo = (s00 + s10) | 0;
    const hi = (s01 + s11 + (((s00 & s10) | ((s00 | s10) & ~lo)) >>> 31)) | 0;
    const a0 = s10 ^ s00;
    const a1 = s11 ^ s01;
    const t00 = s00;
    s00 = (t00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    s01 = (s01 << 24) ^ (t00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    s10 = (a1 << 5) ^ (a0 >>> 27);
    s11 = (a0 << 5) ^ (a1 >>> 27);
    const i = hi & 255;
    const x = ((hi >>> 9) * TWO_M23 + (lo >>> 11) * TWO_M44) * X[i];
    if (x < X[i + 1]) {
      out[k] = hi & 256 ? -x : x;
    } else {
      // rare path: hand the state back to the stream, finish this draw there (same algorithm), reload
      st[0] = s01;
      st[1] = s00;
      st[2] = s11;
      st[3] = s10;
      const z = stream.finishNormal(i, x, hi);
      s01 = st[0];
      s00 = st[1];
      s11 = st[2];
      s10 = st[3];
      out[k] = z;
    }
  }
  st[0] = s01;
  st[1] = s00;
  st[2] = s11;
  st[3] = s10;
}
