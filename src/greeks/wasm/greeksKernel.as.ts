// AssemblyScript source of the f64x2 SIMD batch kernel for optionGreeksBatch / optionPriceBatch (bsm and black76,
// linear settlement). Compiled by scripts/build-wasm.mjs into greeksKernel.wasm.ts (base64 bytes); not TypeScript:
// excluded from tsc. The math is that of ../fastMath.ts and ../batch.ts, two rows at a time:
//   exp   x = (64k + j)·ln2/64 + r, e^r by the degree-6 Taylor polynomial (Estrin), 2^{j/64} from a table,
//         2^k applied as 2^{k1}·2^{k2} (k1 = k >> 1) so that a subnormal result is rounded once;
//   log   x = 2^k·m, m ∈ [√2/2, √2) by integer operations on the bits, log(1+f) = f − f²/2 + s·(f²/2 + R),
//         R = s²·P(s²) with the degree-6 Chebyshev fit of fastMath.ts;
//   Φ     Cody's erf rational (|x|/√2 ≤ 0.46875) and erfcx rationals (≤ 4, > 4) on the shared exponential
//         e^{−x²/2}; a pair of rows evaluates only the rational(s) its lanes need (a mixed pair: both, one
//         division after selecting numerator and denominator), the far-tail rational only when a lane needs it.
// Rows are exchanged through fixed columns of this module's memory (COLUMN_BYTES apart, CAPACITY rows each); the
// JS side copies a block in, calls greeks(m, ...) or prices(m, ...), and copies the outputs back.

const CAPACITY: i32 = 2048;
/** Bytes between columns: CAPACITY rows plus one pad row, rounded to 16. */
const STRIDE: usize = 16400;

// column indices
const X: i32 = 0, K: i32 = 1, T: i32 = 2, V: i32 = 3, R: i32 = 4, Q: i32 = 5, C: i32 = 6, C8: i32 = 7;
const PRICE: i32 = 8; // .. PRICE + 8: price, delta, gamma, vega, theta, rho, vanna, volga, charm
const W: i32 = 17, SQT: i32 = 18, SD: i32 = 19, ISD: i32 = 20, DF: i32 = 21, DQ: i32 = 22, RATIO: i32 = 23;
const D1: i32 = 24, D2: i32 = 25, E1: i32 = 26, E2: i32 = 27, N1: i32 = 28, N2: i32 = 29, DEG: i32 = 30, STATUS: i32 = 31;
const COLUMNS: i32 = 32;

const BASE: usize = memory.data(<i32>(STRIDE * <usize>COLUMNS), 16);

@inline function col(c: i32): usize {
  return BASE + <usize>c * STRIDE;
}

// 2^{j/64}, j = 0..63 (as fastMath.ts)
const EXP2_J: usize = memory.data<f64>([
  1.0, 1.0108892860517005, 1.0218971486541166, 1.0330248790212284, 1.0442737824274138, 1.0556451783605572,
  1.0671404006768237, 1.0787607977571199, 1.0905077326652577, 1.102382583307841, 1.1143867425958924,
  1.1265216186082418, 1.1387886347566916, 1.1511892299529827, 1.1637248587775775, 1.1763969916502812,
  1.189207115002721, 1.202156731452703, 1.215247359980469, 1.22848053610687, 1.241857812073484, 1.255380757024691,
  1.2690509571917332, 1.2828700160787783, 1.2968395546510096, 1.3109612115247644, 1.3252366431597413,
  1.339667524053303, 1.3542555469368927, 1.3690024229745905, 1.383909881963832, 1.3989796725383112,
  1.4142135623730951, 1.42961333839197, 1.4451808069770467, 1.460917794180647, 1.4768261459394993,
  1.4929077282912648, 1.5091644275934228, 1.5255981507445384, 1.5422108254079407, 1.559004400237837,
  1.5759808451078865, 1.593142151342267, 1.6104903319492543, 1.6280274218573478, 1.645755478153965,
  1.6636765803267364, 1.681792830507429, 1.7001063537185235, 1.718619298122478, 1.7373338352737062,
  1.7562521603732995, 1.7753764925265212, 1.7947090750031072, 1.8142521755003989, 1.8340080864093424,
  1.8539791250833855, 1.8741676341103, 1.8945759815869656, 1.9152065613971474, 1.9360617934922943,
  1.9571441241754002, 1.978456026387951,
], 16);

