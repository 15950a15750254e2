import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { sobolPoints, RiskInputError } from '../../src/montecarlo/index.js';

const fx = JSON.parse(readFileSync(new URL('../fixtures/montecarlo/sobol_points.json', import.meta.url), 'utf8')) as {
  cases: Array<{ dimensions: number; n: number; skip?: number; points: number[] }>;
};

describe('sobolPoints against scipy.stats.qmc.Sobol(d, scramble=False, bits=32)', () => {
  for (const c of fx.cases) {
    it(`d=${c.dimensions} n=${c.n}${c.skip ? ` skip=${c.skip}` : ''}: equal to the bit`, () => {
      const p = sobolPoints(c.n, c.dimensions, { skip: c.skip ?? 0 });
      expect(p.length).toBe(c.points.length);
      let bad = -1;
      for (let i = 0; i < p.length; i++)
        if (p[i] * 2 ** 32 !== c.points[i]) {
          bad = i;
          break;
        }
      expect(bad).toBe(-1);
    });
  }
});

/** Count of points per elementary interval [a/2^k1, (a+1)/2^k1) × [b/2^k2, …) of dims (i, j). */
function isNet(p: Float64Array, d: number, n: number, i: number, j: number, k1: number, k2: number): boolean {
  const cells = new Int32Array(2 ** (k1 + k2));
  for (let r = 0; r < n; r++) {
    const a = Math.floor(p[r * d + i] * 2 ** k1);
    const b = Math.floor(p[r * d + j] * 2 ** k2);
    cells[a * 2 ** k2 + b]++;
  }
  const want = n / cells.length;
  return cells.every((c) => c === want);
}

describe('randomized Sobol keeps the net structure', () => {
  it('property: every 1-D projection of 2^m scrambled points has one point per 2^-m interval (shift and LMS)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 2, max: 10 }),
        fc.constantFrom('shift' as const, 'lms-shift' as const),
        (seed, m, rnd) => {
          const n = 2 ** m;
          const d = 6;
          const p = sobolPoints(n, d, { randomization: rnd, seed });
          for (let j = 0; j < d; j++) {
            const cells = new Int32Array(n);
            for (let r = 0; r < n; r++) cells[Math.floor(p[r * d + j] * n)]++;
            expect(cells.every((c) => c === 1)).toBe(true);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('property: dimensions 1-2 stay a (0, m, 2)-net under LMS + shift (every elementary interval of volume 2^-m holds one point)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const m = 8;
        const n = 2 ** m;
        const p = sobolPoints(n, 2, { randomization: 'lms-shift', seed });
        for (let k1 = 0; k1 <= m; k1++) expect(isNet(p, 2, n, 0, 1, k1, m - k1)).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('LMS scrambling changes the points (not only a shift): pairwise XOR differences differ from the plain set', () => {
    const a = sobolPoints(8, 3);
    const b = sobolPoints(8, 3, { randomization: 'lms-shift', seed: 3 });
    const c = sobolPoints(8, 3, { randomization: 'shift', seed: 3 });
    const xorDiff = (p: Float64Array) =>
      Array.from({ length: 8 }, (_, i) => ((p[i * 3 + 2] * 2 ** 32) ^ (p[2] * 2 ** 32)) >>> 0);
    expect(xorDiff(c)).toEqual(xorDiff(a)); // a digital shift keeps XOR differences
    expect(xorDiff(b)).not.toEqual(xorDiff(a));
  });

  it('randomized points are uniform: mean of each coordinate over 30 independent shifts is within 4 SE of 1/2', () => {
    const R = 30;
    const means: number[] = [];
    for (let r = 0; r < R; r++) {
      const p = sobolPoints(64, 4, { randomization: 'lms-shift', seed: 99, substream: r });
      let s = 0;
      for (let i = 0; i < 64; i++) s += p[i * 4 + 3];
      means.push(s / 64);
    }
    const mu = means.reduce((x, y) => x + y, 0) / R;
    const sd = Math.sqrt(means.reduce((x, y) => x + (y - mu) ** 2, 0) / (R - 1));
    expect(Math.abs(mu - 0.5)).toBeLessThan(4 * (sd / Math.sqrt(R)) + 1e-9);
    expect(sd).toBeGreaterThan(0);
  });

  it('is deterministic in (seed, substream)', () => {
    expect(sobolPoints(100, 5, { randomization: 'lms-shift', seed: 5, substream: 2 })).toEqual(
      sobolPoints(100, 5, { randomization: 'lms-shift', seed: 5, substream: 2 }),
    );
  });
});

describe('sobolPoints validation', () => {
  it('names the bad field', () => {
    expect(() => sobolPoints(-1, 2)).toThrow(RiskInputError);
    expect(() => sobolPoints(10, 1025)).toThrow(/dimensions/);
    expect(() => sobolPoints(10, 0)).toThrow(/dimensions/);
    expect(() => sobolPoints(10, 2, { randomization: 'owen' as never })).toThrow(/options.randomization/);
    expect(() => sobolPoints(10, 2, { randomization: 'shift' })).toThrow(/options.seed/);
    expect(() => sobolPoints(10, 2, { skip: 2 ** 32 })).toThrow(/count/);
  });
  it('zero points is an empty array', () => {
    expect(sobolPoints(0, 3).length).toBe(0);
  });
});
