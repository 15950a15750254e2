/**
 * Cody's erf/erfcx coefficients live once, in src/core/normal.ts. The wasm kernel (AssemblyScript, compiled apart)
 * carries them in its CONSTANTS data segment: this test reads that segment from the source and requires every one of
 * core's coefficients in it, bit for bit, so the two cannot drift.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODY } from '../../src/core/normal.js';

describe('Cody coefficients: one source', () => {
  it('the data segment of the wasm greeks kernel (wasm/lib/vecMath.as.ts) holds exactly core/normal.ts values', () => {
    const src = readFileSync(new URL('../../src/greeks/wasm/lib/vecMath.as.ts', import.meta.url), 'utf8');
    const start = src.indexOf('const CONSTANTS');
    const block = src.slice(start, src.indexOf('], 16);', start));
    const values = new Set(
      block
        .slice(block.indexOf('[') + 1)
        .split(',')
        .map((t) => t.trim())
        .filter((t) => /^[-0-9.e]+$/.test(t))
        .map(Number),
    );
    const all = [
      ...CODY.erfNum,
      ...CODY.erfDen,
      ...CODY.midNum,
      ...CODY.midDen,
      ...CODY.tailNum,
      ...CODY.tailDen,
      CODY.invSqrtPi,
    ];
    expect(all.length).toBe(38);
    for (const c of all) expect(values.has(c), `coefficient ${c}`).toBe(true);
  });
});
