/**
 * Guarded by bench/workloads/greeks.ts ("exact, JS kernel") and batchMath.test.ts (accuracy).
 *
 * exp and log for the batch kernels, inlinable by the JIT (Math.exp/Math.log are calls into C++ that the optimiser
 * cannot interleave with the surrounding arithmetic; Math.log alone costs ≈ 13 ns an option in the Greeks loop).
 * Both are accurate to about one ulp; `batchMath.test.ts` checks them against mpmath values and the built-ins.
 *
 * - exp: x = (64k + j)·ln2/64 + r with 0 ≤ r ≤ ln2/64 (Cody–Waite split of ln2/64, 33 + 53 bits, so that N·L1 is
 *   exact for |N| < 2²⁰); exp(x) = 2^k · 2^{j/64} · e^r with e^r from its Taylor series to r⁶ (truncation
 *   < 4e-18 relative). 2^{j/64} and 2^k come from tables, so the fast path is only arithmetic and two loads.
 * - log: x = 2^k·m with m ∈ [√2/2, √2), f = m − 1, s = f/(2+f), log(1+f) = 2·atanh(s) = f − f²/2 + s·(f²/2 + R),
 *   R = s²·P(s²) with P a degree-6 Chebyshev fit of (2·atanh(s) − 2s)/s³ on s² ≤ 0.0295 (mpmath `chebyfit`, fit
 *   error 3e-16 on P, < 5e-18 relative on the result); k·ln2 from a 40-bit/remainder split of ln2.
 *
 * Internal: not exported from the module index.
 */
import { CODY } from '../../core/normal.js';

/** 64/ln2. */
const INV_L = 92.33248261689366;
/** ln2/64 = L1 + L2, L1 with 33 significant bits. */
const L1 = 0.010830424695086549;
const L2 = 1.162596423439437e-12;
/** 1.5·2⁵²: adding and subtracting it rounds a double of magnitude < 2⁵¹ to the nearest integer. */
const SHIFT = 6755399441055744;

/** 2^{j/64}, j = 0..63. */
const EXP2_J = new Float64Array(64);
/** 2^k for k = −1080..1024 at index k + 1080: exact powers of two, subnormal down to 2^−1074, then 0; 2^1024 = ∞. */
const POW2 = new Float64Array(2105);
for (let k = -1080; k <= 1024; k++) POW2[k + 1080] = 2 ** k;

// the doubles nearest 2^{j/64} (mpmath at 200 bits, rounded once)
EXP2_J.set([
  1.0, 1.0108892860517005, 1.0218971486541166, 1.0330248790212284, 1.0442737824274138, 1.0556451783605572,
  1.0671404006768237, 1.0787607977571199, 1.0905077326652577, 1.102382583307841, 1.1143867425958924, 1.1265216186082418,
  1.1387886347566916, 1.1511892299529827, 1.1637248587775775, 1.1763969916502812, 1.189207115002721, 1.202156731452703,
  1.215247359980469, 1.22848053610687, 1.241857812073484, 1.255380757024691, 1.2690509571917332, 1.2828700160787783,
  1.2968395546510096, 1.3109612115247644, 1.3252366431597413, 1.339667524053303, 1.3542555469368927, 1.3690024229745905,
  1.383909881963832, 1.3989796725383112, 1.4142135623730951, 1.42961333839197, 1.4451808069770467, 1.460917794180647,
  1.4768261459394993, 1.4929077282912648, 1.5091644275934228, 1.5255981507445384, 1.5422108254079407, 1.559004400237837,
  1.5759808451078865, 1.593142151342267, 1.6104903319492543, 1.6280274218573478, 1.645755478153965, 1.6636765803267364,
  1.681792830507429, 1.7001063537185235, 1.718619298122478, 1.7373338352737062, 1.7562521603732995, 1.7753764925265212,
  1.7947090750031072, 1.8142521755003989, 1.8340080864093424, 1.8539791250833855, 1.8741676341103, 1.8945759815869656,
  1.9152065613971474, 1.9360617934922943, 1.9571441241754002, 1.978456026387951,
]);

/**
 * The constants of the loops below are read from these arrays into locals before each loop. Written as literals,
 * V8 (TurboFan, x64) rematerialises every double constant inside the loop as a 64-bit immediate moved into an XMM
 * register (two instructions, one through the integer-to-vector port); as loaded locals they stay in registers or
 * are reloaded from the stack. Measured on an isolated loop of Cody's 8/8 rational: 10.9 → 7.3 ns an element.
 */
