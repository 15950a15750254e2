/**
 * The batch functions refuse unit slips as the single-option functions do (`PLAUSIBLE` of src/core/validate.ts: a
 * lognormal vol above 5, an expiry above 10 years, a rate or dividend yield above 1 in magnitude), naming the element
 * (`cols.vol[17]`) with the single function's expectation and hint, on both kernels, for ordinary and allocated
 * (in-place) columns, at the block edges of the kernels (512 rows JS, 2048 wasm); `allowExtreme: true` on the
 * columns lifts the bounds and leaves every other figure unchanged, bit for bit. The property: a random batch is
 * refused exactly when some row's optionGreeks call is refused, at the first such row with the same message, and
 * otherwise gives optionGreeks' figures row by row.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  allocateGreeksBatch,
  optionGreeks,
  optionGreeksBatch,
  optionPriceBatch,
  RiskInputError,
  type GreeksColumns,
  type OptionColumns,
  type OptionGreeks,
  type OptionInput,
} from '../../src/greeks/index.js';
import { setBatchKernel } from '../../src/greeks/kernels/wasmKernel.js';

const KEYS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho', 'vanna', 'volga', 'charm'] as const;
const outputs = (n: number): GreeksColumns =>
  Object.fromEntries(KEYS.map((k) => [k, new Float64Array(n)])) as unknown as GreeksColumns;
const KERNELS = ['auto', 'js'] as const;
type Model = 'bsm' | 'black76' | 'bachelier';

afterEach(() => setBatchKernel('auto'));

/** The error `f` throws (fails the test when it returns). */
function thrown(f: () => unknown): RiskInputError {
  try {
    f();
  } catch (e) {
    if (e instanceof RiskInputError) return e;
    throw e;
  }
  throw new Error('expected a RiskInputError, the call returned');
}

/** The single function's error for `field` of one option, with its path renamed to the batch's `path`. */
function singleError(input: OptionInput, field: string, path: string): { message: string; expected: string } {
  const e = thrown(() => optionGreeks(input));
  expect(e.path).toBe(`input.${field}`);
  return { message: e.message.replace(`input.${field}`, path), expected: e.expected };
}

/** n rows of one model, all plausible (vol ≤ 1.5, expiry ≤ 3, |rate| ≤ 0.05, yield ≤ 0.03). */
function batch(model: Model, n: number): OptionColumns & Record<string, unknown> {
  const col = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  const base = {
    model,
    strike: col((i) => (model === 'bachelier' ? 0.9 + (i % 7) * 0.03 : 80 + (i % 41))),
    expiry: col((i) => 0.05 + (i % 13) * 0.2),
    vol: col((i) => (model === 'bachelier' ? 0.1 + (i % 5) * 0.05 : 0.05 + (i % 11) * 0.13)),
    rate: col((i) => -0.005 + (i % 9) * 0.006),
    isCall: Uint8Array.from({ length: n }, (_, i) => i & 1),
  };
  if (model === 'bsm') return { ...base, spot: col(() => 100), dividendYield: col((i) => (i % 4) * 0.01) };
  return { ...base, forward: col(() => (model === 'bachelier' ? 1 : 100)) };
}

/** Row i of a batch as an optionGreeks input. */
function rowInput(c: Record<string, unknown>, i: number, allowExtreme?: boolean): OptionInput {
  const at = (k: string) => {
    const v = c[k];
    return v instanceof Float64Array ? v[i] : (v as number | undefined);
  };
  const model = (c.model ?? 'bsm') as Model;
  return {
    model,
    ...(c.settlement === undefined ? {} : { settlement: c.settlement as 'linear' | 'inverse' }),
    type: (c.isCall as Uint8Array)[i] === 1 ? 'call' : 'put',
    ...(model === 'bsm' ? { spot: at('spot'), dividendYield: at('dividendYield') ?? 0 } : { forward: at('forward') }),
    strike: at('strike') as number,
    expiry: at('expiry') as number,
    vol: at('vol') as number,
    rate: at('rate') ?? 0,
    ...(allowExtreme === undefined ? {} : { allowExtreme }),
  };
}