// splat constants, read from memory (a v128.const is rematerialised by V8 at every use, through integer registers)
const EXP_LO: i32 = 0, EXP_HI: i32 = 1, INV_L: i32 = 2, HALF: i32 = 3, SHIFT: i32 = 4, L1: i32 = 5, L2: i32 = 6,
  INV6: i32 = 7, INV24: i32 = 8, INV120: i32 = 9, INV720: i32 = 10, ONE: i32 = 11, TWO: i32 = 12, P0: i32 = 13,
  P1: i32 = 14, P2: i32 = 15, P3: i32 = 16, P4: i32 = 17, P5: i32 = 18, P6: i32 = 19, LN2_HI: i32 = 20,
  LN2_LO: i32 = 21, SQRT1_2: i32 = 22, K_A3: i32 = 23, K_A2: i32 = 24, K_A1: i32 = 25, K_A0: i32 = 26, K_A4: i32 = 27,
  K_B3: i32 = 28, K_B2: i32 = 29, K_B1: i32 = 30, K_B0: i32 = 31, K_C7: i32 = 32, K_C6: i32 = 33, K_C5: i32 = 34, K_C4: i32 = 35,
  K_C3: i32 = 36, K_C2: i32 = 37, K_C1: i32 = 38, K_C0: i32 = 39, K_C8: i32 = 40, K_D7: i32 = 41, K_D6: i32 = 42, K_D5: i32 = 43,
  K_D4: i32 = 44, K_D3: i32 = 45, K_D2: i32 = 46, K_D1: i32 = 47, K_D0: i32 = 48, SMALL_CUT: i32 = 49, FOUR: i32 = 50,
  K_T5: i32 = 51, K_T0: i32 = 52, K_T1: i32 = 53, K_T2: i32 = 54, K_T3: i32 = 55, K_T4: i32 = 56, K_U0: i32 = 57, K_U1: i32 = 58,
  K_U2: i32 = 59, K_U3: i32 = 60, K_U4: i32 = 61, INV_SQRT_PI: i32 = 62, ZERO: i32 = 63, INF: i32 = 64, MIN_SD: i32 = 65,
  MIN_NORMAL: i32 = 66, MHALF: i32 = 67, E1_FLOOR: i32 = 68, INV_SQRT_2PI: i32 = 69;
const CONSTANTS: usize = memory.data<f64>([
  -746.0, 710.0, 92.33248261689366, 0.5, 6755401588539392.0, 0.010830424695086549, 1.162596423439437e-12, 1.0 / 6.0,
  1.0 / 24.0, 1.0 / 120.0, 1.0 / 720.0, 1.0, 2.0, 0.666666666666667, 0.39999999999899444, 0.2857142862600327,
  0.22222211130259878, 0.18182889455674947, 0.15331710618210773, 0.14616585424888623, 0.6931471805592082,
  7.371002565167799e-13, 0.7071067811865476, 3209.37758913846947, 377.485237685302021, 113.864154151050156,
  3.1611237438705656, 0.185777706184603153, 2844.23683343917062, 1282.61652607737228, 244.024637934444173,
  23.6012909523441209, 1230.33935479799725, 2051.07837782607147, 1712.04761263407058, 881.95222124176909,
  298.635138197400131, 66.1191906371416295, 8.88314979438837594, 0.564188496988670089, 2.15311535474403846e-8,
  1230.33935480374942, 3439.36767414372164, 4362.61909014324716, 3290.79923573345963, 1621.38957456669019,
  537.181101862009858, 117.693950891312499, 15.7449261107098347, 0.46875 * 1.4142135623730951, 4.0,
  0.0163153871373020978, 0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766,
  6.58749161529837803e-4, 2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191,
  0.00233520497626869185, 0.5641895835477563, 0.0, Infinity, 1e-100, 2.2250738585072014e-308, -0.5, 1e-280,
  0.3989422804014327,
], 16);

