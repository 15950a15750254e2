//! asc: --initialMemory 2
// AssemblyScript source of riskcore's Monte Carlo SIMD kernels (f64x2); not TypeScript. Compiled by
// scripts/build-wasm.mjs into mcKernels.wasm.ts (base64). Every kernel performs exactly the IEEE operations, in the same order, as
// its JavaScript reference in ../blockKernels.ts, so the two give the same bits; a test checks it.
//
// Memory: the caller (../wasmKernels.ts) owns the layout. Pointers are byte offsets; the constant
// tables live at TAB (written by the caller after instantiation); STATE holds the xoroshiro128+ state and the
// hand-over of a ziggurat draw that needs the slow path.

const TAB: usize = 65536;
const ZIG: usize = TAB; // 257 f64: ziggurat layer widths X[0..256]
const EH: usize = TAB + 2304; // 33 f64: e^-m
const EL: usize = TAB + 2816; // 64 f64: e^-j/64
const MILLS: usize = TAB + 3584; // 512 x 6 f64: scaled Mills ratio polynomials (to TAB + 28160)
const STATE: usize = TAB + 28672; // i32 s01, s00, s11, s10; i32 layer; u32 hi; f64 x

const TWO_M23: f64 = 1.1920928955078125e-7;
const TWO_M44: f64 = 5.684341886080802e-14;

/**
 * Ziggurat normals from the xoroshiro128+ state at STATE into out[0 .. count). Returns how many were written; if
 * fewer than count, the next draw needs the slow path: its layer, high word and candidate are left at STATE + 16.
 */
export function fillNormals(out: usize, count: i32): i32 {
  let s0: u64 = (<u64>load<u32>(STATE) << 32) | <u64>load<u32>(STATE, 4);
  let s1: u64 = (<u64>load<u32>(STATE, 8) << 32) | <u64>load<u32>(STATE, 12);
  let k: i32 = 0;
  for (; k < count; k++) {
    const r = s0 + s1;
    const a = s1 ^ s0;
    s0 = rotl<u64>(s0, 24) ^ a ^ (a << 16);
    s1 = rotl<u64>(a, 37);
    const hi = <u32>(r >>> 32);
    const lo = <u32>r;
    const i = hi & 255;
    const x = (<f64>(hi >>> 9) * TWO_M23 + <f64>(lo >>> 11) * TWO_M44) * load<f64>(ZIG + (<usize>i << 3));
    if (x < load<f64>(ZIG + (<usize>i << 3), 8)) {
      store<f64>(out + (<usize>k << 3), hi & 256 ? -x : x);
    } else {
      store<i32>(STATE + 16, i);
      store<u32>(STATE + 20, hi);
      store<f64>(STATE + 24, x);
      break;
    }
  }
  store<u32>(STATE, <u32>(s0 >>> 32));
  store<u32>(STATE, <u32>s0, 4);
  store<u32>(STATE, <u32>(s1 >>> 32), 8);
  store<u32>(STATE, <u32>s1, 12);
  return k;
}

/**
 * Correlated log-moves, asset-major: X[a·stride + p] = mu[a] + sig[a]·y (·scale[p] if scale ≠ 0),
 * y = Σ_{b ≤ a} L[a·n + b]·z[p·nZ + b] summed in b order from 0. count is a multiple of 8 (padding paths are
 * computed and ignored). zt is scratch of n·stride f64 (z transposed).
 */
