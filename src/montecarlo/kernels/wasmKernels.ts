/**
 * Guarded by bench/workloads/options.ts and linear.ts (the wasm SIMD path; paths under ../wasm/).
 *
 * Loader of the wasm SIMD kernels (../wasm/mcKernels.as.ts, embedded as base64 in ../wasm/mcKernels.wasm.ts): compiled
 * synchronously once per thread (the module is ~7.5 kB; Chromium compiles it on a page's main thread:
 * test/montecarlo/mcKernelsBrowser.test.ts), with the ziggurat, exp and Mills tables written at the layout the
 * kernels expect. Where WebAssembly or its SIMD is missing, or a host refuses the synchronous compile,
 * {@link wasmKernels} returns null and the JavaScript reference kernels run instead (same bits). Internal.
 */
import { MILLS_TABLE } from '../millsTable.js';
import { ZIG_F, ZIG_X } from '../ziggurat.js';
import { EXP_64TH, EXP_INT } from './blockKernels.js';
import { wasmBytes } from '../wasm/mcKernels.wasm.js';

/** Byte offsets shared with wasm/mcKernels.as.ts. */
export const WASM_TAB = 65536;
export const WASM_STATE = WASM_TAB + 28672;
/** The ziggurat's wedge bounds f(X[i]) (257 f64). */
const WASM_ZIGF = WASM_TAB + 28736;
/** Start of the caller-managed region (the run's workspace). */
export const WASM_DYN = WASM_TAB + 31744;

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** Exports of the kernel module (pointers are byte offsets). */
export interface WasmKernels {
  memory: WasmMemory;
  fillNormals(out: number, count: number): number;
  correlate(
    z: number,
    nZ: number,
    count: number,
    L: number,
    n: number,
    mu: number,
    sig: number,
    scale: number,
    X: number,
    stride: number,
    zt: number,
  ): void;
  expm1Rows(X: number, E: number, n: number, stride: number, count: number, defer: number): number;
  combine(
    X: number,
    E: number,
    n: number,
    stride: number,
    count: number,
    lin: number,
    linConst: number,
    S0: number,
    lnS0: number,
    hasOpt: number,
    pnl: number,
    S1: number,
    lnS1: number,
  ): void;
  blackBlock(
    lnCK: number,
    invV: number,
    halfV: number,
    v: number,
    w: number,
    wQdCF: number,
    wQdK: number,
    cfInvK: number,
    i0: number,
    i1: number,
    S: number,
    lnS: number,
    count: number,
    countPad: number,
    acc: number,
    defer: number,
  ): number;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => unknown;
  Instance: new (module: unknown, imports: object) => { exports: unknown };
}

let cached: WasmKernels | null | undefined;
let backend: 'auto' | 'js' = 'auto';

function instantiate(): WasmKernels | null {
  const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) return null;
  try {
    const mod = new api.Module(wasmBytes());
    const ex = new api.Instance(mod, {}).exports as WasmKernels;
    const H = new Float64Array(ex.memory.buffer);
    H.set(ZIG_X, WASM_TAB / 8);
    H.set(EXP_INT, (WASM_TAB + 2304) / 8);
    H.set(EXP_64TH, (WASM_TAB + 2816) / 8);
    H.set(MILLS_TABLE, (WASM_TAB + 3584) / 8);
    H.set(ZIG_F, WASM_ZIGF / 8);
    return ex;
  } catch {
    return null; // no WebAssembly SIMD here (or compilation refused): the JavaScript kernels run
  }
}

/** The kernel module of this thread, or null when the JavaScript reference kernels must run. */
export function wasmKernels(): WasmKernels | null {
  if (backend === 'js') return null;
  if (cached === undefined) cached = instantiate();
  return cached;
}

/** Force the JavaScript reference kernels ('js') or use wasm when available ('auto'). For tests and benches. */
export function setKernelBackend(b: 'auto' | 'js'): void {
  backend = b;
}
