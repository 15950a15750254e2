/** Robustness of the protocol-risk simulation of `riskcore/stress` (simulateProtocolRisk, recommendCap). */
import fc from 'fast-check';
import { recommendCap, simulateProtocolRisk } from '../../src/stress/index.js';
import { robustnessSuite } from './suite.js';
import { dbl } from './arbs.js';
import type { Spec } from './harness.js';

// records keyed by user data (asset names): no fixed fields to misspell
const userKeyed = (site: string) =>
  /^0\.params\.assets$/.test(site) || /^1\.assets$/.test(site) || /^0\.accounts\.\d+\.collateral$/.test(site);

// the cascade's own validators decide the shape: without params.assets a protocol is single-asset (it then needs
// params.price), and an asset removed from params.assets is reported at the account or market entry that names it
const accept = (site: string, p: string) =>
  (/^0\.params\.assets$/.test(site) && p === 'protocol.params.price') ||
  (/^0\.params\.assets\.\w+$/.test(site) &&
    /^protocol\.accounts\[\d+\]\.(perps\[\d+\]\.asset|collateral\.\w+)$|^market\.assets\.\w+$/.test(p));

const lending = fc.array(
  fc.record({ collateral: dbl(1, 20).map((x) => x.toFixed(4)), debt: dbl(100, 1800).map((x) => x.toFixed(2)) }),
  { minLength: 1, maxLength: 3 },
);
const withIds = <T extends object>(xs: T[]) => xs.map((x, i) => ({ id: `a${i}`, ...x }));
const single = fc.tuple(
  lending.map(withIds),
  fc.record({
    price: fc.constant('100'),
    liquidationThreshold: dbl(0.5, 0.9),
    penalty: dbl(0, 0.1),
    depth: dbl(1000, 1e5).map((x) => x.toFixed(0)),
    insuranceFund: fc.constant('10'),
  }),
  fc.record({ vol: dbl(0.1, 2), drift: dbl(-0.5, 0.5) }),
);
const multi = fc.tuple(
  fc
    .array(
      fc.record({
        collateral: fc.record({ ETH: dbl(1, 20).map((x) => x.toFixed(4)) }),
        debt: dbl(100, 1500).map((x) => x.toFixed(2)),
        perps: fc.constant([{ asset: 'BTC', size: '-0.01', entryPrice: '100' }]),
      }),
      { minLength: 1, maxLength: 3 },
    )
    .map(withIds),
  fc.record({
    assets: fc.record({
      ETH: fc.record({ price: fc.constant('100'), depth: fc.constant('100000'), oracle: fc.constant({ latency: 1 }) }),
      BTC: fc.record({ price: fc.constant('100'), liquidationThreshold: fc.constant(0.85) }),
    }),
  }),
  fc.record({ vol: dbl(0.1, 2), jumpIntensity: dbl(0, 50), jumpMean: dbl(-0.2, 0), jumpVol: dbl(0, 0.2) }),
);
const runOptions = fc.record({
  paths: fc.integer({ min: 1, max: 6 }),
  steps: fc.integer({ min: 1, max: 4 }),
  dt: fc.constant(1 / 365),
  seed: fc.integer({ min: 0, max: 1000 }),
  batches: fc.constant(2),
});
const args = fc.oneof(
  fc
    .tuple(single, runOptions)
    .map(([[accounts, params, eth], o]) => [{ accounts, params }, { assets: { ETH: eth } }, o]),
  fc.tuple(multi, runOptions, dbl(-0.9, 0.9)).map(([[accounts, params, eth], o, rho]) => [
    { accounts, params },
    {
      assets: { ETH: eth, BTC: { vol: 0.5 } },
      correlation: [
        [1, rho],
        [rho, 1],
      ],
    },
    o,
  ]),
);

const specs: Spec[] = [
  {
    name: 'simulateProtocolRisk',
    names: ['protocol', 'market', 'options'],
    numRuns: 25,
    args: args.map(([p, m, o]) => [p, m, { ...(o as object), detail: 1 }]),
  },
  {
    name: 'recommendCap',
    names: ['protocol', 'market', 'options'],
    numRuns: 10,
    args: args.map(([p, m, o]) => [
      p,
      m,
      { ...(o as object), asset: 'ETH', capOn: 'supply', budget: 50, step: 0.5, maxMultiple: 2 },
    ]),
  },
];

robustnessSuite(
  'riskcore/stress protocol risk',
  { simulateProtocolRisk, recommendCap },
  specs.map((s) => ({ ...s, skipKeys: userKeyed, accept })),
);
