/**
 * A 32-bit hash of an instrument's identifying numbers, from their IEEE-754 bits: the first key of the canonical
 * order of a pool's instruments (`book.ts`), where it lets a native numeric sort do the work of a comparator.
 * Depends only on the numbers (never on a context, a run or the order instruments are met in). Internal.
 */

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** Mix one 32-bit word into the state (MurmurHash3's multiply-rotate step). */
function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Mix both words of a double (0 and −0 hash alike: they are one strike, one expiry). */
function mixDouble(h: number, x: number): number {
  F64[0] = x === 0 ? 0 : x;
  return mix(mix(h, U32[0]), U32[1]);
}

/** The hash, an integer in [0, 2³²), of (code, k2, k3, vol); an absent vol hashes apart from every number. */
export function instrumentHash(code: number, k2: number, k3: number, vol: number | undefined): number {
  let h = mix(0x9747b28c, code);
  h = mixDouble(h, k2);
  h = mixDouble(h, k3);
  h = vol === undefined ? mix(h, 0x7fffffff) : mixDouble(mix(h, 1), vol);
  // MurmurHash3's finaliser
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