export function correlate(z: usize, nZ: i32, count: i32, L: usize, n: i32, mu: usize, sig: usize, scale: usize, X: usize, stride: i32, zt: usize): void {
  const rs = <usize>stride << 3;
  for (let p = 0; p < count; p++) {
    const zp = z + (<usize>(p * nZ) << 3);
    for (let b = 0; b < n; b++) store<f64>(zt + <usize>b * rs + (<usize>p << 3), load<f64>(zp + (<usize>b << 3)));
  }
  for (let p = 0; p < count; p += 8) {
    const po = <usize>p << 3;
    for (let a = 0; a < n; a++) {
      let y0 = f64x2.splat(0), y1 = f64x2.splat(0), y2 = f64x2.splat(0), y3 = f64x2.splat(0);
      const row = L + (<usize>(a * n) << 3);
      for (let b = 0; b <= a; b++) {
        const l = f64x2.splat(load<f64>(row + (<usize>b << 3)));
        const zb = zt + <usize>b * rs + po;
        y0 = f64x2.add(y0, f64x2.mul(l, v128.load(zb)));
        y1 = f64x2.add(y1, f64x2.mul(l, v128.load(zb, 16)));
        y2 = f64x2.add(y2, f64x2.mul(l, v128.load(zb, 32)));
        y3 = f64x2.add(y3, f64x2.mul(l, v128.load(zb, 48)));
      }
      const m = f64x2.splat(load<f64>(mu + (<usize>a << 3)));
      const s = f64x2.splat(load<f64>(sig + (<usize>a << 3)));
      y0 = f64x2.mul(s, y0); y1 = f64x2.mul(s, y1); y2 = f64x2.mul(s, y2); y3 = f64x2.mul(s, y3);
      if (scale != 0) {
        const sc = scale + po;
        y0 = f64x2.mul(y0, v128.load(sc)); y1 = f64x2.mul(y1, v128.load(sc, 16));
        y2 = f64x2.mul(y2, v128.load(sc, 32)); y3 = f64x2.mul(y3, v128.load(sc, 48));
      }
      const xo = X + <usize>a * rs + po;
      v128.store(xo, f64x2.add(m, y0));
      v128.store(xo, f64x2.add(m, y1), 16);
      v128.store(xo, f64x2.add(m, y2), 32);
      v128.store(xo, f64x2.add(m, y3), 48);
    }
  }
}

// expm1 on |x| ≤ 0.5: x + x·(x·P(x)), P the degree-13 Taylor tail 1/2! + x/3! + … + x¹³/15!
const C2: f64 = 0.5, C3: f64 = 1.0 / 6.0, C4: f64 = 1.0 / 24.0, C5: f64 = 1.0 / 120.0, C6: f64 = 1.0 / 720.0;
const C7: f64 = 1.0 / 5040.0, C8: f64 = 1.0 / 40320.0, C9: f64 = 1.0 / 362880.0, C10: f64 = 1.0 / 3628800.0;
const C11: f64 = 1.0 / 39916800.0, C12: f64 = 1.0 / 479001600.0, C13: f64 = 1.0 / 6227020800.0;
const C14: f64 = 1.0 / 87178291200.0, C15: f64 = 1.0 / 1307674368000.0;

@inline function em1(x: v128): v128 {
  let q = f64x2.add(f64x2.mul(f64x2.splat(C15), x), f64x2.splat(C14));
  q = f64x2.add(f64x2.mul(q, x), f64x2.splat(C13));
  q = f64x2.add(f64x2.mul(q, x), f64x2.splat(C12));
  q = f64x2.add(f64x2.mul(q, x), f64x2.splat(C11));
  q = f64x2.add(f64x2.mul(q, x), f64x2.splat(C10));
  q = f64x2.add(f64x2.mul(q, x), f64x2.splat(C9));
  q = f64x2.add(f64x2.mul(q, x), f64x2.splat(C8));
  q = f64x2.add(f64x2.mul(q, x), f64x2.splat(C7));
  q = f64x2.add(f64x2.mul(q, x), f64x2.splat(C6));
  q = f64x2.add(f64x2.mul(q, x), f64x2.splat(C5));
  q = f64x2.add(f64x2.mul(q, x), f64x2.splat(C4));
  q = f64x2.add(f64x2.mul(q, x), f64x2.splat(C3));
  q = f64x2.add(f64x2.mul(q, x), f64x2.splat(C2));
  return f64x2.add(x, f64x2.mul(x, f64x2.mul(x, q)));
}

/**
 * E[a·stride + p] = expm1(X[a·stride + p]) by the polynomial, rows a in [0, n), p < count (even). A row holding
 * some |x| > 0.5 (or NaN) is left to the caller: its index is appended at defer (i32) and the count returned.
 */
export function expm1Rows(X: usize, E: usize, n: i32, stride: i32, count: i32, defer: usize): i32 {
  const rs = <usize>stride << 3;
  const lim = f64x2.splat(0.5);
  let nd = 0;
  for (let a = 0; a < n; a++) {
    const xr = X + <usize>a * rs;
    const er = E + <usize>a * rs;
    let bad = i64x2.splat(0);
    for (let p = 0; p < count; p += 2) {
      const x = v128.load(xr + (<usize>p << 3));
      bad = v128.or(bad, v128.not(f64x2.le(f64x2.abs(x), lim)));
      v128.store(er + (<usize>p << 3), em1(x));
    }
    if (v128.any_true(bad)) {
      store<i32>(defer + (<usize>nd << 2), a);
      nd++;
    }
  }
  return nd;
}

