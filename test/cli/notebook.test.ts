/**
 * examples/notebook.ipynb: valid nbformat 4 JSON for the Deno kernel, and its code cells run, in order as one
 * module, with Deno against the local build (`npm:riskcore/<module>` pointed at a fresh tsdown build).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from './helpers.js';

const nb = JSON.parse(readFileSync(join(root, 'examples/notebook.ipynb'), 'utf8'));
const work = join(root, '.tmp', `notebook-${process.pid}`);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('examples/notebook.ipynb', () => {
  it('is nbformat 4 with a Deno kernelspec and well-formed cells', () => {
    expect(nb.nbformat).toBe(4);
    expect(nb.nbformat_minor).toBeGreaterThanOrEqual(5);
    expect(nb.metadata.kernelspec).toMatchObject({ name: 'deno', language: 'typescript' });
    const ids = new Set<string>();
    for (const c of nb.cells) {
      expect(['markdown', 'code']).toContain(c.cell_type);
      expect(Array.isArray(c.source)).toBe(true);
      expect(typeof c.metadata).toBe('object');
      expect(c.id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
      ids.add(c.id);
      if (c.cell_type === 'code') {
        expect(c.outputs).toEqual([]);
        expect(c).toHaveProperty('execution_count');
      }
    }
    expect(ids.size).toBe(nb.cells.length);
    const code = nb.cells.filter((c: any) => c.cell_type === 'code').map((c: any) => c.source.join('')).join('\n');
    expect(code).toMatch(/from 'npm:riskcore\//);
    expect(code).not.toMatch(/from '\.\.?\//); // only the published package
  });

  it('its code cells run with Deno against the local build', () => {
    const dist = join(work, 'dist');
    mkdirSync(work, { recursive: true });
    execFileSync(process.execPath, [join(root, 'node_modules/tsdown/dist/run.mjs'), '--out-dir', dist, '--no-dts', '--log-level', 'error'], { cwd: root, stdio: 'pipe' });
    const code = nb.cells
      .filter((c: any) => c.cell_type === 'code')
      .map((c: any) => c.source.join(''))
      .join('\n\n')
      .replace(/'npm:riskcore(?:\/([a-z]+))?'/g, (_m: string, sub?: string) => `'${pathToFileURL(join(dist, sub ?? '', 'index.js')).href}'`);
    const file = join(work, 'notebook.ts');
    writeFileSync(file, code);
    const out = execFileSync(join(root, 'node_modules/.bin/deno'), ['run', '--quiet', '--no-lock', '--allow-read', '--allow-env', file], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    });
    expect(out).toMatch(/^price \d+\.\d{2} {2}delta 0\.\d{4}/m);
    expect(out).toMatch(/^BTC: delta -?\d/m);
    expect(out).toMatch(/^1-day 99% VaR \d+ ± \d+ USD, ES \d+ USD$/m);
    expect(out).toMatch(/^standard {2}IM \d+/m);
    expect(out).toMatch(/^portfolio IM \d+/m);
    expect(out).toMatch(/^USDC depeg.* P&L +0 +equity +-\d+ USD/m);
  });
});
