/**
 * One concept per file: no source file of the library or its packages is longer than 400 lines, except the
 * generated data tables listed here (each written by the generator script named beside it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MAX_LINES = 400;
/** Generated tables: path → generator. */
const GENERATED: Record<string, string> = {
  'src/montecarlo/sobolDirections.ts': 'Joe–Kuo new-joe-kuo-6.21201 direction numbers (test/fixtures/montecarlo)',
  'src/montecarlo/millsTable.ts': 'test/fixtures/montecarlo/gen_mills.py',
  'src/montecarlo/kernels/millsTable.ts': 'test/fixtures/montecarlo/gen_mills.py',
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (f === 'node_modules' || f === 'dist') return [];
    return statSync(p).isDirectory() ? sources(p) : /\.ts$/.test(f) && !/\.wasm\.ts$/.test(f) ? [p] : [];
  });
}

describe('file size', () => {
  it(`no source file over ${MAX_LINES} lines except generated tables`, () => {
    const dirs = [
      join(root, 'src'),
      ...readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'src')),
    ];
    const long = dirs
      .flatMap((d) => {
        try {
          return sources(d);
        } catch {
          return [];
        }
      })
      .map((f) => ({ file: relative(root, f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((x) => x.lines > MAX_LINES && !(x.file in GENERATED));
    expect(long).toEqual([]);
  });
});
