/**
 * The greeks wasm SIMD module in a real browser (Debian's Chromium via playwright-core): the embedded bytes compile
 * synchronously on the page's main thread (as `wasmKernel.ts` does on first use) and in a Worker, and the kernel's
 * `greeks` export computes, on a block of rows, the same bits as in Node.
 *
 * Skipped (with the reason printed) only when /usr/bin/chromium is absent and CI is not set.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wasmBytes } from '../../src/greeks/wasm/greeksKernel.wasm.js';
import { COL } from '../../src/greeks/kernels/wasmKernel.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) console.warn(`test/greeks/batchWasmBrowser: SKIPPED, ${CHROMIUM} not found`);
const suite = haveChromium || process.env.CI ? describe : describe.skip;

let browser: Browser | undefined;
beforeAll(async () => {
  if (!haveChromium && !process.env.CI) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Rows of the bench distribution plus a few edge rows, as plain arrays (x, k, t, v, r, q, isCall). */
function rows(n: number): number[][] {
  let seed = 5;
  const u = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  const cols: number[][] = Array.from({ length: 7 }, () => []);
  for (let i = 0; i < n; i++) {
    const far = i % 17 === 0;
    cols[0].push(far ? 1e100 : 50 + 100 * u());
    cols[1].push(far ? 1e-83 : 50 + 100 * u());
    cols[2].push(0.01 + 3 * u());
    cols[3].push(far ? 60 : 0.05 + 1.45 * u());
    cols[4].push(-0.005 + 0.055 * u());
    cols[5].push(0.03 * u());
    cols[6].push(u() < 0.5 ? 1 : 0);
  }
  return cols;
}

/** Runs the kernel's greeks export on the rows; returns the nine output columns as arrays. Runs in Node and, as source, in the page. */
function runKernel(bytes: Uint8Array, input: number[][], col: { X: number; PRICE: number }): number[][] {
  const e = new WebAssembly.Instance(new WebAssembly.Module(bytes as BufferSource), {}).exports as unknown as {
    memory: { buffer: ArrayBuffer };
    column(c: number): number;
    greeks(m: number, u8: number, carryIsRate: number, black: number, tLim: number, vLim: number, rLim: number): number;
  };
  const m = input[0].length;
  for (let c = 0; c < 7; c++) new Float64Array(e.memory.buffer, e.column(col.X + c), m).set(input[c]);
  // no unit-slip limits (as allowExtreme): the rows include σ = 60
  const flags = e.greeks(m, 0, 0, 0, Infinity, Infinity, Infinity);
  if (flags !== 0) throw new Error(`kernel flags ${flags}`);
  const out: number[][] = [];
  for (let c = 0; c < 9; c++) out.push(Array.from(new Float64Array(e.memory.buffer, e.column(col.PRICE + c), m)));
  return out;
}

suite('greeks wasm module in Chromium', () => {
  it('compiles synchronously on the main thread and in a Worker, and computes the same bits as in Node', async () => {
    const bytes = wasmBytes();
    const input = rows(501);
    const expected = runKernel(bytes, input, COL);
    const page = await browser!.newPage();
    try {
      await page.goto('about:blank');
      const result = await page.evaluate(
        async ({ b, input, col, src }) => {
          const bytes = Uint8Array.from(b);
          const run = new Function(`return (${src})`)() as (
            bytes: Uint8Array,
            input: number[][],
            col: unknown,
          ) => number[][];
          const out = run(bytes, input, col); // main thread: synchronous compile
          const worker = new Worker(
            URL.createObjectURL(
              new Blob([
                'onmessage = (e) => { try { new WebAssembly.Module(e.data); postMessage("ok"); } catch (err) { postMessage(String(err)); } }',
              ]),
            ),
          );
          const inWorker = await new Promise<string>((resolve) => {
            worker.onmessage = (e) => resolve(String(e.data));
            worker.postMessage(bytes);
          });
          return { out, inWorker, simd: WebAssembly.validate(bytes) };
        },
        { b: Array.from(bytes), input, col: COL, src: runKernel.toString() },
      );
      expect(result.simd).toBe(true);
      expect(result.inWorker).toBe('ok');
      expect(result.out).toEqual(expected);
    } finally {
      await page.close();
    }
  }, 60_000);
});
