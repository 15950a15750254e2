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
 */

const EPS = 2.220446049250313e-16;
const DBL_MIN = 2.2250738585072014e-308;
/** The smallest control parameter we allow (r must stay above −1). */
const R_MIN = -(1 - Math.sqrt(EPS));
/** Any r at or above this is treated as "linear interpolation". */
const R_MAX = 2 / (EPS * EPS);

function tiny(v: number): boolean {
  return Math.abs(v) < DBL_MIN;
}

/** Evaluate the rational cubic at x. */
export function rationalCubic(x: number, xl: number, xr: number, yl: number, yr: number, dl: number, dr: number, r: number): number {
  const h = xr - xl;
  if (Math.abs(h) <= 0) return 0.5 * (yl + yr);
  const t = (x - xl) / h;
  if (r >= R_MAX) return yr * t + yl * (1 - t);
  const u = 1 - t;
  const t2 = t * t;
  const u2 = u * u;
  return (yr * t2 * t + (r * yr - h * dr) * t2 * u + (r * yl + h * dl) * t * u2 + yl * u2 * u) / (1 + (r - 3) * t * u);
}

/** Control parameter making the interpolant's second derivative at the LEFT end equal `d2l`. */
function controlForLeftCurvature(xl: number, xr: number, yl: number, yr: number, dl: number, dr: number, d2l: number): number {
  const h = xr - xl;
  const num = 0.5 * h * d2l + (dr - dl);
  if (tiny(num)) return 0;
  const den = (yr - yl) / h - dl;
  if (tiny(den)) return num > 0 ? R_MAX : R_MIN;
  return num / den;
}

/** Control parameter making the interpolant's second derivative at the RIGHT end equal `d2r`. */
function controlForRightCurvature(xl: number, xr: number, yl: number, yr: number, dl: number, dr: number, d2r: number): number {
  const h = xr - xl;
  const num = 0.5 * h * d2r + (dr - dl);
  if (tiny(num)) return 0;
  const den = dr - (yr - yl) / h;
  if (tiny(den)) return num > 0 ? R_MAX : R_MIN;
  return num / den;
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

/** Control parameter fitting the left-end curvature, but never below the shape-preserving minimum. */
export function convexControlLeft(xl: number, xr: number, yl: number, yr: number, dl: number, dr: number, d2l: number, preferShape: boolean): number {
  const r = controlForLeftCurvature(xl, xr, yl, yr, dl, dr, d2l);
  return Math.max(r, minimumShapePreservingControl(dl, dr, (yr - yl) / (xr - xl), preferShape));
}

/** Control parameter fitting the right-end curvature, but never below the shape-preserving minimum. */
export function convexControlRight(xl: number, xr: number, yl: number, yr: number, dl: number, dr: number, d2r: number, preferShape: boolean): number {
  const r = controlForRightCurvature(xl, xr, yl, yr, dl, dr, d2r);
  return Math.max(r, minimumShapePreservingControl(dl, dr, (yr - yl) / (xr - xl), preferShape));
}
