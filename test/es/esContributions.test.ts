import { describe, expect, it } from 'vitest';
import { esContributions, historicalES } from '../../src/es/index.js';
import { historicalVaR } from '../../src/var/index.js';
import { expectClose, ref } from '../var/reference.js';

const names = ['DAX', 'SMI', 'CAC', 'FTSE'];
const ex = ref.deltaNormal.exposures as number[];
const byPosition = names.map((k, i) => Float64Array.from(ref.returns[k] as number[], (r) => ex[i] * r));

describe('ES contributions on the historical index P&L matrix vs numpy (1e-9)', () => {
  for (const c of ref.esContributions) {
    it(`α = ${c.confidence}`, () => {
      const r = esContributions(byPosition, { confidence: c.confidence });
      expectClose(r.var, c.var);
      expectClose(r.es, c.es);
      for (let i = 0; i < 4; i++) expectClose(r.contributions[i], c.contributions[i], 1e-9, Math.abs(c.es));
      expectClose(
        r.contributions.reduce((s, x) => s + x, 0),
        r.es,
        1e-12,
      );
      // the portfolio figures equal the standalone historical ones on the summed P&L
      const total = byPosition[0].map((_, s) => byPosition.reduce((acc, row) => acc + row[s], 0));
      expect(r.var).toBe(historicalVaR(total, { confidence: c.confidence }));
      expectClose(r.es, historicalES(total, { confidence: c.confidence }), 1e-12);
    });
  }

  it('ties at VaR share the fractional weight equally, still summing to ES', () => {
    const a = [-5, -5, -5, -5, 1, 2, 3, 4, 5, 6];
    const b = [-1, -2, -3, -4, 0, 0, 0, 0, 0, 0];
    // portfolio losses 6,7,8,9,-1..-6; α = 0.7 → k = 7, VaR = L(7) = 6? sorted losses: -6..-1,6,7,8,9 → L7 = 6
    const r = esContributions([a, b], { confidence: 0.7 });
    expect(r.var).toBe(6);
    expectClose(r.contributions[0] + r.contributions[1], r.es, 1e-14);
    expectClose(
      r.es,
      historicalES(
        a.map((x, i) => x + b[i]),
        { confidence: 0.7 },
      ),
      1e-14,
    );
    const flat = [
      [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1],
      [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1],
    ];
    const t = esContributions(flat, { confidence: 0.9 });
    expect(t.es).toBeCloseTo(2, 14);
    expect(t.contributions[0]).toBeCloseTo(1, 14);
  });

  it('validates lengths and values', () => {
    expect(() => esContributions([[1, 2], [1]], { confidence: 0.5 })).toThrow(/pnlByPosition\[1\]/);
    expect(() => esContributions([Float64Array.of(1, NaN)], { confidence: 0.5 })).toThrow(/pnlByPosition\[0\]\[1\]/);
    expect(() => esContributions([], { confidence: 0.5 })).toThrow(/pnlByPosition/);
    expect(() => esContributions([[1, 2, 3]], { confidence: 0.99 })).toThrow(/at least 100/);
  });
});