@inline function cst(i: i32): v128 {
  return v128.load64_splat(CONSTANTS + (<usize>i << 3));
}

/** e^x lane-wise, about one ulp (the algorithm of fastMath.ts expInPlace). */
@inline function expv(x: v128): v128 {
  const xc = f64x2.pmin(f64x2.pmax(x, cst(EXP_LO)), cst(EXP_HI)); // NaN stays NaN
  // y = 1.5·2^52 + 2^31 + n, n = ⌊64x/ln2⌋: its low 32 bits are n + 2^31 (unsigned: no 64-bit arithmetic shift,
  // which x64 SIMD lacks)
  const y = f64x2.add(f64x2.sub(f64x2.mul(xc, cst(INV_L)), cst(HALF)), cst(SHIFT));
  const nf = f64x2.sub(y, cst(SHIFT));
  const r = f64x2.sub(f64x2.sub(xc, f64x2.mul(nf, cst(L1))), f64x2.mul(nf, cst(L2)));
  const r2 = f64x2.mul(r, r);
  const p = f64x2.add(r, f64x2.mul(r2, f64x2.add(
    f64x2.add(cst(HALF), f64x2.mul(r, cst(INV6))),
    f64x2.mul(r2, f64x2.add(f64x2.add(cst(INV24), f64x2.mul(r, cst(INV120))), f64x2.mul(r2, cst(INV720)))),
  )));
  const j = v128.and(y, i64x2.splat(63));
  const tj = f64x2.replace_lane(
    f64x2.splat(load<f64>(EXP2_J + (<usize>i64x2.extract_lane(j, 0) << 3))), 1,
    load<f64>(EXP2_J + (<usize>i64x2.extract_lane(j, 1) << 3)),
  );
  // kb = k + 2^25 (k = n >> 6); k = k1 + k2 with k1 = k >> 1 and both halves in the normal range
  const kb = i64x2.shr_u(v128.and(y, i64x2.splat(0xffffffff)), 6);
  const kh = i64x2.shr_u(kb, 1); // k1 + 2^24
  const s1 = i64x2.shl(i64x2.add(kh, i64x2.splat(1023 - (1 << 24))), 52); // 2^{k1}
  const s2 = i64x2.shl(i64x2.add(i64x2.sub(kb, kh), i64x2.splat(1023 - (1 << 24))), 52); // 2^{k − k1}
  return f64x2.mul(f64x2.mul(f64x2.add(tj, f64x2.mul(tj, p)), s1), s2);
}

/** ln x lane-wise for positive normal finite x (the caller checks), about one ulp (fastMath.ts logInPlace). */
@inline function logv(x: v128): v128 {
  // hx: high words; hx + (0x3ff00000 − 0x3fe6a09e) puts m in [√2/2, √2)
  const hx = i64x2.add(i64x2.shr_u(x, 32), i64x2.splat(0x3ff00000 - 0x3fe6a09e));
  const k = f64x2.convert_low_i32x4_s(i32x4_shuffle_lo(i64x2.sub(i64x2.shr_u(hx, 20), i64x2.splat(0x3ff))));
  const mhi = i64x2.add(v128.and(hx, i64x2.splat(0x000fffff)), i64x2.splat(0x3fe6a09e));
  const m = v128.or(i64x2.shl(mhi, 32), v128.and(x, i64x2.splat(0xffffffff)));
  const f = f64x2.sub(m, cst(ONE));
  const hfsq = f64x2.mul(f64x2.mul(cst(HALF), f), f);
  const s = f64x2.div(f, f64x2.add(cst(TWO), f));
  const z = f64x2.mul(s, s);
  const z2 = f64x2.mul(z, z);
  const Rz = f64x2.mul(z, f64x2.add(
    f64x2.add(cst(P0), f64x2.mul(z, cst(P1))),
    f64x2.mul(z2, f64x2.add(
      f64x2.add(cst(P2), f64x2.mul(z, cst(P3))),
      f64x2.mul(z2, f64x2.add(f64x2.add(cst(P4), f64x2.mul(z, cst(P5))), f64x2.mul(z2, cst(P6)))),
    )),
  ));
  // k·ln2hi − ((hfsq − (s·(hfsq + R) + k·ln2lo)) − f)
  return f64x2.sub(
    f64x2.mul(k, cst(LN2_HI)),
    f64x2.sub(f64x2.sub(hfsq, f64x2.add(f64x2.mul(s, f64x2.add(hfsq, Rz)), f64x2.mul(k, cst(LN2_LO)))), f),
  );
}

