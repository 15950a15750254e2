/** Batches allocated in the kernel's memory (read and written in place) give the figures of ordinary columns, bit for bit. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateGreeksBatch, optionGreeksBatch, optionPriceBatch, RiskInputError } from '../../src/greeks/index.js';
import type { GreeksColumns, OptionColumns } from '../../src/greeks/index.js';
import { GREEK_NAMES } from '../../src/greeks/price.js';
import { greeksWasm } from '../../src/greeks/kernels/wasmKernel.js';

const newOut = (n: number): GreeksColumns =>
  Object.fromEntries(GREEK_NAMES.map((g) => [g, new Float64Array(n)])) as unknown as GreeksColumns;

type Model = 'bsm' | 'black76' | 'bachelier';
interface Rows {
  x: number[];
  k: number[];
  t: number[];
  v: number[];
  r: number[];
  q: number[];
  c: number[];
}

function rowsArb(n: number): fc.Arbitrary<Rows> {
  const col = (a: fc.Arbitrary<number>) => fc.array(a, { minLength: n, maxLength: n });
  return fc.record({
    x: col(fc.double({ min: 1, max: 1e5, noNaN: true })),
    k: col(fc.double({ min: 1, max: 1e5, noNaN: true })),
    // zeros give degenerate rows (σ√T = 0), priced by the scalar kernel
    t: col(fc.oneof(fc.constant(0), fc.double({ min: 1e-4, max: 5, noNaN: true }))),
    v: col(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 3, noNaN: true }))),
    r: col(fc.double({ min: -0.05, max: 0.2, noNaN: true })),
    q: col(fc.double({ min: -0.05, max: 0.2, noNaN: true })),
    c: col(fc.constantFrom(0, 1)),
  });
}

function fill(model: Model, settlement: 'linear' | 'inverse', rows: Rows) {
  const n = rows.x.length;
  const batch = allocateGreeksBatch(n, { model, settlement });
  const cols = batch.cols;
  (model === 'bsm' ? cols.spot : cols.forward)?.set(rows.x);
  cols.strike.set(rows.k);
  cols.expiry.set(rows.t);
  cols.vol.set(rows.v);
  cols.rate.set(rows.r);
  cols.dividendYield?.set(rows.q);
  cols.isCall.set(rows.c);
  const plain: OptionColumns = {
    model,
    settlement,
    [model === 'bsm' ? 'spot' : 'forward']: Float64Array.from(rows.x),
    strike: Float64Array.from(rows.k),
    expiry: Float64Array.from(rows.t),
    vol: Float64Array.from(rows.v),
    rate: Float64Array.from(rows.r),
    ...(model === 'bsm' ? { dividendYield: Float64Array.from(rows.q) } : {}),
    isCall: Uint8Array.from(rows.c),
  } as OptionColumns;
  return { batch, plain };
}

const same = (a: Float64Array, b: Float64Array) => expect(Array.from(a)).toEqual(Array.from(b));

describe('allocateGreeksBatch', () => {
  it('is in place where WebAssembly SIMD runs (bsm, black76) and plain for bachelier', () => {
    expect(allocateGreeksBatch(3).inPlace).toBe(true);
    expect(allocateGreeksBatch(3, { model: 'black76' }).inPlace).toBe(true);
    expect(allocateGreeksBatch(3, { model: 'bachelier' }).inPlace).toBe(false);
  });

  for (const [model, settlement] of [
    ['bsm', 'linear'],
    ['bsm', 'inverse'],
    ['black76', 'linear'],
    ['bachelier', 'linear'],
  ] as const) {
    it(`${model}/${settlement}: greeks and prices in place equal those of ordinary columns, bit for bit`, () => {
      // sizes across the 2,048-row block: odd and even last blocks
      const sizes = fc.constantFrom(1, 2, 7, 2047, 2048, 2049, 4101);
      fc.assert(
        fc.property(
          sizes.chain((n) => rowsArb(n)),
          (rows) => {
            const { batch, plain } = fill(model, settlement, rows);
            const n = rows.x.length;
            const ref = optionGreeksBatch(plain, newOut(n));
            optionGreeksBatch(batch.cols as OptionColumns, batch.out);
            for (const g of GREEK_NAMES) same(batch.out[g], ref[g]);
            const refP = optionPriceBatch(plain, new Float64Array(n));
            optionPriceBatch(batch.cols as OptionColumns, batch.out.price);
            same(batch.out.price, refP);
          },
        ),
        { numRuns: 12, seed: 16 },
      );
    });
  }

  it('reads and writes allocated columns in place: no row goes through the scratch columns', () => {
    const n = 5000;
    const b = allocateGreeksBatch(n);
    b.cols.spot?.fill(100);
    b.cols.strike.fill(105);
    b.cols.expiry.fill(0.5);
    b.cols.vol.fill(0.25);
    b.cols.isCall.fill(1);
    const w = greeksWasm(b.cols.spot);
    expect(w).not.toBe(greeksWasm());
    const scratch = [w!.x, w!.k, w!.v, w!.out[0], w!.out[3]];
    for (const c of scratch) c.fill(-7);
    optionGreeksBatch(b.cols as OptionColumns, b.out);
    for (const c of scratch) expect(c.subarray(0, 2048).every((x) => x === -7)).toBe(true);
    expect(b.out.price[n - 1]).toBe(b.out.price[0]);
    expect(b.out.price[0]).toBeCloseTo(4.991732696383366, 12);
  });

  it('mixes in-place and copied columns, and leaves the inputs as they were', () => {
    const n = 3001;
    const rows: Rows = {
      x: Array.from({ length: n }, (_, i) => 80 + (i % 40)),
      k: Array.from({ length: n }, (_, i) => 90 + (i % 25)),
      t: Array.from({ length: n }, (_, i) => 0.05 + (i % 9) / 10),
      v: Array.from({ length: n }, (_, i) => 0.1 + (i % 7) / 10),
      r: Array.from({ length: n }, () => 0.03),
      q: Array.from({ length: n }, () => 0.01),
      c: Array.from({ length: n }, (_, i) => i % 2),
    };
    const { batch, plain } = fill('bsm', 'linear', rows);
    const before = Array.from(batch.cols.strike);
    const ref = optionGreeksBatch({ ...plain, rate: 0.03 }, newOut(n));
    const out = { ...newOut(n), price: batch.out.price, vega: batch.out.vega };
    optionGreeksBatch({ ...batch.cols, rate: 0.03, strike: Float64Array.from(rows.k) } as OptionColumns, out);
    for (const g of GREEK_NAMES) same(out[g], ref[g]);
    expect(Array.from(batch.cols.strike)).toEqual(before);
  });

  it('names a bad row of an allocated column', () => {
    const b = allocateGreeksBatch(5);
    b.cols.spot?.fill(100);
    b.cols.strike.fill(100);
    b.cols.expiry.fill(1);
    b.cols.vol.fill(0.2);
    b.cols.vol[3] = Number.NaN;
    expect(() => optionGreeksBatch(b.cols as OptionColumns, b.out)).toThrow(RiskInputError);
    try {
      optionGreeksBatch(b.cols as OptionColumns, b.out);
    } catch (e) {
      expect((e as RiskInputError).path).toBe('cols.vol[3]');
    }
    // the kernel's table is restored: an ordinary batch afterwards is right
    b.cols.vol[3] = 0.2;
    optionGreeksBatch(b.cols as OptionColumns, b.out);
    expect(b.out.price[3]).toBeCloseTo(7.965567455405804, 12);
  });

  it('refuses bad sizes and options with the field named', () => {
    for (const [rows, opts, path] of [
      [-1, undefined, 'rows'],
      [1.5, undefined, 'rows'],
      [2 ** 25 + 1, undefined, 'rows'],
      [Number.NaN, undefined, 'rows'],
      [1, { model: 'sabr' }, 'options.model'],
      [1, { modle: 'bsm' }, 'options.modle'],
      [1, { model: 'bachelier', settlement: 'inverse' }, 'options.settlement'],
    ] as const) {
      try {
        allocateGreeksBatch(rows as number, opts as never);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(RiskInputError);
        expect((e as RiskInputError).path).toBe(path);
      }
    }
  });

  it('allocates an empty batch', () => {
    const b = allocateGreeksBatch(0);
    expect(b.rows).toBe(0);
    expect(optionGreeksBatch(b.cols as OptionColumns, b.out).price.length).toBe(0);
  });
});
