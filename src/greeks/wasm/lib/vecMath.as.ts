// The lane-wise (f64x2) math of the greeks batch kernel (../greeksKernel.as.ts): exp, log and Φ on v128, and the
// constants they read from memory. Split from the kernel so each file holds one concept; compiled into the kernel
// (this folder is not a wasm/ folder, so scripts/build-wasm.mjs does not compile it alone). Cody's coefficients
// are those of src/core/normal.ts (test/greeks/codyCoefficients.test.ts). Guarded by bench/workloads/greeks.ts.

// 2^{j/64}, j = 0..63 (as fastMath.ts)
export const EXP2_J: usize = memory.data<f64>([
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
export const EXP_LO: i32 = 0, EXP_HI: i32 = 1, INV_L: i32 = 2, HALF: i32 = 3, SHIFT: i32 = 4, L1: i32 = 5, L2: i32 = 6,
  INV6: i32 = 7, INV24: i32 = 8, INV120: i32 = 9, INV720: i32 = 10, ONE: i32 = 11, TWO: i32 = 12, P0: i32 = 13,
  P1: i32 = 14, P2: i32 = 15, P3: i32 = 16, P4: i32 = 17, P5: i32 = 18, P6: i32 = 19, LN2_HI: i32 = 20,
  LN2_LO: i32 = 21, SQRT1_2: i32 = 22, K_A3: i32 = 23, K_A2: i32 = 24, K_A1: i32 = 25, K_A0: i32 = 26, K_A4: i32 = 27,
  K_B3: i32 = 28, K_B2: i32 = 29, K_B1: i32 = 30, K_B0: i32 = 31, K_C7: i32 = 32, K_C6: i32 = 33, K_C5: i32 = 34,
      K_C4: i32 = 35,
  K_C3: i32 = 36, K_C2: i32 = 37, K_C1: i32 = 38, K_C0: i32 = 39, K_C8: i32 = 40, K_D7: i32 = 41, K_D6: i32 = 42,
      K_D5: i32 = 43,
  K_D4: i32 = 44, K_D3: i32 = 45, K_D2: i32 = 46, K_D1: i32 = 47, K_D0: i32 = 48, SMALL_CUT: i32 = 49, FOUR: i32 = 50,
  K_T5: i32 = 51, K_T0: i32 = 52, K_T1: i32 = 53, K_T2: i32 = 54, K_T3: i32 = 55, K_T4: i32 = 56, K_U0: i32 = 57,
      K_U1: i32 = 58,
  K_U2: i32 = 59, K_U3: i32 = 60, K_U4: i32 = 61, INV_SQRT_PI: i32 = 62, ZERO: i32 = 63, INF: i32 = 64,
      MIN_SD: i32 = 65,
  MIN_NORMAL: i32 = 66, MHALF: i32 = 67, E1_FLOOR: i32 = 68, INV_SQRT_2PI: i32 = 69;
export const CONSTANTS: usize = memory.data<f64>([
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

/**
 * The splat constant i. The functions below take their constants as parameters (`k<NAME>` = cst(NAME)), which the
 * kernel loads once before its loops: V8 places every load of a basic block at the block's start, so constants loaded
 * where they are used (17 of them in the erfcx rational's block) were loaded together, spilled to the stack and
 * reloaded at their use; values defined before the loop are only reloaded at their use (or stay in a register).
 * Measured 5–8% faster on the greeks kernel, with the same operations (bit-identical results).
 */
@inline export function cst(i: i32): v128 {
  return v128.load64_splat(CONSTANTS + (<usize>i << 3));
}

/** e^x lane-wise, about one ulp (the algorithm of fastMath.ts expInPlace). */
@inline export function expv(x: v128, kEXP_LO: v128, kEXP_HI: v128, kINV_L: v128, kHALF: v128, kSHIFT: v128, kL1: v128,
    kL2: v128, kINV6: v128, kINV24: v128, kINV120: v128, kINV720: v128): v128 {
  const xc = f64x2.pmin(f64x2.pmax(x, kEXP_LO), kEXP_HI); // NaN stays NaN
  // y = 1.5·2^52 + 2^31 + n, n = ⌊64x/ln2⌋: its low 32 bits are n + 2^31 (unsigned: no 64-bit arithmetic shift,
  // which x64 SIMD lacks)
  const y = f64x2.add(f64x2.sub(f64x2.mul(xc, kINV_L), kHALF), kSHIFT);
  const nf = f64x2.sub(y, kSHIFT);
  const r = f64x2.sub(f64x2.sub(xc, f64x2.mul(nf, kL1)), f64x2.mul(nf, kL2));
  const r2 = f64x2.mul(r, r);
  const p = f64x2.add(r, f64x2.mul(r2, f64x2.add(
    f64x2.add(kHALF, f64x2.mul(r, kINV6)),
    f64x2.mul(r2, f64x2.add(f64x2.add(kINV24, f64x2.mul(r, kINV120)), f64x2.mul(r2, kINV720))),
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
@inline export function logv(x: v128, kHALF: v128, kONE: v128, kTWO: v128, kP0: v128, kP1: v128, kP2: v128, kP3: v128,
    kP4: v128, kP5: v128, kP6: v128, kLN2_HI: v128, kLN2_LO: v128): v128 {
  // hx: high words; hx + (0x3ff00000 − 0x3fe6a09e) puts m in [√2/2, √2)
  const hx = i64x2.add(i64x2.shr_u(x, 32), i64x2.splat(0x3ff00000 - 0x3fe6a09e));
  const k = f64x2.convert_low_i32x4_s(i32x4_shuffle_lo(i64x2.sub(i64x2.shr_u(hx, 20), i64x2.splat(0x3ff))));
  const mhi = i64x2.add(v128.and(hx, i64x2.splat(0x000fffff)), i64x2.splat(0x3fe6a09e));
  const m = v128.or(i64x2.shl(mhi, 32), v128.and(x, i64x2.splat(0xffffffff)));
  const f = f64x2.sub(m, kONE);
  const hfsq = f64x2.mul(f64x2.mul(kHALF, f), f);
  const s = f64x2.div(f, f64x2.add(kTWO, f));
  const z = f64x2.mul(s, s);
  const z2 = f64x2.mul(z, z);
  const Rz = f64x2.mul(z, f64x2.add(
    f64x2.add(kP0, f64x2.mul(z, kP1)),
    f64x2.mul(z2, f64x2.add(
      f64x2.add(kP2, f64x2.mul(z, kP3)),
      f64x2.mul(z2, f64x2.add(f64x2.add(kP4, f64x2.mul(z, kP5)), f64x2.mul(z2, kP6))),
    )),
  ));
  // k·ln2hi − ((hfsq − (s·(hfsq + R) + k·ln2lo)) − f)
  return f64x2.sub(
    f64x2.mul(k, kLN2_HI),
    f64x2.sub(f64x2.sub(hfsq, f64x2.add(f64x2.mul(s, f64x2.add(hfsq, Rz)), f64x2.mul(k, kLN2_LO))), f),
  );
}

/** Moves the low 32 bits of each i64 lane into i32 lanes 0 and 1. */
@inline export function i32x4_shuffle_lo(v: v128): v128 {
  return i32x4.shuffle(v, v, 0, 2, 0, 2);
}

/** Numerator of Cody's erf rational (|x|/√2 ≤ 0.46875), times x/√2; zs = x²/2. */
@inline export function smallNum(x: v128, zs: v128, kSQRT1_2: v128, kK_A3: v128, kK_A2: v128, kK_A1: v128, kK_A0: v128,
    kK_A4: v128): v128 {
  const zs2 = f64x2.mul(zs, zs);
  const num = f64x2.add(
    f64x2.add(kK_A3, f64x2.mul(kK_A2, zs)),
    f64x2.mul(zs2, f64x2.add(f64x2.add(kK_A1, f64x2.mul(kK_A0, zs)), f64x2.mul(zs2, kK_A4))),
  );
  return f64x2.mul(f64x2.mul(x, kSQRT1_2), num);
}

/** Denominator of Cody's erf rational. */
@inline export function smallDen(zs: v128, kK_B3: v128, kK_B2: v128, kK_B1: v128, kK_B0: v128): v128 {
  const zs2 = f64x2.mul(zs, zs);
  return f64x2.add(
    f64x2.add(kK_B3, f64x2.mul(kK_B2, zs)),
    f64x2.mul(zs2, f64x2.add(f64x2.add(kK_B1, f64x2.mul(kK_B0, zs)), zs2)),
  );
}

/** Numerator of Cody's erfcx rational on 0.46875 ≤ y ≤ 4 (z = y², z2 = y⁴). */
@inline export function midNum(y: v128, z: v128, z2: v128, kK_C7: v128, kK_C6: v128, kK_C5: v128, kK_C4: v128,
    kK_C3: v128, kK_C2: v128, kK_C1: v128, kK_C0: v128, kK_C8: v128): v128 {
  return f64x2.add(
    f64x2.add(f64x2.add(kK_C7, f64x2.mul(kK_C6, y)), f64x2.mul(z, f64x2.add(kK_C5, f64x2.mul(kK_C4, y)))),
    f64x2.mul(z2, f64x2.add(
      f64x2.add(f64x2.add(kK_C3, f64x2.mul(kK_C2, y)), f64x2.mul(z, f64x2.add(kK_C1, f64x2.mul(kK_C0, y)))),
      f64x2.mul(z2, kK_C8),
    )),
  );
}

/** Denominator of Cody's erfcx rational on 0.46875 ≤ y ≤ 4. */
@inline export function midDen(y: v128, z: v128, z2: v128, kK_D7: v128, kK_D6: v128, kK_D5: v128, kK_D4: v128,
    kK_D3: v128, kK_D2: v128, kK_D1: v128, kK_D0: v128): v128 {
  return f64x2.add(
    f64x2.add(f64x2.add(kK_D7, f64x2.mul(kK_D6, y)), f64x2.mul(z, f64x2.add(kK_D5, f64x2.mul(kK_D4, y)))),
    f64x2.mul(z2, f64x2.add(
      f64x2.add(f64x2.add(kK_D3, f64x2.mul(kK_D2, y)), f64x2.mul(z, f64x2.add(kK_D1, f64x2.mul(kK_D0, y)))),
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
@inline export function cdfv(x: v128, e: v128, kHALF: v128, kONE: v128, kSQRT1_2: v128, kK_A3: v128, kK_A2: v128,
    kK_A1: v128, kK_A0: v128, kK_A4: v128, kK_B3: v128, kK_B2: v128, kK_B1: v128, kK_B0: v128, kK_C7: v128,
    kK_C6: v128, kK_C5: v128, kK_C4: v128, kK_C3: v128, kK_C2: v128, kK_C1: v128, kK_C0: v128, kK_C8: v128,
    kK_D7: v128, kK_D6: v128, kK_D5: v128, kK_D4: v128, kK_D3: v128, kK_D2: v128, kK_D1: v128, kK_D0: v128,
    kSMALL_CUT: v128, kFOUR: v128, kK_T5: v128, kK_T0: v128, kK_T1: v128, kK_T2: v128, kK_T3: v128, kK_T4: v128,
    kK_U0: v128, kK_U1: v128, kK_U2: v128, kK_U3: v128, kK_U4: v128, kINV_SQRT_PI: v128, kZERO: v128): v128 {
  const ax = f64x2.abs(x);
  const small = f64x2.le(ax, kSMALL_CUT);
  if (i64x2.all_true(small)) {
    const zs = f64x2.mul(f64x2.mul(kHALF, x), x);
    const sn = smallNum(x, zs, kSQRT1_2, kK_A3, kK_A2, kK_A1, kK_A0, kK_A4);
    return f64x2.add(kHALF, f64x2.mul(kHALF, f64x2.div(sn, smallDen(zs, kK_B3, kK_B2, kK_B1, kK_B0))));
  }
  const y = f64x2.mul(ax, kSQRT1_2);
  const z = f64x2.mul(y, y);
  const z2 = f64x2.mul(z, z);
  let q: v128;
  if (!v128.any_true(small)) {
    q = f64x2.div(
      midNum(y, z, z2, kK_C7, kK_C6, kK_C5, kK_C4, kK_C3, kK_C2, kK_C1, kK_C0, kK_C8),
      midDen(y, z, z2, kK_D7, kK_D6, kK_D5, kK_D4, kK_D3, kK_D2, kK_D1, kK_D0),
    );
  } else {
    const zs = f64x2.mul(f64x2.mul(kHALF, x), x);
    q = f64x2.div(
      v128.bitselect(
        smallNum(x, zs, kSQRT1_2, kK_A3, kK_A2, kK_A1, kK_A0, kK_A4),
        midNum(y, z, z2, kK_C7, kK_C6, kK_C5, kK_C4, kK_C3, kK_C2, kK_C1, kK_C0, kK_C8),
        small,
      ),
      v128.bitselect(
        smallDen(zs, kK_B3, kK_B2, kK_B1, kK_B0),
        midDen(y, z, z2, kK_D7, kK_D6, kK_D5, kK_D4, kK_D3, kK_D2, kK_D1, kK_D0),
        small,
      ),
    );
  }
  let rx = q;
  const tail = f64x2.gt(y, kFOUR);
  if (v128.any_true(tail)) {
    const zt = f64x2.div(kONE, z);
    let numT = f64x2.add(f64x2.mul(kK_T5, zt), kK_T0);
    numT = f64x2.add(f64x2.mul(numT, zt), kK_T1);
    numT = f64x2.add(f64x2.mul(numT, zt), kK_T2);
    numT = f64x2.add(f64x2.mul(numT, zt), kK_T3);
    numT = f64x2.add(f64x2.mul(numT, zt), kK_T4);
    let denT = f64x2.add(zt, kK_U0);
    denT = f64x2.add(f64x2.mul(denT, zt), kK_U1);
    denT = f64x2.add(f64x2.mul(denT, zt), kK_U2);
    denT = f64x2.add(f64x2.mul(denT, zt), kK_U3);
    denT = f64x2.add(f64x2.mul(denT, zt), kK_U4);
    const rt = f64x2.div(f64x2.sub(kINV_SQRT_PI, f64x2.div(f64x2.mul(zt, numT), denT)), y);
    rx = v128.bitselect(rt, q, tail);
  }
  const lower = f64x2.mul(f64x2.mul(kHALF, e), rx);
  const big = v128.bitselect(lower, f64x2.sub(kONE, lower), f64x2.lt(x, kZERO));
  return v128.bitselect(f64x2.add(kHALF, f64x2.mul(kHALF, q)), big, small);
}