/** Moves the low 32 bits of each i64 lane into i32 lanes 0 and 1. */
@inline function i32x4_shuffle_lo(v: v128): v128 {
  return i32x4.shuffle(v, v, 0, 2, 0, 2);
}

/** Numerator of Cody's erf rational (|x|/√2 ≤ 0.46875), times x/√2; zs = x²/2. */
@inline function smallNum(x: v128, zs: v128): v128 {
  const zs2 = f64x2.mul(zs, zs);
  const num = f64x2.add(
    f64x2.add(cst(K_A3), f64x2.mul(cst(K_A2), zs)),
    f64x2.mul(zs2, f64x2.add(f64x2.add(cst(K_A1), f64x2.mul(cst(K_A0), zs)), f64x2.mul(zs2, cst(K_A4)))),
  );
  return f64x2.mul(f64x2.mul(x, cst(SQRT1_2)), num);
}

/** Denominator of Cody's erf rational. */
@inline function smallDen(zs: v128): v128 {
  const zs2 = f64x2.mul(zs, zs);
  return f64x2.add(
    f64x2.add(cst(K_B3), f64x2.mul(cst(K_B2), zs)),
    f64x2.mul(zs2, f64x2.add(f64x2.add(cst(K_B1), f64x2.mul(cst(K_B0), zs)), zs2)),
  );
}

/** Numerator of Cody's erfcx rational on 0.46875 ≤ y ≤ 4 (z = y², z2 = y⁴). */
@inline function midNum(y: v128, z: v128, z2: v128): v128 {
  return f64x2.add(
    f64x2.add(f64x2.add(cst(K_C7), f64x2.mul(cst(K_C6), y)), f64x2.mul(z, f64x2.add(cst(K_C5), f64x2.mul(cst(K_C4), y)))),
    f64x2.mul(z2, f64x2.add(
      f64x2.add(f64x2.add(cst(K_C3), f64x2.mul(cst(K_C2), y)), f64x2.mul(z, f64x2.add(cst(K_C1), f64x2.mul(cst(K_C0), y)))),
      f64x2.mul(z2, cst(K_C8)),
    )),
  );
}

/** Denominator of Cody's erfcx rational on 0.46875 ≤ y ≤ 4. */
@inline function midDen(y: v128, z: v128, z2: v128): v128 {
  return f64x2.add(
    f64x2.add(f64x2.add(cst(K_D7), f64x2.mul(cst(K_D6), y)), f64x2.mul(z, f64x2.add(cst(K_D5), f64x2.mul(cst(K_D4), y)))),
    f64x2.mul(z2, f64x2.add(
      f64x2.add(f64x2.add(cst(K_D3), f64x2.mul(cst(K_D2), y)), f64x2.mul(z, f64x2.add(cst(K_D1), f64x2.mul(cst(K_D0), y)))),
      z2,
    )),
  );
}

