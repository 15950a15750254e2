/**
 * The Monte Carlo wasm SIMD module in a real browser (Debian's Chromium via playwright-core): its embedded bytes
 * (over 4 KB since the kernels were shaped for the pipeline) compile synchronously on the page's main thread, as
 * `kernels/wasmKernels.ts` does on first use, and its normal generator gives, from the same state and tables, the
 * same draws as in Node.
 *
 * Skipped (with the reason printed) only when /usr/bin/chromium is absent and CI is not set.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wasmBytes, WASM_BYTE_LENGTH } from '../../src/montecarlo/wasm/mcKernels.wasm.js';
import { ZIG_F, ZIG_X } from '../../src/montecarlo/ziggurat.js';
import { EXP_64TH, EXP_INT } from '../../src/montecarlo/kernels/blockKernels.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) console.warn(`test/montecarlo/mcKernelsBrowser: SKIPPED, ${CHROMIUM} not found`);
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

/** 20,000 normals from a fixed state, with the tables at the layout of wasmKernels.ts; tails left as the hand-over. */
function draws(bytes: Uint8Array, tables: number[][]): number[] {
  const e = new WebAssembly.Instance(new WebAssembly.Module(bytes as BufferSource), {}).exports as unknown as {
    memory: { buffer: ArrayBuffer; grow(pages: number): number };
    fillNormals(out: number, count: number): number;
  };
  const TAB = 65536;
  e.memory.grow(4);
  const H = new Float64Array(e.memory.buffer);
  H.set(tables[0], TAB / 8);
  H.set(tables[1], (TAB + 2304) / 8);
  H.set(tables[2], (TAB + 2816) / 8);
  H.set(tables[3], (TAB + 28736) / 8);
  new Int32Array(e.memory.buffer).set([-1, ~11, 11, 0], (TAB + 28672) / 4);
  const n = 20_000;
  const out = TAB + 32768;
  let k = 0;
  while (k < n) k += e.fillNormals(out + 8 * k, n - k) + 1; // a tail hand-over leaves its slot as it was (0)
  return Array.from(new Float64Array(e.memory.buffer, out, n));
}

suite('Monte Carlo wasm module in Chromium', () => {
  it('compiles synchronously on the main thread and draws the same normals as in Node', async () => {
    expect(WASM_BYTE_LENGTH).toBeGreaterThan(4096);
    const bytes = wasmBytes();
    const tables = [ZIG_X, EXP_INT, EXP_64TH, ZIG_F].map((t) => Array.from(t));
    const expected = draws(bytes, tables);
    expect(expected.filter((x) => x !== 0).length).toBeGreaterThan(19_900);
    const page = await browser!.newPage();
    try {
      await page.goto('about:blank');
      const got = await page.evaluate(
        ({ b, tables, src }) => {
          const run = new Function(`return (${src})`)() as (bytes: Uint8Array, tables: number[][]) => number[];
          return run(Uint8Array.from(b), tables); // main thread: synchronous compile
        },
        { b: Array.from(bytes), tables, src: draws.toString() },
      );
      expect(got).toEqual(expected);
    } finally {
      await page.close();
    }
  }, 60_000);
});
