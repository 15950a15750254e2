/**
 * Shape-preserving rational cubic interpolation (R. Delbourgo & J. A. Gregory, "Shape preserving piecewise rational
 * interpolation", SIAM J. Sci. Stat. Comput. 6 (1985)), as used by Jäckel's "Let's Be Rational" to build the initial
 * guesses of the implied-volatility inversion. Internal: not re-exported from any public index.
 *
 * On [xl, xr] with values yl, yr and slopes dl, dr, the interpolant with control parameter r > −1 is
 *
 *   y(t) = [yr·t³ + (r·yr − h·dr)·t²(1−t) + (r·yl + h·dl)·t(1−t)² + yl·(1−t)³] / [1 + (r − 3)·t(1−t)],
 *
 * t = (x − xl)/h, h = xr − xl. r = 3 is the ordinary cubic Hermite spline; r → ∞ tends to the straight line.
 *
 * The interpolation problem is passed as a Float64Array c = [xl, xr, yl, yr, dl, dr, d2, r] (d2 the end curvature to
 * fit, r the control parameter) rather than as eight arguments: V8 boxes every double passed to or returned from a
 * function it does not inline into a fresh heap number, and this runs once per implied volatility. The caller owns
 * the array (a module-local one: an imported binding is read through a getter under some loaders).
 */

const EPS = 2.220446049250313e-16;
const DBL_MIN = 2.2250738585072014e-308;
/** The smallest control parameter we allow (r must stay above −1). */
const R_MIN = -(1 - Math.sqrt(EPS));
/** Any r at or above this is treated as "linear interpolation". */
const R_MAX = 2 / (EPS * EPS);

// Slots of the problem array c.
const XL = 0;
const XR = 1;
const YL = 2;
const YR = 3;
const DL = 4;
const DR = 5;
/** The second derivative to match at the left or right end (see {@link convexControl}). */
const D2 = 6;
/** The control parameter, written by {@link convexControl} and read by {@link rationalCubic}. */
const R = 7;

function tiny(v: number): boolean {
  return Math.abs(v) < DBL_MIN;
}

/** Evaluate the rational cubic of c = [xl, xr, yl, yr, dl, dr, d2, r] at x. */
export function rationalCubic(c: Float64Array, x: number): number {
  const xl = c[XL];
  const yl = c[YL];
  const yr = c[YR];
  const h = c[XR] - xl;
  if (Math.abs(h) <= 0) return 0.5 * (yl + yr);
  const t = (x - xl) / h;
  const r = c[R];
  if (r >= R_MAX) return yr * t + yl * (1 - t);
  const u = 1 - t;
  const t2 = t * t;
  const u2 = u * u;
  return (
    (yr * t2 * t + (r * yr - h * c[DR]) * t2 * u + (r * yl + h * c[DL]) * t * u2 + yl * u2 * u) / (1 + (r - 3) * t * u)
  );
}

/**
 * Smallest r that keeps the interpolant monotone and convex/concave when the data are (Delbourgo–Gregory (3.8) and
 * (3.18)); `preferShape` forces linear interpolation where the data leave no room for a shape-preserving cubic.
 */
function minimumShapePreservingControl(dl: number, dr: number, slope: number, preferShape: boolean): number {
  const monotone = dl * slope >= 0 && dr * slope >= 0;
  const convex = dl <= slope && slope <= dr;
  const concave = dl >= slope && slope >= dr;
  if (!monotone && !convex && !concave) return R_MIN;
  let r1 = -Number.MAX_VALUE;
  let r2 = r1;
  if (monotone) {
    if (!tiny(slope)) r1 = (dr + dl) / slope;
    else if (preferShape) r1 = R_MAX;
  }
  if (convex || concave) {
    const a = slope - dl;
    const b = dr - slope;
    if (!(tiny(a) || tiny(b))) {
      const spread = dr - dl;
      r2 = Math.max(Math.abs(spread / b), Math.abs(spread / a));
    } else if (preferShape) {
      r2 = R_MAX;
    }
  } else if (monotone && preferShape) {
    r2 = R_MAX;
  }
  return Math.max(R_MIN, r1, r2);
}

/**
 * Control parameter of c = [xl, xr, yl, yr, dl, dr, d2, ·] fitting the curvature d2 at the left end
 * (`atRight` false: num / (secant − dl)) or at the right end (`atRight` true: num / (dr − secant)), but never below
 * the shape-preserving minimum; written to slot R.
 */
export function convexControl(c: Float64Array, atRight: boolean, preferShape: boolean): void {
  const h = c[XR] - c[XL];
  const dl = c[DL];
  const dr = c[DR];
  const secant = (c[YR] - c[YL]) / h;
  let r: number;
  const num = 0.5 * h * c[D2] + (dr - dl);
  if (tiny(num)) r = 0;
  else {
    const den = atRight ? dr - secant : secant - dl;
    r = tiny(den) ? (num > 0 ? R_MAX : R_MIN) : num / den;
  }
  c[R] = Math.max(r, minimumShapePreservingControl(dl, dr, secant, preferShape));
}
