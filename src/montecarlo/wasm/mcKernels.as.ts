//! asc: --initialMemory 2
// AssemblyScript source of riskcore's Monte Carlo SIMD kernels (f64x2); not TypeScript. Compiled by
// scripts/build-wasm.mjs into mcKernels.wasm.ts (base64). Every kernel performs exactly the IEEE operations, in the
// same order, as its JavaScript reference in ../kernels/blockKernels.ts (the normals: stream.ts), so the two give
// the same bits; a test checks it. The loops are shaped for the pipeline (several independent chains per step,
// two assets per pass over the normals), never by reordering a sum or a polynomial.
//
// Memory: the caller (../wasmKernels.ts) owns the layout. Pointers are byte offsets; the constant
// tables live at TAB (written by the caller after instantiation); STATE holds the xoroshiro128+ state and the
// hand-over of a ziggurat draw that needs the slow path.

const TAB: usize = 65536;
// TAB: 257 f64, the ziggurat layer widths X[0..256] (lib/normals.as.ts)
const EH: usize = TAB + 2304; // 33 f64: e^-m
const EL: usize = TAB + 2816; // 64 f64: e^-j/64
const MILLS: usize = TAB + 3584; // 512 x 6 f64: scaled Mills ratio polynomials (to TAB + 28160)
// TAB + 28672: the xoroshiro128+ state and the slow-path hand-over (lib/normals.as.ts)
// TAB + 28736: 257 f64 f(X[i]), the ziggurat's wedge bounds (lib/normals.as.ts), to TAB + 30792

export { fillNormals } from './lib/normals.as';

/**
 * Correlated log-moves, asset-major: X[a·stride + p] = mu[a] + sig[a]·y (·scale[p] if scale ≠ 0),
 * y = Σ_{b ≤ a} L[a·n + b]·z[p·nZ + b] summed in b order from 0. count is a multiple of 8 (padding paths are
 * computed and ignored). zt is scratch of n·stride f64 (z transposed). Rows a and a + 1 share one pass over the
 * normals (each keeps its own sum, in b order).
 */
export function correlate(z: usize, nZ: i32, count: i32, L: usize, n: i32, mu: usize, sig: usize, scale: usize, X: usize, stride: i32, zt: usize): void {
  const rs = <usize>stride << 3;
  // transpose two paths by two normals at a time (count is even)
  const zs = <usize>nZ << 3;
  for (let p = 0; p < count; p += 2) {
    const zp = z + <usize>p * zs;
    let zo = zt + (<usize>p << 3);
    let b = 0;
    for (; b + 1 < n; b += 2) {
      const u = v128.load(zp + (<usize>b << 3));
      const v = v128.load(zp + zs + (<usize>b << 3));
      v128.store(zo, v128.shuffle<f64>(u, v, 0, 2));
      v128.store(zo + rs, v128.shuffle<f64>(u, v, 1, 3));
      zo += rs << 1;
    }
    if (b < n) {
      store<f64>(zo, load<f64>(zp + (<usize>b << 3)));
      store<f64>(zo, load<f64>(zp + zs + (<usize>b << 3)), 8);
    }
  }
  for (let p = 0; p < count; p += 8) {
    const po = <usize>p << 3;
    let a = 0;
    for (; a + 1 < n; a += 2) {
      let y0 = f64x2.splat(0), y1 = f64x2.splat(0), y2 = f64x2.splat(0), y3 = f64x2.splat(0);
      let w0 = f64x2.splat(0), w1 = f64x2.splat(0), w2 = f64x2.splat(0), w3 = f64x2.splat(0);
      const row = L + (<usize>(a * n) << 3);
      const row2 = row + (<usize>n << 3);
      let zb = zt + po;
      for (let b = 0; b <= a; b++) {
        const l = v128.load64_splat(row + (<usize>b << 3));
        const k = v128.load64_splat(row2 + (<usize>b << 3));
        const z0 = v128.load(zb), z1 = v128.load(zb, 16), z2 = v128.load(zb, 32), z3 = v128.load(zb, 48);
        y0 = f64x2.add(y0, f64x2.mul(l, z0));
        y1 = f64x2.add(y1, f64x2.mul(l, z1));
        y2 = f64x2.add(y2, f64x2.mul(l, z2));
        y3 = f64x2.add(y3, f64x2.mul(l, z3));
        w0 = f64x2.add(w0, f64x2.mul(k, z0));
        w1 = f64x2.add(w1, f64x2.mul(k, z1));
        w2 = f64x2.add(w2, f64x2.mul(k, z2));
        w3 = f64x2.add(w3, f64x2.mul(k, z3));
        zb += rs;
      }
      const k = v128.load64_splat(row2 + (<usize>(a + 1) << 3));
      w0 = f64x2.add(w0, f64x2.mul(k, v128.load(zb)));
      w1 = f64x2.add(w1, f64x2.mul(k, v128.load(zb, 16)));
      w2 = f64x2.add(w2, f64x2.mul(k, v128.load(zb, 32)));
      w3 = f64x2.add(w3, f64x2.mul(k, v128.load(zb, 48)));
      finish(y0, y1, y2, y3, a, mu, sig, scale, po, X + <usize>a * rs + po);
      finish(w0, w1, w2, w3, a + 1, mu, sig, scale, po, X + <usize>(a + 1) * rs + po);
    }
    if (a < n) {
      let y0 = f64x2.splat(0), y1 = f64x2.splat(0), y2 = f64x2.splat(0), y3 = f64x2.splat(0);
      const row = L + (<usize>(a * n) << 3);
      let zb = zt + po;
      for (let b = 0; b <= a; b++) {
        const l = v128.load64_splat(row + (<usize>b << 3));
        y0 = f64x2.add(y0, f64x2.mul(l, v128.load(zb)));
        y1 = f64x2.add(y1, f64x2.mul(l, v128.load(zb, 16)));
        y2 = f64x2.add(y2, f64x2.mul(l, v128.load(zb, 32)));
        y3 = f64x2.add(y3, f64x2.mul(l, v128.load(zb, 48)));
        zb += rs;
      }
      finish(y0, y1, y2, y3, a, mu, sig, scale, po, X + <usize>a * rs + po);
    }
  }
}

