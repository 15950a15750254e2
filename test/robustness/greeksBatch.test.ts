/**
 * Robustness of the column-wise batch pricing of `riskcore/greeks` (optionPriceBatch, optionGreeksBatch), on both
 * kernels (WebAssembly SIMD, the default where it runs, and the JavaScript one). The house suite replaces every
 * field of `cols` and `out` (whole columns, scalars, model and settlement) with junk; since a typed array cannot hold
 * junk, it turns a column with a junk element into a plain array (refused as such, naming the column). The element
 * sweep below puts every numeric junk value into every element of every column, the column staying a typed array of
 * its type: a value outside the column's domain, or beyond the unit-slip bounds of optionPrice without
 * `allowExtreme` (lognormal vol > 5, expiry > 10, |rate|, |yield| > 1), is refused naming that column and row
 * (`cols.strike[3]`); any other gives finite figures in every output column, or is refused at the element or, when
 * only the row's figures overflow a double, at the field of that row optionGreeks names (`cols.expiry[3]`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../../src/core/errors.js';
import * as mod from '../../src/greeks/index.js';
import { setBatchKernel } from '../../src/greeks/kernels/wasmKernel.js';
import { dbl } from './arbs.js';
import { GREEKS_BATCH_EXPORTS as NAMES } from './greeksBatchNames.js';
import { clone, deepFreeze, firstSample, type Fn, nonFinite, type Spec } from './harness.js';
import { robustnessSuite } from './suite.js';

const mine = Object.fromEntries(NAMES.map((n) => [n, mod[n]])) as Record<string, unknown>;
const GREEKS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho', 'vanna', 'volga', 'charm'] as const;

type Row = { x: number; strike: number; expiry: number; vol: number; rate: number; q: number; call: boolean };
/** The ranges of each model (bachelier: absolute vols, forwards and strikes of either sign). */
const row = (lognormal: boolean) =>
  fc.record({
    x: lognormal ? dbl(50, 150) : dbl(-1, 2),
    strike: lognormal ? dbl(50, 150) : dbl(-1, 2),
    expiry: dbl(0, 2),
    vol: lognormal ? dbl(0, 1) : dbl(0, 0.5),
    rate: dbl(-0.02, 0.1),
    q: dbl(0, 0.05),
    call: fc.boolean(),
  });
const kind = fc.constantFrom('bsm', 'black76-linear', 'black76-inverse', 'bachelier');

/**
 * Valid columns: one model per batch, `rate` (and the bsm `dividendYield`) a column or one number, `allowExtreme`
 * absent, false or true.
 */
const cols = fc
  .tuple(kind, fc.boolean(), fc.boolean(), fc.boolean(), fc.constantFrom(undefined, false, true))
  .chain(([k, rateCol, qCol, uint8, allowExtreme]) =>
    fc.array(row(k !== 'bachelier'), { minLength: 3, maxLength: 12 }).map((rows: Row[]) => {
      const col = (f: (r: Row) => number) => Float64Array.from(rows, f);
      const flag = (r: Row) => (r.call ? 1 : 0);
      const isCall = uint8 ? Uint8Array.from(rows, flag) : Float64Array.from(rows, flag);
      const rate = rateCol ? col((r) => r.rate) : rows[0].rate;
      const base = {
        strike: col((r) => r.strike),
        expiry: col((r) => r.expiry),
        vol: col((r) => r.vol),
        isCall,
        ...(allowExtreme === undefined ? {} : { allowExtreme }),
      };
      if (k === 'bsm')
        return { spot: col((r) => r.x), ...base, rate, dividendYield: qCol ? col((r) => r.q) : rows[0].q };
      if (k === 'bachelier') return { model: 'bachelier', forward: col((r) => r.x), ...base, rate };
      return { model: 'black76', settlement: k.slice(8), forward: col((r) => r.x), ...base, rate };
    }),
  );
const greeksOut = (n: number) => Object.fromEntries(GREEKS.map((g) => [g, new Float64Array(n)]));
const rowsOf = (c: { strike: Float64Array }) => c.strike.length;

/** A fresh copy of `out` per call (out is written by design); junk passes through unchanged. */
const freshOut = (out: unknown): unknown => {
  if (out instanceof Float64Array) return out.slice();
  if (out !== null && typeof out === 'object' && !Array.isArray(out) && Object.getPrototypeOf(out) === Object.prototype)
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v instanceof Float64Array ? v.slice() : v]));
  return out;
};