const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/** The implausible value of each column, and whether the model bounds it. */
const SLIPS: Array<[string, number, (m: Model) => boolean]> = [
  ['expiry', 20, () => true],
  ['vol', 6, (m) => m !== 'bachelier'],
  ['rate', 2, () => true],
  ['rate', -1.5, () => true],
  ['dividendYield', 1.2, (m) => m === 'bsm'],
  ['dividendYield', -3, (m) => m === 'bsm'],
];
const N = 4099;
const EDGES = [0, 511, 512, 2047, 2048, 4098];

describe('unit slips refused at their element, with the single function message (4,099 rows, block edges)', () => {
  for (const model of ['bsm', 'black76', 'bachelier'] as const) {
    for (const kernel of KERNELS) {
      it(`${model}, ${kernel} kernel`, () => {
        setBatchKernel(kernel);
        const base = batch(model, N);
        const want = outputs(N);
        optionGreeksBatch(base, want);
        for (const [name, value, bounded] of SLIPS) {
          if (!(bounded(model) || name === 'vol')) continue;
          for (const i of EDGES) {
            const col = (base[name] as Float64Array).slice();
            col[i] = value;
            const c = { ...base, [name]: col };
            const path = `cols.${name}[${i}]`;
            if (!bounded(model)) {
              // bachelier vols are absolute: no unit-slip bound, as optionGreeks
              const out = optionGreeksBatch(c, outputs(N));
              const g = optionGreeks(rowInput(c, i));
              expect(out.price[i]).toBeCloseTo(g.price, 12);
              continue;
            }
            const single = singleError(rowInput(c, i), name, path);
            for (const call of [
              () => optionGreeksBatch(c, outputs(N)),
              () => optionPriceBatch(c, new Float64Array(N)),
            ]) {
              const e = thrown(call);
              expect([e.path, e.message, e.expected, e.value]).toEqual([path, single.message, single.expected, value]);
            }
            // the opt-out: the row is priced as optionGreeks prices it with allowExtreme, the others unchanged
            const out = optionGreeksBatch({ ...c, allowExtreme: true }, outputs(N));
            const g = optionGreeks(rowInput(c, i, true));
            for (const k of KEYS) {
              expect(Math.abs(out[k][i] - g[k])).toBeLessThanOrEqual(1e-12 * Math.abs(g[k]) + 1e-12);
              const others = (a: Float64Array) => [...a.subarray(0, i), ...a.subarray(i + 1)];
              expect(others(out[k])).toEqual(others(want[k]));
            }
          }
        }
      }, 60_000);
    }
  }

  it('the bounds themselves are accepted: vol 5, expiry 10, rate ±1, dividendYield 1', () => {
    for (const kernel of KERNELS) {
      setBatchKernel(kernel);
      const c = batch('bsm', 3);
      c.vol[1] = 5;
      c.expiry[1] = 10;
      (c.rate as Float64Array)[0] = 1;
      (c.rate as Float64Array)[2] = -1;
      (c.dividendYield as Float64Array)[2] = 1;
      const out = optionGreeksBatch(c, outputs(3));
      for (let i = 0; i < 3; i++) expect(out.price[i]).toBeCloseTo(optionGreeks(rowInput(c, i)).price, 10);
      // the next double above a bound is refused
      const v = c.vol.slice();
      v[2] = 5 + 2 ** -50;
      expect(thrown(() => optionPriceBatch({ ...c, vol: v }, new Float64Array(3))).path).toBe('cols.vol[2]');
    }
  });

  it('a rate or dividend yield given as one number is checked once, named cols.rate / cols.dividendYield', () => {
    for (const kernel of KERNELS) {
      setBatchKernel(kernel);
      for (const [name, value] of [
        ['rate', 2],
        ['rate', -1.01],
        ['dividendYield', 5],
      ] as const) {
        const c = { ...batch('bsm', 5), [name]: value };
        const single = singleError(rowInput(c, 0), name, `cols.${name}`);
        const e = thrown(() => optionGreeksBatch(c, outputs(5)));
        expect([e.path, e.message]).toEqual([`cols.${name}`, single.message]);
        expect(thrown(() => optionPriceBatch(c, new Float64Array(5))).message).toBe(single.message);
        const out = optionGreeksBatch({ ...c, allowExtreme: true }, outputs(5));
        expect(out.price[3]).toBeCloseTo(optionGreeks(rowInput(c, 3, true)).price, 10);
      }
    }
  });

  it('allowExtreme must be a boolean; allowExtreme false is the default', () => {
    const c = batch('black76', 3);
    expect(thrown(() => optionPriceBatch({ ...c, allowExtreme: 1 } as never, new Float64Array(3))).path).toBe(
      'cols.allowExtreme',
    );
    expect(thrown(() => optionPriceBatch({ ...c, allowextreme: true } as never, new Float64Array(3))).message).toMatch(
      /cols.allowextreme is not a field; did you mean allowExtreme\?/,
    );
    c.expiry[1] = 11;
    expect(thrown(() => optionPriceBatch({ ...c, allowExtreme: false }, new Float64Array(3))).path).toBe(
      'cols.expiry[1]',
    );
  });

  it('normal rows: the same bits with and without allowExtreme, on both kernels, greeks and prices', () => {
    for (const model of ['bsm', 'black76', 'bachelier'] as const) {
      for (const settlement of model === 'bachelier' ? (['linear'] as const) : (['linear', 'inverse'] as const)) {
        for (const kernel of KERNELS) {
          setBatchKernel(kernel);
          const c = { ...batch(model, 2 * 2048 + 5), settlement };
          const a = optionGreeksBatch(c, outputs(c.strike.length));
          const b = optionGreeksBatch({ ...c, allowExtreme: true }, outputs(c.strike.length));
          for (const k of KEYS) expect(same(a[k], b[k])).toBe(true);
          const p = optionPriceBatch(c, new Float64Array(c.strike.length));
          const q = optionPriceBatch({ ...c, allowExtreme: true }, new Float64Array(c.strike.length));
          expect(same(p, q)).toBe(true);
        }
      }
    }
  });
});