/**
 * Φ(x) lane-wise given e = e^{−x²/2} (fastMath.ts cdfInto, without the row sorting): Cody's erf rational where
 * |x|/√2 ≤ 0.46875, else ½·e·erfcx(|x|/√2) (or 1 minus it) with the erfcx rational on [0.46875, 4] or the far-tail
 * one beyond. When both lanes take the same rational only that one is evaluated; a mixed pair evaluates both and
 * divides once, after selecting numerator and denominator.
 */
@inline function cdfv(x: v128, e: v128): v128 {
  const ax = f64x2.abs(x);
  const small = f64x2.le(ax, cst(SMALL_CUT));
  if (i64x2.all_true(small)) {
    const zs = f64x2.mul(f64x2.mul(cst(HALF), x), x);
    return f64x2.add(cst(HALF), f64x2.mul(cst(HALF), f64x2.div(smallNum(x, zs), smallDen(zs))));
  }
  const y = f64x2.mul(ax, cst(SQRT1_2));
  const z = f64x2.mul(y, y);
  const z2 = f64x2.mul(z, z);
  let q: v128;
  if (!v128.any_true(small)) {
    q = f64x2.div(midNum(y, z, z2), midDen(y, z, z2));
  } else {
    const zs = f64x2.mul(f64x2.mul(cst(HALF), x), x);
    q = f64x2.div(v128.bitselect(smallNum(x, zs), midNum(y, z, z2), small), v128.bitselect(smallDen(zs), midDen(y, z, z2), small));
  }
  let rx = q;
  const tail = f64x2.gt(y, cst(FOUR));
  if (v128.any_true(tail)) {
    const zt = f64x2.div(cst(ONE), z);
    const numT = f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(cst(K_T5), zt), cst(K_T0)), zt), cst(K_T1)), zt), cst(K_T2)), zt), cst(K_T3)), zt), cst(K_T4));
    const denT = f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(f64x2.mul(f64x2.add(zt, cst(K_U0)), zt), cst(K_U1)), zt), cst(K_U2)), zt), cst(K_U3)), zt), cst(K_U4));
    const rt = f64x2.div(f64x2.sub(cst(INV_SQRT_PI), f64x2.div(f64x2.mul(zt, numT), denT)), y);
    rx = v128.bitselect(rt, q, tail);
  }
  const lower = f64x2.mul(f64x2.mul(cst(HALF), e), rx);
  const big = v128.bitselect(lower, f64x2.sub(cst(ONE), lower), f64x2.lt(x, cst(ZERO)));
  return v128.bitselect(f64x2.add(cst(HALF), f64x2.mul(cst(HALF), q)), big, small);
}

/**
 * Stage 1 over rows [0, m) (m rounded up to even; the pad row copies row m − 1): validates every row (lognormal
 * bounds: x, k > 0 finite; t, v ≥ 0 finite; r, q finite; isCall 0/1) and fills W (±1), SQT (√T), SD (σ√T, 1 on
 * degenerate rows, whose indices go to DEG), RATIO (x/k), DF (−rT) and DQ ((r − q)T, q = r when carryIsRate).
 * Returns: bit 0 set if some row is invalid, bit 1 if some ratio x/k is not a positive normal double; the count of
 * degenerate rows (σ√T < 1e-100) is in STATUS[1].
 */
