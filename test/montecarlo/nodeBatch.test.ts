/**
 * Batch pricing on the Monte Carlo pool's workers (pool.optionGreeksBatch, optionPriceBatch, impliedVolBatch):
 * columns on SharedArrayBuffers, read and written in place by the workers; every figure the same bits as the
 * single-thread call, refused rows named as the single-thread call names them.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createMonteCarloPool, MonteCarloPoolError } from '../../src/montecarlo/node/index.js';
import {
  impliedVolBatch,
  optionGreeksBatch,
  optionPriceBatch,
  RiskInputError,
  type GreeksColumns,
} from '../../src/greeks/index.js';

const pool = createMonteCarloPool({ threads: 2 });
afterAll(() => pool.destroy());

const shared = (n: number) => new Float64Array(new SharedArrayBuffer(8 * n));
const NAMES = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho', 'vanna', 'volga', 'charm'] as const;
const outputs = (n: number, make: (n: number) => Float64Array) =>
  Object.fromEntries(NAMES.map((k) => [k, make(n)])) as unknown as GreeksColumns;
const same = (a: Float64Array, b: Float64Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** n seeded rows (numpy's ranges of the greeks bench), columns on shared memory. */
function rows(n: number, seed: number) {
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const col = (lo: number, hi: number) => {
    const a = shared(n);
    for (let i = 0; i < n; i++) a[i] = lo + (hi - lo) * u();
    return a;
  };
  const isCall = new Uint8Array(new SharedArrayBuffer(n));
  for (let i = 0; i < n; i++) isCall[i] = u() < 0.5 ? 1 : 0;
  return {
    spot: col(50, 150),
    strike: col(50, 150),
    expiry: col(0.01, 3),
    vol: col(0.05, 1.5),
    rate: col(-0.005, 0.05),
    dividendYield: col(0, 0.03),
    isCall,
  };
}

