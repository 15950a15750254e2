/**
 * Guarded by bench/workloads/greeks.ts ("exact", "price only") and batchWasm.test.ts (equal to the JS kernel).
 *
 * The WebAssembly SIMD (f64x2) kernel of the lognormal batch (`../wasm/greeksKernel.as.ts`, compiled by
 * `scripts/build-wasm.mjs` into `../wasm/greeksKernel.wasm.ts`), instantiated synchronously on first use from the
 * embedded bytes. The module (9,151 bytes) compiles synchronously on Chromium's main thread as well as in a Worker
 * (test/greeks/batchWasmBrowser.test.ts). Where WebAssembly or its SIMD proposal is missing, or the host refuses
 * synchronous compilation (the `new WebAssembly.Module` below throws), {@link greeksWasm} returns null and the batch
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
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  capacity(): number;
  column(c: number): number;
  columnTable(): number;
  resetColumns(): void;
  greeks(
    m: number,
    callU8: number,
    carryIsRate: number,
    black: number,
    tLim: number,
    vLim: number,
    rLim: number,
  ): number;
  prices(m: number, callU8: number, carryIsRate: number, tLim: number, vLim: number, rLim: number): number;
}

/** The instantiated kernel and typed views of its columns (the memory never grows, so the views stay valid). */
export interface GreeksWasm {
  /** Rows per call at most. */
  capacity: number;
  /**
   * `greeks(m, callU8, carryIsRate, black, tLim, vLim, rLim)`: flags (bit 0 invalid row, bit 1 x/k not a normal
   * double), see the source; the limits are the exclusive upper bounds of expiry, vol and |rate|, |yield|.
   */
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
  /** The instance's memory (columns allocated in it are read and written in place). */
  buffer: ArrayBuffer;
  /** The column table (byte address of each column's row 0) and the scratch address of each column. */
  table: Uint32Array;
  scratch: Uint32Array;
  /** Views of the first `capacity` rows of the output scratch columns (full blocks copy out without a new view). */
  fullOut: Float64Array[];
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

/** Kernel instances that own an allocated batch, by their memory. */
const owners = new WeakMap<ArrayBuffer, GreeksWasm>();

/**
 * The wasm kernel for a batch whose underlying column is `column`: the instance whose memory holds it when it was
 * allocated there (so that its columns are read in place), else the shared one; null when the kernel cannot run
 * here (or the JS kernel is selected).
 */
export function greeksWasm(column?: ArrayBufferView): GreeksWasm | null {
  if (mode === 'js') return null;
  if (column !== undefined) {
    const own = owners.get(column.buffer as ArrayBuffer);
    if (own !== undefined) return own;
  }
  if (cached === undefined) cached = instantiate();
  return cached;
}

let compiled: { wa: WasmApi; module: object } | null | undefined;

/** The compiled module (once per process), or null where WebAssembly SIMD cannot run. */
function compiledModule(): { wa: WasmApi; module: object } | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const wa = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (typeof wa !== 'object' || wa === null) return null;
    const bytes = wasmBytes();
    if (!wa.validate(bytes)) return null; // no SIMD
    compiled = { wa, module: new wa.Module(bytes) };
  } catch {
    compiled = null; // the host refused synchronous compilation (or the bytes)
  }
  return compiled;
}

function instantiate(): GreeksWasm | null {
  try {
    return instance(0)?.kernel ?? null;
  } catch {
    return null;
  }
}

/**
 * A new instance of the kernel whose memory has `extraBytes` more bytes after its own data (16-byte aligned, at
 * `extraBase`), or null where the kernel cannot run. Each instance has its own memory: a batch allocated in one
 * never moves (its memory is grown once, here, before any view of it is made).
 */
export function instance(extraBytes: number): { kernel: GreeksWasm; extraBase: number } | null {
  const c = compiledModule();
  if (c === null) return null;
  const e = new c.wa.Instance(c.module, {}).exports as Exports;
  const PAGE = 65536;
  const used = e.memory.buffer.byteLength;
  if (extraBytes > 0) e.memory.grow(Math.ceil(extraBytes / PAGE));
  const cap = e.capacity();
  const buf = e.memory.buffer;
  const f64 = (col: number) => new Float64Array(buf, e.column(col), cap + 2);
  const out: Float64Array[] = [];
  for (let i = 0; i < 9; i++) out.push(f64(COL.PRICE + i));
  const table = new Uint32Array(buf, e.columnTable(), COL.STATUS + 1);
  const kernel: GreeksWasm = {
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
    buffer: buf,
    table,
    scratch: table.slice(),
    fullOut: out.map((o) => o.subarray(0, cap)),
  };
  if (extraBytes > 0) owners.set(buf, kernel);
  return { kernel, extraBase: used };
}