/** X row a, 8 paths at xo: mu[a] + (sig[a]·y)(·scale). */
@inline function finish(y0: v128, y1: v128, y2: v128, y3: v128, a: i32, mu: usize, sig: usize, scale: usize, po: usize, xo: usize): void {
  const m = v128.load64_splat(mu + (<usize>a << 3));
  const s = v128.load64_splat(sig + (<usize>a << 3));
  y0 = f64x2.mul(s, y0); y1 = f64x2.mul(s, y1); y2 = f64x2.mul(s, y2); y3 = f64x2.mul(s, y3);
  if (scale != 0) {
    const sc = scale + po;
    y0 = f64x2.mul(y0, v128.load(sc)); y1 = f64x2.mul(y1, v128.load(sc, 16));
    y2 = f64x2.mul(y2, v128.load(sc, 32)); y3 = f64x2.mul(y3, v128.load(sc, 48));
  }
  v128.store(xo, f64x2.add(m, y0));
  v128.store(xo, f64x2.add(m, y1), 16);
  v128.store(xo, f64x2.add(m, y2), 32);
  v128.store(xo, f64x2.add(m, y3), 48);
}

// expm1 on |x| ≤ 0.5: x + x·(x·P(x)), P the degree-13 Taylor tail 1/2! + x/3! + … + x¹³/15!
const C2: f64 = 0.5, C3: f64 = 1.0 / 6.0, C4: f64 = 1.0 / 24.0, C5: f64 = 1.0 / 120.0, C6: f64 = 1.0 / 720.0;
const C7: f64 = 1.0 / 5040.0, C8: f64 = 1.0 / 40320.0, C9: f64 = 1.0 / 362880.0, C10: f64 = 1.0 / 3628800.0;
const C11: f64 = 1.0 / 39916800.0, C12: f64 = 1.0 / 479001600.0, C13: f64 = 1.0 / 6227020800.0;
const C14: f64 = 1.0 / 87178291200.0, C15: f64 = 1.0 / 1307674368000.0;

/** |x| ≤ 0.5 lane by lane (false for NaN). */
@inline function inside(x: v128): v128 {
  return f64x2.le(f64x2.abs(x), f64x2.splat(0.5));
}

/** The first Horner step C15·x + C14. */
@inline function first(x: v128): v128 {
  return f64x2.add(f64x2.mul(f64x2.splat(C15), x), f64x2.splat(C14));
}

/** One Horner step q·x + c. */
@inline function step(q: v128, x: v128, c: f64): v128 {
  return f64x2.add(f64x2.mul(q, x), f64x2.splat(c));
}

/** x + x·(x·q): expm1 from the Horner value q = P(x). */
@inline function last(q: v128, x: v128): v128 {
  return f64x2.add(x, f64x2.mul(x, f64x2.mul(x, q)));
}

/**
 * E[a·stride + p] = expm1(X[a·stride + p]) by the polynomial, rows a in [0, n), p < count (a multiple of 16:
 * eight Horner chains interleaved, independent, so the pipeline overlaps them). A row holding some |x| > 0.5 (or
 * NaN) is left to the caller: its index is appended at defer (i32) and the count returned.
 */
