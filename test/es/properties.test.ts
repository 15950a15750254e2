/** Coherence properties of the VaR/ES definitions, checked on random inputs with fast-check. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { esContributions, historicalES, parametricES } from '../../src/es/index.js';
import { deltaNormalVaR, historicalVaR, parametricVaR } from '../../src/var/index.js';

const pnlArb = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), {
  minLength: 100,
  maxLength: 400,
});
const alphaArb = fc.double({ min: 0.5, max: 0.99, noNaN: true });
const methodArb = fc.constantFrom('order-statistic' as const, 'interpolated' as const);
const close = (a: number, b: number, scale: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), scale, 1e-300);
const maxAbs = (x: ArrayLike<number>) => Array.from(x).reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('VaR/ES properties (fast-check)', () => {
  it('ES ≥ VaR (both methods, historical and parametric)', () => {
    fc.assert(
      fc.property(pnlArb, alphaArb, methodArb, (pnl, a, method) => {
        expect(historicalES(pnl, { confidence: a, method })).toBeGreaterThanOrEqual(
          historicalVaR(pnl, { confidence: a, method }),
        );
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        alphaArb,
        fc.double({ min: 2.1, max: 50, noNaN: true }),
        (m, s, a, nu) => {
          for (const o of [{ distribution: 'normal' as const }, { distribution: 'student-t' as const, dof: nu }]) {
            const opts = { ...o, mean: m, stdev: s, confidence: a };
            expect(parametricES(opts)).toBeGreaterThanOrEqual(parametricVaR(opts) - 1e-12 * s);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('ES is subadditive on random portfolios over the same scenarios', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 100, max: 300 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        alphaArb,
        (m, n, seed, a) => {
          let s = seed || 1;
          const rnd = () => (s = (Math.imul(s, 48271) >>> 0) % 2147483647) / 2147483647 - 0.5;
          const rows = Array.from({ length: m }, () =>
            Float64Array.from({ length: n }, () => rnd() * 1000 * (1 + 5 * rnd() ** 2)),
          );
          const total = rows[0].map((_, j) => rows.reduce((acc, r) => acc + r[j], 0));
          const standalone = rows.reduce((acc, r) => acc + historicalES(r, { confidence: a }), 0);
          expect(historicalES(total, { confidence: a })).toBeLessThanOrEqual(
            standalone + 1e-9 * Math.abs(standalone) + 1e-9,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('positively homogeneous and translation equivariant: VaR(c·X + m) = c·VaR(X) − m', () => {
    fc.assert(
      fc.property(
        pnlArb,
        alphaArb,
        methodArb,
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        (pnl, a, method, c, m) => {
          const scale = maxAbs(pnl) * c + Math.abs(m);
          const v = historicalVaR(pnl, { confidence: a, method });
          const e = historicalES(pnl, { confidence: a, method });
          const scaled = pnl.map((x) => c * x);
          expect(close(historicalVaR(scaled, { confidence: a, method }), c * v, scale)).toBe(true);
          expect(close(historicalES(scaled, { confidence: a, method }), c * e, scale)).toBe(true);
          const shifted = pnl.map((x) => x + m);
          expect(close(historicalVaR(shifted, { confidence: a, method }), v - m, scale)).toBe(true);
          expect(close(historicalES(shifted, { confidence: a, method }), e - m, scale)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('Euler allocations sum to the total: delta-normal VaR/ES components and historical ES contributions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), alphaArb, (k, seed, a) => {
        let s = seed || 1;
        const rnd = () => (s = (Math.imul(s, 48271) >>> 0) % 2147483647) / 2147483647 - 0.5;
        const A = Array.from({ length: k }, () => Array.from({ length: k }, () => rnd() * 0.05));
        const cov = A.map((r, i) =>
          A.map((_q, j) => r.reduce((acc, x, l) => acc + x * A[j][l], 0) + (i === j ? 1e-6 : 0)),
        );
        const exposures = Array.from({ length: k }, () => rnd() * 2e6);
        const r = deltaNormalVaR({ exposures, covariance: cov, confidence: a });
        expect(
          close(
            r.component.reduce((x, y) => x + y, 0),
            r.var,
            Math.abs(r.var),
          ),
        ).toBe(true);
        expect(
          close(
            r.componentES.reduce((x, y) => x + y, 0),
            r.es,
            Math.abs(r.es),
          ),
        ).toBe(true);
        const rows = Array.from({ length: k }, () => Array.from({ length: 120 }, () => Math.round(rnd() * 20))); // many ties
        const c = esContributions(rows, { confidence: a });
        expect(
          close(
            c.contributions.reduce((x, y) => x + y, 0),
            c.es,
            maxAbs(c.contributions),
          ),
        ).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
