/**
 * Guarded by bench/workloads/linear.ts and options.ts (block staging, scratch layout).
 *
 * The simulation's block engine: P&L of up to {@link BLOCK} consecutive paths at a time, stage by stage over the
 * whole block (normals, correlate, expm1, linear P&L, options outer / paths inner), on Float64Arrays laid out
 * asset-major. Runs the wasm SIMD kernels when available and their JavaScript references otherwise; both give the
 * same bits, and the same numbers as {@link pathPnL} up to the summation order of the options. Internal.
 */
import type { CompiledBook } from '../compiledBook.js';
import type { ColumnOffsets } from './blockKernels.js';
import { blackBlockRef, blackGeneralBlock, combineRef, correlateRef, expm1RowsRef } from './blockKernels.js';
import { expm1Fast } from './expm1.js';
import { fillNormals } from './fill.js';
import { bachelierKernel, blackKernel } from './optionKernel.js';
import type { RandomStream } from '../stream.js';
import type { WasmKernels } from './wasmKernels.js';
import { WASM_DYN, WASM_STATE, wasmKernels } from './wasmKernels.js';

/** Paths per block. */
export const BLOCK = 256;
/**
 * Row stride (elements) of the asset-major arrays: a block plus one 64-byte line, so that the rows of one path
 * group do not all map to the same few L1 sets (a stride of 2 KiB put 20 rows in 2 sets of 8 ways).
 */
const ROW = BLOCK + 8;

interface Layout {
  L: number;
  mu: number;
  sig: number;
  lin: number;
  S0: number;
  lnS0: number;
  hasOpt: number;
  cols: ColumnOffsets;
  z: number;
  zt: number;
  scale: number;
  X: number;
  E: number;
  S1: number;
  lnS1: number;
  pnl: number;
  acc: number;
  /** Int32 index of the deferral list. */
  defer: number;
  /** Elements used from the base. */
  end: number;
}

function layout(base: number, n: number, nZ: number, nBlack: number): Layout {
  let at = base;
  const take = (k: number) => {
    const o = at;
    at += (k + 1) & ~1; // keep 16-byte alignment for v128 loads
    return o;
  };
  const L = take(n * n),
    mu = take(n),
    sig = take(n),
    lin = take(n),
    S0 = take(n),
    lnS0 = take(n),
    hasOpt = take(n);
  const cols: ColumnOffsets = {
    lnCK: take(nBlack),
    invV: take(nBlack),
    halfV: take(nBlack),
    v: take(nBlack),
    w: take(nBlack),
    wQdCF: take(nBlack),
    wQdK: take(nBlack),
    cfInvK: take(nBlack),
  };
  const z = take(BLOCK * Math.max(nZ, 1)),
    zt = take(ROW * n),
    scale = take(BLOCK);
  const X = take(ROW * n),
    E = take(ROW * n),
    S1 = take(ROW * n),
    lnS1 = take(ROW * n);
  const pnl = take(BLOCK),
    acc = take(BLOCK);
  const defer = take((Math.max(n, nBlack) + 1) >> 1) * 2;
  return { L, mu, sig, lin, S0, lnS0, hasOpt, cols, z, zt, scale, X, E, S1, lnS1, pnl, acc, defer, end: at - base };
}

/** Which engine last wrote its book into the (shared, per-thread) wasm memory. */
let wasmOwner: BlockEngine | null = null;

export class BlockEngine {
  readonly book: CompiledBook;
  private readonly ex: WasmKernels | null;
  private readonly lay: Layout;
  private H: Float64Array;
  private I32: Int32Array;
  private readonly vm: Float64Array;

  constructor(book: CompiledBook, withBook = true) {
    this.book = book;
    this.ex = wasmKernels();
    const base = this.ex ? WASM_DYN / 8 : 0;
    this.lay = layout(base, book.n, book.nZ, book.nBlack);
    if (this.ex) {
      const need = (base + this.lay.end) * 8;
      const have = this.ex.memory.buffer.byteLength;
      if (need > have) this.ex.memory.grow(Math.ceil((need - have) / 65536));
      this.H = new Float64Array(this.ex.memory.buffer);
    } else {
      this.H = new Float64Array(this.lay.end);
    }
    this.I32 = new Int32Array(this.H.buffer);
    this.vm = new Float64Array(book.n * ROW).fill(1);
    if (withBook) this.upload();
    else this.uploaded = false;
  }

  private uploaded = true;

  /** Copy the first `count` normals of the last draw to out[offset …]. */
  copyNormals(out: Float64Array, offset: number, count: number): void {
    out.set(this.H.subarray(this.lay.z, this.lay.z + count), offset);
  }

  /** True when the wasm kernels run. */
  get usesWasm(): boolean {
    return this.ex !== null;
  }

