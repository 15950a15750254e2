/**
 * Robustness of the pool's batch pricing (`riskcore/montecarlo/node`: pool.optionGreeksBatch, optionPriceBatch,
 * impliedVolBatch), in the house harness. The methods are async and their columns must live on SharedArrayBuffers, so
 * the synchronous `robustnessSuite` cannot call them as they are: each case (asyncJudge.ts) runs the harness's `judge`
 * / `judgeKey` twice — once to capture the arguments they build (mutated copies), then, after the batch on those
 * arguments has settled, to classify the settled outcome exactly as for a synchronous function. The harness clones
 * typed arrays onto plain ArrayBuffers; the captured copies are put back on SharedArrayBuffers (the junk is what is
 * under test, not the buffer kind — that has its own test below), and a numeric junk written into a column element
 * stays in a shared column of the column's type (a plain-Array column is refused as such, naming the column).
 *
 * Batches of one chunk or less (≤ 16,384 rows) run in the calling thread, longer ones on the workers: the samples
 * are drawn from both sizes, and the exhaustive sweeps run on one of each.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { RiskInputError } from '../../src/core/errors.js';
import { optionPrice } from '../../src/greeks/index.js';
import { BATCH_CHUNK } from '../../src/montecarlo/node/batchTask.js';
import { createMonteCarloPool, MonteCarloPoolError } from '../../src/montecarlo/node/index.js';
import { type Invoke, judgeAsync, keySweepAsync, sweepAsync, type Tolerate } from './asyncJudge.js';
import {
  clone,
  deepFreeze,
  describeJunk,
  type Fn,
  JUNK,
  judge,
  judgeKey,
  type Key,
  nonFinite,
  objectSites,
  type Spec,
  siteString,
  sites,
} from './harness.js';

const pool = createMonteCarloPool({ threads: 2 });
afterAll(() => pool.destroy());

const GREEKS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho', 'vanna', 'volga', 'charm'] as const;
const onShared = <T extends Float64Array | Uint8Array>(a: T): T => {
  const c = new (a.constructor as Float64ArrayConstructor)(new SharedArrayBuffer(a.byteLength)) as unknown as T;
  c.set(a as never);
  return c;
};

/** n deterministic rows from `seed` (the ranges of the greeks bench), columns on shared memory. */
function rows(n: number, seed: number) {
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const col = (lo: number, hi: number) => onShared(Float64Array.from({ length: n }, () => lo + (hi - lo) * u()));
  return {
    spot: col(50, 150),
    strike: col(70, 130),
    expiry: col(0.05, 2),
    vol: col(0.1, 1),
    rate: col(-0.005, 0.05),
    dividendYield: col(0, 0.03),
    isCall: onShared(Uint8Array.from({ length: n }, () => (u() < 0.5 ? 1 : 0))),
  };
}
const size = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: BATCH_CHUNK + 1, max: BATCH_CHUNK + 40 }));
const seed = fc.integer({ min: 1, max: 2 ** 31 });
const options = fc.constant({ timeoutMs: 60_000 });

/** bsm columns (dividend yield as a column) or black76 columns (a scalar rate, linear or inverse settlement). */
const optionCols = fc
  .tuple(size, seed, fc.constantFrom('bsm', 'black76-linear', 'black76-inverse'))
  .map(([n, s, m]) => {
    const c = rows(n, s);
    if (m === 'bsm') return c;
    return {
      model: 'black76',
      settlement: m === 'black76-inverse' ? 'inverse' : 'linear',
      forward: c.spot,
      strike: c.strike,
      expiry: c.expiry,
      vol: c.vol,
      rate: 0.02,
      isCall: c.isCall,
    };
  });
const greeksOut = (n: number) =>
  Object.fromEntries(GREEKS.map((k) => [k, onShared(new Float64Array(n))])) as Record<string, Float64Array>;
const ivCols = fc.tuple(size, seed).map(([n, s]) => {
  const { vol, ...c } = rows(n, s);
  const price = onShared(
    Float64Array.from({ length: n }, (_, i) =>
      optionPrice({
        type: c.isCall[i] ? 'call' : 'put',
        spot: c.spot[i],
        strike: c.strike[i],
        expiry: c.expiry[i],
        vol: vol[i],
        rate: c.rate[i],
        dividendYield: c.dividendYield[i],
      }),
    ),
  );
  return { ...c, price };
});