describe('allocated columns (in place)', () => {
  for (const model of ['bsm', 'black76'] as const) {
    it(`${model}: a slip is refused at its element; allowExtreme on batch.cols prices it, in place`, () => {
      const src = batch(model, N);
      const b = allocateGreeksBatch(N, { model });
      const cols = b.cols as unknown as Record<string, Float64Array | Uint8Array>;
      for (const [k, v] of Object.entries(src)) if (typeof v === 'object') cols[k].set(v as Float64Array);
      expect(b.inPlace).toBe(true);
      const want = outputs(N);
      optionGreeksBatch(src, want);
      optionGreeksBatch(b.cols, b.out);
      for (const k of KEYS) expect(same(b.out[k], want[k])).toBe(true);
      for (const [name, value, bounded] of SLIPS) {
        if (!bounded(model)) continue;
        for (const i of [2047, 2048, 4098]) {
          const col = cols[name] as Float64Array;
          const old = col[i];
          col[i] = value;
          const path = `cols.${name}[${i}]`;
          const single = singleError(rowInput(b.cols as never, i), name, path);
          expect(thrown(() => optionGreeksBatch(b.cols, b.out)).message).toBe(single.message);
          expect(thrown(() => optionPriceBatch(b.cols, b.out.price)).message).toBe(single.message);
          b.cols.allowExtreme = true;
          optionGreeksBatch(b.cols, b.out);
          b.cols.allowExtreme = false;
          const g = optionGreeks(rowInput(b.cols as never, i, true));
          expect(b.out.price[i]).toBeCloseTo(g.price, 10);
          col[i] = old;
        }
      }
    }, 60_000);
  }
});

/** A value of each field: mostly plausible, sometimes a slip or a bound, rarely outside the domain. */
const field = (plausible: fc.Arbitrary<number>, slips: number[], junk: number[]) =>
  fc.oneof(
    { weight: 12, arbitrary: plausible },
    { weight: 2, arbitrary: fc.constantFrom(...slips) },
    ...(junk.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...junk) }] : []),
  );