export function expm1Rows(X: usize, E: usize, n: i32, stride: i32, count: i32, defer: usize): i32 {
  const rs = <usize>stride << 3;
  let nd = 0;
  for (let a = 0; a < n; a++) {
    const xr = X + <usize>a * rs;
    const er = E + <usize>a * rs;
    let ok = i64x2.splat(-1); // all lanes so far with |x| ≤ 0.5 (false for NaN)
    for (let p = 0; p < count; p += 16) {
      const o = <usize>p << 3;
      const x0 = v128.load(xr + o), x1 = v128.load(xr + o, 16), x2 = v128.load(xr + o, 32), x3 = v128.load(xr + o, 48);
      const x4 = v128.load(xr + o, 64), x5 = v128.load(xr + o, 80), x6 = v128.load(xr + o, 96), x7 = v128.load(xr + o, 112);
      const in03 = v128.and(v128.and(inside(x0), inside(x1)), v128.and(inside(x2), inside(x3)));
      const in47 = v128.and(v128.and(inside(x4), inside(x5)), v128.and(inside(x6), inside(x7)));
      ok = v128.and(ok, v128.and(in03, in47));
      let q0 = first(x0), q1 = first(x1), q2 = first(x2), q3 = first(x3);
      let q4 = first(x4), q5 = first(x5), q6 = first(x6), q7 = first(x7);
      q0 = step(q0, x0, C13); q1 = step(q1, x1, C13); q2 = step(q2, x2, C13); q3 = step(q3, x3, C13);
      q4 = step(q4, x4, C13); q5 = step(q5, x5, C13); q6 = step(q6, x6, C13); q7 = step(q7, x7, C13);
      q0 = step(q0, x0, C12); q1 = step(q1, x1, C12); q2 = step(q2, x2, C12); q3 = step(q3, x3, C12);
      q4 = step(q4, x4, C12); q5 = step(q5, x5, C12); q6 = step(q6, x6, C12); q7 = step(q7, x7, C12);
      q0 = step(q0, x0, C11); q1 = step(q1, x1, C11); q2 = step(q2, x2, C11); q3 = step(q3, x3, C11);
      q4 = step(q4, x4, C11); q5 = step(q5, x5, C11); q6 = step(q6, x6, C11); q7 = step(q7, x7, C11);
      q0 = step(q0, x0, C10); q1 = step(q1, x1, C10); q2 = step(q2, x2, C10); q3 = step(q3, x3, C10);
      q4 = step(q4, x4, C10); q5 = step(q5, x5, C10); q6 = step(q6, x6, C10); q7 = step(q7, x7, C10);
      q0 = step(q0, x0, C9); q1 = step(q1, x1, C9); q2 = step(q2, x2, C9); q3 = step(q3, x3, C9);
      q4 = step(q4, x4, C9); q5 = step(q5, x5, C9); q6 = step(q6, x6, C9); q7 = step(q7, x7, C9);
      q0 = step(q0, x0, C8); q1 = step(q1, x1, C8); q2 = step(q2, x2, C8); q3 = step(q3, x3, C8);
      q4 = step(q4, x4, C8); q5 = step(q5, x5, C8); q6 = step(q6, x6, C8); q7 = step(q7, x7, C8);
      q0 = step(q0, x0, C7); q1 = step(q1, x1, C7); q2 = step(q2, x2, C7); q3 = step(q3, x3, C7);
      q4 = step(q4, x4, C7); q5 = step(q5, x5, C7); q6 = step(q6, x6, C7); q7 = step(q7, x7, C7);
      q0 = step(q0, x0, C6); q1 = step(q1, x1, C6); q2 = step(q2, x2, C6); q3 = step(q3, x3, C6);
      q4 = step(q4, x4, C6); q5 = step(q5, x5, C6); q6 = step(q6, x6, C6); q7 = step(q7, x7, C6);
      q0 = step(q0, x0, C5); q1 = step(q1, x1, C5); q2 = step(q2, x2, C5); q3 = step(q3, x3, C5);
      q4 = step(q4, x4, C5); q5 = step(q5, x5, C5); q6 = step(q6, x6, C5); q7 = step(q7, x7, C5);
      q0 = step(q0, x0, C4); q1 = step(q1, x1, C4); q2 = step(q2, x2, C4); q3 = step(q3, x3, C4);
      q4 = step(q4, x4, C4); q5 = step(q5, x5, C4); q6 = step(q6, x6, C4); q7 = step(q7, x7, C4);
      q0 = step(q0, x0, C3); q1 = step(q1, x1, C3); q2 = step(q2, x2, C3); q3 = step(q3, x3, C3);
      q4 = step(q4, x4, C3); q5 = step(q5, x5, C3); q6 = step(q6, x6, C3); q7 = step(q7, x7, C3);
      q0 = step(q0, x0, C2); q1 = step(q1, x1, C2); q2 = step(q2, x2, C2); q3 = step(q3, x3, C2);
      q4 = step(q4, x4, C2); q5 = step(q5, x5, C2); q6 = step(q6, x6, C2); q7 = step(q7, x7, C2);
      v128.store(er + o, last(q0, x0));
      v128.store(er + o, last(q1, x1), 16);
      v128.store(er + o, last(q2, x2), 32);
      v128.store(er + o, last(q3, x3), 48);
      v128.store(er + o, last(q4, x4), 64);
      v128.store(er + o, last(q5, x5), 80);
      v128.store(er + o, last(q6, x6), 96);
      v128.store(er + o, last(q7, x7), 112);
    }
    if (!i64x2.all_true(ok)) {
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