/**
 * pnl[p] = linConst + Σ_a lin[a]·E[a][p] (a ascending); for assets with hasOpt[a] ≠ 0:
 * S1[a][p] = S0[a] + S0[a]·E[a][p], lnS1[a][p] = lnS0[a] + X[a][p].
 */
export function combine(X: usize, E: usize, n: i32, stride: i32, count: i32, lin: usize, linConst: f64, S0: usize, lnS0: usize, hasOpt: usize, pnl: usize, S1: usize, lnS1: usize): void {
  const rs = <usize>stride << 3;
  const c = f64x2.splat(linConst);
  for (let p = 0; p < count; p += 2) v128.store(pnl + (<usize>p << 3), c);
  for (let a = 0; a < n; a++) {
    const er = E + <usize>a * rs;
    const l = f64x2.splat(load<f64>(lin + (<usize>a << 3)));
    for (let p = 0; p < count; p += 2) {
      const o = <usize>p << 3;
      v128.store(pnl + o, f64x2.add(v128.load(pnl + o), f64x2.mul(l, v128.load(er + o))));
    }
    if (load<f64>(hasOpt + (<usize>a << 3)) != 0) {
      const s0 = f64x2.splat(load<f64>(S0 + (<usize>a << 3)));
      const ls0 = f64x2.splat(load<f64>(lnS0 + (<usize>a << 3)));
      const xr = X + <usize>a * rs;
      const sr = S1 + <usize>a * rs;
      const lr = lnS1 + <usize>a * rs;
      for (let p = 0; p < count; p += 2) {
        const o = <usize>p << 3;
        v128.store(sr + o, f64x2.add(s0, f64x2.mul(s0, v128.load(er + o))));
        v128.store(lr + o, f64x2.add(ls0, v128.load(xr + o)));
      }
    }
  }
}

@inline function mills(a: v128): v128 {
  // R(a) from the degree-5 table (512 pieces of width 1/64), Estrin; a < 8 in both lanes
  // the clamp to row 511 only guards padding lanes (a real lane has a < 8)
  const j = i32x4.min_s(i32x4.trunc_sat_f64x2_s_zero(f64x2.mul(a, f64x2.splat(64))), i32x4.splat(511));
  const t = f64x2.sub(f64x2.sub(a, f64x2.mul(f64x2.convert_low_i32x4_s(j), f64x2.splat(0.015625))), f64x2.splat(0.0078125));
  const o0 = MILLS + <usize>(i32x4.extract_lane(j, 0) * 48);
  const o1 = MILLS + <usize>(i32x4.extract_lane(j, 1) * 48);
  const T0 = v128.load64_lane(o1, v128.load64_zero(o0), 1);
  const T1 = v128.load64_lane(o1, v128.load64_zero(o0, 8), 1, 8);
  const T2 = v128.load64_lane(o1, v128.load64_zero(o0, 16), 1, 16);
  const T3 = v128.load64_lane(o1, v128.load64_zero(o0, 24), 1, 24);
  const T4 = v128.load64_lane(o1, v128.load64_zero(o0, 32), 1, 32);
  const T5 = v128.load64_lane(o1, v128.load64_zero(o0, 40), 1, 40);
  const s = f64x2.mul(t, t);
  const q = f64x2.mul(s, s);
  // (T0 + T1 t) + s(T2 + T3 t) + q(T4 + T5 t)
  const u01 = f64x2.add(T0, f64x2.mul(T1, t));
  const u23 = f64x2.add(T2, f64x2.mul(T3, t));
  const u45 = f64x2.add(T4, f64x2.mul(T5, t));
  return f64x2.add(f64x2.add(u01, f64x2.mul(s, u23)), f64x2.mul(q, u45));
}

/**
 * acc[p] += Σ_i qd_i·Black_i(S[p]) over the Black columns i in [i0, i1) of one underlying without vol shock,
 * for the options whose |d₁|, |d₂| stay below 8 over the whole block (checked at the block's extreme ln S, d is
 * monotone in ln S, extremes over the count real paths); the others are appended at defer (i32) and their count
 * returned. Lanes up to countPad (even) are computed too and must hold finite values.
 */
