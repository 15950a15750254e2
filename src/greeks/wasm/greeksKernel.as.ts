// AssemblyScript source of the f64x2 SIMD batch kernel for optionGreeksBatch / optionPriceBatch (bsm and black76,
// linear settlement). Compiled by scripts/build-wasm.mjs into greeksKernel.wasm.ts (base64 bytes); not TypeScript:
// excluded from tsc. The math is that of ../kernels/fastMath.ts and ../kernels/jsBatch.ts, two rows at a time (lane-wise in lib/vecMath.as.ts):
//   exp   x = (64k + j)·ln2/64 + r, e^r by the degree-6 Taylor polynomial (Estrin), 2^{j/64} from a table,
//         2^k applied as 2^{k1}·2^{k2} (k1 = k >> 1) so that a subnormal result is rounded once;
//   log   x = 2^k·m, m ∈ [√2/2, √2) by integer operations on the bits, log(1+f) = f − f²/2 + s·(f²/2 + R),
//         R = s²·P(s²) with the degree-6 Chebyshev fit of fastMath.ts;
//   Φ     Cody's erf rational (|x|/√2 ≤ 0.46875) and erfcx rationals (≤ 4, > 4) on the shared exponential
//         e^{−x²/2}; a pair of rows evaluates only the rational(s) its lanes need (a mixed pair: both, one
//         division after selecting numerator and denominator), the far-tail rational only when a lane needs it.
// Rows are exchanged through columns of this module's memory named by a column table (by default scratch columns
// STRIDE bytes apart, CAPACITY rows each): the JS side copies a block in, calls greeks(m, ...) or prices(m, ...),
// and copies the outputs back, or, for columns allocated in this memory, points the table at them (no copy).

const CAPACITY: i32 = 2048;
/** Bytes between columns: CAPACITY rows plus one pad row, rounded to 16. */
const STRIDE: usize = 16400;

// column indices
const X: i32 = 0, K: i32 = 1, T: i32 = 2, V: i32 = 3, R: i32 = 4, Q: i32 = 5, C: i32 = 6, C8: i32 = 7;
const PRICE: i32 = 8; // .. PRICE + 8: price, delta, gamma, vega, theta, rho, vanna, volga, charm
const W: i32 = 17, SQT: i32 = 18, SD: i32 = 19, ISD: i32 = 20, DF: i32 = 21, DQ: i32 = 22, RATIO: i32 = 23;
const D1: i32 = 24, D2: i32 = 25, E1: i32 = 26, E2: i32 = 27, N1: i32 = 28, N2: i32 = 29, DEG: i32 = 30,
    STATUS: i32 = 31;
const COLUMNS: i32 = 32;

const BASE: usize = memory.data(<i32>(STRIDE * <usize>COLUMNS), 16);
/**
 * The column table: the byte address of each column's row 0. By default column c is this module's scratch column
 * BASE + c·STRIDE; the JS side points input and output columns at a caller's columns that live in this memory
 * (rows [s, s + m) of a batch allocated here: no copy) and restores the table after the block.
 */
const PTRS: usize = memory.data(<i32>(COLUMNS * 4), 16);

@inline function col(c: i32): usize {
  return load<u32>(PTRS + (<usize>c << 2));
}

/** Points every column at its scratch column (the default table). */
export function resetColumns(): void {
  for (let c = 0; c < COLUMNS; c++) store<u32>(PTRS + (<usize>c << 2), <u32>(BASE + <usize>c * STRIDE));
}
resetColumns();

/** Byte address of the column table (COLUMNS u32 entries). */
export function columnTable(): usize {
  return PTRS;
}

import { E1_FLOOR, HALF, INF, INV_SQRT_2PI, MHALF, MIN_NORMAL, MIN_SD, ONE, TWO, ZERO, cdfv, cst, expv,
    logv } from './lib/vecMath.as';
import { EXP_LO, EXP_HI, INV_L, SHIFT, L1, L2, INV6, INV24, INV120, INV720, P0, P1, P2, P3, P4, P5, P6, LN2_HI, LN2_LO,
    SQRT1_2, K_A3, K_A2, K_A1, K_A0, K_A4, K_B3, K_B2, K_B1, K_B0, K_C7, K_C6, K_C5, K_C4, K_C3, K_C2, K_C1, K_C0,
    K_C8, K_D7, K_D6, K_D5, K_D4, K_D3, K_D2, K_D1, K_D0, SMALL_CUT, FOUR, K_T5, K_T0, K_T1, K_T2, K_T3, K_T4, K_U0,
    K_U1, K_U2, K_U3, K_U4, INV_SQRT_PI } from './lib/vecMath.as';

