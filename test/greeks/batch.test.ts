/**
 * optionGreeksBatch / optionPriceBatch against the scalar optionGreeks (the reference kernel, itself checked
 * against mpmath), row by row, over random inputs of every model/settlement and degenerate rows; plus the
 * up-front validation naming the bad element.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { optionGreeks, optionGreeksBatch, optionPriceBatch, RiskInputError, type GreeksColumns, type OptionInput } from '../../src/greeks/index.js';

const KEYS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho', 'vanna', 'volga', 'charm'] as const;
const outputs = (n: number): GreeksColumns => Object.fromEntries(KEYS.map((k) => [k, new Float64Array(n)])) as unknown as GreeksColumns;

type Model = 'bsm' | 'black76' | 'bachelier';
interface Row { x: number; k: number; t: number; v: number; r: number; q: number; call: boolean }
const row = (model: Model) => fc.record({
  x: fc.double({ min: 1, max: 1e5, noNaN: true }),
  m: fc.double({ min: 0.3, max: 3, noNaN: true }),
  t: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 5, noNaN: true })),
  v: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 2, noNaN: true })),
  r: fc.double({ min: -0.01, max: 0.1, noNaN: true }),
  q: fc.double({ min: 0, max: 0.05, noNaN: true }),
  call: fc.boolean(),
}).map((o): Row => ({ x: o.x, k: o.x * o.m, t: o.t, v: model === 'bachelier' ? o.v * o.x : o.v, r: o.r, q: model === 'bsm' ? o.q : 0, call: o.call }));

function check(model: Model, settlement: 'linear' | 'inverse', rows: Row[]): void {
  const n = rows.length;
  const col = (f: (r: Row) => number) => Float64Array.from(rows, f);
  const cols = {
    model, settlement,
    [model === 'bsm' ? 'spot' : 'forward']: col((r) => r.x),
    strike: col((r) => r.k), expiry: col((r) => r.t), vol: col((r) => r.v), rate: col((r) => r.r),
    ...(model === 'bsm' ? { dividendYield: col((r) => r.q) } : {}),
    isCall: Uint8Array.from(rows, (r) => (r.call ? 1 : 0)),
  };
  const out = optionGreeksBatch(cols as never, outputs(n));
  const prices = optionPriceBatch(cols as never, new Float64Array(n));
  rows.forEach((r, i) => {
    const input: OptionInput = {
      model, settlement, type: r.call ? 'call' : 'put', strike: r.k, expiry: r.t, vol: r.v, rate: r.r,
      ...(model === 'bsm' ? { spot: r.x, dividendYield: r.q } : { forward: r.x }),
    };
    const g = optionGreeks(input);
    for (const k of KEYS) {
      const tol = 1e-12 * Math.abs(g[k]) + 1e-13 * (k === 'gamma' ? 1 / r.x : k === 'delta' || k === 'vanna' || k === 'charm' ? 1 : r.x) / (settlement === 'inverse' ? r.x : 1);
      if (!(Math.abs(out[k][i] - g[k]) <= tol)) throw new Error(`${model}/${settlement} row ${JSON.stringify(input)}: ${k} batch ${out[k][i]} scalar ${g[k]}`);
    }
    if (!(Math.abs(prices[i] - g.price) <= 1e-12 * g.price + 1e-13 * r.x)) throw new Error(`price batch ${prices[i]} scalar ${g.price}`);
  });
}

describe('batch = scalar reference, row by row', () => {
  for (const model of ['bsm', 'black76', 'bachelier'] as const) {
    for (const settlement of model === 'bachelier' ? (['linear'] as const) : (['linear', 'inverse'] as const)) {
      it(`${model} ${settlement}`, () => {
        fc.assert(fc.property(fc.array(row(model), { minLength: 1, maxLength: 40 }), (rows) => { check(model, settlement, rows); }), { numRuns: 60 });
      });
    }
  }
  it('scalar rate/dividendYield broadcast, Float64Array isCall, empty batch', () => {
    const out = outputs(1);
    optionGreeksBatch({ spot: Float64Array.of(100), strike: Float64Array.of(100), expiry: Float64Array.of(1), vol: Float64Array.of(0.2), rate: 0.05, dividendYield: 0.01, isCall: Float64Array.of(1) }, out);
    expect(out.price[0]).toBeCloseTo(optionGreeks({ type: 'call', spot: 100, strike: 100, expiry: 1, vol: 0.2, rate: 0.05, dividendYield: 0.01 }).price, 12);
    const empty = new Float64Array(0);
    expect(optionPriceBatch({ spot: empty, strike: empty, expiry: empty, vol: empty, isCall: empty }, empty)).toHaveLength(0);
  });
});

describe('batch validation', () => {
  const base = () => ({ spot: Float64Array.of(100, 100, 100), strike: Float64Array.of(90, 100, 110), expiry: Float64Array.of(1, 1, 1), vol: Float64Array.of(0.2, 0.2, 0.2), isCall: Uint8Array.of(1, 0, 1) });
  it('names the bad element', () => {
    const c = base();
    c.strike[2] = -5;
    expect(() => optionPriceBatch(c, new Float64Array(3))).toThrow(/cols.strike\[2\] must be a finite number > 0, got -5/);
    const d = base();
    d.vol[1] = NaN;
    expect(() => optionGreeksBatch(d, outputs(3))).toThrow(/cols.vol\[1\]/);
    const e = base();
    e.isCall[0] = 2;
    expect(() => optionPriceBatch(e, new Float64Array(3))).toThrow(/cols.isCall\[0\] must be 0 \(put\) or 1 \(call\)/);
  });
  it('checks lengths, output columns and model/settlement', () => {
    expect(() => optionPriceBatch({ ...base(), expiry: Float64Array.of(1) }, new Float64Array(3))).toThrow(/cols.expiry must be a Float64Array of length 3/);
    expect(() => optionPriceBatch(base(), new Float64Array(2))).toThrow(/out must be a Float64Array of length >= 3/);
    const o = outputs(3) as unknown as Record<string, unknown>;
    delete o.vanna;
    expect(() => optionGreeksBatch(base(), o as never)).toThrow(/out.vanna/);
    expect(() => optionPriceBatch({ ...base(), model: 'bachelier', settlement: 'inverse' } as never, new Float64Array(3))).toThrow(RiskInputError);
    expect(() => optionPriceBatch({ ...base(), model: 'black76' } as never, new Float64Array(3))).toThrow(/cols.spot must be absent/);
    expect(() => optionPriceBatch({ ...base(), spot: [100, 100, 100] } as never, new Float64Array(3))).toThrow(/cols.spot must be a Float64Array/);
  });
  it('refuses rows whose figures overflow a double, naming the row', () => {
    const c = { ...base(), rate: Float64Array.of(0, -1, 0), expiry: Float64Array.of(1, 1e6, 1) };
    expect(() => optionGreeksBatch(c, outputs(3))).toThrow(/cols\[1\] must be an option whose price and Greeks are finite/);
    expect(() => optionPriceBatch(c, new Float64Array(3))).toThrow(/cols\[1\]/);
  });
  it('does not mutate inputs', () => {
    const c = base();
    const copy = JSON.stringify(Object.entries(c).map(([k, v]) => [k, Array.from(v)]));
    optionGreeksBatch(c, outputs(3));
    expect(JSON.stringify(Object.entries(c).map(([k, v]) => [k, Array.from(v)]))).toBe(copy);
  });
});