// dropping or replacing the model of a black76/bachelier batch leaves a forward that bsm refuses (reported there)
const accept = (site: string, p: string) => site === '0.model' && /^cols\.forward$/.test(p);

const specs: Spec[] = [
  {
    name: 'optionPriceBatch',
    names: ['cols', 'out'],
    args: cols.map((c) => [c, new Float64Array(rowsOf(c))]),
    call: (fn: Fn, [c, out]) => fn(c, freshOut(out)),
    accept,
  },
  {
    name: 'optionGreeksBatch',
    names: ['cols', 'out'],
    args: cols.map((c) => [c, greeksOut(rowsOf(c))]),
    call: (fn: Fn, [c, out]) => fn(c, freshOut(out)),
    accept,
  },
];

/** `f` with the batch functions on the JavaScript kernel. */
function onJs<T>(f: () => T): T {
  setBatchKernel('js');
  try {
    return f();
  } finally {
    setBatchKernel('auto');
  }
}

robustnessSuite('riskcore/greeks (batch pricing, WebAssembly kernel)', mine, specs);
robustnessSuite(
  'riskcore/greeks (batch pricing, JavaScript kernel)',
  mine,
  specs.map((s) => ({ ...s, call: (fn: Fn, args: unknown[]) => onJs(() => s.call?.(fn, args)) })),
);

/**
 * A row whose figures overflow only jointly is reported, as optionGreeks reports it, at the field of that row most
 * responsible (`cols.expiry[i]`), or at a rate or dividend yield given as one number.
 */
const overflowAt = (path: string, i: number) =>
  new RegExp(`^cols\\.\\w+\\[${i}\\]$`).test(path) || /^cols\.(rate|dividendYield)$/.test(path);

const NUMERIC_JUNK = [Number.NaN, Infinity, -Infinity, -1, 0, 1e308, -1e308, 0.5, 2.5, 1e-320, -1e-320, -0];

/**
 * Whether `v` is in the documented domain of column `key` (OptionColumns): spot, forward and strike > 0 (bachelier
 * forward and strike: any finite), expiry and vol ≥ 0, rate and dividendYield finite, isCall 0 or 1; and, unless
 * `extreme` (allowExtreme), within the unit-slip bounds of optionPrice: expiry ≤ 10, lognormal vol ≤ 5, |rate| and
 * |dividendYield| ≤ 1.
 */
function inDomain(key: string, v: number, bachelier: boolean, extreme: boolean): boolean {
  if (!Number.isFinite(v)) return false;
  if (key === 'isCall') return v === 0 || v === 1;
  if (key === 'spot' || key === 'forward' || key === 'strike') return bachelier || v > 0;
  if (key === 'expiry') return v >= 0 && (extreme || v <= 10);
  if (key === 'vol') return v >= 0 && (extreme || bachelier || v <= 5);
  return extreme || Math.abs(v) <= 1;
}

/**
 * Every numeric junk in every element of every column of `c` (kept a typed array of its type): a value outside the
 * column's domain must be refused at that element (`cols.strike[3]`); one inside it gives finite figures or is
 * refused at the element or at another field of the row (`cols.expiry[3]`, figures that overflow a double). `rows`: the rows to spoil
 * (default: all). The failures, as `column[row] := junk → what happened`.
 */
function elementSweep(fn: Fn, c: Record<string, unknown>, makeOut: () => unknown, rows?: number[]): string[] {
  const failures: string[] = [];
  const bachelier = c.model === 'bachelier';
  for (const [key, column] of Object.entries(c)) {
    if (!(column instanceof Float64Array || column instanceof Uint8Array)) continue;
    for (const i of rows ?? column.keys()) {
      for (const junk of NUMERIC_JUNK) {
        const copy = { ...c, [key]: column.slice() };
        (copy[key] as Float64Array)[i] = junk;
        const stored = (copy[key] as Float64Array)[i];
        const at = `${key}[${i}] := ${Object.is(junk, -0) ? '-0' : junk}${Object.is(stored, junk) || Number.isNaN(junk) ? '' : ` (stored ${stored})`}`;
        const refuse = !inDomain(key, stored, bachelier, c.allowExtreme === true);
        try {
          const out = fn(copy, makeOut());
          const bad = nonFinite(out);
          if (refuse) failures.push(`${at} → accepted, outside the column's domain`);
          else if (bad) failures.push(`${at} → non-finite ${bad}`);
        } catch (e) {
          if (!(e instanceof RiskInputError)) failures.push(`${at} → ${(e as Error)?.name}: ${(e as Error)?.message}`);
          else if (e.path !== `cols.${key}[${i}]` && (refuse || !overflowAt(e.path, i)))
            failures.push(`${at} → RiskInputError at '${e.path}', not at cols.${key}[${i}]: ${e.message}`);
        }
        if (failures.length > 20) return failures;
      }
    }
  }
  return failures;
}