/**
 * Stage 1 over rows [0, m) (m rounded up to even; the pad row copies row m − 1): validates every row (lognormal
 * bounds: x, k > 0 finite; 0 ≤ t < tLim, 0 ≤ v < vLim, |r|, |q| < rLim; isCall 0/1) and fills W (±1), SQT (√T), SD (σ√T, 1 on
 * degenerate rows, whose indices go to DEG), RATIO (x/k), DF (−rT) and DQ ((r − q)T, q = r when carryIsRate).
 * Returns: bit 0 set if some row is invalid, bit 1 if some ratio x/k is not a positive normal double; the count of
 * degenerate rows (σ√T < 1e-100) is in STATUS[1].
 */
function stage1(m: i32, callU8: i32, carryIsRate: i32, tLim: f64, vLim: f64, rLim: f64): i32 {
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
  const inf = cst(INF), zero = cst(ZERO), one = cst(ONE), minSd = cst(MIN_SD), minNormal = cst(MIN_NORMAL);
  // the upper limits (exclusive) of t, v and |r|, |q|: the unit-slip bounds, or infinity (finite only)
  const tl = f64x2.splat(tLim), vl = f64x2.splat(vLim), rl = f64x2.splat(rLim);
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
        v128.and(v128.and(f64x2.ge(T_, zero), f64x2.lt(T_, tl)), v128.and(f64x2.ge(V_, zero), f64x2.lt(V_, vl))),
        v128.and(
          v128.and(f64x2.lt(f64x2.abs(R_), rl), f64x2.lt(f64x2.abs(Q_), rl)),
          f64x2.eq(f64x2.mul(C_, f64x2.sub(one, C_)), zero),
        ),
      ),
    );
    good = v128.and(good, ok);
    v128.store(w + o, f64x2.sub(f64x2.add(C_, C_), one));
    const sqrtT = f64x2.sqrt(T_);
    v128.store(sqt + o, sqrtT);
    const s = f64x2.mul(V_, sqrtT);
    const isDeg = v128.not(f64x2.ge(s, minSd));
    if (v128.any_true(isDeg)) {
      if (i64x2.extract_lane(isDeg, 0) != 0) { store<i32>(deg + (<usize>ndeg << 2), j); ndeg++; }
      if (i64x2.extract_lane(isDeg, 1) != 0 && j + 1 < m) { store<i32>(deg + (<usize>ndeg << 2), j + 1); ndeg++; }
    }
    v128.store(sd + o, v128.bitselect(one, s, isDeg));
    const rat = f64x2.div(X_, K_);
    v128.store(ratio + o, rat);
    // positive normal finite: 2^-1022 ≤ rat < ∞
    normal = v128.and(normal, v128.and(f64x2.ge(rat, minNormal), f64x2.lt(rat, inf)));
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
 * The loops of the exponentials and the logarithm take two vectors (4 rows) an iteration, each function evaluated
 * twice back to back, and e^{(r−q)T} and e^{−d1²/2} have loops of their own: the out-of-order core then overlaps
 * two independent chains of these long dependent sequences (measured 14–17% faster than one vector an iteration in
 * one loop; unrolling the Φ and Greeks loops measured no gain). These loops read and write only scratch columns, so
 * they run over m rounded up to 4 (≤ CAPACITY): the rows past m hold stale values, computed and never read.
 */
