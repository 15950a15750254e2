/** The CLI's heavy dependencies stay out of the library: no module of src/ imports them or packages/cli. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers.js';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('CLI isolation', () => {
  it('no library module imports vega, vega-lite, yaml, playwright-core, node: modules of the CLI, or the CLI', () => {
    const offenders: string[] = [];
    for (const file of walk(join(root, 'src'))) {
      const rel = relative(root, file);
      const text = readFileSync(file, 'utf8');
      const m = text.match(
        /from\s+['"](vega|vega-lite|yaml|zod|playwright-core|@riskcore\/cli|[./]+\/cli\/[^'"]*|[./]+\/packages\/[^'"]*)['"]/,
      );
      if (m) offenders.push(`${rel} imports ${m[1]}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the CLI is not a library subpath: it is the package @riskcore/cli, whose bin points at its dist', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const cli = JSON.parse(readFileSync(join(root, 'packages', 'cli', 'package.json'), 'utf8'));
    expect(cli.name).toBe('@riskcore/cli');
    expect(cli.bin.riskcore).toBe('./dist/main.js');
    expect(cli.dependencies.riskcore).toBeDefined();
    expect(pkg.bin).toBeUndefined();
    expect(JSON.stringify(pkg.exports)).not.toContain('cli');
    for (const dep of ['vega', 'vega-lite', 'yaml', 'zod', 'bullmq'])
      expect(Object.keys(pkg.dependencies)).not.toContain(dep);
  });
});
