/**
 * Robustness of the Monte Carlo runs of riskcore/montecarlo/node — `simulateParallel`, `pool.run` and
 * `createMonteCarloPool` — in the house harness run on async functions (asyncJudge.ts): each case captures the mutated
 * arguments the harness builds, settles the call on them, and classifies the settled outcome exactly as for a
 * synchronous function. A valid run is a real run on the worker threads: its figures must be finite, and a junk that
 * passes validation must not fail a worker (a MonteCarloPoolError is a failure here, except the deadline a small
 * valid `timeoutMs` junk sets). Runs are small (≤ 5000 paths, 2 positions) so that each costs a few milliseconds.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { RiskInputError } from '../../src/core/errors.js';
import { combineShards, planShards, runShard } from '../../src/montecarlo/index.js';
import {
  createMonteCarloPool,
  type MonteCarloPool,
  MonteCarloPoolError,
  type ParallelRunInput,
  simulateParallel,
} from '../../src/montecarlo/node/index.js';
import { dbl } from './arbs.js';
import { type Invoke, junkPropertyAsync, keySweepAsync, sweepAsync, type Tolerate } from './asyncJudge.js';
import {
  clone,
  deepFreeze,
  describeJunk,
  firstSample,
  JUNK,
  mutate,
  nonFinite,
  type Spec,
  siteString,
  sites,
} from './harness.js';

// market.assets is a record keyed by user-chosen asset names, not a fixed set of fields: an added or renamed asset is
// a different market (an unknown underlying is then reported at the position), not a misspelt key
const assetRecord = (site: string) => site === '0.market.assets';
// as for planShards (robustness/montecarlo.test.ts), which reports the book at `positions…` and `market…` (no
// `input.` prefix): an asset removed from the market, or an option left without a vol, is reported at the position
// that needs it; a rate of ±1e308 overflows exp(r·T) jointly with an expiry
const accept = (site: string, p: string) =>
  (/^0\.market\.assets(\.ETH(\.vol)?)?$/.test(site) && /^positions\[\d+\]\.underlying$/.test(p)) ||
  (/^0\.market\.rate$/.test(site) && /^positions\[\d+\]\.expiry$/.test(p));

/** Calls to `onProgress` (a valid callback: counts them). */
let progressCalls = 0;
const onProgress = () => {
  progressCalls++;
};

const args = fc
  .record({
    quantity: dbl(-5, 5),
    strike: dbl(2500, 3500),
    expiry: dbl(0.02, 0.5),
    vol: dbl(0.2, 1.2),
    rate: dbl(0, 0.05),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    totalPaths: fc.integer({ min: 500, max: 5000 }),
    confidence: dbl(0.9, 0.995),
    shards: fc.integer({ min: 0, max: 4 }),
  })
  .map(({ quantity, strike, expiry, vol, rate, seed, totalPaths, confidence, shards }) => [
    {
      positions: [
        { kind: 'spot', underlying: 'ETH', quantity: 2 },
        { kind: 'option', underlying: 'ETH', quantity, type: 'call', strike, expiry },
      ],
      market: { assets: { ETH: { price: 3000, vol } }, rate },
      options: { horizon: 1 / 365, seed },
      totalPaths,
      confidence,
      threads: 2,
      // 0: no `shards` (the default, claimed blocks); 1–4 static shards
      ...(shards === 0 ? {} : { shards }),
      onProgress,
      timeoutMs: 60_000,
    },
  ]);

// a deadline of a few ms (junk 0.5, 2.5, 1e-320 in timeoutMs) is that option working
const deadline: Tolerate = (e, site) =>
  e instanceof MonteCarloPoolError && e.code === 'deadline' && site === '0.timeoutMs';

const runSpec: Spec = { name: 'simulateParallel', names: ['input'], args, accept, skipKeys: assetRecord, numRuns: 30 };

/** Base of the exhaustive sweeps: the first sample with 3 static shards, or without `shards` (the default split). */
function base(shards: boolean): unknown[] {
  const [{ shards: _, ...input }] = firstSample(args) as unknown as [Record<string, unknown>];
  return [shards ? { ...input, shards: 3 } : input];
}

/** The single-thread run of the same input (one shard, run and merged in this thread). */
function singleThread(input: Record<string, unknown>) {
  const { positions, market, options, totalPaths, confidence } = input as unknown as ParallelRunInput;
  const job = planShards({ positions, market, options, totalPaths, confidence, shards: 1 })[0];
  return combineShards([runShard(job)], confidence);
}

/** The shared pool of `pool.run` (2 threads). */
const pool = createMonteCarloPool({ threads: 2 });
afterAll(() => pool.destroy());

/** The pools `createMonteCarloPool` gave in this file, each destroyed by its case (checked in afterAll). */
const created: MonteCarloPool[] = [];
const destroyedPools = new Set<MonteCarloPool>();
afterAll(async () => {
  const leaked = created.filter((p) => !destroyedPools.has(p));
  await Promise.all(leaked.map((p) => p.destroy()));
  expect(leaked.length).toBe(0);
});

const runs: Array<{ name: string; invoke: Invoke }> = [
  { name: 'simulateParallel', invoke: (a) => simulateParallel(a[0] as never) },
  // `input.threads` is checked as simulateParallel checks it, then ignored: its junk is refused naming it, a valid
  // count runs on the pool's own 2 workers (test/montecarlo/nodePoolRunThreads.test.ts)
  { name: 'pool.run', invoke: (a) => pool.run(a[0] as never) },
];

