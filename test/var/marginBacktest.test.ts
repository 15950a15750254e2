/** marginBacktest against numpy/scipy (test/fixtures/var/gen_margin_backtest.py) and its invariants. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { marginBacktest, marginBacktestTable, RiskInputError } from '../../src/var/index.js';

interface Case {
  name: string;
  margin: number[];
  pnl: number[];
  coverage: number;
  mpor: number;
  breaches: number;
  achievedCoverage: number;
  largestShortfall: number;
  meanShortfall: number;
  largestShortfallRatio: number;
  kupiec: [number, number];
  christoffersen: [number, number, number, number];
  zone: string;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/var/margin_backtest.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};

const close = (a: number, b: number, rel = 1e-12) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));

describe('marginBacktest: numpy/scipy reference', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const r = marginBacktest({ margin: c.margin, pnl: c.pnl }, { coverage: c.coverage, mpor: c.mpor });
      expect(r.breaches).toBe(c.breaches);
      close(r.achievedCoverage, c.achievedCoverage, 1e-15);
      close(r.largestShortfall, c.largestShortfall);
      close(r.meanShortfall, c.meanShortfall);
      close(r.largestShortfallRatio, c.largestShortfallRatio);
      close(r.kupiec.statistic, c.kupiec[0], 1e-10);
      close(r.kupiec.pValue, c.kupiec[1], 1e-9);
      expect(r.christoffersen).not.toBeNull();
      close(r.christoffersen!.independence, c.christoffersen[0], 1e-10);
      close(r.christoffersen!.independencePValue, c.christoffersen[1], 1e-9);
      close(r.christoffersen!.conditionalCoverage, c.christoffersen[2], 1e-10);
      close(r.christoffersen!.conditionalCoveragePValue, c.christoffersen[3], 1e-9);
      expect(r.trafficLight.zone).toBe(c.zone);
      expect(r.meetsCoverage).toBe(c.achievedCoverage >= c.coverage);
    });
  }
});

describe('marginBacktest: invariants', () => {
  const series = fc.integer({ min: 1, max: 60 }).chain((n) =>
    fc.record({
      margin: fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
      pnl: fc.array(fc.double({ min: -200, max: 200, noNaN: true }), { minLength: n, maxLength: n }),
    }),
  );
  it('more margin never adds a breach; breaches are the dates whose loss exceeds the margin', () => {
    fc.assert(
      fc.property(series, fc.double({ min: 0, max: 50, noNaN: true }), (s, add) => {
        const r = marginBacktest(s, { coverage: 0.99 });
        const more = marginBacktest({ margin: s.margin.map((m) => m + add), pnl: s.pnl }, { coverage: 0.99 });
        expect(more.breaches).toBeLessThanOrEqual(r.breaches);
        expect(r.breachDates).toEqual(s.pnl.flatMap((p, i) => (-p > s.margin[i] ? [i] : [])));
      }),
      { seed: 49, numRuns: 200 },
    );
  });
  it('the pooled table equals one backtest of the concatenated series (but for the independence test)', () => {
    fc.assert(
      fc.property(series, series, (a, b) => {
        const t = marginBacktestTable({ a, b }, { coverage: 0.95 });
        const one = marginBacktest(
          { margin: [...a.margin, ...b.margin], pnl: [...a.pnl, ...b.pnl] },
          { coverage: 0.95 },
        );
        expect({ ...t.pooled, christoffersen: null }).toEqual({ ...one, christoffersen: null });
        expect(t.pooled.christoffersen).toBeNull();
        expect(t.rows.map((r) => r.name)).toEqual(['a', 'b']);
      }),
      { seed: 50, numRuns: 100 },
    );
  });
  it('a breach on a date without margin is counted apart from the ratios; one date gives no independence test', () => {
    const r = marginBacktest({ margin: [0], pnl: [-1] }, { coverage: 0.99 });
    expect(r.largestShortfallRatio).toBe(0);
    expect(r.unmarginedBreaches).toBe(1);
    expect(r.christoffersen).toBeNull();
  });
  it('refuses bad input naming the field', () => {
    const bad: [unknown, unknown, string][] = [
      [{ margin: [1, -1], pnl: [0, 0] }, { coverage: 0.99 }, 'series.margin[1]'],
      [{ margin: [1, 1], pnl: [0] }, { coverage: 0.99 }, 'series.pnl'],
      [{ margin: [1], pnl: [Number.NaN] }, { coverage: 0.99 }, 'series.pnl[0]'],
      [{ margin: [], pnl: [] }, { coverage: 0.99 }, 'series.margin'],
      [{ margin: [1], pnl: [0], pnls: [] }, { coverage: 0.99 }, 'series.pnls'],
      [{ margin: [1], pnl: [0] }, { coverage: 1 }, 'options.coverage'],
      [{ margin: [1], pnl: [0] }, { coverage: 0.99, mpor: 0 }, 'options.mpor'],
    ];
    for (const [s, o, path] of bad) {
      try {
        marginBacktest(s as never, o as never);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(RiskInputError);
        expect((e as RiskInputError).path).toBe(path);
      }
    }
  });
});
