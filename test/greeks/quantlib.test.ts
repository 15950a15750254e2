/**
 * Side by side with QuantLib 1.29 (test/fixtures/greeks/gen_quantlib.py, run with Debian's python): BSM through
 * AnalyticEuropeanEngine (price, delta, gamma, vega, theta, rho), Black-76 through BlackCalculator (price,
 * forward delta/gamma, vega), Bachelier through bachelierBlackFormula (price). QuantLib's own double-precision
 * figures, so the tolerance is 1e-9 relative plus 1e-12 of the underlying's unit.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { optionGreeks, type OptionGreeks, type OptionInput } from '../../src/greeks/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const { cases } = JSON.parse(readFileSync(join(here, '../fixtures/greeks/quantlib_greeks.json'), 'utf8')) as {
  cases: { input: OptionInput; ql: Partial<Record<keyof OptionGreeks, number>> }[];
};
const POWER: Record<string, number> = { price: 1, delta: 0, gamma: -1, vega: 1, theta: 1, rho: 1 };

describe(`optionGreeks vs QuantLib 1.29 (${cases.length} cases)`, () => {
  for (const model of ['bsm', 'black76', 'bachelier']) {
    it(`${model}: every QuantLib figure within 1e-9 relative`, () => {
      const bad: string[] = [];
      let n = 0;
      for (const c of cases.filter((x) => x.input.model === model)) {
        const g = optionGreeks(c.input);
        const x = c.input.spot ?? (c.input.forward as number);
        for (const [k, want] of Object.entries(c.ql) as [keyof OptionGreeks, number][]) {
          n++;
          if (!(Math.abs(g[k] - want) <= 1e-9 * Math.abs(want) + 1e-12 * x ** POWER[k]))
            bad.push(`${JSON.stringify(c.input)} ${k}: ours ${g[k]}, QuantLib ${want}`);
        }
      }
      expect(bad).toEqual([]);
      expect(n).toBeGreaterThan(50);
    });
  }
});
