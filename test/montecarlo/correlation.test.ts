import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { nearestCorrelation, RiskInputError } from '../../src/montecarlo/index.js';
import { checkCorrelation, choleskyPSD } from '../../src/montecarlo/correlation.js';

const cases = JSON.parse(readFileSync(new URL('../fixtures/montecarlo/nearpd.json', import.meta.url), 'utf8'));
const minEig = (m: number[][]) =>
  Math.min(...new EigenvalueDecomposition(new Matrix(m), { assumeSymmetric: true }).realEigenvalues);

describe('nearestCorrelation (Higham 2002) against R Matrix::nearPD(corr = TRUE)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const x = nearestCorrelation(c.input);
      const n = c.input.length;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) expect(Math.abs(x[i][j] - c.output[i][j])).toBeLessThan(1e-7);
      for (let i = 0; i < n; i++) expect(x[i][i]).toBe(1);
      expect(minEig(x)).toBeGreaterThan(-1e-10);
    });
  }

  it('does not mutate its input and keeps valid matrices', () => {
    const a = [
      [1, 0.3],
      [0.3, 1],
    ];
    const copy = JSON.parse(JSON.stringify(a));
    const x = nearestCorrelation(a);
    expect(a).toEqual(copy);
    expect(Math.abs(x[0][1] - 0.3)).toBeLessThan(1e-14);
  });

  it('property: output is a correlation matrix and no farther than the input from any correlation matrix (identity)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 21, maxLength: 21 }),
        (n, vals) => {
          let k = 0;
          const a: number[][] = Array.from({ length: n }, () => new Array(n).fill(1));
          for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i][j] = a[j][i] = vals[k++];
          const x = nearestCorrelation(a);
          expect(minEig(x)).toBeGreaterThan(-1e-9);
          let dX = 0,
            dI = 0;
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++) {
              dX += (x[i][j] - a[i][j]) ** 2;
              dI += ((i === j ? 1 : 0) - a[i][j]) ** 2;
            }
          expect(dX).toBeLessThanOrEqual(dI + 1e-9);
          checkCorrelation(x, 'x');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects non-symmetric input naming the entry', () => {
    expect(() =>
      nearestCorrelation([
        [1, 0.2],
        [0.3, 1],
      ]),
    ).toThrow(/matrix\[1\]\[0\] must be equal to matrix\[0\]\[1\]/);
  });
});

describe('checkCorrelation', () => {
  it('rejects non-PSD matrices naming the smallest eigenvalue', () => {
    const bad = [
      [1, 0.9, 0.7],
      [0.9, 1, -0.4],
      [0.7, -0.4, 1],
    ];
    try {
      checkCorrelation(bad, 'market.correlation.matrix');
      throw new Error('no throw');
    } catch (e) {
      expect(e).toBeInstanceOf(RiskInputError);
      expect((e as RiskInputError).path).toBe('market.correlation.matrix');
      const lam = minEig(bad);
      expect((e as Error).message).toContain(`smallest eigenvalue ${lam.toPrecision(6)}`);
    }
  });
  it('rejects a non-unit diagonal and asymmetry by entry', () => {
    expect(() =>
      checkCorrelation(
        [
          [1, 0],
          [0, 0.9],
        ],
        'c',
      ),
    ).toThrow(/c\[1\]\[1\] must be 1/);
    expect(() =>
      checkCorrelation(
        [
          [1, 0.1],
          [0.2, 1],
        ],
        'c',
      ),
    ).toThrow(/c\[1\]\[0\]/);
  });
  it('accepts singular PSD matrices; the Cholesky factor reproduces them', () => {
    const c = [
      [1, 1, 0.5],
      [1, 1, 0.5],
      [0.5, 0.5, 1],
    ];
    checkCorrelation(c, 'c');
    const L = choleskyPSD(c);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += L[i * 3 + k] * L[j * 3 + k];
        expect(Math.abs(s - c[i][j])).toBeLessThan(1e-12);
      }
  });
});
