/**
 * Robustness of `simulateProtocolRiskParallel` (riskcore/montecarlo/node), in the house harness. The function is
 * async, so each case runs the harness's own `judge` / `judgeKey` twice, as montecarloNodeBatch.test.ts does: once to
 * capture the arguments it builds (a mutated copy), then, once the run on those arguments has settled, to classify
 * the settled outcome exactly as for a synchronous function. A valid run is a real run on the worker threads: its
 * figures must be finite, and a junk that passes validation must not fail a worker (a MonteCarloPoolError is a
 * failure here, except the deadline a small valid `timeoutMs` junk sets).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MonteCarloPoolError, simulateProtocolRiskParallel } from '../../src/montecarlo/node/index.js';
import { simulateProtocolRisk } from '../../src/stress/index.js';
import { dbl } from './arbs.js';
import {
  clone,
  deepFreeze,
  describeJunk,
  type Fn,
  firstSample,
  JUNK,
  judge,
  judgeKey,
  type Key,
  objectSites,
  type Outcome,
  type Spec,
  siteString,
  sites,
} from './harness.js';

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

const CAPTURE = Symbol('capture');
type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Run a harness judgement (`run(call)` calls `judge` or `judgeKey` with that `call`) on the async function: capture
 * the arguments it builds, settle the run on them, then judge the settled outcome.
 */
async function judgeAsync(
  site: Key[] | undefined,
  run: (call: (fn: Fn, a: unknown[]) => unknown) => Outcome,
): Promise<Outcome> {
  let captured: unknown[] | undefined;
  run((_fn, a) => {
    captured = a;
    throw CAPTURE;
  });
  if (!captured) throw new Error('the harness did not call the function');
  const a = captured;
  let settled: Settled;
  try {
    settled = { ok: true, value: await simulateProtocolRiskParallel(a[0] as never, a[1] as never, a[2] as never) };
  } catch (error) {
    settled = { ok: false, error };
  }
  if (!settled.ok && settled.error instanceof MonteCarloPoolError) {
    // a deadline of a few ms (junk 0.5, 2.5, 1e-320 in timeoutMs) is that option working
    if (settled.error.code === 'deadline' && site && siteString(site) === '2.timeoutMs') return { ok: true };
    return { ok: false, reason: `MonteCarloPoolError (${settled.error.code}): ${settled.error.message}` };
  }
  return run(() => {
    if (settled.ok) return settled.value;
    throw settled.error;
  });
}

const noop = (() => 0) as Fn;

describe('robustness: riskcore/montecarlo/node simulateProtocolRiskParallel', () => {
  it('every field × every junk value: finite result or a RiskInputError naming the field', async () => {
    const a = firstSample(spec.args);
    const failures: string[] = [];
    for (const site of sites(a, spec.maxDepth)) {
      for (const junk of JUNK) {
        const o = await judgeAsync(site, (c) => judge({ ...spec, call: c }, noop, a, site, junk));
        if (!o.ok) {
          failures.push(`arg site ${siteString(site)} := ${describeJunk(junk)} → ${o.reason}`);
          break;
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('random valid input, random field, random junk (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(spec.args, fc.nat(), fc.integer({ min: 0, max: JUNK.length - 1 }), async (a, siteIx, j) => {
        const all = sites(a, spec.maxDepth);
        const site = all[siteIx % all.length];
        const o = await judgeAsync(site, (c) => judge({ ...spec, call: c }, noop, a, site, JUNK[j]));
        if (!o.ok) throw new Error(`arg site ${siteString(site)} := ${describeJunk(JUNK[j])} → ${o.reason}`);
      }),
      { numRuns: spec.numRuns },
    );
  }, 300_000);

  it('every object × an added key and each key misspelt: a RiskInputError naming that key', async () => {
    const a = firstSample(spec.args);
    const failures: string[] = [];
    for (const site of objectSites(a, spec.maxDepth)) {
      if (userKeyed(siteString(site))) continue;
      const n = Object.keys(site.reduce<any>((x, k) => x[k], a)).length;
      const trials: Array<['add' | 'misspell', number]> = [['add', 0]];
      for (let i = 0; i < n; i++) trials.push(['misspell', i]);
      for (const [kind, which] of trials) {
        const o = await judgeAsync(undefined, (c) => judgeKey({ ...spec, call: c }, noop, a, site, kind, which));
        if (!o.ok) {
          failures.push(`object at ${siteString(site)} ${kind} #${which} → ${o.reason}`);
          break;
        }
      }
    }
    expect(failures).toEqual([]);
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
