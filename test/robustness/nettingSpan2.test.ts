/** Robustness of `span2Margin` (riskcore/netting). */
import fc from 'fast-check';
import { span2Margin } from '../../src/netting/index.js';
import type { Spec } from './harness.js';
import { robustnessSuite } from './suite.js';

const returns = (n: number, seed: number) => Array.from({ length: n }, (_, i) => 0.02 * Math.sin(i * 1.3 + seed));
const market = { rate: 0.02, assets: { BTC: { price: 60000, vol: 0.6 }, ETH: { price: 3000, vol: 0.7 } } };
const positions = fc.constantFrom(
  [{ kind: 'perp', underlying: 'BTC', quantity: 2 }],
  [
    { kind: 'spot', underlying: 'BTC', quantity: 1 },
    { kind: 'option', underlying: 'ETH', type: 'put', strike: 2800, expiry: 0.2, quantity: -3 },
  ],
);
const specs: Spec[] = [
  {
    name: 'span2Margin',
    names: ['positions', 'context', 'options'],
    numRuns: 20,
    args: fc.tuple(
      positions,
      fc
        .constant(null)
        .map(() => ({ market: structuredClone(market), returns: { BTC: returns(120, 1), ETH: returns(120, 2) } })),
      fc.record({
        mpor: fc.integer({ min: 1, max: 5 }),
        confidence: fc.constantFrom(0.95, 0.975),
        filter: fc.constantFrom('ewma', 'none'),
        stressScenarios: fc.constant([{ label: 'crash', moves: { BTC: -0.3 } }]),
        historicalWeight: fc.double({ min: 0, max: 1, noNaN: true }),
        liquidity: fc.constant({ BTC: 0.0005 }),
      }),
    ),
    // records keyed by user data (underlyings): returns, moves, liquidity, market assets
    skipKeys: (site) => /^1\.returns$|^1\.market\.assets$|moves$|^2\.liquidity$/.test(site),
    // a junk return column length or a missing column is reported at the column or at context.returns
    accept: (site, p) =>
      (site.startsWith('1.returns') && p.startsWith('context.returns')) ||
      (site.startsWith('0') && /^positions|^options\.(liquidity|stressScenarios)/.test(p)) ||
      (site.startsWith('2.stressScenarios') && p.startsWith('options.stressScenarios')) ||
      (site === '2.liquidity.BTC' && p.startsWith('options.liquidity')) ||
      (site.startsWith('1.market') && p.startsWith('positions')),
  },
];

robustnessSuite('riskcore/netting (span2Margin)', { span2Margin } as Record<string, unknown>, specs);