function stage1(m: i32, callU8: i32, carryIsRate: i32): i32 {
  const x = col(X), k = col(K), t = col(T), v = col(V), r = col(R), q = carryIsRate ? col(R) : col(Q), c = col(C);
  if (callU8) {
    const c8 = col(C8);
    for (let j = 0; j < m; j++) store<f64>(c + (<usize>j << 3), <f64>load<u8>(c8 + <usize>j));
  }
  if (m & 1) {
    const o = <usize>m << 3, p = <usize>(m - 1) << 3;
    store<f64>(x + o, load<f64>(x + p)); store<f64>(k + o, load<f64>(k + p)); store<f64>(t + o, load<f64>(t + p));
    store<f64>(v + o, load<f64>(v + p)); store<f64>(r + o, load<f64>(r + p)); store<f64>(q + o, load<f64>(q + p));
    store<f64>(c + o, load<f64>(c + p));
  }
  const w = col(W), sqt = col(SQT), sd = col(SD), ratio = col(RATIO), df = col(DF), dq = col(DQ), deg = col(DEG);
  const inf = cst(INF), zero = cst(ZERO), one = cst(ONE);
  let good = i64x2.splat(-1);
  let normal = i64x2.splat(-1);
  let ndeg = 0;
  for (let j = 0; j < m; j += 2) {
    const o = <usize>j << 3;
    const X_ = v128.load(x + o), K_ = v128.load(k + o), T_ = v128.load(t + o), V_ = v128.load(v + o);
    const R_ = v128.load(r + o), Q_ = v128.load(q + o), C_ = v128.load(c + o);
    const ok = v128.and(
      v128.and(v128.and(f64x2.gt(X_, zero), f64x2.lt(X_, inf)), v128.and(f64x2.gt(K_, zero), f64x2.lt(K_, inf))),
      v128.and(
        v128.and(v128.and(f64x2.ge(T_, zero), f64x2.lt(T_, inf)), v128.and(f64x2.ge(V_, zero), f64x2.lt(V_, inf))),
        v128.and(
          v128.and(f64x2.lt(f64x2.abs(R_), inf), f64x2.lt(f64x2.abs(Q_), inf)),
          f64x2.eq(f64x2.mul(C_, f64x2.sub(one, C_)), zero),
        ),
      ),
    );
    good = v128.and(good, ok);
    v128.store(w + o, f64x2.sub(f64x2.add(C_, C_), one));
    const sqrtT = f64x2.sqrt(T_);
    v128.store(sqt + o, sqrtT);
    const s = f64x2.mul(V_, sqrtT);
    const isDeg = v128.not(f64x2.ge(s, cst(MIN_SD)));
    if (v128.any_true(isDeg)) {
      if (i64x2.extract_lane(isDeg, 0) != 0) { store<i32>(deg + (<usize>ndeg << 2), j); ndeg++; }
      if (i64x2.extract_lane(isDeg, 1) != 0 && j + 1 < m) { store<i32>(deg + (<usize>ndeg << 2), j + 1); ndeg++; }
    }
    v128.store(sd + o, v128.bitselect(one, s, isDeg));
    const rat = f64x2.div(X_, K_);
    v128.store(ratio + o, rat);
    // positive normal finite: 2^-1022 ≤ rat < ∞
    normal = v128.and(normal, v128.and(f64x2.ge(rat, cst(MIN_NORMAL)), f64x2.lt(rat, inf)));
    v128.store(df + o, f64x2.mul(f64x2.neg(R_), T_));
    v128.store(dq + o, f64x2.mul(f64x2.sub(R_, Q_), T_));
  }
  store<i32>(col(STATUS) + 4, ndeg);
  return (i64x2.all_true(good) ? 0 : 1) | (i64x2.all_true(normal) ? 0 : 2);
}

/**
 * Stages 2–5: e^{−rT} (DF), e^{(r−q)T} (temporarily in DQ), ln(x/k), d1, d2, 1/(σ√T), e^{−d1²/2} (E1),
 * e^{−d2²/2} = e^{−d1²/2}·(x/k)·e^{(r−q)T} (E2; computed directly where e^{−d1²/2} ≤ 1e-280), e^{−qT} (DQ),
 * Φ(w·d1) (N1), Φ(w·d2) (N2).
 */