function stages(m: i32): void {
  // the constants of exp, log and Φ, loaded once before the loops (see lib/vecMath.as.ts)
  const kEXP_LO = cst(EXP_LO), kEXP_HI = cst(EXP_HI), kINV_L = cst(INV_L), kHALF = cst(HALF), kSHIFT = cst(SHIFT),
      kL1 = cst(L1), kL2 = cst(L2), kINV6 = cst(INV6), kINV24 = cst(INV24), kINV120 = cst(INV120),
      kINV720 = cst(INV720), kONE = cst(ONE), kTWO = cst(TWO), kP0 = cst(P0), kP1 = cst(P1), kP2 = cst(P2),
      kP3 = cst(P3), kP4 = cst(P4), kP5 = cst(P5), kP6 = cst(P6), kLN2_HI = cst(LN2_HI), kLN2_LO = cst(LN2_LO),
      kSQRT1_2 = cst(SQRT1_2), kK_A3 = cst(K_A3), kK_A2 = cst(K_A2), kK_A1 = cst(K_A1), kK_A0 = cst(K_A0),
      kK_A4 = cst(K_A4), kK_B3 = cst(K_B3), kK_B2 = cst(K_B2), kK_B1 = cst(K_B1), kK_B0 = cst(K_B0), kK_C7 = cst(K_C7),
      kK_C6 = cst(K_C6), kK_C5 = cst(K_C5), kK_C4 = cst(K_C4), kK_C3 = cst(K_C3), kK_C2 = cst(K_C2), kK_C1 = cst(K_C1),
      kK_C0 = cst(K_C0), kK_C8 = cst(K_C8), kK_D7 = cst(K_D7), kK_D6 = cst(K_D6), kK_D5 = cst(K_D5), kK_D4 = cst(K_D4),
      kK_D3 = cst(K_D3), kK_D2 = cst(K_D2), kK_D1 = cst(K_D1), kK_D0 = cst(K_D0), kSMALL_CUT = cst(SMALL_CUT),
      kFOUR = cst(FOUR), kK_T5 = cst(K_T5), kK_T0 = cst(K_T0), kK_T1 = cst(K_T1), kK_T2 = cst(K_T2), kK_T3 = cst(K_T3),
      kK_T4 = cst(K_T4), kK_U0 = cst(K_U0), kK_U1 = cst(K_U1), kK_U2 = cst(K_U2), kK_U3 = cst(K_U3), kK_U4 = cst(K_U4),
      kINV_SQRT_PI = cst(INV_SQRT_PI), kZERO = cst(ZERO), kMHALF = cst(MHALF), kE1_FLOOR = cst(E1_FLOOR);
  const t = col(T), w = col(W), sd = col(SD), isd = col(ISD), df = col(DF), dq = col(DQ), ratio = col(RATIO);
  const d1c = col(D1), d2c = col(D2), e1c = col(E1), e2c = col(E2), n1c = col(N1), n2c = col(N2);
  for (let j = 0; j < m; j += 4) {
    const o = <usize>j << 3;
    const o2 = o + 16;
    const f1 = expv(v128.load(df + o), kEXP_LO, kEXP_HI, kINV_L, kHALF, kSHIFT, kL1, kL2, kINV6, kINV24, kINV120,
        kINV720);
    const f2 = expv(v128.load(df + o2), kEXP_LO, kEXP_HI, kINV_L, kHALF, kSHIFT, kL1, kL2, kINV6, kINV24, kINV120,
        kINV720);
    const a1 = v128.load(dq + o);
    const a2 = v128.load(dq + o2);
    const s1 = v128.load(sd + o);
    const s2 = v128.load(sd + o2);
    const i1 = f64x2.div(kONE, s1);
    const i2 = f64x2.div(kONE, s2);
    const l1 = logv(v128.load(ratio + o), kHALF, kONE, kTWO, kP0, kP1, kP2, kP3, kP4, kP5, kP6, kLN2_HI, kLN2_LO);
    const l2 = logv(v128.load(ratio + o2), kHALF, kONE, kTWO, kP0, kP1, kP2, kP3, kP4, kP5, kP6, kLN2_HI, kLN2_LO);
    v128.store(df + o, f1);
    v128.store(df + o2, f2);
    v128.store(isd + o, i1);
    v128.store(isd + o2, i2);
    const d1 = f64x2.add(f64x2.mul(f64x2.add(l1, a1), i1), f64x2.mul(kHALF, s1));
    const d2 = f64x2.add(f64x2.mul(f64x2.add(l2, a2), i2), f64x2.mul(kHALF, s2));
    v128.store(d1c + o, d1);
    v128.store(d1c + o2, d2);
    v128.store(d2c + o, f64x2.sub(d1, s1));
    v128.store(d2c + o2, f64x2.sub(d2, s2));
  }
  for (let j = 0; j < m; j += 4) {
    const o = <usize>j << 3;
    const g1 = expv(v128.load(dq + o), kEXP_LO, kEXP_HI, kINV_L, kHALF, kSHIFT, kL1, kL2, kINV6, kINV24, kINV120,
        kINV720);
    const g2 = expv(v128.load(dq + o + 16), kEXP_LO, kEXP_HI, kINV_L, kHALF, kSHIFT, kL1, kL2, kINV6, kINV24, kINV120,
        kINV720);
    v128.store(dq + o, g1);
    v128.store(dq + o + 16, g2);
  }
  for (let j = 0; j < m; j += 4) {
    const o = <usize>j << 3;
    const d1 = v128.load(d1c + o);
    const d1b = v128.load(d1c + o + 16);
    const e1 = expv(f64x2.mul(f64x2.mul(kMHALF, d1), d1), kEXP_LO, kEXP_HI, kINV_L, kHALF, kSHIFT, kL1, kL2, kINV6,
        kINV24, kINV120, kINV720);
    const e1b = expv(f64x2.mul(f64x2.mul(kMHALF, d1b), d1b), kEXP_LO, kEXP_HI, kINV_L, kHALF, kSHIFT, kL1, kL2,
        kINV6, kINV24, kINV120, kINV720);
    v128.store(e1c + o, e1);
    v128.store(e1c + o + 16, e1b);
  }
  for (let j = 0; j < m; j += 2) {
    const o = <usize>j << 3;
    const e1 = v128.load(e1c + o);
    const g = v128.load(dq + o);
    let e2 = f64x2.mul(f64x2.mul(e1, v128.load(ratio + o)), g);
    const far = v128.not(f64x2.gt(e1, kE1_FLOOR));
    if (v128.any_true(far)) {
      const d2 = v128.load(d2c + o);
      e2 = v128.bitselect(expv(f64x2.mul(f64x2.mul(kMHALF, d2), d2), kEXP_LO, kEXP_HI, kINV_L, kHALF, kSHIFT, kL1,
          kL2, kINV6, kINV24, kINV120, kINV720), e2, far);
    }
    v128.store(e2c + o, e2);
    v128.store(dq + o, f64x2.mul(v128.load(df + o), g));
  }
  for (let j = 0; j < m; j += 2) {
    const o = <usize>j << 3;
    const wv = v128.load(w + o);
    v128.store(n1c + o, cdfv(f64x2.mul(wv, v128.load(d1c + o)), v128.load(e1c + o), kHALF, kONE, kSQRT1_2, kK_A3,
        kK_A2, kK_A1, kK_A0, kK_A4, kK_B3, kK_B2, kK_B1, kK_B0, kK_C7, kK_C6, kK_C5, kK_C4, kK_C3, kK_C2, kK_C1, kK_C0,
        kK_C8, kK_D7, kK_D6, kK_D5, kK_D4, kK_D3, kK_D2, kK_D1, kK_D0, kSMALL_CUT, kFOUR, kK_T5, kK_T0, kK_T1, kK_T2,
        kK_T3, kK_T4, kK_U0, kK_U1, kK_U2, kK_U3, kK_U4, kINV_SQRT_PI, kZERO));
    v128.store(n2c + o, cdfv(f64x2.mul(wv, v128.load(d2c + o)), v128.load(e2c + o), kHALF, kONE, kSQRT1_2, kK_A3,
        kK_A2, kK_A1, kK_A0, kK_A4, kK_B3, kK_B2, kK_B1, kK_B0, kK_C7, kK_C6, kK_C5, kK_C4, kK_C3, kK_C2, kK_C1, kK_C0,
        kK_C8, kK_D7, kK_D6, kK_D5, kK_D4, kK_D3, kK_D2, kK_D1, kK_D0, kSMALL_CUT, kFOUR, kK_T5, kK_T0, kK_T1, kK_T2,
        kK_T3, kK_T4, kK_U0, kK_U1, kK_U2, kK_U3, kK_U4, kINV_SQRT_PI, kZERO));
  }
}