  private upload(): void {
    const b = this.book,
      H = this.H,
      y = this.lay,
      c = y.cols,
      k = b.black;
    H.set(b.chol, y.L);
    H.set(b.mu, y.mu);
    H.set(b.sig, y.sig);
    H.set(b.lin, y.lin);
    H.set(b.S0, y.S0);
    H.set(b.lnS0, y.lnS0);
    for (let a = 0; a < b.n; a++) H[y.hasOpt + a] = b.hasOpt[a];
    H.set(k.lnCK, c.lnCK);
    H.set(k.invV, c.invV);
    H.set(k.halfV, c.halfV);
    H.set(k.v, c.v);
    H.set(k.w, c.w);
    H.set(k.wQdCF, c.wQdCF);
    H.set(k.wQdK, c.wQdK);
    H.set(k.cfInvK, c.cfInvK);
    if (this.ex) wasmOwner = this;
  }

  /** Re-attach to the wasm memory (it may have grown) and re-write the book if another run used it since. */
  private claim(): void {
    const ex = this.ex;
    if (!ex) return;
    if (this.H.buffer !== ex.memory.buffer) {
      this.H = new Float64Array(ex.memory.buffer);
      this.I32 = new Int32Array(this.H.buffer);
    }
    if (wasmOwner !== this && this.uploaded) this.upload();
  }

  /** Write `count` standard normals at heap element `off`, from `stream` (same draws as `fillNormals`). */
  private fill(stream: RandomStream, off: number, count: number): void {
    const ex = this.ex;
    if (!ex) {
      fillNormals(stream, this.H, off, count);
      return;
    }
    const I = this.I32,
      H = this.H,
      s = stream.s,
      st = WASM_STATE >> 2;
    I[st] = s[0];
    I[st + 1] = s[1];
    I[st + 2] = s[2];
    I[st + 3] = s[3];
    let k = 0;
    while (k < count) {
      k += ex.fillNormals((off + k) * 8, count - k);
      if (k < count) {
        // slow ziggurat path in JavaScript (tail / wedge), from the state the kernel stopped at
        s[0] = I[st];
        s[1] = I[st + 1];
        s[2] = I[st + 2];
        s[3] = I[st + 3];
        H[off + k] = stream.finishNormal(I[st + 4], H[(WASM_STATE + 24) / 8], I[st + 5]);
        I[st] = s[0];
        I[st + 1] = s[1];
        I[st + 2] = s[2];
        I[st + 3] = s[3];
        k++;
      }
    }
    s[0] = I[st];
    s[1] = I[st + 1];
    s[2] = I[st + 2];
    s[3] = I[st + 3];
  }

  /**
   * Draw the shocks of `count` ≤ BLOCK paths from `stream`, exactly as `count` successive per-path draws (nZ
   * normals, then the χ² of the multivariate t) would.
   */
  draw(stream: RandomStream, count: number): void {
    this.claim();
    const b = this.book,
      y = this.lay,
      nZ = b.nZ;
    if (b.dist !== 't') {
      if (nZ > 0) this.fill(stream, y.z, count * nZ);
      return;
    }
    const H = this.H;
    for (let p = 0; p < count; p++) {
      if (nZ > 0) this.fill(stream, y.z + p * nZ, nZ);
      H[y.scale + p] = Math.sqrt((b.dof - 2) / stream.chiSquare(b.dof));
    }
  }

