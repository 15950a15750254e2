/** span2Margin against numpy/scipy (test/fixtures/netting/gen_span2.py) and its invariants. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Market, Position } from '../../src/core/model.js';
import { RiskInputError, span2Margin } from '../../src/netting/index.js';
import type { Span2Options } from '../../src/netting/index.js';

interface Case {
  book: string;
  options: Span2Options;
  historicalRisk: number;
  historicalVaR: number;
  stressRisk: number;
  worstStress: string | null;
  liquidity: number;
  concentration: number;
  margin: number;
  scenarios: number;
}
const fx = JSON.parse(readFileSync(new URL('../fixtures/netting/span2.json', import.meta.url), 'utf8')) as {
  market: Market;
  returns: Record<string, number[]>;
  books: Record<string, Position[]>;
  cases: Case[];
};
const close = (a: number, b: number, rel: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));

describe('span2Margin: numpy/scipy reference', () => {
  for (const c of fx.cases) {
    it(`${c.book}, MPOR ${c.options.mpor}, ${c.options.filter}`, () => {
      const r = span2Margin(fx.books[c.book], { market: fx.market, returns: fx.returns }, c.options);
      expect(r.scenarios).toBe(c.scenarios);
      // option prices: riskcore's Φ and scipy's agree to ~1e-15; the P&L sums differ in the last bits
      close(r.historicalRisk.toNumber(), c.historicalRisk, 1e-9);
      close(r.historicalVaR.toNumber(), c.historicalVaR, 1e-9);
      close(r.stressRisk.toNumber(), c.stressRisk, 1e-9);
      expect(r.worstStress).toBe(c.worstStress);
      close(r.liquidity.toNumber(), c.liquidity, 1e-9);
      close(r.concentration.toNumber(), c.concentration, 1e-9);
      close(r.margin.toNumber(), c.margin, 1e-9);
    });
  }
});

describe('span2Margin: invariants', () => {
  const market = fx.market;
  const returns = fx.returns;
  const book = fx.books['hedged-options'];
  it('does not depend on the order of the positions, bit for bit', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(book, { minLength: book.length, maxLength: book.length }), (ps) => {
        const a = span2Margin(book, { market, returns }, { mpor: 2 });
        const b = span2Margin(ps, { market, returns }, { mpor: 2 });
        expect(b.margin.toString()).toBe(a.margin.toString());
        expect(Array.from(b.pnl)).toEqual(Array.from(a.pnl));
      }),
      { seed: 2, numRuns: 20 },
    );
  });
  it('scales with the position size (positive homogeneity) and an empty book needs 0', () => {
    const one = span2Margin([{ kind: 'perp', underlying: 'BTC', quantity: 1 }], { market, returns }, { mpor: 2 });
    const three = span2Margin([{ kind: 'perp', underlying: 'BTC', quantity: 3 }], { market, returns }, { mpor: 2 });
    close(three.margin.toNumber(), 3 * one.margin.toNumber(), 1e-12);
    expect(span2Margin([], { market, returns }).margin.toNumber()).toBe(0);
  });
  it('a longer MPOR or a higher confidence never lowers the historical risk of a perp here', () => {
    const p: Position[] = [{ kind: 'perp', underlying: 'ETH', quantity: -5 }];
    const base = span2Margin(p, { market, returns }, { mpor: 1, confidence: 0.975 }).historicalRisk.toNumber();
    expect(
      span2Margin(p, { market, returns }, { mpor: 1, confidence: 0.99 }).historicalRisk.toNumber(),
    ).toBeGreaterThan(base);
  });
  it('refuses bad input naming the field', () => {
    const p: Position[] = [{ kind: 'perp', underlying: 'BTC', quantity: 1 }];
    const bad: [unknown, unknown, unknown, string][] = [
      [p, { market, returns: { ETH: returns.ETH } }, {}, 'context.returns.BTC'],
      [p, { market, returns: { BTC: returns.BTC.slice(0, 50) } }, {}, 'context.returns'],
      [p, { market, returns: { BTC: [Number.NaN, ...returns.BTC] } }, {}, 'context.returns.BTC[0]'],
      [p, { market, returns, extra: 1 }, {}, 'context.extra'],
      [p, { market, returns }, { mpor: 0 }, 'options.mpor'],
      [p, { market, returns }, { stressScenarios: [{ label: 'x', moves: { BTC: -0.2 } }] }, 'options.historicalWeight'],
      [p, { market, returns }, { liquidity: { ETH: 0.001 } }, 'options.liquidity.ETH'],
      [p, { market, returns }, { concentration: { BTC: { threshold: 1 } } }, 'options.concentration.BTC.rate'],
      [p, { market, returns }, { lamda: 0.9 }, 'options.lamda'],
    ];
    for (const [ps, ctx, o, path] of bad) {
      try {
        span2Margin(ps as Position[], ctx as never, o as never);
        expect.unreachable(path);
      } catch (e) {
        expect(e).toBeInstanceOf(RiskInputError);
        expect((e as RiskInputError).path).toBe(path);
      }
    }
  });
});
