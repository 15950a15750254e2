/** Robustness of the implied-vol functions of `riskcore/greeks` (impliedVol, impliedVolBatch) and the Bachelier price floor. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as mod from '../../src/greeks/index.js';
import { robustnessSuite } from './suite.js';
import { dbl } from './arbs.js';
import { GREEKS_BATCH_EXPORTS } from './greeksBatchNames.js';
import type { Fn, Spec } from './harness.js';

const { optionPrice } = mod;

// an option with its price at a vol in (0.05, 1): the price is inside the no-arbitrage bounds
const ivInput = fc
  .oneof(
    fc.record({
      type: fc.constantFrom('call' as const, 'put' as const),
      spot: dbl(50, 150),
      strike: dbl(70, 130),
      expiry: dbl(0.05, 2),
      rate: dbl(-0.02, 0.1),
      dividendYield: dbl(0, 0.05),
      vol: dbl(0.1, 1),
    }),
    fc.record({
      model: fc.constant('black76' as const),
      type: fc.constantFrom('call' as const, 'put' as const),
      forward: dbl(50, 150),
      strike: dbl(70, 130),
      expiry: dbl(0.05, 2),
      rate: dbl(0, 0.1),
      settlement: fc.constantFrom('linear' as const, 'inverse' as const),
      vol: dbl(0.1, 1),
    }),
    fc.record({
      model: fc.constant('bachelier' as const),
      type: fc.constantFrom('call' as const, 'put' as const),
      forward: dbl(-1, 2),
      strike: dbl(-1, 2),
      expiry: dbl(0.05, 2),
      vol: dbl(0.1, 1),
    }),
  )
  .map(({ vol, ...o }) => ({ ...o, price: optionPrice({ ...o, vol } as never) }));

// the price's no-arbitrage bounds depend on every other field: junk there may be reported at the price;
// dropping the model of a black76/bachelier input leaves a forward that bsm rejects
const relational = (site: string, p: string) =>
  (/\.(spot|forward|strike|expiry|rate|dividendYield|type|model|settlement|isCall)(\.\d+)?$/.test(site) &&
    /price/.test(p)) ||
  (/\.model$/.test(site) && /forward|spot/.test(p)) ||
  // a rate or carry of ±1e308 overflows the forward or discount factor jointly with the expiry (reported there)
  (/\.(rate|dividendYield)(\.\d+)?$/.test(site) && /expiry/.test(p));

const batch = fc
  .array(
    ivInput.filter((o) => !('model' in o)),
    { minLength: 3, maxLength: 12 },
  )
  .map((rows) => {
    const col = (f: (r: (typeof rows)[number]) => number) => Float64Array.from(rows, f);
    return [
      {
        isCall: Uint8Array.from(rows, (r) => (r.type === 'call' ? 1 : 0)),
        spot: col((r) => (r as { spot: number }).spot),
        strike: col((r) => r.strike),
        expiry: col((r) => r.expiry),
        rate: col((r) => (r as { rate: number }).rate),
        dividendYield: col((r) => (r as { dividendYield: number }).dividendYield),
        price: col((r) => r.price),
      },
      new Float64Array(rows.length),
    ];
  });

const specs: Spec[] = [
  { name: 'impliedVol', names: ['input'], args: ivInput.map((o) => [o]), accept: (s, p) => relational(s, p) },
  {
    name: 'impliedVolBatch',
    names: ['cols', 'out'],
    // out is written by design: each call gets its own copy (junk passes through unchanged)
    call: (fn: Fn, [cols, out]) => fn(cols, out instanceof Float64Array ? out.slice() : out),
    // one column shorter than price is reported at that column or at price
    accept: (s, p) => relational(s, p) || (/^0\.\w+\.\d+$/.test(s) && /^cols\./.test(p)),
    args: batch,
  },
];

// specs in greeks.test.ts and (the batch pricing) greeksBatch.test.ts
const OTHERS = [
  'allocateGreeksBatch',
  'forwardPrice',
  'optionGreeks',
  'optionPrice',
  ...GREEKS_BATCH_EXPORTS,
  'portfolioGreeks',
  'positionGreeks',
  'positionValue',
  'revaluePnL',
  'withEntryPrices',
];
robustnessSuite('riskcore/greeks (implied vol)', mod as unknown as Record<string, unknown>, specs, [
  'RiskInputError',
  ...OTHERS,
]);

describe('optionPrice: a Bachelier price is never negative', () => {
  // far out of the money w·(F − K)·Φ(w·d) and σ√T·φ(d) cancel; the unclamped sum was −5e-324 on these inputs
  const cases = [
    {
      type: 'put',
      forward: 0.6147289578093438,
      strike: 0.07949234516086046,
      expiry: 0.8126399931754005,
      vol: 0.01543005745687595,
    },
    {
      type: 'call',
      forward: -0.5257512349845013,
      strike: 0.20223025309565346,
      expiry: 1.5023883330598111,
      vol: 0.015434085845166177,
    },
  ] as const;
  it('the two cancelling inputs give exactly 0 (price, and rho = −T·price not −0)', () => {
    for (const c of cases) {
      expect(optionPrice({ model: 'bachelier', ...c })).toBe(0);
      expect(Object.is(mod.optionGreeks({ model: 'bachelier', ...c }).rho, -0)).toBe(false);
    }
  });
  it('property: price >= 0 for any forward, strike, expiry and small vol (deep out of the money)', () => {
    fc.assert(
      fc.property(
        dbl(-1, 1),
        dbl(-1, 1),
        dbl(0, 2),
        dbl(0, 0.05),
        fc.constantFrom('call' as const, 'put' as const),
        (f, k, t, v, type) => {
          expect(
            optionPrice({ model: 'bachelier', type, forward: f, strike: k, expiry: t, vol: v }),
          ).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
