/**
 * The WebAssembly SIMD kernel of optionGreeksBatch / optionPriceBatch (bsm, black76) against the JS kernel (the
 * reference and fallback, itself tested against the scalar optionGreeks in batch.test.ts): every figure within
 * 1e-12 relative (plus a tiny absolute floor) on random rows and on edge rows (T = 0, vol = 0, far tails where
 * e^{−d1²/2} underflows, |d| > 5.66 where the tail rational applies, x/k outside the normal doubles, odd lengths,
 * several blocks); the same errors under both kernels; and the committed wasm bytes equal a fresh compile of the
 * AssemblyScript source.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { optionGreeks, optionGreeksBatch, optionPriceBatch, type GreeksColumns } from '../../src/greeks/index.js';
import { greeksWasm, setBatchKernel } from '../../src/greeks/kernels/wasmKernel.js';
import { WASM_BYTE_LENGTH, wasmBytes } from '../../src/greeks/wasm/greeksKernel.wasm.js';

const KEYS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho', 'vanna', 'volga', 'charm'] as const;
const outputs = (n: number): GreeksColumns =>
  Object.fromEntries(KEYS.map((k) => [k, new Float64Array(n)])) as unknown as GreeksColumns;

interface Row {
  x: number;
  k: number;
  t: number;
  v: number;
  r: number;
  q: number;
  call: boolean;
}
type Model = 'bsm' | 'black76';
interface Variant {
  model: Model;
  settlement: 'linear' | 'inverse';
  callU8: boolean;
  rateScalar: boolean;
  qScalar: boolean;
}

function columns(rows: Row[], o: Variant): Record<string, unknown> {
  const col = (f: (r: Row) => number) => Float64Array.from(rows, f);
  return {
    model: o.model,
    settlement: o.settlement,
    [o.model === 'bsm' ? 'spot' : 'forward']: col((r) => r.x),
    strike: col((r) => r.k),
    expiry: col((r) => r.t),
    vol: col((r) => r.v),
    rate: o.rateScalar ? (rows[0]?.r ?? 0) : col((r) => r.r),
    ...(o.model === 'bsm' ? { dividendYield: o.qScalar ? (rows[0]?.q ?? 0) : col((r) => r.q) } : {}),
    isCall: o.callU8
      ? Uint8Array.from(rows, (r) => (r.call ? 1 : 0))
      : Float64Array.from(rows, (r) => (r.call ? 1 : 0)),
  };
}

/** Runs fn with the JS kernel selected, then restores automatic selection. */
function withJs<T>(fn: () => T): T {
  setBatchKernel('js');
  try {
    return fn();
  } finally {
    setBatchKernel('auto');
  }
}

const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-12 * Math.abs(b) + 1e-15 * scale;

/** Both kernels over the same rows: every figure within 1e-12 relative; the thrown message if one throws. */
function compare(rows: Row[], o: Variant): void {
  const cols = columns(rows, o) as never;
  const n = rows.length;
  const run = () => {
    try {
      const g = optionGreeksBatch(cols, outputs(n));
      const p = optionPriceBatch(cols, new Float64Array(n));
      return { g, p, err: null };
    } catch (e) {
      return { g: null, p: null, err: (e as Error).message };
    }
  };
  const w = run();
  const j = withJs(run);
  expect(w.err).toBe(j.err);
  if (w.g === null || j.g === null) return;
  for (let i = 0; i < n; i++) {
    const scale = Math.max(
      1,
      Math.abs(j.g.price[i]),
      Math.abs(j.g.vega[i]),
      Math.abs(j.g.theta[i]),
      Math.abs(j.g.rho[i]),
      Math.abs(j.g.volga[i]),
    );
    for (const key of KEYS) {
      if (!close(w.g[key][i], j.g[key][i], scale))
        throw new Error(
          `${JSON.stringify(o)} row ${JSON.stringify(rows[i])}: ${key} wasm ${w.g[key][i]} js ${j.g[key][i]}`,
        );
    }
    if (!close(w.p![i], j.p![i], scale))
      throw new Error(`row ${JSON.stringify(rows[i])}: price wasm ${w.p![i]} js ${j.p![i]}`);
  }
}

const variants: Variant[] = [];
for (const model of ['bsm', 'black76'] as const) {
  for (const settlement of ['linear', 'inverse'] as const) {
    for (const callU8 of [true, false])
      variants.push({ model, settlement, callU8, rateScalar: !callU8, qScalar: callU8 });
  }
}