const EXP_C = Float64Array.of(-746, 710, INV_L, 0.5, SHIFT, L1, L2, 1 / 6, 1 / 24, 1 / 120, 1 / 720);

/**
 * a[j] ← e^{a[j]} for j < m, each within about one ulp of the exact value: the argument is clamped to [−746, 710]
 * (beyond, the double result is 0 or ∞ either way) and a result below the normal range is rounded once, by the final
 * product with a subnormal power of two. NaN gives NaN. A loop with no call and no data-dependent branch.
 */
export function expInPlace(a: Float64Array, m: number): void {
  const exp2j = EXP2_J,
    pow2 = POW2; // module bindings into locals: no per-element binding check in the loop
  const [lo, hi, invL, half, shift, l1, l2, c3, c4, c5, c6] = EXP_C;
  for (let j = 0; j < m; j++) {
    const x = a[j];
    const xc = x < lo ? lo : x > hi ? hi : x;
    // n = ⌊64x/ln2⌋ (round of 64x/ln2 − ½): r ∈ [0, ln2/64], and n ≤ 65535 (k ≤ 1023) up to ln(MAX_VALUE)
    const nf = xc * invL - half + shift - shift;
    const n = nf | 0;
    const r = xc - nf * l1 - nf * l2;
    // Estrin's scheme: a shorter dependency chain than Horner's, which is what limits a loop of these
    const r2 = r * r;
    const p = r + r2 * (half + r * c3 + r2 * (c4 + r * c5 + r2 * c6));
    const t = exp2j[n & 63];
    a[j] = (t + t * p) * pow2[(n >> 6) + 1080];
  }
}

const SCRATCH = new Float64Array(1);
const WORDS = new Uint32Array(SCRATCH.buffer);
/** Index of the high (sign/exponent) 32-bit word of a double in WORDS: 1 on little-endian platforms. */
const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;

const LN2_HI = 0.6931471805592082;
const LN2_LO = 7.371002565167799e-13;
// P(z), highest degree first in the fit; here as c1..c7 of z^0..z^6
const P0 = 0.666666666666667,
  P1 = 0.39999999999899444,
  P2 = 0.2857142862600327,
  P3 = 0.22222211130259878;
const P4 = 0.18182889455674947,
  P5 = 0.15331710618210773,
  P6 = 0.14616585424888623;
const LOG_C = Float64Array.of(1, 2, 0.5, LN2_HI, LN2_LO, P0, P1, P2, P3, P4, P5, P6);

/** a[j] ← ln a[j] for j < m, about one ulp for normal positive finite values; Math.log for any other. */
export function logInPlace(a: Float64Array, m: number): void {
  const scratch = SCRATCH,
    words = WORDS,
    hi = HI,
    pow2 = POW2;
  const [one, two, half, ln2hi, ln2lo, p0, p1, p2, p3, p4, p5, p6] = LOG_C;
  for (let j = 0; j < m; j++) {
    const x = a[j];
    scratch[0] = x;
    const hx = words[hi];
    // normal, positive, finite: exponent field 1..2046 and sign 0
    if (!(hx >= 0x00100000 && hx < 0x7ff00000)) {
      a[j] = Math.log(x);
      continue;
    }
    // k such that m = x·2^−k ∈ [√2/2, √2) (0x3fe6a09e is the high word of √2/2); the scaling is exact
    const k = ((hx + (0x3ff00000 - 0x3fe6a09e)) >>> 20) - 0x3ff;
    const f = x * pow2[1080 - k] - one;
    const hfsq = half * f * f;
    const s = f / (two + f);
    const z = s * s;
    const z2 = z * z;
    const R = z * (p0 + z * p1 + z2 * (p2 + z * p3 + z2 * (p4 + z * p5 + z2 * p6)));
    a[j] = k * ln2hi - (hfsq - (s * (hfsq + R) + k * ln2lo) - f);
  }
}

