/**
 * Special functions (src/core/gamma, beta, studentT, chiSquare) against scipy (fixtures from
 * test/fixtures/var/gen_special.py). Tolerance: 1e-12 relative (1e-13 where noted), absolute below 1e-300.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { logGamma, regularizedGammaP, regularizedGammaQ } from '../../src/core/gamma.js';
import { inverseRegularizedBeta, regularizedBeta, regularizedBetaComplement } from '../../src/core/beta.js';
import { studentTCdf, studentTPdf, studentTQuantile } from '../../src/core/studentT.js';
import { chiSquareCdf, chiSquareSurvival } from '../../src/core/chiSquare.js';

const fx = JSON.parse(readFileSync(new URL('../fixtures/var/special.json', import.meta.url), 'utf8'));

function rel(a: number, b: number): number {
  if (a === b) return 0;
  const scale = Math.max(Math.abs(b), 1e-300);
  return Math.abs(a - b) / scale;
}

function worst(rows: number[][], f: (r: number[]) => [number, number][]): { err: number; at: number[] } {
  let err = 0;
  let at: number[] = [];
  for (const r of rows) {
    for (const [got, want] of f(r)) {
      const e = rel(got, want);
      if (e > err || Number.isNaN(e)) {
        err = Number.isNaN(e) ? Infinity : e;
        at = r;
      }
    }
  }
  return { err, at };
}

describe('special functions vs scipy', () => {
  it('logGamma within 1e-13 relative (absolute near its zeros)', () => {
    for (const [x, want] of fx.logGamma) {
      expect(Math.abs(logGamma(x) - want)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(want)));
    }
  });

  it('regularized incomplete gamma P and Q within 1e-12 relative', () => {
    const w = worst(
      fx.gamma,
      ([a, x, p, q]) =>
        [
          [regularizedGammaP(a, x), p],
          [regularizedGammaQ(a, x), q],
        ].filter(([, v]) => v > 1e-300) as [number, number][],
    );
    expect(w.err, `worst at ${w.at}`).toBeLessThan(1e-12);
  });

  it('regularized incomplete beta and its complement within 1e-12 relative', () => {
    const w = worst(fx.beta, ([x, a, b, v]) => [[regularizedBeta(x, a, b), v]]);
    expect(w.err, `worst at ${w.at}`).toBeLessThan(1e-12);
    const c = worst(
      fx.beta.filter((r: number[]) => r[3] < 0.5),
      ([x, a, b, v]) => [[regularizedBetaComplement(x, a, b), 1 - v]],
    );
    expect(c.err, `worst at ${c.at}`).toBeLessThan(1e-12);
  });

  it('inverse incomplete beta within 1e-12 relative', () => {
    const w = worst(fx.betaInverse, ([p, a, b, x]) => [[inverseRegularizedBeta(p, a, b), x]]);
    expect(w.err, `worst at ${w.at}`).toBeLessThan(1e-12);
  });

  it('Student-t CDF and density within 1e-12 relative', () => {
    const w = worst(fx.studentTCdf, ([t, nu, c, d]) => [
      [studentTCdf(t, nu), c],
      [studentTPdf(t, nu), d],
    ]);
    expect(w.err, `worst at ${w.at}`).toBeLessThan(1e-12);
  });

  it('Student-t quantile within 1e-12 relative', () => {
    const w = worst(fx.studentTQuantile, ([p, nu, q]) => [[studentTQuantile(p, nu), q]]);
    expect(w.err, `worst at ${w.at}`).toBeLessThan(1e-12);
  });

  it('chi-square CDF and survival (p-values) within 1e-12 relative, so exact to 1e-7 absolutely', () => {
    const w = worst(
      fx.chiSquare,
      ([x, k, c, s]) =>
        [
          [chiSquareCdf(x, k), c],
          [chiSquareSurvival(x, k), s],
        ].filter(([, v]) => v > 1e-300) as [number, number][],
    );
    expect(w.err, `worst at ${w.at}`).toBeLessThan(1e-12);
  });
});