const rowArb = fc
  .record({
    x: fc.oneof(fc.double({ min: 1, max: 1e5, noNaN: true }), fc.double({ min: 1e-6, max: 1e9, noNaN: true })),
    m: fc.oneof(fc.double({ min: 0.3, max: 3, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true })),
    t: fc.oneof(fc.constant(0), fc.double({ min: 1e-8, max: 30, noNaN: true })),
    v: fc.oneof(fc.constant(0), fc.double({ min: 1e-4, max: 5, noNaN: true })),
    r: fc.double({ min: -0.05, max: 0.2, noNaN: true }),
    q: fc.double({ min: -0.02, max: 0.1, noNaN: true }),
    call: fc.boolean(),
  })
  .map((o): Row => ({ x: o.x, k: o.x * o.m, t: o.t, v: o.v, r: o.r, q: o.q, call: o.call }));

afterEach(() => setBatchKernel('auto'));

describe('wasm SIMD kernel', () => {
  it('is the kernel in use under Node (WebAssembly with SIMD)', () => {
    expect(greeksWasm()).not.toBeNull();
    expect(withJs(() => greeksWasm())).toBeNull();
    expect(wasmBytes()).toHaveLength(WASM_BYTE_LENGTH);
  });

  it('committed bytes equal a fresh compile of greeksKernel.as.ts', () => {
    // exits 1 (and execFileSync throws) if src/greeks/wasm/greeksKernel.wasm.ts is stale
    execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--check', 'src/greeks/wasm/greeksKernel.as.ts'], {
      stdio: 'pipe',
    });
  }, 60_000);

  for (const o of variants) {
    it(`= JS kernel on random rows: ${o.model} ${o.settlement}, isCall ${o.callU8 ? 'Uint8Array' : 'Float64Array'}, rate ${o.rateScalar ? 'number' : 'column'}`, () => {
      fc.assert(
        fc.property(fc.array(rowArb, { minLength: 1, maxLength: 37 }), (rows) => {
          compare(rows, o);
        }),
        { numRuns: 40 },
      );
    });
  }

  it('= JS kernel on edge rows (degenerate, far tails, tail rational, x/k not a normal double) across blocks', () => {
    let seed = 99;
    const u = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
    const rows: Row[] = [];
    for (let i = 0; i < 4501; i++) {
      const kind = i % 11;
      const x = 50 + 100 * u();
      const base: Row = {
        x,
        k: 50 + 100 * u(),
        t: 0.01 + 3 * u(),
        v: 0.05 + 1.45 * u(),
        r: -0.005 + 0.055 * u(),
        q: 0.03 * u(),
        call: u() < 0.5,
      };
      if (kind === 1) base.t = 0; // degenerate: scalar kernel
      if (kind === 2) base.v = 0;
      if (kind === 3) {
        base.k = x * (0.05 + 0.05 * u());
        base.t = 0.01;
        base.v = 0.2;
      } // |d| > 5.66: tail rational
      if (kind === 4) {
        base.k = x * (5 + 5 * u());
        base.t = 0.01;
        base.v = 0.2;
      }
      if (kind === 5) {
        base.t = 1e-9 * u();
        base.v = 1e-50;
      } // σ√T below 1e-100
      if (kind === 6) {
        base.v = 3 + 5 * u();
        base.t = 5;
      } // huge vol
      rows.push(base);
    }
    for (const o of variants) compare(o.model === 'bsm' ? rows : rows.map((r) => ({ ...r, q: 0 })), o);
    // e^{−d1²/2} ≤ 1e-280 (or 0) while e^{−d2²/2} is not: d2's density computed directly
    const far: Row[] = [1e-83, 1e-85].flatMap((k) =>
      [0.9, 1, 1.1, 1.3].flatMap((f) =>
        [true, false].map((call) => ({ x: 1e100, k: k * f, t: 1, v: 60, r: 0.01, q: 0.02, call })),
      ),
    );
    for (const o of variants) compare(far, o);
    // x/k overflows or is subnormal: that block takes the JS kernel
    const ratio: Row[] = [
      { x: 1e300, k: 1e-10, t: 1, v: 0.2, r: 0, q: 0, call: true },
      { x: 1e-300, k: 1e10, t: 1, v: 0.2, r: 0, q: 0, call: false },
      { x: 100, k: 100, t: 1, v: 0.2, r: 0, q: 0, call: true },
    ];
    for (const o of variants) compare(ratio, o);
    // the same inside full blocks: the JS kernel takes a 2048-row wasm block in its own 512-row blocks
    const big = rows.slice(0, 4501).map((r) => ({ ...r }));
    big[1999] = { ...ratio[0] };
    big[2500] = { ...ratio[1] };
    for (const o of variants) compare(o.model === 'bsm' ? big : big.map((r) => ({ ...r, q: 0 })), o);
  });

  it('agrees with the scalar optionGreeks on the bench distribution, odd lengths included', () => {
    for (const n of [1, 2, 3, 2047, 2048, 2049]) {
      let seed = n;
      const u = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
      const rows: Row[] = Array.from({ length: n }, () => ({
        x: 50 + 100 * u(),
        k: 50 + 100 * u(),
        t: 0.01 + 3 * u(),
        v: 0.05 + 1.45 * u(),
        r: -0.005 + 0.055 * u(),
        q: 0.03 * u(),
        call: u() < 0.5,
      }));
      const out = optionGreeksBatch(
        columns(rows, { model: 'bsm', settlement: 'linear', callU8: true, rateScalar: false, qScalar: false }) as never,
        outputs(n),
      );
      for (let i = 0; i < n; i += Math.max(1, n >> 6)) {
        const r = rows[i];
        const g = optionGreeks({
          type: r.call ? 'call' : 'put',
          spot: r.x,
          strike: r.k,
          expiry: r.t,
          vol: r.v,
          rate: r.r,
          dividendYield: r.q,
        });
        for (const key of KEYS)
          expect(
            close(out[key][i], g[key], Math.max(1, Math.abs(g.price), Math.abs(g.vega))),
            `${key} row ${i}: ${out[key][i]} vs ${g[key]}`,
          ).toBe(true);
      }
    }
  });

  it('names bad elements and overflowing rows as the JS kernel does, in any block', () => {
    const n = 5000;
    const col = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
    const base = () => ({
      spot: col(() => 100),
      strike: col((i) => 80 + (i % 40)),
      expiry: col(() => 0.5),
      vol: col(() => 0.3),
      rate: col(() => 0.01),
      dividendYield: col(() => 0.01),
      isCall: new Uint8Array(n).fill(1),
    });
    const cases: Array<[string, (c: ReturnType<typeof base> & { allowExtreme?: boolean }) => void, RegExp]> = [
      [
        'expiry',
        (c) => {
          c.expiry[4100] = -1;
        },
        /cols.expiry\[4100\] must be a finite number >= 0, got -1/,
      ],
      [
        'rate',
        (c) => {
          c.rate[2050] = NaN;
        },
        /cols.rate\[2050\] must be a finite number/,
      ],
      [
        'dividendYield',
        (c) => {
          c.dividendYield[3] = -Infinity;
        },
        /cols.dividendYield\[3\] must be a finite number/,
      ],
      [
        'isCall',
        (c) => {
          c.isCall[4999] = 2;
        },
        /cols.isCall\[4999\] must be 0 \(put\) or 1 \(call\)/,
      ],
      [
        'spot',
        (c) => {
          c.spot[2048] = 0;
        },
        /cols.spot\[2048\] must be a finite number > 0, got 0/,
      ],
      [
        'strike',
        (c) => {
          c.strike[2047] = Infinity;
        },
        /cols.strike\[2047\]/,
      ],
      [
        'overflow',
        (c) => {
          c.rate[3000] = -1;
          c.expiry[3000] = 1e6; // a likely unit slip: priced (and overflowing) only with allowExtreme
          c.allowExtreme = true;
        },
        /cols\.rate\[3000\] must be a value whose option price and Greeks are finite doubles, got -1 /,
      ],
      // two bad elements in one wasm block: the first in row order (JS blocks of 512) is named under both kernels
      [
        'first of two',
        (c) => {
          c.rate[1500] = NaN;
          c.strike[100] = -1;
        },
        /cols.strike\[100\] must be a finite number > 0, got -1/,
      ],
    ];
    for (const [, mutate, re] of cases) {
      const c = base();
      mutate(c);
      for (const kernel of ['auto', 'js'] as const) {
        setBatchKernel(kernel);
        expect(() => optionGreeksBatch(c, outputs(n))).toThrow(re);
        expect(() => optionPriceBatch(c, new Float64Array(n))).toThrow(re);
      }
    }
  });
});