/** Rows per call at most. */
export function capacity(): i32 {
  return CAPACITY;
}

/** Byte offset of scratch column `c` (see the column indices above) in this module's memory. */
export function column(c: i32): usize {
  return BASE + <usize>c * STRIDE;
}

/**
 * Price and the 8 Greeks of rows [0, m) from the input columns into the output columns (linear settlement;
 * black76 when black ≠ 0, whose carry is the rate: carryIsRate must then be 1). tLim, vLim, rLim: the exclusive
 * upper limits of expiry, vol and |rate|, |yield| (the next double above the unit-slip maximum, or infinity when
 * the bound is off); they change which rows are refused, never a figure. Returns the stage-1 flags (bit 0:
 * an invalid row, nothing computed; bit 1: a ratio x/k outside the normal doubles, nothing computed: the caller
 * takes its scalar path). Degenerate rows (σ√T < 1e-100) are listed in DEG (count in STATUS[1]) and left for the
 * caller; the sum of every other figure written is stored as f64 at STATUS + 8 (not finite iff one overflowed).
 */
export function greeks(m: i32, callU8: i32, carryIsRate: i32, black: i32, tLim: f64, vLim: f64, rLim: f64): i32 {
  const flags = stage1(m, callU8, carryIsRate, tLim, vLim, rLim);
  if (flags != 0) return flags;
  stages(m);
  const x = col(X), k = col(K), t = col(T), v = col(V), r = col(R), q = carryIsRate ? col(R) : col(Q);
  const w = col(W), sqt = col(SQT), sd = col(SD), isd = col(ISD), df = col(DF), dq = col(DQ);
  const d1c = col(D1), d2c = col(D2), e1c = col(E1), n1c = col(N1), n2c = col(N2);
  const price = col(PRICE), delta = col(PRICE + 1), gamma = col(PRICE + 2), vega = col(PRICE + 3),
      theta = col(PRICE + 4);
  const rho = col(PRICE + 5), vanna = col(PRICE + 6), volga = col(PRICE + 7), charm = col(PRICE + 8);
  const half = cst(HALF), zero = cst(ZERO), invSqrt2Pi = cst(INV_SQRT_2PI), two = cst(TWO);
  let acc = zero;
  for (let j = 0; j < m; j += 2) {
    const o = <usize>j << 3;
    // every input column first (a caller's output column may be one of them); then each figure is stored as soon as
    // it is computed, so that the loads of the scratch columns after it stay after it (fewer values live at once)
    const S = v128.load(x + o), Kk = v128.load(k + o), Tt = v128.load(t + o), vol = v128.load(v + o);
    const rr = v128.load(r + o), qq = v128.load(q + o);
    const wv = v128.load(w + o), dqv = v128.load(dq + o), n1 = v128.load(n1c + o);
    const fd = f64x2.mul(S, dqv);
    const a = f64x2.mul(fd, n1);
    const bb = f64x2.mul(f64x2.mul(Kk, v128.load(df + o)), v128.load(n2c + o));
    const pv = f64x2.pmax(f64x2.mul(wv, f64x2.sub(a, bb)), zero); // pv < 0 ? 0 : pv
    v128.store(price + o, pv);
    const de = f64x2.mul(f64x2.mul(wv, dqv), n1);
    v128.store(delta + o, de);
    const invSd = v128.load(isd + o), sqrtT = v128.load(sqt + o);
    const pdf = f64x2.mul(v128.load(e1c + o), invSqrt2Pi);
    const dqn = f64x2.mul(dqv, pdf);
    const ga = f64x2.div(f64x2.mul(dqn, invSd), S);
    v128.store(gamma + o, ga);
    const vg = f64x2.mul(f64x2.mul(fd, pdf), sqrtT);
    v128.store(vega + o, vg);
    const invSqrtT = f64x2.mul(vol, invSd);
    const th = f64x2.sub(
      f64x2.mul(wv, f64x2.sub(f64x2.mul(qq, a), f64x2.mul(rr, bb))),
      f64x2.mul(f64x2.mul(f64x2.mul(f64x2.mul(half, fd), pdf), vol), invSqrtT),
    );
    v128.store(theta + o, th);
    const rh = black ? f64x2.mul(f64x2.neg(Tt), pv) : f64x2.mul(f64x2.mul(wv, Tt), bb);
    v128.store(rho + o, rh);
    const d1 = v128.load(d1c + o), d2 = v128.load(d2c + o);
    const invVol = f64x2.mul(sqrtT, invSd);
    const va = f64x2.mul(f64x2.mul(f64x2.neg(dqn), d2), invVol);
    v128.store(vanna + o, va);
    const vo = f64x2.mul(f64x2.mul(f64x2.mul(vg, d1), d2), invVol);
    v128.store(volga + o, vo);
    const s = v128.load(sd + o);
    const ch = f64x2.sub(
      f64x2.mul(f64x2.mul(f64x2.mul(wv, qq), dqv), n1),
      f64x2.mul(f64x2.mul(f64x2.mul(f64x2.mul(dqn, f64x2.sub(f64x2.mul(f64x2.mul(two, f64x2.sub(rr, qq)), Tt),
          f64x2.mul(d2, s))), half), f64x2.mul(invSqrtT, invSqrtT)), invSd),
    );
    v128.store(charm + o, ch);
    acc = f64x2.add(acc, f64x2.add(f64x2.add(f64x2.add(pv, de), f64x2.add(ga, vg)), f64x2.add(f64x2.add(f64x2.add(th,
        rh), f64x2.add(va, vo)), ch)));
  }
  store<f64>(col(STATUS) + 8, f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1));
  return 0;
}

/** Prices only of rows [0, m) into the price column; flags, degenerate rows and the sum as in {@link greeks}. */
export function prices(m: i32, callU8: i32, carryIsRate: i32, tLim: f64, vLim: f64, rLim: f64): i32 {
  const flags = stage1(m, callU8, carryIsRate, tLim, vLim, rLim);
  if (flags != 0) return flags;
  stages(m);
  const x = col(X), k = col(K), w = col(W), df = col(DF), dq = col(DQ), n1c = col(N1), n2c = col(N2),
      price = col(PRICE);
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