// W. J. Cody's rational coefficients, owned by src/core/normal.ts (its scalar erfcx is the reference of these loops)
const [A0, A1, A2, A3, A4] = CODY.erfNum;
const [B0, B1, B2, B3] = CODY.erfDen;
const [C0, C1, C2, C3, C4, C5, C6, C7, C8] = CODY.midNum;
const [D0, D1, D2, D3, D4, D5, D6, D7] = CODY.midDen;
const [T0, T1, T2, T3, T4, T5] = CODY.tailNum;
const [U0, U1, U2, U3, U4] = CODY.tailDen;
const INV_SQRT_PI = CODY.invSqrtPi;
const CDF_SMALL_C = Float64Array.of(0.46875 * Math.SQRT2, 0.5, Math.SQRT1_2, 1, 4, A0, A1, A2, A3, A4, B0, B1, B2, B3);
const CDF_MID_C = Float64Array.of(C0, C1, C2, C3, C4, C5, C6, C7, C8, D0, D1, D2, D3, D4, D5, D6, D7);

/** Capacity of the index lists of {@link cdfInto} (longer inputs are processed in chunks of this many). */
const CDF_CHUNK = 1024;
const SMALL = new Int32Array(CDF_CHUNK);
const LARGE = new Int32Array(CDF_CHUNK);

/**
 * dst[j] ← Φ(w[j]·d[j]) for j < m, given e[j] = exp(−d[j]²/2) and w[j] = ±1, by Cody's erf (|x|/√2 ≤ 0.46875) and
 * erfcx rationals on the shared exponential: Φ(−|x|) = ½·e·erfcx(|x|/√2), never formed as 1 − something. Which
 * rational applies is a coin flip from row to row in a real book, so the rows are first sorted into two index
 * lists (without a branch) and each list is then evaluated with its own rational: no mispredicted branch and no
 * wasted rational. The polynomials are evaluated by Estrin's scheme (all coefficients positive, no cancellation;
 * the values agree with Horner's to an ulp or so).
 */
export function cdfInto(dst: Float64Array, w: Float64Array, d: Float64Array, e: Float64Array, m: number): void {
  const small = SMALL,
    large = LARGE;
  const [cut, half, sqrt1_2, one, four, a0, a1, a2, a3, a4, b0, b1, b2, b3] = CDF_SMALL_C;
  const [c0, c1, c2, c3, c4, c5, c6, c7, c8, d0, d1, d2, d3, d4, d5, d6, d7] = CDF_MID_C;
  for (let s0 = 0; s0 < m; s0 += CDF_CHUNK) {
    const end = Math.min(m, s0 + CDF_CHUNK);
    let ns = 0,
      nl = 0;
    for (let j = s0; j < end; j++) {
      const isSmall = +(Math.abs(d[j]) <= cut); // a setcc, not a branch
      small[ns] = j;
      large[nl] = j;
      ns += isSmall;
      nl += 1 - isSmall;
    }
    for (let i = 0; i < ns; i++) {
      const j = small[i];
      const x = w[j] * d[j];
      const z = half * x * x;
      const z2 = z * z;
      const num = a3 + a2 * z + z2 * (a1 + a0 * z + z2 * a4);
      const den = b3 + b2 * z + z2 * (b1 + b0 * z + z2);
      dst[j] = half + half * ((x * sqrt1_2 * num) / den);
    }
    for (let i = 0; i < nl; i++) {
      const j = large[i];
      const x = w[j] * d[j];
      const y = Math.abs(x) * sqrt1_2;
      let rx: number;
      if (y <= four) {
        const z = y * y;
        const z2 = z * z;
        const num = c7 + c6 * y + z * (c5 + c4 * y) + z2 * (c3 + c2 * y + z * (c1 + c0 * y) + z2 * c8);
        const den = d7 + d6 * y + z * (d5 + d4 * y) + z2 * (d3 + d2 * y + z * (d1 + d0 * y) + z2);
        rx = num / den;
      } else {
        // far tail (a few % of rows): Cody's asymptotic rational in 1/y²
        const z = 1 / (y * y);
        const num = ((((T5 * z + T0) * z + T1) * z + T2) * z + T3) * z + T4;
        const den = ((((z + U0) * z + U1) * z + U2) * z + U3) * z + U4;
        rx = (INV_SQRT_PI - (z * num) / den) / y;
      }
      const lower = half * e[j] * rx;
      const neg = +(x < 0); // the sign is a coin flip too: select by exact 0/1 products
      dst[j] = neg * lower + (one - neg) * (one - lower);
    }
  }
}