const batchArb = fc
  .record({
    model: fc.constantFrom<Model>('bsm', 'black76', 'bachelier'),
    inverse: fc.boolean(),
    allowExtreme: fc.constantFrom(undefined, false, true),
    rateScalar: fc.option(field(fc.double({ min: -0.05, max: 0.1, noNaN: true }), [1, -1, 1.5, -2], []), {
      nil: undefined,
      freq: 3,
    }),
    qScalar: fc.option(field(fc.double({ min: 0, max: 0.05, noNaN: true }), [1, 1.01, -3], []), {
      nil: undefined,
      freq: 3,
    }),
    rows: fc.array(
      fc.record({
        x: field(fc.double({ min: 1, max: 1e4, noNaN: true }), [0.5], [0, -1, Number.NaN]),
        m: fc.double({ min: 0.5, max: 2, noNaN: true }),
        k: fc.constantFrom(0, 0, 0, 0, 0, 0, 0, -1, Number.NaN),
        t: field(fc.double({ min: 0, max: 3, noNaN: true }), [10, 10.5, 20, 30], [-1, Infinity]),
        v: field(fc.double({ min: 0, max: 1.5, noNaN: true }), [5, 5.5, 6, 8], [-0.1, Number.NaN]),
        r: field(fc.double({ min: -0.05, max: 0.1, noNaN: true }), [1, -1, 1.01, -1.5, 2], [Infinity]),
        q: field(fc.double({ min: 0, max: 0.05, noNaN: true }), [1, 1.2, -2], [Number.NaN]),
        call: fc.boolean(),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  })
  .map((b) => {
    const n = b.rows.length;
    const col = (f: (r: (typeof b.rows)[number]) => number) => Float64Array.from(b.rows, f);
    const lognormal = b.model !== 'bachelier';
    const c: Record<string, unknown> = {
      model: b.model,
      ...(lognormal && b.inverse ? { settlement: 'inverse' } : {}),
      [b.model === 'bsm' ? 'spot' : 'forward']: col((r) => r.x),
      // strike: x·m, or junk (k ≠ 0)
      strike: col((r) => (r.k === 0 ? r.x * r.m : r.k)),
      expiry: col((r) => r.t),
      // bachelier: absolute vols (the lognormal ones times the forward), unbounded
      vol: col((r) => (lognormal ? r.v : r.v * Math.abs(r.x))),
      rate: b.rateScalar ?? col((r) => r.r),
      isCall: Uint8Array.from(b.rows, (r) => (r.call ? 1 : 0)),
      ...(b.allowExtreme === undefined ? {} : { allowExtreme: b.allowExtreme }),
    };
    if (b.model === 'bsm') c.dividendYield = b.qScalar ?? col((r) => r.q);
    return { c, n };
  });

describe('property: the batch refuses exactly where optionGreeks refuses, else gives its figures', () => {
  for (const kernel of KERNELS) {
    it(`${kernel} kernel, optionGreeksBatch and optionPriceBatch`, () => {
      setBatchKernel(kernel);
      let refused = 0;
      let priced = 0;
      fc.assert(
        fc.property(batchArb, ({ c, n }) => {
          const extreme = c.allowExtreme as boolean | undefined;
          // the single function's outcome, row by row
          const singles = Array.from({ length: n }, (_, i) => {
            const input = rowInput(c, i, extreme);
            try {
              return { g: optionGreeks(input), input };
            } catch (e) {
              if (!(e instanceof RiskInputError)) throw e;
              return { e, input };
            }
          });
          // a one-number rate or yield is checked before any row, named without an index
          let want: { path: string; message: string } | null = null;
          for (const name of ['rate', 'dividendYield']) {
            const v = c[name];
            if (want === null && typeof v === 'number') {
              const s = singles.find((x) => x.e?.path === `input.${name}`);
              if (!extreme && Math.abs(v) > 1) {
                const e = thrown(() =>
                  optionGreeks({ type: 'call', spot: 1, strike: 1, expiry: 1, vol: 0.1, [name]: v }),
                );
                want = { path: `cols.${name}`, message: e.message.replace(`input.${name}`, `cols.${name}`) };
              } else expect(s).toBeUndefined();
            }
          }
          if (want === null) {
            const i = singles.findIndex((x) => x.e !== undefined);
            if (i >= 0) {
              const e = singles[i].e as RiskInputError;
              const name = e.path.slice('input.'.length);
              want = { path: `cols.${name}[${i}]`, message: e.message.replace(e.path, `cols.${name}[${i}]`) };
            }
          }
          const out = outputs(n);
          const prices = new Float64Array(n);
          if (want !== null) {
            refused++;
            for (const call of [() => optionGreeksBatch(c as never, out), () => optionPriceBatch(c as never, prices)]) {
              const e = thrown(call);
              expect({ path: e.path, message: e.message }).toEqual(want);
            }
            return;
          }
          priced++;
          optionGreeksBatch(c as never, out);
          optionPriceBatch(c as never, prices);
          singles.forEach(({ g, input }, i) => {
            const x = (input.spot ?? input.forward) as number;
            const scale = input.settlement === 'inverse' ? Math.abs(x) : 1;
            for (const k of KEYS) {
              const want = (g as OptionGreeks)[k];
              const tol =
                1e-12 * Math.abs(want) +
                (1e-13 *
                  (k === 'gamma'
                    ? 1 / Math.abs(x)
                    : k === 'delta' || k === 'vanna' || k === 'charm'
                      ? 1
                      : Math.abs(x))) /
                  scale +
                1e-300;
              if (!(Math.abs(out[k][i] - want) <= tol))
                throw new Error(`row ${i} ${JSON.stringify(input)}: ${k} batch ${out[k][i]} single ${want}`);
            }
            expect(Math.abs(prices[i] - out.price[i])).toBeLessThanOrEqual(1e-12 * Math.abs(out.price[i]) + 1e-300);
          });
        }),
        { numRuns: 400, seed: 20261207 },
      );
      // both outcomes are exercised
      expect(refused).toBeGreaterThan(50);
      expect(priced).toBeGreaterThan(50);
    }, 60_000);
  }
});

describe('a row whose figures overflow is named as optionGreeks names it', () => {
  const ok = { spot: 100, strike: 100, expiry: 1, vol: 0.2, rate: 0.01, dividendYield: 0 };
  const cases: Array<[string, Partial<typeof ok>]> = [
    ['strike 1e-300 against spot 1e300 (vanna)', { spot: 1e300, strike: 1e-300 }],
    ['vol 1e200', { vol: 1e200 }],
    ['rate -800', { rate: -800 }],
    ['dividend yield -1e306', { dividendYield: -1e306, expiry: 5 }],
  ];
  for (const kernel of KERNELS)
    it.each(cases)(`%s, at row 2 (${kernel} kernel)`, (_, patch) => {
      setBatchKernel(kernel);
      const rows = [ok, ok, { ...ok, ...patch }];
      const col = (k: keyof typeof ok) => Float64Array.from(rows, (r) => r[k]);
      const cols: OptionColumns = {
        spot: col('spot'),
        strike: col('strike'),
        expiry: col('expiry'),
        vol: col('vol'),
        rate: col('rate'),
        dividendYield: col('dividendYield'),
        isCall: Uint8Array.of(1, 1, 1),
        allowExtreme: true,
      };
      const single = thrown(() => optionGreeks({ type: 'call', ...rows[2], allowExtreme: true } as OptionInput));
      const field = single.path.replace(/^input\./, '');
      const batch = thrown(() => optionGreeksBatch(cols, outputs(3)));
      expect(batch.path).toBe(`cols.${field}[2]`);
      // the same field, value and expectation (which figure overflows first may differ: the kernels' intermediates)
      const head = (m: string) => m.replace(/ \(\w+ overflows\)$/, '');
      expect(head(batch.message)).toBe(head(single.message.replace(single.path, batch.path)));
      expect(batch.message).toMatch(/\(\w+ overflows\)$/);
      // the price alone may be finite where a Greek overflows; when it overflows, it is named alike
      let price: unknown = null;
      try {
        optionPriceBatch(cols, new Float64Array(3));
      } catch (e) {
        price = e;
      }
      if (single.message.endsWith('(price overflows)')) expect((price as RiskInputError).path).toBe(`cols.${field}[2]`);
      else if (price !== null) expect((price as RiskInputError).path).toBe(`cols.${field}[2]`);
    });
  it('a rate given as one number is named without a row', () => {
    const n = 2;
    const cols: OptionColumns = {
      spot: Float64Array.of(100, 100),
      strike: Float64Array.of(100, 100),
      expiry: Float64Array.of(1, 5),
      vol: Float64Array.of(0.2, 0.2),
      rate: 1e306,
      isCall: Uint8Array.of(1, 1),
      allowExtreme: true,
    };
    const e = thrown(() => optionGreeksBatch(cols, outputs(n)));
    expect(e.path).toBe('cols.rate');
    expect(e.message).toMatch(/got 1e\+306 \(\w+ overflows\)/);
  });
});
