/**
 * Robustness of importance sampling in the protocol-risk simulation of `riskcore/stress`
 * (`options.importanceSampling`): simulateProtocolRisk, the shard plan and run, and the merge of weighted shards.
 */
import fc from 'fast-check';
import {
  combineProtocolRiskShards,
  planProtocolRiskShards,
  runProtocolRiskShard,
  simulateProtocolRisk,
} from '../../src/stress/index.js';
import type { Protocol, ProtocolMarket, ProtocolRiskOptions } from '../../src/stress/index.js';
import { robustnessSuite } from './suite.js';
import { dbl } from './arbs.js';
import type { Spec } from './harness.js';

// records keyed by user data (asset names): no fixed fields to misspell
const userKeyed = (site: string) =>
  /(^|\.)params\.assets$/.test(site) ||
  /^(1|0\.market)\.assets$/.test(site) ||
  /(^|\.)accounts\.\d+\.collateral$/.test(site) ||
  /\.detail\.\d+\.moves$/.test(site) ||
  /(^|\.)importanceSampling\.shift$/.test(site);

// without params.assets a protocol is single-asset (it then needs params.price); an asset removed from
// params.assets is reported where an account, the market or the shift names it; a removed market asset is reported
// where the shift names it; a shift's bound depends on the vol and the steps (reported at the shift)
const accept = (site: string, p: string) =>
  (/(^|\.)params\.assets$/.test(site) && /(^|\.)protocol\.params\.price$/.test(p)) ||
  (/(^|\.)params\.assets\.\w+$/.test(site) &&
    /(^|\.)protocol\.accounts\[\d+\]\.(perps\[\d+\]\.asset|collateral\.\w+)$|(^|\.)market\.assets\.\w+$/.test(p)) ||
  (/(^|\.)(market|1)\.assets\.\w+(\.vol)?$/.test(site) &&
    /(^|\.)options\.importanceSampling\.shift(\.\w+)?$/.test(p)) ||
  (/(^|\.)(options|2)\.(steps|dt)$/.test(site) && /(^|\.)options\.importanceSampling\.shift(\.\w+)?$/.test(p)) ||
  (/\.(pathOffset|paths)$/.test(site) && /^results\[\d+\]\.(pathOffset|paths)$/.test(p));

const withIds = <T extends object>(xs: T[]) => xs.map((x, i) => ({ id: `a${i}`, ...x }));
const single = fc.tuple(
  fc
    .array(
      fc.record({ collateral: dbl(1, 20).map((x) => x.toFixed(4)), debt: dbl(100, 1800).map((x) => x.toFixed(2)) }),
      { minLength: 1, maxLength: 3 },
    )
    .map(withIds),
  fc.record({
    price: fc.constant('100'),
    liquidationThreshold: dbl(0.5, 0.9),
    depth: dbl(1000, 1e5).map((x) => x.toFixed(0)),
    insuranceFund: fc.constant('10'),
  }),
  fc.record({ vol: dbl(0.1, 2), drift: dbl(-0.5, 0.5) }),
  dbl(-20, 0),
);
const multi = fc.tuple(
  fc
    .array(
      fc.record({
        collateral: fc.record({ ETH: dbl(1, 20).map((x) => x.toFixed(4)) }),
        debt: dbl(100, 1500).map((x) => x.toFixed(2)),
        perps: fc.constant([{ asset: 'BTC', size: '-0.01', entryPrice: '100' }]),
      }),
      { minLength: 1, maxLength: 2 },
    )
    .map(withIds),
  fc.record({
    assets: fc.record({
      ETH: fc.record({ price: fc.constant('100'), depth: fc.constant('100000'), oracle: fc.constant({ latency: 1 }) }),
      BTC: fc.record({ price: fc.constant('100'), liquidationThreshold: fc.constant(0.85) }),
    }),
  }),
  fc.record({ vol: dbl(0.1, 2), jumpIntensity: dbl(0, 50), jumpMean: dbl(-0.2, 0), jumpVol: dbl(0, 0.2) }),
  dbl(-20, 0),
  dbl(-0.9, 0.9),
);
const runOptions = fc.record({
  paths: fc.integer({ min: 2, max: 5 }),
  steps: fc.integer({ min: 1, max: 3 }),
  dt: fc.constant(1 / 365),
  seed: fc.integer({ min: 0, max: 1000 }),
  batches: fc.constant(2),
  detail: fc.constant(1),
});
/** A valid importance-sampled run: protocol, market, options. */
const run = fc.oneof(
  fc
    .tuple(single, runOptions)
    .map(([[accounts, params, eth, s], o]) => [
      { accounts, params },
      { assets: { ETH: eth } },
      { ...o, importanceSampling: { shift: { ETH: s } } },
    ]),
  fc.tuple(multi, runOptions).map(([[accounts, params, eth, s, rho], o]) => [
    { accounts, params },
    {
      assets: { ETH: eth, BTC: { vol: 0.5 } },
      correlation: [
        [1, rho],
        [rho, 1],
      ],
    },
    { ...o, importanceSampling: { shift: { ETH: s, BTC: s / 2 } } },
  ]),
) as fc.Arbitrary<[Protocol, ProtocolMarket, ProtocolRiskOptions]>;

const specs: Spec[] = [
  { name: 'simulateProtocolRisk', names: ['protocol', 'market', 'options'], numRuns: 20, args: run },
  {
    name: 'planProtocolRiskShards',
    names: ['protocol', 'market', 'options'],
    numRuns: 15,
    args: run.map(([p, m, o]) => [p, m, { ...o, shards: 2 }]),
  },
  {
    name: 'runProtocolRiskShard',
    names: ['job'],
    numRuns: 15,
    args: run.map(([protocol, market, options]) => [{ protocol, market, options, pathOffset: 1, paths: 1 }]),
  },
  {
    name: 'combineProtocolRiskShards',
    names: ['results'],
    numRuns: 15,
    args: run.map(([p, m, o]) => [
      planProtocolRiskShards(p, m, { ...o, shards: 2 }).map((j) => JSON.parse(JSON.stringify(runProtocolRiskShard(j)))),
    ]),
  },
];

robustnessSuite(
  'riskcore/stress protocol risk with importance sampling',
  { simulateProtocolRisk, planProtocolRiskShards, runProtocolRiskShard, combineProtocolRiskShards },
  specs.map((s) => ({ ...s, skipKeys: userKeyed, accept })),
);
