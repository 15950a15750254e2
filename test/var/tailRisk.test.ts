/** The tail-risk form of every method: one result, consistent with its VaR/ES functions and deprecated forms. */
import { describe, expect, it } from 'vitest';
import * as v from '../../src/var/index.js';
import * as e from '../../src/es/index.js';
import { daxPnl, daxReturns } from './reference.js';

const { RiskInputError } = v;

function pathOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(RiskInputError);
    return (err as InstanceType<typeof RiskInputError>).path;
  }
  return 'none';
}

describe('xxxTailRisk = { xxxVaR, xxxES } of the same inputs', () => {
  it('historical, age-weighted, filtered historical', () => {
    for (const confidence of [0.95, 0.99]) {
      for (const method of ['order-statistic', 'interpolated'] as const) {
        const o = { confidence, method };
        expect(v.historicalTailRisk(daxPnl, o)).toEqual({
          var: v.historicalVaR(daxPnl, o),
          es: e.historicalES(daxPnl, o),
          confidence,
        });
      }
      const a = { confidence, lambda: 0.97 };
      expect(e.ageWeightedTailRisk(daxPnl, a)).toEqual({
        var: v.ageWeightedVaR(daxPnl, a),
        es: e.ageWeightedES(daxPnl, a),
        confidence,
      });
      for (const model of ['ewma', 'garch'] as const) {
        const f = { confidence, model, exposure: 1e6 };
        expect(v.filteredHistoricalTailRisk(daxReturns, f)).toEqual({
          var: v.filteredHistoricalVaR(daxReturns, f),
          es: e.filteredHistoricalES(daxReturns, f),
          confidence,
        });
      }
    }
  });

  it('parametric: the (model, options) form equals the deprecated one-object form', () => {
    const models = [
      { distribution: 'normal' as const, mean: 10, stdev: 1000 },
      { distribution: 'student-t' as const, mean: -5, stdev: 1000, dof: 4 },
      { distribution: 'cornish-fisher' as const, mean: 0, stdev: 1000, skewness: -0.5, excessKurtosis: 1.5 },
    ];
    for (const m of models) {
      const o = { confidence: 0.99, horizon: 10 };
      const r = v.parametricTailRisk(m, o);
      expect(r).toEqual({ var: v.parametricVaR(m, o), es: e.parametricES(m, o), confidence: 0.99 });
      expect(v.parametricVaR({ ...m, ...o })).toBe(r.var);
      expect(e.parametricES({ ...m, ...o })).toBe(r.es);
    }
  });

  it('delta-normal: the (exposures, factors, options) form equals the deprecated one-object form', () => {
    const exposures = [1e6, -5e5];
    const factors = {
      covariance: [
        [0.0004, 0.0001],
        [0.0001, 0.0009],
      ],
      mean: [0.0001, 0],
    };
    const o = { confidence: 0.99, horizon: 5 };
    const r = v.deltaNormalTailRisk(exposures, factors, o);
    const legacy = v.deltaNormalVaR({ exposures, ...factors, ...o });
    expect(r).toEqual(legacy);
    expect(r.confidence).toBe(0.99);
    expect(v.deltaNormalVaR(exposures, factors, o)).toBe(r.var);
    expect(e.deltaNormalES(exposures, factors, o)).toBe(r.es);
  });

  it('Monte Carlo: one result with both standard errors, equal to monteCarloVaR / monteCarloES', () => {
    for (const standardError of ['batch-means', 'asymptotic'] as const) {
      const o = { confidence: 0.99, standardError, batches: 5 };
      const r = v.monteCarloTailRisk(daxPnl, o);
      const a = v.monteCarloVaR(daxPnl, o);
      const b = e.monteCarloES(daxPnl, o);
      expect(r).toEqual({
        var: a.value,
        es: b.value,
        confidence: 0.99,
        standardError: { var: a.standardError, es: b.standardError },
        method: standardError,
        scenarios: daxPnl.length,
      });
    }
  });
});

