import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Market, Position } from '../../src/core/model.js';
import { blackOption, market } from './shared.js';
import { simulatePnL } from '../../src/montecarlo/index.js';
import { compileBook } from '../../src/montecarlo/book.js';
import { BlockEngine, engineFillNormals } from '../../src/montecarlo/kernels/blockEngine.js';
import { blackGeneralBlock } from '../../src/montecarlo/kernels/blockKernels.js';
import { blackKernel } from '../../src/montecarlo/kernels/optionKernel.js';
import { RandomStream } from '../../src/montecarlo/stream.js';
import { setKernelBackend, wasmKernels } from '../../src/montecarlo/kernels/wasmKernels.js';
import { linearBook, optionsBook } from '../../bench/workloads/mcBooks.js';

afterEach(() => setKernelBackend('auto'));

const same = (a: Float64Array, b: Float64Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

const mixed: Position[] = [
  { kind: 'spot', underlying: 'BTC', quantity: 1.5 },
  { kind: 'perp', underlying: 'ETH', quantity: -20 },
  { kind: 'perp', underlying: 'BTC', quantity: 50000, settlement: 'inverse', entryPrice: 58000 },
  { kind: 'future', underlying: 'SOL', quantity: 300, expiry: 0.25 },
  { kind: 'option', underlying: 'BTC', quantity: -2, type: 'call', strike: 65000, expiry: 0.1 },
  { kind: 'option', underlying: 'BTC', quantity: 3, type: 'put', strike: 55000, expiry: 0.3, model: 'black76' },
  { kind: 'option', underlying: 'ETH', quantity: 40, type: 'call', strike: 3200, expiry: 0.05, settlement: 'inverse' },
  {
    kind: 'option',
    underlying: 'ETH',
    quantity: -25,
    type: 'put',
    strike: 2900,
    expiry: 0.5,
    model: 'bachelier',
    vol: 1500,
  },
  { kind: 'option', underlying: 'SOL', quantity: 100, type: 'call', strike: 150, expiry: 2 / 365 },
  // deep OTM and short-dated: |d| ≥ 8 on part of the paths, so the block kernel defers these to the general one
  { kind: 'option', underlying: 'SOL', quantity: -80, type: 'put', strike: 60, expiry: 5 / 365 },
  { kind: 'option', underlying: 'BTC', quantity: 7, type: 'call', strike: 90000, expiry: 4 / 365, vol: 0.3 },
];

/** (name, positions, market, model options) of the books both kernels must agree on. */
const books: Array<[string, Position[], Market, Record<string, unknown>]> = [
  ['linear workload', linearBook().positions, linearBook().market, linearBook().model],
  ['options workload', optionsBook().positions, optionsBook().market, optionsBook().model],
  ['mixed book, 3 days', mixed, market, { horizon: 3 / 365 }],
  ['mixed book, 1 year (|log-move| > 0.5: expm1 rows deferred)', mixed, market, { horizon: 1 }],
  ['mixed book, multivariate t', mixed, market, { horizon: 3 / 365, dist: 't', dof: 4 }],
  ['mixed book, vol shocks', mixed, market, { horizon: 3 / 365, volOfVol: { BTC: 1.5, SOL: 2 } }],
  [
    'mixed book, delta-gamma-vega',
    mixed,
    market,
    { horizon: 3 / 365, volOfVol: { BTC: 1.5 }, mode: 'delta-gamma-vega' },
  ],
];

describe('wasm SIMD kernels', () => {
  it('are available in Node and in use by the block engine', () => {
    expect(wasmKernels()).not.toBeNull();
    expect(new BlockEngine(compileBook(mixed, market, { horizon: 1 / 365 })).usesWasm).toBe(true);
  });

  it('the committed wasm bytes are those of the AssemblyScript source (recompiled here)', async () => {
    const script = new URL('../../scripts/build-wasm.mjs', import.meta.url).href;
    const m = (await import(script)) as {
      compileKernel(f: string): Promise<Uint8Array>;
      generatedModule(name: string, b: Uint8Array, target: string): string;
    };
    const src = new URL('../../src/montecarlo/wasm/mcKernels.as.ts', import.meta.url);
    const target = new URL('../../src/montecarlo/wasm/mcKernels.wasm.ts', import.meta.url);
    const text = m.generatedModule('mcKernels', await m.compileKernel(src.pathname), target.pathname);
    expect(text).toBe(readFileSync(target, 'utf8'));
  }, 60_000);

  it('normals: the wasm generator gives stream.normal() draw for draw (slow paths included) and the same state', () => {
    const a = RandomStream.fromSeed(31);
    const b = RandomStream.fromSeed(31);
    const z = new Float64Array(100_000);
    engineFillNormals(a, z, 0, z.length);
    let tail = 0;
    for (let i = 0; i < z.length; i++) {
      const want = b.normal();
      if (z[i] !== want) expect(z[i]).toBe(want);
      if (Math.abs(want) > 3.6541528853610088) tail++;
    }
    expect(tail).toBeGreaterThan(10); // the tail (JavaScript slow path) was exercised
    expect(a.getState()).toEqual(b.getState());
  });

  it('normals: the wedge test runs in wasm (the JavaScript slow path is left the base strip tail) with the same draws', () => {
    const a = RandomStream.fromSeed(77);
    const b = RandomStream.fromSeed(77);
    let wasmExits = 0;
    let jsSlow = 0;
    const finishA = a.finishNormal.bind(a);
    const finishB = b.finishNormal.bind(b);
    a.finishNormal = (i, x, hi) => {
      wasmExits++;
      expect(i).toBe(0); // the tail; a wedge uniform inside the 2^-40 margin has probability < 3e-10
      return finishA(i, x, hi);
    };
    b.finishNormal = (i, x, hi) => {
      jsSlow++;
      return finishB(i, x, hi);
    };
    const z = new Float64Array(2_000_000);
    engineFillNormals(a, z, 0, z.length);
    let differ = 0;
    for (let i = 0; i < z.length; i++) if (!Object.is(z[i], b.normal())) differ++;
    expect(differ).toBe(0);
    expect(a.getState()).toEqual(b.getState());
    expect(jsSlow).toBeGreaterThan(10_000); // ~1.2% of draws leave the rectangles: wedges were decided in wasm
    expect(wasmExits).toBeGreaterThan(100);
    expect(wasmExits).toBeLessThan(jsSlow / 10);
  });

  for (const [name, ps, mk, model] of books) {
    it(`simulatePnL is bit-identical with the JavaScript reference kernels: ${name}`, () => {
      const opts = { ...model, paths: 3000, seed: 5 } as Parameters<typeof simulatePnL>[2];
      const w = simulatePnL(ps, mk, opts);
      setKernelBackend('js');
      const j = simulatePnL(ps, mk, opts);
      setKernelBackend('auto');
      expect(same(w, j)).toBe(true);
      expect(w.every(Number.isFinite)).toBe(true);
    });
  }

  it('deferred options and rows keep shard cuts bit-identical (a path does not depend on its block-mates)', () => {
    for (const horizon of [3 / 365, 1]) {
      const opts = { horizon, paths: 5000, seed: 9 };
      const full = simulatePnL(mixed, market, opts);
      for (const cuts of [
        [0, 1, 2500, 5000],
        [0, 257, 4095, 4097, 5000],
      ]) {
        const parts = new Float64Array(5000);
        for (let i = 0; i + 1 < cuts.length; i++)
          parts.set(
            simulatePnL(mixed, market, { ...opts, pathOffset: cuts[i], paths: cuts[i + 1] - cuts[i] }),
            cuts[i],
          );
        expect(same(parts, full)).toBe(true);
      }
    }
  });

  it('a second run inside onProgress does not disturb the first (the wasm memory is re-claimed)', () => {
    const opts = { horizon: 3 / 365, paths: 9000, seed: 3 };
    const want = simulatePnL(mixed, market, opts);
    const got = simulatePnL(mixed, market, {
      ...opts,
      onProgress: () =>
        void simulatePnL(linearBook().positions, linearBook().market, { ...linearBook().model, paths: 300, seed: 1 }),
    });
    expect(same(got, want)).toBe(true);
  });
});

describe('general block kernel (deferred options, vol shocks) vs the scalar blackKernel', () => {
  it('Σ over paths of qd·Black(S·cf, K, v·vm) to 1e-13 of the notional, any d (property)', () => {
    const opt = blackOption;
    fc.assert(
      fc.property(
        opt,
        fc.array(fc.double({ min: 1, max: 1e5, noNaN: true }), { minLength: 1, maxLength: 9 }),
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        (o, spots, m) => {
          const c = {
            start: Int32Array.from([0, 1]),
            lnCK: Float64Array.of(Math.log(o.cf) - Math.log(o.K)),
            invV: Float64Array.of(1 / o.v),
            halfV: Float64Array.of(0.5 * o.v),
            v: Float64Array.of(o.v),
            w: Float64Array.of(o.call ? 1 : -1),
            wQdCF: Float64Array.of((o.call ? 1 : -1) * o.qd * o.cf),
            wQdK: Float64Array.of((o.call ? 1 : -1) * o.qd * o.K),
            cfInvK: Float64Array.of(o.cf / o.K),
          };
          const k = spots.length;
          const H = new Float64Array(3 * k);
          spots.forEach((s, p) => {
            H[p] = s;
            H[k + p] = Math.log(s);
          });
          const vm = new Float64Array(k).fill(m);
          blackGeneralBlock(c, 0, H, 0, k, vm, 0, k, 2 * k);
          spots.forEach((s, p) => {
            const F = s * o.cf;
            const want = o.qd * blackKernel(F, o.K, 1 / o.K, Math.log(F / o.K), o.v * m, o.call);
            expect(Math.abs(H[2 * k + p] - want)).toBeLessThanOrEqual(1e-13 * Math.abs(o.qd) * (F + o.K) + 1e-300);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