describe('batch pricing: numeric junk inside the typed columns', () => {
  const samples = fc.sample(cols, { numRuns: 12, seed: 7 });
  const kinds = new Set(samples.map((c) => `${(c as { model?: string }).model ?? 'bsm'}`));
  it('the samples cover every model, and allowExtreme absent, false and true', () => {
    expect([...kinds].sort()).toEqual(['bachelier', 'black76', 'bsm']);
    const extreme = new Set(samples.map((c) => String((c as { allowExtreme?: boolean }).allowExtreme)));
    expect([...extreme].sort()).toEqual(['false', 'true', 'undefined']);
  });
  for (const kernel of ['wasm', 'js'] as const) {
    const run = <T>(f: () => T) => (kernel === 'js' ? onJs(f) : f());
    it(`${kernel} kernel, optionPriceBatch: finite prices or a RiskInputError naming the column and row`, () => {
      const failures = samples.flatMap((c) =>
        run(() => elementSweep(mod.optionPriceBatch as Fn, c, () => new Float64Array(rowsOf(c)))),
      );
      expect(failures).toEqual([]);
    });
    it(`${kernel} kernel, optionGreeksBatch: finite figures or a RiskInputError naming the column and row`, () => {
      const failures = samples.flatMap((c) =>
        run(() => elementSweep(mod.optionGreeksBatch as Fn, c, () => greeksOut(rowsOf(c)))),
      );
      expect(failures).toEqual([]);
    });
  }
});

describe('batch pricing: numeric junk at the block edges of a long batch', () => {
  // the kernels validate block by block (512 rows on the JS kernel, 2048 on the WebAssembly one) and search a bad
  // block again to name its row: junk on both sides of each edge, in the last (partial) block and in row 0
  const n = 2 * 2048 + 3;
  const edges = [0, 511, 512, 2047, 2048, 4095, 4096, n - 1];
  const long = (k: string) =>
    firstSample(
      fc.array(row(k !== 'bachelier'), { minLength: n, maxLength: n }).map((rows: Row[]) => {
        const col = (f: (r: Row) => number) => Float64Array.from(rows, f);
        const base = {
          strike: col((r) => r.strike),
          expiry: col((r) => r.expiry),
          vol: col((r) => r.vol),
          rate: col((r) => r.rate),
          isCall: Uint8Array.from(rows, (r) => (r.call ? 1 : 0)),
        };
        return k === 'bsm'
          ? { spot: col((r) => r.x), ...base, dividendYield: col((r) => r.q) }
          : { model: k, forward: col((r) => r.x), ...base };
      }),
    ) as Record<string, unknown>;
  for (const k of ['bsm', 'bachelier']) {
    const c = long(k);
    for (const kernel of ['wasm', 'js'] as const) {
      const run = <T>(f: () => T) => (kernel === 'js' ? onJs(f) : f());
      it(`${k}, ${kernel} kernel: finite figures or a RiskInputError naming the column and row`, () => {
        const price = run(() => elementSweep(mod.optionPriceBatch as Fn, c, () => new Float64Array(n), edges));
        const greeks = run(() => elementSweep(mod.optionGreeksBatch as Fn, c, () => greeksOut(n), edges));
        expect([...price, ...greeks]).toEqual([]);
      }, 60_000);
    }
  }
});

describe('batch pricing: inputs left as they were', () => {
  it('deep-frozen column objects, columns unchanged, on both kernels', () => {
    const c = firstSample(cols);
    const before = clone(c);
    for (const run of [<T>(f: () => T) => f(), onJs]) {
      const frozen = deepFreeze(clone(c));
      run(() => mod.optionPriceBatch(frozen as never, new Float64Array(rowsOf(c))));
      run(() => mod.optionGreeksBatch(frozen as never, greeksOut(rowsOf(c)) as never));
      expect(frozen).toStrictEqual(before);
    }
  });
});