for (const { name, invoke } of runs) {
  const spec: Spec = { ...runSpec, name };
  describe(`robustness: riskcore/montecarlo/node ${name}`, () => {
    for (const split of ['static shards', 'claimed blocks']) {
      it(`every field × every junk value (${split}): finite result or a RiskInputError naming the field`, async () => {
        const calls = progressCalls;
        expect(await sweepAsync(spec, base(split === 'static shards'), invoke, deadline)).toEqual([]);
        expect(progressCalls).toBeGreaterThan(calls); // the valid callback was called
      }, 120_000);
    }

    it('random valid input, random field, random junk (fast-check)', async () => {
      await junkPropertyAsync(spec, invoke, deadline, 11);
    }, 120_000);

    it('every object × an added key and each key misspelt: a RiskInputError naming that key', async () => {
      const { cases, failures } = await keySweepAsync(spec, base(true), invoke);
      expect(failures).toEqual([]);
      expect(cases).toBeGreaterThanOrEqual(20);
    }, 120_000);

    it('a non-function onProgress is refused, naming input.onProgress', async () => {
      const [input] = base(false) as [Record<string, unknown>];
      for (const bad of [5, 'f', {}, [], null, true]) {
        const e = await invoke([{ ...input, onProgress: bad }]).catch((x: unknown) => x);
        expect(e).toBeInstanceOf(RiskInputError);
        expect((e as RiskInputError).path).toBe('input.onProgress');
      }
    });

    it('valid inputs: not mutated, deep-frozen accepted, the single-thread run bit for bit (fast-check)', async () => {
      await fc.assert(
        fc.asyncProperty(spec.args, async (a) => {
          const before = clone(a);
          const r = await invoke(a);
          expect(a).toStrictEqual(before);
          expect(nonFinite(r)).toBeNull();
          const f = await invoke(deepFreeze(clone(a)));
          expect(f).toStrictEqual(r);
          expect(r).toStrictEqual(singleThread(a[0] as Record<string, unknown>));
        }),
        { numRuns: 8, seed: 5 },
      );
    }, 120_000);
  });
}

describe('robustness: riskcore/montecarlo/node pool.run against simulateParallel', () => {
  it('every field × every junk value: the same RiskInputError path, or the same figures', async () => {
    const settle = (p: Promise<unknown>): Promise<{ value?: unknown; error?: string }> =>
      p.then(
        (value) => ({ value }),
        (e: unknown) => ({ error: e instanceof RiskInputError ? `RiskInputError at ${e.path}` : String(e) }),
      );
    const a = base(true);
    const failures: string[] = [];
    let cases = 0;
    for (const site of sites(a)) {
      for (const junk of JUNK) {
        const m = mutate(a, site, junk);
        const [viaDefault, viaPool] = [await settle(runs[0].invoke(m)), await settle(runs[1].invoke(m))];
        // a deadline of a few ms may or may not pass before a tiny run is done
        if (siteString(site) === '0.timeoutMs' && /deadline/.test(`${viaDefault.error}${viaPool.error}`)) continue;
        cases++;
        try {
          expect(viaPool).toStrictEqual(viaDefault);
        } catch {
          failures.push(`${siteString(site)} := ${describeJunk(junk)}: ${JSON.stringify([viaDefault, viaPool])}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(cases).toBeGreaterThan(500);
  }, 120_000);
});

/** A run small enough to show a new pool works (1000 paths). */
const tinyRun = {
  positions: [{ kind: 'spot' as const, underlying: 'ETH', quantity: 1 }],
  market: { assets: { ETH: { price: 3000, vol: 0.7 } } },
  options: { horizon: 1 / 365, seed: 1 },
  totalPaths: 1000,
  confidence: 0.99,
};

/** createMonteCarloPool on `a`: the pool's thread count and a tiny run on it; the pool is destroyed at once. */
const createInvoke: Invoke = async (a) => {
  const p = (createMonteCarloPool as (o?: unknown) => MonteCarloPool)(a[0]);
  created.push(p);
  try {
    return { threads: p.threads, run: await p.run(tinyRun) };
  } finally {
    await p.destroy();
    destroyedPools.add(p);
  }
};

const poolSpec: Spec = {
  name: 'createMonteCarloPool',
  names: ['options'],
  args: fc.tuple(
    fc.record({ threads: fc.integer({ min: 1, max: 2 }), maxMemoryMb: fc.integer({ min: 64, max: 512 }) }),
  ),
  numRuns: 10,
};

describe('robustness: riskcore/montecarlo/node createMonteCarloPool', () => {
  it('every field × every junk value: a working pool or a RiskInputError naming the field', async () => {
    expect(await sweepAsync(poolSpec, firstSample(poolSpec.args), createInvoke)).toEqual([]);
  }, 120_000);

  it('random valid options, random field, random junk (fast-check)', async () => {
    await junkPropertyAsync(poolSpec, createInvoke, undefined, 3);
  }, 120_000);

  it('an added key and each key misspelt: a RiskInputError naming that key', async () => {
    const { cases, failures } = await keySweepAsync(poolSpec, firstSample(poolSpec.args), createInvoke);
    expect(failures).toEqual([]);
    expect(cases).toBe(3);
  }, 120_000);

  it('valid options are not mutated and may be deep-frozen', async () => {
    await fc.assert(
      fc.asyncProperty(poolSpec.args, async (a) => {
        const before = clone(a);
        const r = (await createInvoke(a)) as { threads: number };
        expect(a).toStrictEqual(before);
        expect(r.threads).toBe((a[0] as { threads: number }).threads);
        expect(await createInvoke(deepFreeze(clone(a)))).toStrictEqual(r);
      }),
      { numRuns: 3, seed: 9 },
    );
  }, 120_000);
});
