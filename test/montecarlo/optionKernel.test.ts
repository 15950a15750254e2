import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BlackColumns } from '../../src/montecarlo/kernels/optionKernel.js';
import { blackColumnSum, blackKernel, lowerTailFromExp } from '../../src/montecarlo/kernels/optionKernel.js';
import { blackOption } from './shared.js';

// mpmath values (test/fixtures/montecarlo/gen_mills.py)
const fx = JSON.parse(readFileSync(new URL('../fixtures/montecarlo/mills.json', import.meta.url), 'utf8')) as {
  points: Array<{ a: number; lower: number; R: number }>;
  black: Array<{ F: number; K: number; v: number; call: boolean; price: number }>;
};

/** Columns of one underlying's options, built as book.ts builds them. */
function columns(opts: Array<{ K: number; v: number; call: boolean; qd: number; cf: number }>): BlackColumns {
  const col = (f: (x: (typeof opts)[number]) => number) => Float64Array.from(opts, f);
  return {
    start: Int32Array.from([0, opts.length]),
    lnCK: col((x) => Math.log(x.cf) - Math.log(x.K)),
    invV: col((x) => 1 / x.v),
    halfV: col((x) => 0.5 * x.v),
    v: col((x) => x.v),
    w: col((x) => (x.call ? 1 : -1)),
    wQdCF: col((x) => (x.call ? 1 : -1) * x.qd * x.cf),
    wQdK: col((x) => (x.call ? 1 : -1) * x.qd * x.K),
    cfInvK: col((x) => x.cf / x.K),
  };
}

describe('lowerTailFromExp (tabulated scaled Mills ratio)', () => {
  it('R(a) matches mpmath to 4e-16 relative on [0, 8) and Cody beyond', () => {
    let worst = 0;
    for (const p of fx.points) {
      const got = lowerTailFromExp(p.a, 1);
      const rel = Math.abs(got / p.R - 1);
      worst = Math.max(worst, rel);
      expect(rel).toBeLessThan(p.a < 8 ? 4e-16 : 1e-15);
    }
    console.info(`montecarlo: worst relative error of the Mills table vs mpmath = ${worst.toExponential(2)}`);
  });

  it('Φ(−a) with e = exp(−a²/2) matches mpmath within the rounding of a² in the exponent', () => {
    for (const p of fx.points) {
      const got = lowerTailFromExp(p.a, Math.exp(-0.5 * p.a * p.a));
      expect(Math.abs(got / p.lower - 1)).toBeLessThan(6e-16 + 2.5e-16 * p.a * p.a);
    }
  });
});

describe('blackColumnSum (hot loop) vs mpmath and vs the scalar blackKernel', () => {
  it('undiscounted Black calls and puts match mpmath to 1e-14 of F + K', () => {
    for (const b of fx.black) {
      // one option at S = F (cf = 1, qd = 1)
      const c = columns([{ K: b.K, v: b.v, call: b.call, qd: 1, cf: 1 }]);
      const got = blackColumnSum(c, 0, 1, b.F, Math.log(b.F), 1);
      expect(Math.abs(got - b.price)).toBeLessThan(1e-14 * (b.F + b.K));
      const ref = blackKernel(b.F, b.K, 1 / b.K, Math.log(b.F / b.K), b.v, b.call);
      expect(Math.abs(ref - b.price)).toBeLessThan(1e-14 * (b.F + b.K));
    }
  });

  it('equals Σ qd·blackKernel(F, K, v·vm) for random columns, spots and vol shocks (property)', () => {
    const opt = blackOption;
    fc.assert(
      fc.property(
        fc.array(opt, { minLength: 1, maxLength: 12 }),
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        (opts, S, vm) => {
          const got = blackColumnSum(columns(opts), 0, opts.length, S, Math.log(S), vm);
          let want = 0;
          let scale = 0;
          for (const o of opts) {
            const F = S * o.cf;
            want += o.qd * blackKernel(F, o.K, 1 / o.K, Math.log(F / o.K), o.v * vm, o.call);
            scale += Math.abs(o.qd) * (F + o.K);
          }
          expect(Number.isFinite(got)).toBe(true);
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-13 * scale + 1e-300);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('far tails (|d| ≥ 30) and huge vols take the scalar path: intrinsic, zero, and F for v → ∞', () => {
    const c = columns([
      { K: 100, v: 0.01, call: true, qd: 1, cf: 1 }, // F = 200: deep ITM call → F − K
      { K: 100, v: 0.01, call: false, qd: 1, cf: 1 }, // deep OTM put → 0
      { K: 100, v: 80, call: true, qd: 1, cf: 1 }, // v huge: call → F
    ]);
    expect(blackColumnSum(c, 0, 1, 200, Math.log(200), 1)).toBeCloseTo(100, 12);
    expect(blackColumnSum(c, 1, 2, 200, Math.log(200), 1)).toBe(0);
    expect(blackColumnSum(c, 2, 3, 200, Math.log(200), 1)).toBeCloseTo(200, 10);
  });
});
