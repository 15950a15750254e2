/**
 * optionPrice / optionGreeks against mpmath at 40 digits (test/fixtures/greeks/gen_mpmath.py): prices in closed
 * form at high precision, Greeks as numerical derivatives of that price (mpmath.diff). Every figure must be within
 * 1e-8 relative plus an absolute floor of 1e-12 in the figure's natural unit (price-like figures: 1e-12 × the
 * underlying; delta-like: 1e-12; gamma: 1e-12 / underlying; inverse settlement divides these by the underlying).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { optionGreeks, optionPrice, type OptionGreeks, type OptionInput } from '../../src/greeks/index.js';

const here = dirname(fileURLToPath(import.meta.url));
interface Case {
  input: OptionInput;
  ref: Record<keyof OptionGreeks, string>;
}
const { cases } = JSON.parse(readFileSync(join(here, '../fixtures/greeks/mpmath_greeks.json'), 'utf8')) as {
  cases: Case[];
};

const KEYS: (keyof OptionGreeks)[] = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho', 'vanna', 'volga', 'charm'];
/** Power of the underlying in each figure's unit (price ~ x, delta ~ 1, gamma ~ 1/x, …). */
const UNIT_POWER: Record<keyof OptionGreeks, number> = {
  price: 1,
  delta: 0,
  gamma: -1,
  vega: 1,
  theta: 1,
  rho: 1,
  vanna: 0,
  volga: 1,
  charm: 0,
};

/** Worst error ratio (error / tolerance) over all figures of a case; ≤ 1 passes. */
function errorRatio(c: Case, got: OptionGreeks): { worst: number; key: string; rel: number } {
  const x = Math.abs(c.input.spot ?? c.input.forward ?? 1);
  const inv = c.input.settlement === 'inverse';
  let worst = 0,
    key = '',
    relWorst = 0;
  for (const k of KEYS) {
    const want = Number(c.ref[k]);
    const floor = 1e-12 * x ** (UNIT_POWER[k] - (inv ? 1 : 0));
    const err = Math.abs(got[k] - want);
    const ratio = err / (1e-8 * Math.abs(want) + floor);
    if (ratio > worst) {
      worst = ratio;
      key = k;
    }
    if (err > floor) relWorst = Math.max(relWorst, err / Math.abs(want));
  }
  return { worst, key, rel: relWorst };
}

describe(`optionGreeks vs mpmath (${cases.length} cases: 3 models, calls/puts, linear/inverse)`, () => {
  it('every price and Greek within 1e-8 relative + 1e-12 × unit absolute', () => {
    let maxRel = 0;
    const bad: string[] = [];
    for (const c of cases) {
      const g = optionGreeks(c.input);
      const { worst, key, rel } = errorRatio(c, g);
      maxRel = Math.max(maxRel, rel);
      if (!(worst <= 1))
        bad.push(
          `${JSON.stringify(c.input)} ${key}: got ${g[key as keyof OptionGreeks]}, mpmath ${c.ref[key as keyof OptionGreeks]}`,
        );
      expect(optionPrice(c.input)).toBe(g.price);
    }
    expect(bad).toEqual([]);
    // the figure the README quotes
    expect(maxRel).toBeLessThan(1e-8);
  });
});