function stages(m: i32): void {
  const t = col(T), w = col(W), sd = col(SD), isd = col(ISD), df = col(DF), dq = col(DQ), ratio = col(RATIO);
  const d1c = col(D1), d2c = col(D2), e1c = col(E1), e2c = col(E2), n1c = col(N1), n2c = col(N2);
  for (let j = 0; j < m; j += 2) {
    const o = <usize>j << 3;
    const a = v128.load(dq + o); // (r − q)T
    v128.store(df + o, expv(v128.load(df + o)));
    v128.store(dq + o, expv(a));
    const s = v128.load(sd + o);
    const inv = f64x2.div(cst(ONE), s);
    v128.store(isd + o, inv);
    const d1 = f64x2.add(f64x2.mul(f64x2.add(logv(v128.load(ratio + o)), a), inv), f64x2.mul(cst(HALF), s));
    v128.store(d1c + o, d1);
    v128.store(d2c + o, f64x2.sub(d1, s));
  }
  for (let j = 0; j < m; j += 2) {
    const o = <usize>j << 3;
    const d1 = v128.load(d1c + o);
    const e1 = expv(f64x2.mul(f64x2.mul(cst(MHALF), d1), d1));
    v128.store(e1c + o, e1);
    const g = v128.load(dq + o);
    let e2 = f64x2.mul(f64x2.mul(e1, v128.load(ratio + o)), g);
    const far = v128.not(f64x2.gt(e1, cst(E1_FLOOR)));
    if (v128.any_true(far)) {
      const d2 = v128.load(d2c + o);
      e2 = v128.bitselect(expv(f64x2.mul(f64x2.mul(cst(MHALF), d2), d2)), e2, far);
    }
    v128.store(e2c + o, e2);
    v128.store(dq + o, f64x2.mul(v128.load(df + o), g));
  }
  for (let j = 0; j < m; j += 2) {
    const o = <usize>j << 3;
    const wv = v128.load(w + o);
    v128.store(n1c + o, cdfv(f64x2.mul(wv, v128.load(d1c + o)), v128.load(e1c + o)));
    v128.store(n2c + o, cdfv(f64x2.mul(wv, v128.load(d2c + o)), v128.load(e2c + o)));
  }
}

/** Rows per call at most. */
export function capacity(): i32 {
  return CAPACITY;
}

/** Byte offset of column `c` (see the column indices above) in this module's memory. */
export function column(c: i32): usize {
  return col(c);
}

/**
 * Price and the 8 Greeks of rows [0, m) from the input columns into the output columns (linear settlement;
 * black76 when black ≠ 0, whose carry is the rate: carryIsRate must then be 1). Returns the stage-1 flags (bit 0:
 * an invalid row, nothing computed; bit 1: a ratio x/k outside the normal doubles, nothing computed: the caller
 * takes its scalar path). Degenerate rows (σ√T < 1e-100) are listed in DEG (count in STATUS[1]) and left for the
 * caller; the sum of every other figure written is stored as f64 at STATUS + 8 (not finite iff one overflowed).
 */