// the price's no-arbitrage bounds depend on every other field of its row: junk there may be reported at the price
// (as impliedVolBatch's own spec accepts); a rate or carry of ±1e308 overflows jointly with the expiry
const relational = (site: string, p: string) =>
  (/^0\.(spot|strike|expiry|rate|dividendYield|isCall)(\.\d+)?$/.test(site) && /price/.test(p)) ||
  (/^0\.(rate|dividendYield)(\.\d+)?$/.test(site) && /expiry/.test(p));
// optionGreeksBatch (the single-thread function, which the pool's answer must equal) reports a row whose Greeks
// overflow only jointly (a strike of 1e-320 against its spot: vanna) at the field of that row optionGreeks names
// (`cols.expiry[i]`), or at a rate or yield given as one number: accepted for junk in that same row i only
const sameRow = (site: string, p: string) => {
  const m = /^0\.\w+\.(\d+)$/.exec(site);
  return m !== null && (new RegExp(`^cols\\.\\w+\\[${m[1]}\\]$`).test(p) || /^cols\.(rate|dividendYield)$/.test(p));
};

const specs: Spec[] = [
  {
    name: 'optionGreeksBatch',
    names: ['cols', 'out', 'options'],
    args: optionCols.chain((c) => fc.tuple(fc.constant(c), fc.constant(greeksOut(c.strike.length)), options)),
    accept: (s, p) => relational(s, p) || sameRow(s, p),
    numRuns: 25,
  },
  {
    name: 'optionPriceBatch',
    names: ['cols', 'out', 'options'],
    args: optionCols.chain((c) =>
      fc.tuple(fc.constant(c), fc.constant(onShared(new Float64Array(c.strike.length))), options),
    ),
    accept: relational,
    numRuns: 25,
  },
  {
    name: 'impliedVolBatch',
    names: ['cols', 'out', 'options'],
    args: ivCols.chain((c) =>
      fc.tuple(fc.constant(c), fc.constant(onShared(new Float64Array(c.strike.length))), options),
    ),
    accept: relational,
    numRuns: 25,
  },
];

const call = (name: string) => (cols: unknown, out: unknown, o: unknown) =>
  (pool as unknown as Record<string, Fn>)[name](cols, out, o) as Promise<unknown>;

const valueAt = (v: unknown, path: Key[]): unknown => path.reduce<any>((x, k) => x?.[k], v);

/**
 * The captured (mutated) copy back on shared memory: every typed array onto a SharedArrayBuffer, and a column whose
 * element `site` was replaced by a number back into a shared column of the original's type.
 */
function reshare(copy: unknown[], original: unknown[], site: Key[] | undefined): unknown[] {
  const walk = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v)) return v.buffer instanceof SharedArrayBuffer ? v : onShared(v as Float64Array);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    if (!Object.isFrozen(o)) for (const k of Object.keys(o)) o[k] = walk(o[k]);
    return o;
  };
  copy.forEach((a, i) => {
    copy[i] = walk(a);
  });
  if (site && typeof site[site.length - 1] === 'number' && site.length >= 3) {
    const at = site.slice(0, -1);
    const was = valueAt(original, at);
    const now = valueAt(copy, at);
    const holder = valueAt(copy, at.slice(0, -1)) as Record<Key, unknown>;
    if (ArrayBuffer.isView(was) && Array.isArray(now) && now.every((x) => typeof x === 'number'))
      holder[at[at.length - 1]] = onShared(new (was.constructor as Float64ArrayConstructor)(now as number[]));
  }
  return copy;
}

/**
 * The batch `name` on a captured (mutated) copy of `base`, put back on shared memory. A deadline raised by a small
 * valid `options.timeoutMs` junk (0.5, 2.5 ms …) is that option working: tolerated.
 */
const batchOn =
  (name: string, base: unknown[]): Invoke =>
  (a, site) => {
    const [cols, out, o] = reshare(a, base, site);
    return call(name)(cols, out, o);
  };
const deadline: Tolerate = (e, site) =>
  e instanceof MonteCarloPoolError && e.code === 'deadline' && site === '2.timeoutMs';

const sample = (s: Spec, big: boolean) =>
  fc.sample(
    s.args.filter((a) => (a[0] as { strike: Float64Array }).strike.length > BATCH_CHUNK === big),
    { numRuns: 1, seed: 1 },
  )[0];

/** A deep snapshot of plain data with typed arrays as number arrays (buffer kinds differ between copies). */
const snap = (v: unknown): unknown =>
  ArrayBuffer.isView(v)
    ? Array.from(v as Float64Array)
    : Array.isArray(v)
      ? v.map(snap)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, snap(x)]))
        : v;

