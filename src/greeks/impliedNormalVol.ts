/**
 * Bachelier (normal) implied volatility by Peter Jäckel's "Implied Normal Volatility" (Wilmott, March 2017, 52–54):
 * the price is reduced to one equation Φ̃(x*) = Φ̃* in the single variable x = θ(F − K)/(σ√T), where
 * Φ̃(x) = Φ(x) + φ(x)/x. A two-branch rational approximation of the inverse of Φ̃ (relative accuracy ~1e-10) is
 * followed by one third-order (Householder) correction, which brings x* to machine precision.
 *
 * Φ̃ itself is evaluated through f(x) = x·Φ̃(x) = x·Φ(x) + φ(x) with the paper's three-range minimax rational
 * approximations (|Δf/f| < 3e-18), so that the deep out-of-the-money end (x → −38) keeps full relative precision
 * instead of suffering the cancellation of x·Φ(x) + φ(x).
 *
 * Internal: not re-exported from any public index.
 */

const INV_SQRT_2PI = 0.3989422804014327;
/** Below this f(x) = x·Φ(x) + φ(x) cancels: x_c solves x·Φ(x)/φ(x) = −½. */
const X_C = 0.6120031809624808;

/** f(x) = x·Φ(x) + φ(x) (undiscounted Bachelier call per unit total volatility at standardised moneyness x). */
export function phiTildeTimesX(x: number): number {
  if (Math.abs(x) <= X_C) {
    // f = φ(0) + x/2 + x²·g(x²), g a Chebyshev–Padé approximant in the shifted variable w
    const w = (x * x - 0.18727394675409748661) * 5.3397710537550806412;
    const g =
      (0.19641549843774702457 + w * (2.9444812226268915305e-3 + 3.095828855856470717e-5 * w)) /
      (1 +
        w *
          (3.0261016846592326803e-2 +
            w * (3.3735461911896198861e-4 + w * (1.290112376540573289e-6 - 1.6711975835244204502e-9 * w))));
    return INV_SQRT_2PI + x * (0.5 + x * g);
  }
  if (x > 0) return phiTildeTimesX(-x) + x; // f(x) = f(−x) + x
  if (x >= -3.5) {
    // f = exp(−x²/2)·g(x), g a Remez minimax rational function of x
    const g =
      (0.39894228040096173296 +
        x *
          (-0.28827250122716400843 +
            x *
              (0.11748934770055073669 +
                x *
                  (-0.029208930498324232842 +
                    x *
                      (4.6704817087348921557e-3 +
                        x *
                          (-4.4448405482476358857e-4 +
                            x *
                              (1.9865267442385935787e-5 +
                                x * (7.6387393474143610035e-10 + 1.3291525220137582449e-11 * x)))))))) /
      (1 +
        x *
          (-1.9759061396728604494 +
            x *
              (1.7709332198933623888 +
                x *
                  (-0.94350250026446231963 +
                    x *
                      (0.32816118145388593816 +
                        x *
                          (-0.076697408088214742324 +
                            x *
                              (0.011843224303096222834 +
                                x * (-1.1151416365524860908e-3 + 4.9741005333758689307e-5 * x))))))));
    return Math.exp(-0.5 * x * x) * g;
  }
  // x < −3.5: f = φ(x)·w·(1 − g·w) with w = 1/x², g ∈ (2, 3) a Chebyshev–Padé approximant in w
  const w = 1 / (x * x);
  const g =
    (2.999999999999991221 +
      w *
        (236.54556627823149931 +
          w *
            (6812.6773449358787324 +
              w *
                (89697.941598360784061 +
                  w *
                    (551639.20591268613879 +
                      w * (1434506.1123335662019 + w * (1150498.8246344881836 + 11867.600400997691371 * w))))))) /
    (1 +
      w *
        (83.848522092737134602 +
          w *
            (2655.1350587809577877 +
              w *
                (40555.290884673789153 +
                  w *
                    (316673.7476299376429 +
                      w * (1232979.5958024320559 + w * (2140981.0540619049948 + 1214566.7804093160403 * w)))))));
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x) * w * (1 - g * w);
}

/** Φ̃(x) = Φ(x) + φ(x)/x. */
function phiTilde(x: number): number {
  return phiTildeTimesX(x) / x;
}

/**
 * The x < 0 with Φ̃(x) = v, for v < 0 (the out-of-the-money side). Rational guess (paper eqs. 2.1–2.5), then one
 * third-order correction (eqs. 2.6–2.7). Where φ(x̄) underflows (v below ~1e-300) the guess is returned as is.
 */
function inversePhiTildeNegative(v: number): number {
  let xb: number;
  if (v < -0.00188203927) {
    const g = 1 / (v - 0.5);
    const g2 = g * g;
    const xi =
      (0.032114372355 - g2 * (0.016969777977 - g2 * (0.002620733246 - 0.000096066952861 * g2))) /
      (1 - g2 * (0.6635646938 - g2 * (0.14528712196 - 0.010472855461 * g2)));
    xb = g * (INV_SQRT_2PI + xi * g2);
  } else {
    const h = Math.sqrt(-Math.log(-v));
    xb =
      (9.4883409779 - h * (9.6320903635 - h * (0.58556997323 + 2.1464093351 * h))) /
      (1 - h * (0.65174820867 + h * (1.5120247828 + 0.000066437847132 * h)));
  }
  const pdf = INV_SQRT_2PI * Math.exp(-0.5 * xb * xb);
  if (!(pdf > 0)) return xb;
  const q = (phiTilde(xb) - v) / pdf;
  const x2 = xb * xb;
  const xs =
    xb + (3 * q * x2 * (2 - q * xb * (2 + x2))) / (6 + q * xb * (-12 + xb * (6 * q + xb * (-6 + q * xb * (3 + x2)))));
  return Number.isFinite(xs) ? xs : xb;
}

/**
 * Total normal volatility s = σ_N·√T from an undiscounted Bachelier price `p` of a call (θ = 1) or put (θ = −1) with
 * forward F and strike K. Returns −1 when p is below the intrinsic value θ(F − K)⁺, 0 when p equals it.
 */
export function impliedNormalTotalVol(p: number, forward: number, strike: number, theta: number): number {
  const m = theta * (forward - strike);
  const intrinsic = m > 0 ? m : 0;
  if (p < intrinsic) return -1;
  if (p === intrinsic) return 0;
  const am = Math.abs(forward - strike);
  const tv = p - intrinsic; // the out-of-the-money price (put–call parity: call − put = F − K)
  // (near) the money, |F − K| ≤ 1e-9·tv: tv = s·φ(0) − |F − K|/2 + O(|F − K|²/s), exact to ~1e-18 relative
  if (am <= 1e-9 * tv) return (tv + 0.5 * am) / INV_SQRT_2PI;
  // Φ̃* = −(time value)/|F − K| < 0, solve Φ̃(x*) = Φ̃*, then s = |F − K|/|x*|
  const target = (intrinsic - p) / am;
  if (target === 0) return 0;
  const xs = inversePhiTildeNegative(target);
  return am / Math.abs(xs);
}
