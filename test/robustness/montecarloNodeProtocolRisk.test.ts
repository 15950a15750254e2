/**
 * Robustness of `simulateProtocolRiskParallel` (riskcore/montecarlo/node), in the house harness run on an async
 * function (asyncJudge.ts): each case captures the mutated arguments the harness builds, settles the run on them, and
 * classifies the settled outcome exactly as for a synchronous function. A valid run is a real run on the worker
 * threads: its figures must be finite, and a junk that passes validation must not fail a worker (a
 * MonteCarloPoolError is a failure here, except the deadline a small valid `timeoutMs` junk sets).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MonteCarloPoolError, simulateProtocolRiskParallel } from '../../src/montecarlo/node/index.js';
import { simulateProtocolRisk } from '../../src/stress/index.js';
import { dbl } from './arbs.js';
import { junkPropertyAsync, keySweepAsync, sweepAsync } from './asyncJudge.js';
import { clone, deepFreeze, firstSample, type Spec } from './harness.js';

// records keyed by user data (asset names): no fixed fields to misspell
const userKeyed = (site: string) =>
  /^0\.params\.assets$/.test(site) || /^1\.assets$/.test(site) || /^0\.accounts\.\d+\.collateral$/.test(site);
// as for simulateProtocolRisk: without params.assets a protocol is single-asset (it then needs params.price), and
// an asset removed from params.assets is reported at the account or market entry that names it
const accept = (site: string, p: string) =>
  (/^0\.params\.assets$/.test(site) && p === 'protocol.params.price') ||
  (/^0\.params\.assets\.\w+$/.test(site) &&
    /^protocol\.accounts\[\d+\]\.(perps\[\d+\]\.asset|collateral\.\w+)$|^market\.assets\.\w+$/.test(p));

const accounts = fc
  .array(
    fc.record({
      collateral: fc.record({ ETH: dbl(1, 20).map((x) => x.toFixed(4)) }),
      debt: dbl(100, 1500).map((x) => x.toFixed(2)),
      perps: fc.constant([{ asset: 'BTC', size: '-0.01', entryPrice: '100' }]),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((xs) => xs.map((x, i) => ({ id: `a${i}`, ...x })));
const args = fc
  .tuple(
    accounts,
    fc.record({ vol: dbl(0.1, 2), jumpIntensity: dbl(0, 50), jumpMean: dbl(-0.2, 0), jumpVol: dbl(0, 0.2) }),
    dbl(-0.9, 0.9),
    fc.record({
      paths: fc.integer({ min: 1, max: 40 }),
      steps: fc.integer({ min: 1, max: 4 }),
      dt: fc.constant(1 / 365),
      seed: fc.integer({ min: 0, max: 1000 }),
      batches: fc.constant(2),
      detail: fc.constant(1),
      threads: fc.constant(2),
      timeoutMs: fc.constant(60_000),
    }),
  )
  .map(([accs, eth, rho, options]) => [
    {
      accounts: accs,
      params: {
        assets: {
          ETH: { price: '100', depth: '100000', oracle: { latency: 1 } },
          BTC: { price: '100', liquidationThreshold: 0.85 },
        },
      },
    },
    {
      assets: { ETH: eth, BTC: { vol: 0.5 } },
      correlation: [
        [1, rho],
        [rho, 1],
      ],
    },
    options,
  ]);

const spec: Spec = {
  name: 'simulateProtocolRiskParallel',
  names: ['protocol', 'market', 'options'],
  args,
  accept,
  skipKeys: userKeyed,
  numRuns: 15,
};

const invoke = (a: unknown[]) => simulateProtocolRiskParallel(a[0] as never, a[1] as never, a[2] as never);
// a deadline of a few ms (junk 0.5, 2.5, 1e-320 in timeoutMs) is that option working
const tolerate = (e: unknown, site: string | undefined) =>
  e instanceof MonteCarloPoolError && e.code === 'deadline' && site === '2.timeoutMs';

describe('robustness: riskcore/montecarlo/node simulateProtocolRiskParallel', () => {
  it('every field × every junk value: finite result or a RiskInputError naming the field', async () => {
    expect(await sweepAsync(spec, firstSample(spec.args), invoke, tolerate)).toEqual([]);
  }, 300_000);

  it('random valid input, random field, random junk (fast-check)', async () => {
    await junkPropertyAsync(spec, invoke, tolerate);
  }, 300_000);

  it('every object × an added key and each key misspelt: a RiskInputError naming that key', async () => {
    expect((await keySweepAsync(spec, firstSample(spec.args), invoke)).failures).toEqual([]);
  }, 300_000);

  it('valid inputs are not mutated, may be deep-frozen, and give the single-thread figures (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(spec.args, async (a) => {
        const before = clone(a);
        const r = await simulateProtocolRiskParallel(a[0] as never, a[1] as never, a[2] as never);
        expect(a).toStrictEqual(before);
        const frozen = deepFreeze(clone(a));
        const f = await simulateProtocolRiskParallel(frozen[0] as never, frozen[1] as never, frozen[2] as never);
        const { threads: _t, timeoutMs: _d, ...run } = a[2] as Record<string, unknown>;
        const single = simulateProtocolRisk(a[0] as never, a[1] as never, run as never);
        expect(JSON.stringify(f)).toBe(JSON.stringify(r));
        expect(JSON.stringify(r)).toBe(JSON.stringify(single));
      }),
      { numRuns: 5 },
    );
  }, 300_000);
});