describe('robustness: riskcore/montecarlo/node pool batches', () => {
  for (const s of specs) {
    describe(s.name, () => {
      for (const big of [false, true]) {
        const where = big ? 'on the workers' : 'in the calling thread';
        it(`every field × every junk value (${where}): finite result or a RiskInputError naming the field`, async () => {
          const base = sample(s, big);
          expect(await sweepAsync(s, base, batchOn(s.name, base), deadline)).toEqual([]);
        }, 120_000);
        it(`every object × an added key and each key misspelt (${where}): a RiskInputError naming that key`, async () => {
          const base = sample(s, big);
          expect((await keySweepAsync(s, base, batchOn(s.name, base))).failures).toEqual([]);
        }, 120_000);
      }

      it('random valid input, random field, random junk; random object, added or misspelt key (fast-check)', async () => {
        await fc.assert(
          fc.asyncProperty(
            s.args,
            fc.nat(),
            fc.nat(),
            fc.boolean(),
            fc.nat(),
            async (args, siteIx, junkIx, add, which) => {
              const all = sites(args, s.maxDepth);
              const site = all[siteIx % all.length];
              const junk = JUNK[junkIx % JUNK.length];
              const o = await judgeAsync(
                site,
                (c) => judge({ ...s, call: c }, (() => 0) as Fn, args, site, junk),
                batchOn(s.name, args),
                deadline,
              );
              if (!o.ok)
                throw new Error(`${s.name}: arg site ${siteString(site)} := ${describeJunk(junk)} → ${o.reason}`);
              const objs = objectSites(args, s.maxDepth);
              const at = objs[siteIx % objs.length];
              const k = await judgeAsync(
                undefined,
                (c) => judgeKey({ ...s, call: c }, (() => 0) as Fn, args, at, add ? 'add' : 'misspell', which),
                batchOn(s.name, args),
              );
              if (!k.ok) throw new Error(`${s.name}: object at ${siteString(at)} → ${k.reason}`);
            },
          ),
          { numRuns: s.numRuns, seed: 42 },
        );
      }, 120_000);

      it('valid inputs are not mutated (but `out`, written by design) and may be deep-frozen (fast-check)', async () => {
        await fc.assert(
          fc.asyncProperty(s.args, async ([cols, out, o]) => {
            const before = snap([cols, o]);
            const r = await call(s.name)(cols, out, o);
            expect(snap([cols, o])).toStrictEqual(before);
            expect(r).toBe(out);
            expect(nonFinite(r)).toBeNull();
            const [fc0, fo, fopt] = deepFreeze(clone([cols, out, o]).map((x) => reshare([x], [x], undefined)[0]));
            const r2 = await call(s.name)(fc0, fo, fopt);
            expect(snap(r2)).toStrictEqual(snap(r));
          }),
          { numRuns: 8, seed: 7 },
        );
      }, 120_000);

      it('a column or output off a SharedArrayBuffer (or a plain Array) is refused, naming it', async () => {
        for (const big of [false, true]) {
          const [cols, out, o] = sample(s, big) as [Record<string, unknown>, unknown, unknown];
          const names = Object.keys(cols).filter((k) => ArrayBuffer.isView(cols[k]));
          const outs = ArrayBuffer.isView(out) ? [''] : Object.keys(out as object);
          for (const plain of [(a: Float64Array) => a.slice(), (a: Float64Array) => Array.from(a)]) {
            for (const k of names) {
              const bad = { ...cols, [k]: plain(cols[k] as Float64Array) };
              const e = await call(s.name)(bad, out, o).catch((x: unknown) => x);
              expect(e, `cols.${k}`).toBeInstanceOf(RiskInputError);
              expect((e as RiskInputError).path).toBe(`cols.${k}`);
              expect((e as Error).message).toMatch(/SharedArrayBuffer/);
            }
            for (const k of outs) {
              const bad = k === '' ? plain(out as Float64Array) : { ...(out as object), [k]: plain((out as never)[k]) };
              const e = await call(s.name)(cols, bad, o).catch((x: unknown) => x);
              expect((e as RiskInputError).path).toBe(k === '' ? 'out' : `out.${k}`);
              expect((e as Error).message).toMatch(/SharedArrayBuffer/);
            }
          }
        }
      }, 120_000);
    });
  }
});
