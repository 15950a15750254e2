/**
 * examples/notebook.ipynb: valid nbformat 4 JSON for the Deno kernel, and its code cells run unchanged, in order as
 * one module, with Deno and the notebook's own configuration (examples/deno.json, copied verbatim beside a fresh
 * tsdown build laid out as the repository's dist/), the way the notebook guide says to run it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
    const code = nb.cells
      .filter((c: any) => c.cell_type === 'code')
      .map((c: any) => c.source.join(''))
      .join('\n');
    expect(code).toMatch(/from 'riskcore\//);
    expect(code).not.toMatch(/from '(\.\.?\/|npm:|jsr:|https?:)/); // the package by its name, resolved by deno.json
  });

  it('examples/deno.json maps every library subpath of the package to the build in dist/', () => {
    const config = JSON.parse(readFileSync(join(root, 'examples/deno.json'), 'utf8'));
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
    const expected = Object.fromEntries(
      subpaths.map((k) => [
        k === '.' ? 'riskcore' : `riskcore/${k.slice(2)}`,
        k === '.' ? '../dist/index.js' : `../dist/${k.slice(2)}/index.js`,
      ]),
    );
    expect(config.imports).toEqual(expected);
  });

  it('its code cells run unchanged with Deno and examples/deno.json against the local build', () => {
    const dist = join(work, 'dist');
    const examples = join(work, 'examples');
    mkdirSync(examples, { recursive: true });
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/tsdown/dist/run.mjs'), '--out-dir', dist, '--no-dts', '--log-level', 'error'],
      { cwd: root, stdio: 'pipe' },
    );
    copyFileSync(join(root, 'examples/deno.json'), join(examples, 'deno.json'));
    const code = nb.cells
      .filter((c: any) => c.cell_type === 'code')
      .map((c: any) => c.source.join(''))
      .join('\n\n');
    const file = join(examples, 'notebook.ts');
    writeFileSync(file, code);
    for (const target of Object.values(
      JSON.parse(readFileSync(join(examples, 'deno.json'), 'utf8')).imports as Record<string, string>,
    )) {
      expect(existsSync(join(examples, target)), target).toBe(true);
    }
    const out = execFileSync(
      join(root, 'node_modules/.bin/deno'),
      ['run', '--quiet', '--config', 'deno.json', '--allow-read', '--allow-env', 'notebook.ts'],
      {
        cwd: examples,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
      },
    );
    expect(out).toMatch(/^price \d+\.\d{2} {2}delta 0\.\d{4}/m);
    expect(out).toMatch(/^BTC: delta -?\d/m);
    expect(out).toMatch(/^1-day 99% VaR \d+ ± \d+ USD, ES \d+ USD$/m);
    expect(out).toMatch(/^standard {2}IM \d+/m);
    expect(out).toMatch(/^portfolio IM \d+/m);
    expect(out).toMatch(/^USDC depeg.* P&L +0 +equity +-\d+ USD/m);
  });
});