export function greeks(m: i32, callU8: i32, carryIsRate: i32, black: i32): i32 {
  const flags = stage1(m, callU8, carryIsRate);
  if (flags != 0) return flags;
  stages(m);
  const x = col(X), k = col(K), t = col(T), v = col(V), r = col(R), q = carryIsRate ? col(R) : col(Q);
  const w = col(W), sqt = col(SQT), sd = col(SD), isd = col(ISD), df = col(DF), dq = col(DQ);
  const d1c = col(D1), d2c = col(D2), e1c = col(E1), n1c = col(N1), n2c = col(N2);
  const price = col(PRICE), delta = col(PRICE + 1), gamma = col(PRICE + 2), vega = col(PRICE + 3), theta = col(PRICE + 4);
  const rho = col(PRICE + 5), vanna = col(PRICE + 6), volga = col(PRICE + 7), charm = col(PRICE + 8);
  const half = cst(HALF), zero = cst(ZERO);
  let acc = zero;
  for (let j = 0; j < m; j += 2) {
    const o = <usize>j << 3;
    const S = v128.load(x + o), Tt = v128.load(t + o), vol = v128.load(v + o), rr = v128.load(r + o), qq = v128.load(q + o);
    const wv = v128.load(w + o), sqrtT = v128.load(sqt + o), dqv = v128.load(dq + o);
    const d1 = v128.load(d1c + o), d2 = v128.load(d2c + o), n1 = v128.load(n1c + o), s = v128.load(sd + o);
    const invSd = v128.load(isd + o);
    const invSqrtT = f64x2.mul(vol, invSd);
    const invVol = f64x2.mul(sqrtT, invSd);
    const fd = f64x2.mul(S, dqv);
    const pdf = f64x2.mul(v128.load(e1c + o), cst(INV_SQRT_2PI));
    const a = f64x2.mul(fd, n1);
    const bb = f64x2.mul(f64x2.mul(v128.load(k + o), v128.load(df + o)), v128.load(n2c + o));
    const pv = f64x2.pmax(f64x2.mul(wv, f64x2.sub(a, bb)), zero); // pv < 0 ? 0 : pv
    const dqn = f64x2.mul(dqv, pdf);
    const vg = f64x2.mul(f64x2.mul(fd, pdf), sqrtT);
    const de = f64x2.mul(f64x2.mul(wv, dqv), n1);
    const ga = f64x2.div(f64x2.mul(dqn, invSd), S);
    const th = f64x2.sub(
      f64x2.mul(wv, f64x2.sub(f64x2.mul(qq, a), f64x2.mul(rr, bb))),
      f64x2.mul(f64x2.mul(f64x2.mul(f64x2.mul(half, fd), pdf), vol), invSqrtT),
    );
    const rh = black ? f64x2.mul(f64x2.neg(Tt), pv) : f64x2.mul(f64x2.mul(wv, Tt), bb);
    const va = f64x2.mul(f64x2.mul(f64x2.neg(dqn), d2), invVol);
    const vo = f64x2.mul(f64x2.mul(f64x2.mul(vg, d1), d2), invVol);
    const ch = f64x2.sub(
      f64x2.mul(f64x2.mul(f64x2.mul(wv, qq), dqv), n1),
      f64x2.mul(f64x2.mul(f64x2.mul(f64x2.mul(dqn, f64x2.sub(f64x2.mul(f64x2.mul(cst(TWO), f64x2.sub(rr, qq)), Tt), f64x2.mul(d2, s))), half), f64x2.mul(invSqrtT, invSqrtT)), invSd),
    );
    v128.store(price + o, pv);
    v128.store(delta + o, de);
    v128.store(gamma + o, ga);
    v128.store(vega + o, vg);
    v128.store(theta + o, th);
    v128.store(rho + o, rh);
    v128.store(vanna + o, va);
    v128.store(volga + o, vo);
    v128.store(charm + o, ch);
    acc = f64x2.add(acc, f64x2.add(f64x2.add(f64x2.add(pv, de), f64x2.add(ga, vg)), f64x2.add(f64x2.add(f64x2.add(th, rh), f64x2.add(va, vo)), ch)));
  }
  store<f64>(col(STATUS) + 8, f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1));
  return 0;
}

/** Prices only of rows [0, m) into the price column; flags, degenerate rows and the sum as in {@link greeks}. */
export function prices(m: i32, callU8: i32, carryIsRate: i32): i32 {
  const flags = stage1(m, callU8, carryIsRate);
  if (flags != 0) return flags;
  stages(m);
  const x = col(X), k = col(K), w = col(W), df = col(DF), dq = col(DQ), n1c = col(N1), n2c = col(N2), price = col(PRICE);
  let acc = cst(ZERO);
  for (let j = 0; j < m; j += 2) {
    const o = <usize>j << 3;
    const a = f64x2.mul(f64x2.mul(v128.load(x + o), v128.load(dq + o)), v128.load(n1c + o));
    const bb = f64x2.mul(f64x2.mul(v128.load(k + o), v128.load(df + o)), v128.load(n2c + o));
    const pv = f64x2.pmax(f64x2.mul(v128.load(w + o), f64x2.sub(a, bb)), cst(ZERO));
    v128.store(price + o, pv);
    acc = f64x2.add(acc, pv);
  }
  store<f64>(col(STATUS) + 8, f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1));
  return 0;
}
