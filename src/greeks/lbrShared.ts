/**
 * Constants and the per-row state slots of the "Let's Be Rational" solver (`lbr.ts`, `lbrBlack.ts`): shared by the
 * normalised Black function and the inversion. Guarded by bench/workloads/impliedvol.ts. Internal.
 */
export const EPS = 2.220446049250313e-16;
export const DBL_MIN = 2.2250738585072014e-308;
export const DBL_MAX = Number.MAX_VALUE;
export const SQRT_DBL_MAX = Math.sqrt(DBL_MAX);
export const FOURTH_ROOT_EPS = Math.sqrt(Math.sqrt(EPS));
export const SIXTEENTH_ROOT_EPS = Math.sqrt(Math.sqrt(FOURTH_ROOT_EPS));
export const INV_SQRT_2PI = 0.3989422804014327;
export const INV_SQRT2 = Math.SQRT1_2;
export const SQRT_PI_OVER_2 = 1.2533141373155003;
export const SQRT3 = 1.7320508075688772;
export const INV_SQRT3 = 0.5773502691896258;
export const TWO_PI = 6.283185307179586;
export const TWO_PI_OVER_SQRT27 = 1.2091995761561452;
export const PI_OVER_6 = 0.5235987755982988;

/** η: below h = x/s < η the asymptotic expansion of the normalised Black function is used. */
export const ETA = -10;
/** τ: for t = s/2 < τ the small-t expansion is used. */
export const TAU = 2 * SIXTEENTH_ROOT_EPS;
/** Iterations after the rational guess; the paper shows two suffice for machine precision. */
export const MAX_ITERATIONS = 2;

/**
 * Per-row state of the solver. The hot functions below take no double arguments and return none, reading and
 * writing these slots instead: V8 passes doubles to (and returns them from) functions it does not inline as freshly
 * allocated heap numbers — about 40 per implied volatility, 640 bytes of garbage per row, before this layout — while
 * a typed-array slot holds the raw double. Each function names the slots it reads and writes.
 */
export const st = new Float64Array(13);
/** x ≤ 0 of the out-of-the-money call being inverted. */
export const X = 0;
/** b_max = e^{x/2}. */
export const BMAX = 1;
/** β, the normalised out-of-the-money price being inverted. */
export const BETA = 2;
/** The s at which {@link otmBlackAndVega}, {@link lowerMap} and {@link upperMap} evaluate. */
export const S_ARG = 3;
/** b(x, s), the normalised vega ∂b/∂s, and b_max − b (without cancellation in region III) from otmBlackAndVega. */
export const B = 4;
export const VEGA = 5;
export const GAP = 6;
/** f, f', f'' of the last transformed map. */
export const MAP_F = 7;
export const MAP_FP = 8;
export const MAP_FPP = 9;
/** The iterate (initial guess in, solution out) of {@link householderIterations} and its bracket. */
export const S = 10;
export const LEFT = 11;
export const RIGHT = 12;
