// The ziggurat normal generator of the Monte Carlo kernels (../mcKernels.as.ts re-exports fillNormals): the
// draws of stream.ts's RandomStream.normal(), bit for bit, with the wedge test taken here outside a safety margin.
// Compiled into the kernel (this folder is not a wasm/ folder, so scripts/build-wasm.mjs does not compile it
// alone). Tables at the byte offsets of ../../kernels/wasmKernels.ts. Guarded by bench/workloads/linear.ts.

const TAB: usize = 65536;
const ZIG: usize = TAB; // 257 f64: ziggurat layer widths X[0..256]
const EH: usize = TAB + 2304; // 33 f64: e^-m
const EL: usize = TAB + 2816; // 64 f64: e^-j/64
const STATE: usize = TAB + 28672; // i32 s01, s00, s11, s10; i32 layer; u32 hi; f64 x
const ZIGF: usize = TAB + 28736; // 257 f64: f(X[i]) = e^(-X[i]²/2), the wedge bounds (to TAB + 30792)

const TWO_M44: f64 = 5.684341886080802e-14;
const TWO_M53: f64 = 1.1102230246251565e-16;
// the wedge test's safety margin, relative: 2^-40, ~400 times the error bound of wedgeExp against Math.exp
const WEDGE_LO: f64 = 1.0 - 9.094947017729282e-13;
const WEDGE_HI: f64 = 1.0 + 9.094947017729282e-13;

/**
 * e^(-v) for 0 ≤ v ≤ 6.7 within 2e-15 relative (the wedge bound of the ziggurat; Math.exp's result is within
 * one ulp of the same value): 64v = n + f exactly, e^(-v) = e^(-⌊n/64⌋)·e^(-(n mod 64)/64)·e^(-f/64), the last
 * factor by its degree-6 Taylor polynomial (truncation below 5e-17 for f/64 < 1/64).
 */
@inline function wedgeExp(v: f64): f64 {
  const w = v * 64;
  const n = <i32>w;
  const r = (w - <f64>n) * 0.015625;
  const p = 1 - r * (1 - r * (0.5 - r * (1.0 / 6 - r * (1.0 / 24 - r * (1.0 / 120 - r * (1.0 / 720))))));
  return load<f64>(EH + (<usize>(n >> 6) << 3)) * load<f64>(EL + (<usize>(n & 63) << 3)) * p;
}

/**
 * Ziggurat normals from the xoroshiro128+ state at STATE into out[0 .. count), exactly stream.normal()'s draws.
 * A candidate outside its layer's rectangle takes the wedge test here when its layer is not the base strip and
 * the uniform is not within the safety margin of the bound: e^(-x²/2) is computed within 2e-15 of Math.exp's
 * value (wedgeExp), so outside the margin the comparison has Math.exp's outcome; the uniform is read before the
 * state steps past it. Returns how many normals were written; if fewer than count, the next draw needs the
 * JavaScript slow path (the base strip's tail, or a uniform inside the margin): its layer, high word and
 * candidate are left at STATE + 16, and the state stands right after the candidate's output.
 */
export function fillNormals(out: usize, count: i32): i32 {
  let s0: u64 = (<u64>load<u32>(STATE) << 32) | <u64>load<u32>(STATE, 4);
  let s1: u64 = (<u64>load<u32>(STATE, 8) << 32) | <u64>load<u32>(STATE, 12);
  let p = out;
  const end = out + (<usize>count << 3);
  while (p < end) {
    const r = s0 + s1;
    const a = s1 ^ s0;
    s0 = rotl<u64>(s0, 24) ^ a ^ (a << 16);
    s1 = rotl<u64>(a, 37);
    const i = <usize>(r >>> 32) & 255;
    const x = <f64><i64>(((r >>> 41) << 21) | ((r >>> 11) & 0x1fffff)) * TWO_M44 * load<f64>(ZIG + (i << 3));
    const sign = (r << 23) & 0x8000000000000000; // bit 40 to bit 63
    store<u64>(p, reinterpret<u64>(x) ^ sign); // ±x, kept if accepted
    if (x < load<f64>(ZIG + (i << 3), 8)) {
      p += 8;
      continue;
    }
    if (i != 0) {
      const u = <f64><i64>((s0 + s1) >>> 11) * TWO_M53;
      const fLo = load<f64>(ZIGF + (i << 3), 8);
      const y = fLo + u * (load<f64>(ZIGF + (i << 3)) - fLo);
      const e = wedgeExp(0.5 * x * x);
      const accept = y < e * WEDGE_LO;
      if (accept || y > e * WEDGE_HI) {
        const b = s1 ^ s0;
        s0 = rotl<u64>(s0, 24) ^ b ^ (b << 16);
        s1 = rotl<u64>(b, 37);
        if (accept) p += 8;
        continue;
      }
    }
    store<i32>(STATE + 16, <i32>i);
    store<u32>(STATE + 20, <u32>(r >>> 32));
    store<f64>(STATE + 24, x);
    break;
  }
  store<u32>(STATE, <u32>(s0 >>> 32));
  store<u32>(STATE, <u32>s0, 4);
  store<u32>(STATE, <u32>(s1 >>> 32), 8);
  store<u32>(STATE, <u32>s1, 12);
  return <i32>((p - out) >> 3);
}
