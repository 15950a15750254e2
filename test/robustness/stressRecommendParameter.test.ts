/** Robustness of the parameter recommendation of `riskcore/stress` (recommendParameter). */
import fc from 'fast-check';
import { recommendParameter } from '../../src/stress/index.js';
import { dbl } from './arbs.js';
import type { Spec } from './harness.js';
import { robustnessSuite } from './suite.js';

// records keyed by user data (asset names): no fixed fields to misspell
const userKeyed = (site: string) =>
  /^0\.params\.assets$/.test(site) || /^1\.assets$/.test(site) || /^0\.accounts\.\d+\.collateral$/.test(site);

// the cascade's own validators decide the shape (as in stressProtocolRisk.test.ts): without params.assets a protocol
// is single-asset and needs params.price; an asset removed from params.assets is reported where it is named; and a
// removed asset name of a multi-asset threshold search is reported at options.asset; a positive errorMultiple needs
// standard errors, so with too few paths for them it is options.paths that is refused (the message names both)
const accept = (site: string, p: string) =>
  (site === '2.errorMultiple' && p === 'options.paths') ||
  (/^0\.params\.assets$/.test(site) && p === 'protocol.params.price') ||
  (/^0\.params\.assets\.\w+$/.test(site) &&
    /^protocol\.accounts\[\d+\]\.(perps\[\d+\]\.asset|collateral\.\w+)$|^market\.assets\.\w+$/.test(p)) ||
  (/^1\.assets(\.\w+)?$/.test(site) && p === 'options.asset');

const withIds = <T extends object>(xs: T[]) => xs.map((x, i) => ({ id: `a${i}`, ...x }));
const runOptions = fc.record({
  paths: fc.integer({ min: 1, max: 6 }),
  steps: fc.integer({ min: 1, max: 4 }),
  dt: fc.constant(1 / 365),
  seed: fc.integer({ min: 0, max: 1000 }),
  batches: fc.constant(2),
  budget: dbl(0, 1000),
  values: fc.constant([0.7, 0.8, 0.9]),
});
const single = fc.tuple(
  fc
    .array(
      fc.record({ collateral: dbl(1, 20).map((x) => x.toFixed(4)), debt: dbl(100, 1800).map((x) => x.toFixed(2)) }),
      { minLength: 1, maxLength: 3 },
    )
    .map(withIds),
  fc.record({ price: fc.constant('100'), penalty: dbl(0, 0.1), depth: dbl(1000, 1e5).map((x) => x.toFixed(0)) }),
  fc.record({ vol: dbl(0.1, 2), drift: dbl(-0.5, 0.5) }),
  runOptions,
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
  runOptions,
);
const args = fc.oneof(
  single.map(([accounts, params, eth, o]) => [
    { accounts, params },
    { assets: { ETH: eth } },
    { ...o, parameter: 'liquidationThreshold' },
  ]),
  multi.map(([accounts, o]) => [
    {
      accounts,
      params: { assets: { ETH: { price: '100', depth: '100000' }, BTC: { price: '100', liquidationThreshold: 0.85 } } },
    },
    { assets: { ETH: { vol: 1 }, BTC: { vol: 0.5 } } },
    { ...o, parameter: 'liquidationThreshold', asset: 'ETH', confidence: 0.95, errorMultiple: 0 },
  ]),
  multi.map(([accounts, o]) => [
    { accounts, params: { assets: { ETH: { price: '100' }, BTC: { price: '100' } }, maintenanceMargin: 0.05 } },
    { assets: { ETH: { vol: 1 }, BTC: { vol: 0.5 } } },
    { ...o, parameter: 'maintenanceMargin', values: [0.02, 0.05, 0.1] },
  ]),
);

const specs: Spec[] = [{ name: 'recommendParameter', names: ['protocol', 'market', 'options'], numRuns: 15, args }];

robustnessSuite(
  'riskcore/stress parameter recommendation',
  { recommendParameter },
  specs.map((s) => ({ ...s, skipKeys: userKeyed, accept })),
);