  /** P&L of the `count` paths drawn last, written to out[outOff …]. */
  run(count: number, out: Float64Array, outOff: number): void {
    this.claim();
    const b = this.book,
      y = this.lay,
      ex = this.ex,
      n = b.n,
      nZ = b.nZ;
    let H = this.H;
    if (n === 0) {
      out.fill(b.linConst, outOff, outOff + count);
      return;
    }
    const pad = (count + 15) & ~15; // the correlate kernel takes 16 paths a step
    const t = b.dist === 't';
    for (let k = count * nZ; k < pad * nZ; k++) H[y.z + k] = 0;
    if (t) for (let p = count; p < pad; p++) H[y.scale + p] = 1;
    if (ex) {
      ex.correlate(y.z * 8, nZ, pad, y.L * 8, n, y.mu * 8, y.sig * 8, t ? y.scale * 8 : 0, y.X * 8, ROW, y.zt * 8);
      const nd = ex.expm1Rows(y.X * 8, y.E * 8, n, ROW, pad, y.defer * 4);
      for (let k = 0; k < nd; k++) {
        const a = this.I32[y.defer + k];
        const xr = y.X + a * ROW,
          er = y.E + a * ROW;
        for (let p = 0; p < count; p++) H[er + p] = expm1Fast(H[xr + p]);
      }
      ex.combine(
        y.X * 8,
        y.E * 8,
        n,
        ROW,
        pad,
        y.lin * 8,
        b.linConst,
        y.S0 * 8,
        y.lnS0 * 8,
        y.hasOpt * 8,
        y.pnl * 8,
        y.S1 * 8,
        y.lnS1 * 8,
      );
    } else {
      correlateRef(H, y.z, nZ, count, y.L, n, y.mu, y.sig, t ? y.scale : -1, y.X, ROW);
      expm1RowsRef(H, y.X, y.E, n, ROW, count);
      combineRef(H, y.X, y.E, n, ROW, count, y.lin, b.linConst, y.S0, y.lnS0, y.hasOpt, y.pnl, y.S1, y.lnS1);
    }
    H = this.H;
    if (b.nOpt === 0) {
      out.set(H.subarray(y.pnl, y.pnl + count), outOff);
      return;
    }
    // vol multipliers exp(ν√h·Z − ν²h/2) of the vol-shocked underlyings
    const vm = this.vm;
    for (let a = 0; a < n; a++) {
      const vi = b.vsIndex[a];
      if (vi < 0) continue;
      const sd = b.vsSd[a];
      for (let p = 0; p < count; p++) vm[a * ROW + p] = Math.exp(sd * H[y.z + p * nZ + vi] - 0.5 * sd * sd);
    }
    if (b.mode !== 'full') {
      const vega = b.mode === 'delta-gamma-vega';
      for (let p = 0; p < count; p++) {
        let pnl = H[y.pnl + p] + b.dgTheta;
        for (let a = 0; a < n; a++) {
          if (b.hasOpt[a] !== 1) continue;
          const dS = H[y.S1 + a * ROW + p] - b.S0[a];
          pnl += b.dgDelta[a] * dS + 0.5 * b.dgGamma[a] * dS * dS;
          if (vega) pnl += b.dgVegaV[a] * (vm[a * ROW + p] - 1);
        }
        out[outOff + p] = pnl;
      }
      return;
    }
    // options outer, paths inner: the Black columns of each underlying, then the other options path by path
    H.fill(0, y.acc, y.acc + pad);
    const start = b.black.start;
    for (let a = 0; a < n; a++) {
      const i0 = start[a],
        i1 = start[a + 1];
      if (i1 === i0) continue;
      const S = y.S1 + a * ROW,
        lnS = y.lnS1 + a * ROW;
      if (b.vsIndex[a] >= 0) {
        for (let i = i0; i < i1; i++) blackGeneralBlock(b.black, i, H, S, lnS, vm, a * ROW, count, y.acc);
        continue;
      }
      let nd: number;
      if (ex) {
        const c = y.cols;
        nd = ex.blackBlock(
          c.lnCK * 8,
          c.invV * 8,
          c.halfV * 8,
          c.v * 8,
          c.w * 8,
          c.wQdCF * 8,
          c.wQdK * 8,
          c.cfInvK * 8,
          i0,
          i1,
          S * 8,
          lnS * 8,
          count,
          pad,
          y.acc * 8,
          y.defer * 4,
        );
      } else {
        nd = blackBlockRef(H, y.cols, i0, i1, S, lnS, count, y.acc, this.I32.subarray(y.defer));
      }
      for (let k = 0; k < nd; k++) blackGeneralBlock(b.black, this.I32[y.defer + k], H, S, lnS, null, 0, count, y.acc);
    }
    const nOpt = b.nOpt;
    const kindA = b.optKind,
      assetA = b.optAsset,
      callA = b.optCall,
      qdA = b.optQD,
      KA = b.optK;
    const invKA = b.optInvK,
      lnCKA = b.optLnCK,
      cfA = b.optCF,
      vA = b.optV;
    for (let p = 0; p < count; p++) {
      let opt = H[y.acc + p];
      for (let i = b.nBlack; i < nOpt; i++) {
        const a = assetA[i];
        const S1 = H[y.S1 + a * ROW + p];
        const F = S1 * cfA[i];
        const kind = kindA[i];
        const call = callA[i] === 1;
        const K = KA[i];
        const m = vm[a * ROW + p];
        if (kind === 0)
          opt += qdA[i] * blackKernel(F, K, invKA[i], H[y.lnS1 + a * ROW + p] + lnCKA[i], vA[i] * m, call);
        else if (kind === 1) opt += qdA[i] * bachelierKernel(F, K, vA[i] * m, call);
        else opt += qdA[i] * (call ? (F > K ? F - K : 0) : K > F ? K - F : 0);
      }
      out[outOff + p] = H[y.pnl + p] + (opt - b.optValue0);
    }
  }
}

/**
 * `count` normals from `stream` into out[offset …] through the engine's generator (the wasm kernel with the
 * JavaScript slow path when wasm runs, `fillNormals` otherwise); the stream advances as with `fillNormals`. Uses
 * the start of the wasm workspace as scratch (the next run re-writes its book). For tests.
 */
export function engineFillNormals(stream: RandomStream, out: Float64Array, offset: number, count: number): void {
  const ex = wasmKernels();
  if (!ex) {
    fillNormals(stream, out, offset, count);
    return;
  }
  const eng = new BlockEngine({ n: 0, nZ: 1, nBlack: 0, dist: 'normal' } as unknown as CompiledBook, false);
  for (let k = 0; k < count; k += BLOCK) {
    const c = Math.min(BLOCK, count - k);
    eng.draw(stream, c);
    eng.copyNormals(out, offset + k, c);
  }
  wasmOwner = null;
}