export function blackBlock(
  lnCK: usize, invV: usize, halfV: usize, v: usize, w: usize, wQdCF: usize, wQdK: usize, cfInvK: usize,
  i0: i32, i1: i32, S: usize, lnS: usize, count: i32, countPad: i32, acc: usize, defer: usize,
): i32 {
  let lnMin = load<f64>(lnS), lnMax = lnMin;
  for (let p = 1; p < count; p++) {
    const x = load<f64>(lnS + (<usize>p << 3));
    if (x < lnMin) lnMin = x;
    if (x > lnMax) lnMax = x;
  }
  let nd = 0;
  const one = f64x2.splat(1);
  const zero = f64x2.splat(0);
  for (let i = i0; i < i1; i++) {
    const io = <usize>i << 3;
    const cK = load<f64>(lnCK + io), iV = load<f64>(invV + io), hV = load<f64>(halfV + io), vv = load<f64>(v + io);
    const dLo = (lnMin + cK) * iV + hV;
    const dHi = (lnMax + cK) * iV + hV;
    if (!(dLo > -8 && dHi < 8 && dLo - vv > -8 && dHi - vv < 8)) {
      store<i32>(defer + (<usize>nd << 2), i);
      nd++;
      continue;
    }
    const cKv = f64x2.splat(cK), iVv = f64x2.splat(iV), hVv = f64x2.splat(hV), vvv = f64x2.splat(vv);
    const wv = f64x2.splat(load<f64>(w + io));
    const qcf = f64x2.splat(load<f64>(wQdCF + io));
    const qk = f64x2.splat(load<f64>(wQdK + io));
    const ck = f64x2.splat(load<f64>(cfInvK + io));
    for (let p = 0; p < countPad; p += 2) {
      const po = <usize>p << 3;
      const Sp = v128.load(S + po);
      const d1 = f64x2.add(f64x2.mul(f64x2.add(v128.load(lnS + po), cKv), iVv), hVv);
      const d2 = f64x2.sub(d1, vvv);
      const a1 = f64x2.abs(d1);
      const a2 = f64x2.abs(d2);
      // e1 = exp(−d1²/2): y = 32·d1² = n + f, e1 = e^{−⌊n/64⌋}·e^{−(n mod 64)/64}·e^{−f/64}
      const y = f64x2.mul(f64x2.mul(f64x2.splat(32), d1), d1);
      const ni = i32x4.min_s(i32x4.trunc_sat_f64x2_s_zero(y), i32x4.splat(2048)); // clamp: padding lanes only
      const r = f64x2.mul(f64x2.sub(y, f64x2.convert_low_i32x4_s(ni)), f64x2.splat(0.015625));
      const r2 = f64x2.mul(r, r);
      const inner = f64x2.add(
        f64x2.sub(f64x2.splat(1.0 / 6.0), f64x2.mul(r, f64x2.splat(1.0 / 24.0))),
        f64x2.mul(r2, f64x2.sub(f64x2.splat(1.0 / 120.0), f64x2.mul(r, f64x2.splat(1.0 / 720.0)))),
      );
      const er = f64x2.sub(f64x2.add(f64x2.sub(one, r), f64x2.mul(f64x2.splat(0.5), r2)), f64x2.mul(f64x2.mul(r2, r), inner));
      const n0 = i32x4.extract_lane(ni, 0), n1 = i32x4.extract_lane(ni, 1);
      const eh = v128.load64_lane(EH + (<usize>(n1 >> 6) << 3), v128.load64_zero(EH + (<usize>(n0 >> 6) << 3)), 1);
      const el = v128.load64_lane(EL + (<usize>(n1 & 63) << 3), v128.load64_zero(EL + (<usize>(n0 & 63) << 3)), 1);
      const e1 = f64x2.mul(f64x2.mul(eh, el), er);
      const p1 = f64x2.mul(mills(a1), e1);
      const p2 = f64x2.mul(mills(a2), f64x2.mul(f64x2.mul(e1, Sp), ck));
      const m1 = f64x2.ge(f64x2.mul(wv, d1), zero);
      const m2 = f64x2.ge(f64x2.mul(wv, d2), zero);
      const c1 = v128.bitselect(f64x2.sub(one, p1), p1, m1);
      const c2 = v128.bitselect(f64x2.sub(one, p2), p2, m2);
      const ao = acc + po;
      v128.store(ao, f64x2.add(v128.load(ao), f64x2.sub(f64x2.mul(f64x2.mul(qcf, Sp), c1), f64x2.mul(qk, c2))));
    }
  }
  return nd;
}
