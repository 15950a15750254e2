/**
 * Tables of the 256-layer normal ziggurat (Marsaglia & Tsang, "The Ziggurat Method for Generating Random
 * Variables", J. Stat. Softw. 5(8), 2000). Layer 0 is the base strip (rectangle of virtual width V/f(R) holding the
 * tail beyond R); layers 1…255 are rectangles of equal area V with right edges X[1] = R > X[2] > … > X[256] = 0.
 * Internal.
 */
/** Right edge of the base strip's rectangle part, for 256 layers. */
export const ZIG_R = 3.6541528853610088;
/** Common area of every layer (including the base strip with its tail). */
const ZIG_V = 0.00492867323399;

/** Layer widths X[i] (X[0] = V/f(R) is the base strip's virtual width); X[256] = 0. */
export const ZIG_X = new Float64Array(257);
/** Same array as {@link ZIG_X}: the width a uniform is scaled by in layer i. */
export const ZIG_W = ZIG_X;
/** f(X[i]) = exp(−X[i]²/2); f(X[0]) is unused. */
export const ZIG_F = new Float64Array(257);

{
  const f = (x: number) => Math.exp(-0.5 * x * x);
  ZIG_X[0] = ZIG_V / f(ZIG_R);
  ZIG_X[1] = ZIG_R;
  for (let i = 1; i < 255; i++) ZIG_X[i + 1] = Math.sqrt(-2 * Math.log(ZIG_V / ZIG_X[i] + f(ZIG_X[i])));
  ZIG_X[256] = 0;
  for (let i = 0; i < 257; i++) ZIG_F[i] = f(ZIG_X[i]);
}
