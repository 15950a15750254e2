/**
 * Found by the robustness sweep: parametricVaR({ distribution: 'student-t', dof: 1e308 }) returned Infinity and
 * dof = 1e20 gave a VaR of −mean (a zero quantile), because the beta inversion loses log10(ν) digits. Checked
 * against mpmath quantiles (fixtures/gen_student_t_large_dof.py).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { studentTQuantile } from '../../src/core/studentT.js';
import { parametricVaR } from '../../src/var/index.js';
import { parametricES } from '../../src/es/index.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/student_t_large_dof.json', import.meta.url), 'utf8')) as {
  rows: { nu: number; p: number; quantile: number }[];
};

describe('studentTQuantile at large degrees of freedom', () => {
  it('matches mpmath to 1e-13 relative for ν from 1e5 to 1e308', () => {
    expect(fixture.rows.length).toBeGreaterThan(100);
    for (const r of fixture.rows) {
      const q = studentTQuantile(r.p, r.nu);
      expect(Math.abs(q - r.quantile), `nu=${r.nu} p=${r.p}`).toBeLessThanOrEqual(1e-13 * Math.abs(r.quantile));
    }
  });

  it('parametric VaR/ES of a student-t with huge ν equal the normal ones', () => {
    for (const dof of [1e12, 1e20, 1e308]) {
      const o = { mean: 5, stdev: 1000, confidence: 0.99 };
      expect(parametricVaR({ ...o, distribution: 'student-t', dof })).toBeCloseTo(
        parametricVaR({ ...o, distribution: 'normal' }),
        6,
      );
      expect(parametricES({ ...o, distribution: 'student-t', dof })).toBeCloseTo(
        parametricES({ ...o, distribution: 'normal' }),
        6,
      );
    }
  });
});
