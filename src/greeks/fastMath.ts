/**
 * exp and log for the batch kernels, inlinable by the JIT (Math.exp/Math.log are calls into C++ that the optimiser
 * cannot interleave with the surrounding arithmetic; Math.log alone costs ≈ 13 ns an option in the Greeks loop).
 * Both are accurate to about one ulp; `batchMath.test.ts` checks them against mpmath values and the built-ins.
 *
 * - exp: x = (64k + j)·ln2/64 + r with |r| ≤ ln2/128 (Cody–Waite split of ln2/64, 33 + 53 bits, so that N·L1 is
 *   exact for |N| < 2²⁰); exp(x) = 2^k · 2^{j/64} · e^r with e^r from its Taylor series to r⁶ (truncation
 *   < 3e-20 relative). 2^{j/64} and 2^k come from tables, so the fast path is only arithmetic and two loads.
 * - log: x = 2^k·m with m ∈ [√2/2, √2), f = m − 1, s = f/(2+f), log(1+f) = 2·atanh(s) = f − f²/2 + s·(f²/2 + R),
 *   R = s²·P(s²) with P a degree-6 Chebyshev fit of (2·atanh(s) − 2s)/s³ on s² ≤ 0.0295 (mpmath `chebyfit`, fit
 *   error 3e-16 on P, < 5e-18 relative on the result); k·ln2 from a 40-bit/remainder split of ln2.
 *
 * Internal: not exported from the module index.
 */

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
]);

/**
 * e^x, within about one ulp of the exact value for every x: the argument is clamped to [−746, 710] (beyond, the
 * double result is 0 or ∞ either way) and a result below the normal range is rounded once, by the final product with
 * a subnormal power of two. NaN gives NaN. No call and no branch that the JIT has to leave the loop for.
 */
export function fastExp(x: number): number {
  const xc = x < -746 ? -746 : x > 710 ? 710 : x;
  const nf = xc * INV_L + SHIFT - SHIFT;
  const n = nf | 0;
  const r = xc - nf * L1 - nf * L2;
  const p = r + r * r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720)))));
  const t = EXP2_J[n & 63];
  return (t + t * p) * POW2[(n >> 6) + 1080];
}

const SCRATCH = new Float64Array(1);
const WORDS = new Uint32Array(SCRATCH.buffer);
/** Index of the high (sign/exponent) 32-bit word of a double in WORDS: 1 on little-endian platforms. */
const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;

const LN2_HI = 0.6931471805592082;
const LN2_LO = 7.371002565167799e-13;
// P(z), highest degree first in the fit; here as c1..c7 of z^0..z^6
const P0 = 0.666666666666667, P1 = 0.39999999999899444, P2 = 0.2857142862600327, P3 = 0.22222211130259878;
const P4 = 0.18182889455674947, P5 = 0.15331710618210773, P6 = 0.14616585424888623;

/** Natural log, about one ulp for normal positive finite x; Math.log otherwise. */
export function fastLog(x: number): number {
  SCRATCH[0] = x;
  const hx = WORDS[HI];
  // normal, positive, finite: exponent field 1..2046 and sign 0
  if (!(hx >= 0x00100000 && hx < 0x7ff00000)) return Math.log(x);
  // shift the mantissa so that m lands in [√2/2, √2): 0x3fe6a09e is the high word of √2/2
  const h = hx + (0x3ff00000 - 0x3fe6a09e);
  const k = (h >>> 20) - 0x3ff;
  // m = x·2^−k ∈ [√2/2, √2), exact (k ∈ [−1022, 1024], 2^−k a normal power of two)
  const f = x * POW2[1080 - k] - 1;
  const hfsq = 0.5 * f * f;
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (P0 + z * (P1 + z * (P2 + z * (P3 + z * (P4 + z * (P5 + z * P6))))));
  return k * LN2_HI - ((hfsq - (s * (hfsq + R) + k * LN2_LO)) - f);
}
