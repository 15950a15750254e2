/**
 * Guarded by bench/workloads/greeks.ts ("exact", "price only") and batchWasm.test.ts (equal to the JS kernel).
 *
 * The WebAssembly SIMD (f64x2) kernel of the lognormal batch (`../wasm/greeksKernel.as.ts`, compiled by
 * `scripts/build-wasm.mjs` into `../wasm/greeksKernel.wasm.ts`), instantiated synchronously on first use from the
 * embedded bytes. Where WebAssembly or its SIMD proposal is missing, or synchronous compilation is refused (Chrome's
 * main thread refuses modules over 4 KB; this one is ≈ 8 KB), {@link greeksWasm} returns null and the batch
 * functions use the JS kernel of `jsBatch.ts`, which computes the same figures (tested equal within 1e-12 relative).
 *
 * Internal: not exported from the module index.
 */
import { wasmBytes } from '../wasm/greeksKernel.wasm.js';

/** Column indices of the kernel's memory, as in greeksKernel.as.ts. */
export const COL = { X: 0, K: 1, T: 2, V: 3, R: 4, Q: 5, C: 6, C8: 7, PRICE: 8, DEG: 30, STATUS: 31 } as const;

/** The part of the WebAssembly JS API used here (declared locally: the library's lib setting has no DOM types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

interface Exports {
  memory: { buffer: ArrayBuffer };
  capacity(): number;
  column(c: number): number;
  greeks(m: number, callU8: number, carryIsRate: number, black: number): number;
  prices(m: number, callU8: number, carryIsRate: number): number;
}

/** The instantiated kernel and typed views of its columns (the memory never grows, so the views stay valid). */
export interface GreeksWasm {
  /** Rows per call at most. */
  capacity: number;
  /** `greeks(m, callU8, carryIsRate, black)`: flags (bit 0 invalid row, bit 1 x/k not a normal double), see the source. */
  greeks: Exports['greeks'];
  prices: Exports['prices'];
  x: Float64Array;
  k: Float64Array;
  t: Float64Array;
  v: Float64Array;
  r: Float64Array;
  q: Float64Array;
  /** isCall as doubles, or as bytes (`callU8` = 1). */
  c: Float64Array;
  c8: Uint8Array;
  /** Output columns price, delta, gamma, vega, theta, rho, vanna, volga, charm (capacity + 2 rows each). */
  out: Float64Array[];
  /** Row indices (in the block) of degenerate rows (σ√T < 1e-100), left for the scalar kernel. */
  deg: Int32Array;
  /** STATUS column as int32: [1] is the count of degenerate rows. */
  status32: Int32Array;
  /** STATUS column as f64: [1] is the sum of every figure written (not finite iff one overflowed). */
  status64: Float64Array;
}

let cached: GreeksWasm | null | undefined;
let mode: 'auto' | 'js' = 'auto';

/**
 * Selects the kernel of the batch functions: 'auto' (wasm when available, the default) or 'js'. For tests and
 * benchmarks that compare the two.
 */
export function setBatchKernel(m: 'auto' | 'js'): void {
  mode = m;
}

/** The wasm kernel, or null when it cannot run here (or the JS kernel is selected). */
export function greeksWasm(): GreeksWasm | null {
  if (mode === 'js') return null;
  if (cached === undefined) cached = instantiate();
  return cached;
}

function instantiate(): GreeksWasm | null {
  try {
    const wa = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (typeof wa !== 'object' || wa === null) return null;
    const bytes = wasmBytes();
    if (!wa.validate(bytes)) return null; // no SIMD
    const e = new wa.Instance(new wa.Module(bytes), {}).exports as Exports;
    const cap = e.capacity();
    const buf = e.memory.buffer;
    const f64 = (c: number) => new Float64Array(buf, e.column(c), cap + 2);
    const out: Float64Array[] = [];
    for (let i = 0; i < 9; i++) out.push(f64(COL.PRICE + i));
    return {
      capacity: cap,
      greeks: e.greeks,
      prices: e.prices,
      x: f64(COL.X),
      k: f64(COL.K),
      t: f64(COL.T),
      v: f64(COL.V),
      r: f64(COL.R),
      q: f64(COL.Q),
      c: f64(COL.C),
      c8: new Uint8Array(buf, e.column(COL.C8), cap + 2),
      out,
      deg: new Int32Array(buf, e.column(COL.DEG), cap),
      status32: new Int32Array(buf, e.column(COL.STATUS), 4),
      status64: new Float64Array(buf, e.column(COL.STATUS), 2),
    };
  } catch {
    return null; // e.g. synchronous compilation refused on a browser main thread
  }
}
