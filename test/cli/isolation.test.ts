/** The CLI's heavy dependencies stay out of the library: no module outside src/cli imports them or src/cli. */
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
  it('no library module imports vega, vega-lite, yaml, playwright-core, node: modules of the CLI, or src/cli', () => {
    const offenders: string[] = [];
    for (const file of walk(join(root, 'src'))) {
      const rel = relative(root, file);
      if (rel.startsWith(join('src', 'cli'))) continue;
      const text = readFileSync(file, 'utf8');
      const m = text.match(/from\s+['"](vega|vega-lite|yaml|playwright-core|[./]+\/cli\/[^'"]*)['"]/);
      if (m) offenders.push(`${rel} imports ${m[1]}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the CLI is not a library subpath: only the bin points at dist/cli', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.bin.riskcore).toBe('./dist/cli/main.js');
    expect(JSON.stringify(pkg.exports)).not.toContain('cli');
  });
});