describe('batch pricing on the pool (SharedArrayBuffer columns, in place)', () => {
  it('optionGreeksBatch: every figure bit-identical with the single-thread call (100,003 rows, 7 chunks)', async () => {
    const n = 100_003;
    const cols = rows(n, 1);
    const par = outputs(n, shared);
    const one = outputs(n, (k) => new Float64Array(k));
    expect(await pool.optionGreeksBatch(cols, par)).toBe(par);
    optionGreeksBatch(cols, one);
    for (const k of NAMES) expect(same(par[k], one[k])).toBe(true);
  });

  it('optionPriceBatch and impliedVolBatch (black76, inverse too): bit-identical', async () => {
    const n = 70_000;
    const c = rows(n, 2);
    const cols = {
      model: 'black76' as const,
      forward: c.spot,
      strike: c.strike,
      expiry: c.expiry,
      vol: c.vol,
      rate: 0.01,
      isCall: c.isCall,
    };
    for (const settlement of ['linear', 'inverse'] as const) {
      const price = shared(n);
      await pool.optionPriceBatch({ ...cols, settlement }, price);
      const want = optionPriceBatch({ ...cols, settlement }, new Float64Array(n));
      expect(same(price, want)).toBe(true);
      const { vol: _v, ...rest } = cols;
      const ivCols = { ...rest, settlement, price, allowExtreme: true };
      const iv = shared(n);
      await pool.impliedVolBatch(ivCols, iv);
      expect(same(iv, impliedVolBatch(ivCols, new Float64Array(n)))).toBe(true);
    }
  });

  it('any batch size and cut: the same bits as the single call (property, fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 1, max: 1e6 }), async (n, seed) => {
        const cols = rows(n, seed);
        const price = shared(n);
        await pool.optionPriceBatch(cols, price);
        return same(price, optionPriceBatch(cols, new Float64Array(n)));
      }),
      { seed: 16, numRuns: 12 },
    );
  });

  it('a bad row rejects with the single-thread error naming it; a column off shared memory is refused', async () => {
    const n = 50_000;
    const cols = rows(n, 3);
    cols.strike[41_234] = -1;
    const out = outputs(n, shared);
    let single: unknown;
    try {
      optionGreeksBatch(
        cols,
        outputs(n, (k) => new Float64Array(k)),
      );
    } catch (e) {
      single = e;
    }
    expect(single).toBeInstanceOf(RiskInputError);
    const err = await pool.optionGreeksBatch(cols, out).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RiskInputError);
    expect((err as RiskInputError).path).toBe((single as RiskInputError).path);
    expect((err as RiskInputError).path).toBe('cols.strike[41234]');
    cols.strike[41_234] = 100;
    const plain = { ...cols, vol: new Float64Array(cols.vol) };
    const e2 = await pool.optionGreeksBatch(plain, out).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(RiskInputError);
    expect((e2 as RiskInputError).path).toBe('cols.vol');
    const e3 = await pool.optionGreeksBatch(cols, { ...out, gamma: new Float64Array(n) }).catch((e: unknown) => e);
    expect((e3 as RiskInputError).path).toBe('out.gamma');
    // a column of another length is judged by the single-thread call (it names the column)
    const uneven = { ...cols, spot: shared(n + 1) };
    const e4 = await pool.optionGreeksBatch(uneven, out).catch((e: unknown) => e);
    expect(e4).toBeInstanceOf(RiskInputError);
    expect(() =>
      optionGreeksBatch(
        uneven,
        outputs(n, (k) => new Float64Array(k)),
      ),
    ).toThrow(expect.objectContaining({ path: (e4 as RiskInputError).path }));
    // the pool still works afterwards
    const price = shared(n);
    await pool.optionPriceBatch(cols, price);
    expect(same(price, optionPriceBatch(cols, new Float64Array(n)))).toBe(true);
  });

  it('a unit slip rejects as the single-thread call does; allowExtreme on the columns passes through', async () => {
    const n = 50_000; // 4 chunks: the slips sit in the chunks of both workers
    const cols = rows(n, 4);
    const cases: Array<[keyof typeof cols, number, number]> = [
      ['vol', 33_000, 6],
      ['expiry', 16_384, 20],
      ['rate', 49_999, 2],
      ['dividendYield', 2, -1.5],
    ];
    for (const [name, i, value] of cases) {
      const col = cols[name] as Float64Array;
      const old = col[i];
      col[i] = value;
      for (const kind of ['greeks', 'price'] as const) {
        const single = (() => {
          try {
            if (kind === 'greeks')
              optionGreeksBatch(
                cols,
                outputs(n, (k) => new Float64Array(k)),
              );
            else optionPriceBatch(cols, new Float64Array(n));
          } catch (e) {
            return e as RiskInputError;
          }
          throw new Error('the single-thread call accepted a unit slip');
        })();
        expect(single.path).toBe(`cols.${name}[${i}]`);
        const err = await (kind === 'greeks'
          ? pool.optionGreeksBatch(cols, outputs(n, shared))
          : pool.optionPriceBatch(cols, shared(n))
        ).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(RiskInputError);
        expect([(err as RiskInputError).path, (err as RiskInputError).message]).toEqual([single.path, single.message]);
      }
      // the opt-out reaches the workers: every figure as the single-thread call with it, bit for bit
      const extreme = { ...cols, allowExtreme: true };
      const par = outputs(n, shared);
      await pool.optionGreeksBatch(extreme, par);
      const one = optionGreeksBatch(
        extreme,
        outputs(n, (k) => new Float64Array(k)),
      );
      for (const k of NAMES) expect(same(par[k], one[k])).toBe(true);
      const price = shared(n);
      await pool.optionPriceBatch(extreme, price);
      expect(same(price, optionPriceBatch(extreme, new Float64Array(n)))).toBe(true);
      col[i] = old;
    }
    // a rate given as one number: refused once, as the single call names it
    const scalar = { ...cols, rate: 1.5 };
    const err = await pool.optionPriceBatch(scalar, shared(n)).catch((e: unknown) => e);
    expect((err as RiskInputError).path).toBe('cols.rate');
  });

  it('a destroyed pool rejects batches', async () => {
    const p = createMonteCarloPool({ threads: 1 });
    await p.destroy();
    const err = await p.optionPriceBatch(rows(10, 1), shared(10)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MonteCarloPoolError);
  });
});
