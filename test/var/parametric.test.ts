import { describe, expect, it } from 'vitest';
import { parametricVaR, RiskInputError } from '../../src/var/index.js';
import { parametricES } from '../../src/es/index.js';
import { expectClose, ref } from './reference.js';

const P = ref.parametric;

describe('parametric VaR/ES with the DAX P&L moments vs scipy (1e-9 relative)', () => {
  for (const c of P.cases) {
    const label = `${c.distribution}${c.dof ? ` ν=${c.dof}` : ''} α=${c.confidence} h=${c.horizon}`;
    it(label, () => {
      const o = {
        distribution: c.distribution,
        mean: P.mean,
        stdev: P.stdev,
        confidence: c.confidence,
        horizon: c.horizon,
        ...(c.dof ? { dof: c.dof } : {}),
        ...(c.distribution === 'cornish-fisher' ? { skewness: P.skewness, excessKurtosis: P.excessKurtosis } : {}),
      };
      expectClose(parametricVaR(o), c.var, 1e-9, 0, label);
      expectClose(parametricES(o), c.es, 1e-9, 0, label);
      expect(parametricES(o)).toBeGreaterThanOrEqual(parametricVaR(o));
    });
  }

  it('Cornish–Fisher with zero skew and kurtosis is the normal', () => {
    const o = { mean: 3, stdev: 10, confidence: 0.99 };
    expectClose(
      parametricVaR({ ...o, distribution: 'cornish-fisher' }),
      parametricVaR({ ...o, distribution: 'normal' }),
      1e-14,
    );
    expectClose(
      parametricES({ ...o, distribution: 'cornish-fisher' }),
      parametricES({ ...o, distribution: 'normal' }),
      1e-14,
    );
  });

  it('Student-t tends to the normal as ν grows', () => {
    const o = { mean: 0, stdev: 1, confidence: 0.99 };
    expectClose(
      parametricVaR({ ...o, distribution: 'student-t', dof: 1e7 }),
      parametricVaR({ ...o, distribution: 'normal' }),
      1e-6,
    );
  });

  it('validation names the field', () => {
    const base = { distribution: 'normal' as const, mean: 0, stdev: 1, confidence: 0.99 };
    const path = (o: object) => {
      try {
        parametricVaR(o as never);
        parametricES(o as never);
      } catch (e) {
        expect(e).toBeInstanceOf(RiskInputError);
        return (e as RiskInputError).path;
      }
      return 'none';
    };
    expect(path({ ...base, stdev: 0 })).toBe('stdev');
    expect(path({ ...base, stdev: -1 })).toBe('stdev');
    expect(path({ ...base, confidence: 1 })).toBe('confidence');
    expect(path({ ...base, distribution: 'laplace' })).toBe('distribution');
    expect(path({ ...base, distribution: 'student-t' })).toBe('dof');
    expect(path({ ...base, distribution: 'student-t', dof: 2 })).toBe('dof');
    expect(path({ ...base, horizon: 0 })).toBe('horizon');
    expect(path({ ...base, mean: NaN })).toBe('mean');
    expect(path({ ...base, distribution: 'cornish-fisher', skewness: Infinity })).toBe('skewness');
  });
});