describe('strict inputs and overflow', () => {
  it('an unknown or misspelt option is refused with a did-you-mean', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (x) {
        return x as Error & { path: string };
      }
      throw new Error('no throw');
    };
    const a = err(() => v.historicalVaR(daxPnl, { confidence: 0.99, methd: 'interpolated' } as never));
    expect(a.path).toBe('options.methd');
    expect(a.message).toContain('did you mean method');
    expect(
      pathOf(() =>
        v.parametricVaR({ distribution: 'normal', mean: 0, stdev: 1 }, { confidence: 0.99, horizn: 10 } as never),
      ),
    ).toBe('options.horizn');
    expect(
      pathOf(() =>
        v.parametricVaR({ distribution: 'normal', mean: 0, stdev: 1, confidence: 0.99, stdDev: 2 } as never),
      ),
    ).toBe('options.stdDev');
    expect(
      pathOf(() =>
        v.parametricVaR({ distribution: 'normal', mean: 0, stdev: 1, confidence: 0.99 } as never, { confidence: 0.99 }),
      ),
    ).toBe('model.confidence');
    expect(
      pathOf(() => v.deltaNormalTailRisk([1], { covariance: [[1]], means: [0] } as never, { confidence: 0.99 })),
    ).toBe('factors.means');
    expect(
      pathOf(() =>
        v.filteredHistoricalVaR(daxReturns, {
          confidence: 0.99,
          model: 'garch',
          garch: { mu: 0, omega: 1e-6, alpha: 0.1, beta: 0.8, gamma: 0 },
        } as never),
      ),
    ).toBe('garch.gamma');
    expect(pathOf(() => v.kupiecTest([true, false], { confidence: 0.99, confidenc: 0.9 } as never))).toBe(
      'options.confidenc',
    );
  });

  it('parametric VaR/ES that would overflow name the field instead of returning Infinity', () => {
    const m = { distribution: 'normal' as const, mean: 0, stdev: 1e308 };
    expect(pathOf(() => v.parametricVaR(m, { confidence: 0.99 }))).toBe('stdev');
    expect(pathOf(() => e.parametricES({ ...m, confidence: 0.99 }))).toBe('stdev');
    expect(pathOf(() => v.parametricVaR({ ...m, distribution: 'student-t', dof: 3 }, { confidence: 0.99 }))).toBe(
      'stdev',
    );
    expect(
      pathOf(() =>
        v.parametricVaR({ distribution: 'normal', mean: 1e308, stdev: 1 }, { confidence: 0.99, horizon: 10 }),
      ),
    ).toBe('mean');
    expect(
      pathOf(() => v.parametricVaR({ distribution: 'normal', mean: -1.7e308, stdev: 1e308 }, { confidence: 0.6 })),
    ).toBe('mean');
    expect(
      pathOf(() =>
        v.parametricVaR({ distribution: 'normal', mean: 1, stdev: 1 }, { confidence: 0.99, horizon: 1e308 }),
      ),
    ).toBe('horizon');
    expect(
      pathOf(() =>
        e.parametricES({ distribution: 'cornish-fisher', mean: 0, stdev: 1, skewness: 1e200 }, { confidence: 0.99 }),
      ),
    ).toBe('skewness');
    expect(
      pathOf(() =>
        e.parametricES(
          { distribution: 'cornish-fisher', mean: 0, stdev: 1, excessKurtosis: 1e200 },
          { confidence: 0.99 },
        ),
      ),
    ).toBe('excessKurtosis');
  });

  it('every figure at extreme magnitudes is finite or a named RiskInputError', () => {
    const finite = (r: unknown) =>
      JSON.stringify(r, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? 'NONFINITE' : x)).includes(
        'NONFINITE',
      ) === false;
    const check = (f: () => unknown) => {
      try {
        expect(finite(f())).toBe(true);
      } catch (err) {
        if (!(err instanceof RiskInputError)) throw err;
        expect((err as InstanceType<typeof RiskInputError>).path).not.toBe('');
      }
    };
    for (const scale of [1e-320, 1e-300, 1e150, 1e300, 1.7e308]) {
      const pnl = Array.from({ length: 2000 }, (_, i) => scale * Math.sin(i * 1.7) * (i % 97 === 0 ? 1 : 0.5));
      for (const confidence of [0.9, 0.99, 0.999999]) {
        check(() => v.historicalTailRisk(pnl, { confidence }));
        check(() => v.historicalTailRisk(pnl, { confidence, method: 'interpolated' }));
        check(() => v.ageWeightedTailRisk(pnl, { confidence, lambda: 0.99 }));
        check(() => v.monteCarloTailRisk(pnl, { confidence }));
        check(() => v.monteCarloTailRisk(pnl, { confidence, standardError: 'asymptotic' }));
        check(() =>
          v.filteredHistoricalTailRisk(
            pnl.map((x) => (x / scale) * 0.01),
            { confidence, exposure: scale },
          ),
        );
        for (const distribution of ['normal', 'student-t', 'cornish-fisher'] as const) {
          for (const mean of [0, scale, -scale]) {
            check(() =>
              v.parametricTailRisk(
                { distribution, mean, stdev: scale, dof: 2.0001, skewness: 1e6, excessKurtosis: 1e6 },
                { confidence, horizon: 1e6 },
              ),
            );
          }
        }
      }
    }
  });
});

describe('acerbiSzekelyTest(pnl, { var, es }, options)', () => {
  const pnl = Array.from({ length: 250 }, (_, t) => 10 * Math.sin(t * 2.3) - (t % 50 === 0 ? 40 : 0));
  const vf = new Array(250).fill(19.6);
  const ef = new Array(250).fill(23.4);
  it('equals the deprecated four-argument form and names the forecasts by their field', () => {
    const o = { confidence: 0.975, seed: 7, simulations: 500 };
    expect(e.acerbiSzekelyTest(pnl, { var: vf, es: ef }, o)).toEqual(e.acerbiSzekelyTest(pnl, vf, ef, o));
    expect(pathOf(() => e.acerbiSzekelyTest(pnl, { var: vf, es: ef.slice(1) }, o))).toBe('forecasts.es');
    expect(pathOf(() => e.acerbiSzekelyTest(pnl, { var: vf, es: ef.map((x, i) => (i === 3 ? NaN : x)) }, o))).toBe(
      'forecasts.es[3]',
    );
    expect(pathOf(() => e.acerbiSzekelyTest(pnl, { var: vf, es: ef, VaR: vf } as never, o))).toBe('forecasts.VaR');
  });
});
