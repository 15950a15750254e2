import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { mergeTails, TailBuffer, tailCapacity, tailVaRES, RiskInputError } from '../../src/montecarlo/index.js';

const cases = JSON.parse(readFileSync(new URL('../fixtures/montecarlo/tail.json', import.meta.url), 'utf8'));

describe('tailVaRES against the numpy reference tail()', () => {
  for (const c of cases) {
    it(`n=${c.n} α=${c.confidence}`, () => {
      const b = new TailBuffer(tailCapacity(c.n, c.confidence));
      b.pushPnL(c.pnl);
      const r = tailVaRES(b, b.total, c.confidence);
      expect(r.var).toBe(c.var);
      expect(Math.abs(r.es - c.es)).toBeLessThanOrEqual(1e-12 * Math.abs(c.es));
    });
  }
});

describe('TailBuffer', () => {
  it('property: keeps exactly the k largest losses of any stream', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 50 }),
        (pnl, k) => {
          const b = new TailBuffer(k);
          for (const x of pnl) b.push(-x);
          const want = pnl
            .map((x) => -x)
            .sort((a, z) => z - a)
            .slice(0, k);
          expect(Array.from(b.sortedLosses())).toEqual(want);
          expect(b.total).toBe(pnl.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: merging shard buffers equals one buffer over the union (exact VaR/ES)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 300 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (parts) => {
          const all = parts.flat();
          const cap = tailCapacity(all.length, 0.95);
          const whole = new TailBuffer(cap);
          whole.pushPnL(all);
          const merged = mergeTails(
            parts.map((p) => {
              const b = new TailBuffer(cap);
              b.pushPnL(p);
              return TailBuffer.fromJSON(JSON.parse(JSON.stringify(b)));
            }),
          );
          expect(tailVaRES(merged, merged.total, 0.95)).toEqual(tailVaRES(whole, whole.total, 0.95));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses to report when too few losses are kept, and validates state', () => {
    const b = new TailBuffer(5);
    b.pushPnL(Float64Array.from({ length: 100 }, (_, i) => i));
    expect(() => tailVaRES(b, 100, 0.9)).toThrow(RiskInputError);
    expect(() => TailBuffer.fromJSON({ capacity: 2, total: 1, losses: [1, 2] })).toThrow(/state\.losses/);
    expect(() => TailBuffer.fromJSON({ capacity: 2, total: 3, losses: [1, NaN] })).toThrow(/state\.losses\[1\]/);
    expect(() => new TailBuffer(0)).toThrow(/capacity/);
  });

  it('a single observation: VaR = ES = that loss', () => {
    const b = new TailBuffer(1);
    b.push(5);
    expect(tailVaRES(b, 1, 0.99)).toEqual({ var: 5, es: 5 });
  });
});
