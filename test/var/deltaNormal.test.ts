import { describe, expect, it } from 'vitest';
import { deltaNormalVaR, RiskInputError } from '../../src/var/index.js';
import { expectClose, ref } from './reference.js';

const D = ref.deltaNormal;

describe('delta-normal VaR on DAX/SMI/CAC/FTSE vs numpy (1e-9 relative)', () => {
  for (const c of D.cases) {
    it(`α = ${c.confidence}, h = ${c.horizon}: VaR, ES, marginal, component, incremental`, () => {
      const r = deltaNormalVaR({
        exposures: D.exposures,
        covariance: D.covariance,
        mean: D.mean,
        confidence: c.confidence,
        horizon: c.horizon,
      });
      expectClose(r.var, c.var);
      expectClose(r.es, c.es);
      expectClose(r.stdev, c.stdev);
      for (let i = 0; i < 4; i++) {
        expectClose(r.marginal[i], c.marginal[i], 1e-9, Math.abs(c.var) / 1e6);
        expectClose(r.component[i], c.component[i], 1e-9, Math.abs(c.var));
        expectClose(r.incremental[i], c.incremental[i], 1e-9, Math.abs(c.var));
        expectClose(r.componentES[i], c.componentES[i], 1e-9, Math.abs(c.es));
      }
      const sum = r.component.reduce((s, x) => s + x, 0);
      expectClose(sum, r.var, 1e-12);
      expectClose(
        r.componentES.reduce((s, x) => s + x, 0),
        r.es,
        1e-12,
      );
    });
  }

  it('degenerate: zero exposure gives zero VaR and finite marginals', () => {
    const r = deltaNormalVaR({
      exposures: [0, 0],
      covariance: [
        [1, 0],
        [0, 1],
      ],
      confidence: 0.99,
    });
    expect(r.var).toBe(0);
    expect(Array.from(r.marginal)).toEqual([0, 0]);
  });

  it('validates shape, symmetry and PSD along the exposures', () => {
    const path = (o: object) => {
      try {
        deltaNormalVaR(o as never);
      } catch (e) {
        expect(e).toBeInstanceOf(RiskInputError);
        return (e as RiskInputError).path;
      }
      return 'none';
    };
    expect(path({ exposures: [1, 2], covariance: [[1, 0]], confidence: 0.99 })).toBe('covariance');
    expect(
      path({
        exposures: [1, 2],
        covariance: [
          [1, 0.5],
          [0.4, 1],
        ],
        confidence: 0.99,
      }),
    ).toBe('covariance[1][0]');
    expect(
      path({
        exposures: [1, 1],
        covariance: [
          [1, -2],
          [-2, 1],
        ],
        confidence: 0.99,
      }),
    ).toBe('covariance');
    expect(
      path({
        exposures: [1, NaN],
        covariance: [
          [1, 0],
          [0, 1],
        ],
        confidence: 0.99,
      }),
    ).toBe('exposures[1]');
    expect(
      path({
        exposures: [1, 1],
        covariance: [
          [1, 0],
          [0, 1],
        ],
        confidence: 0.99,
        mean: [0],
      }),
    ).toBe('mean');
  });
});
