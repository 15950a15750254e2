/**
 * The module-graph check (`npm run check:graph`, dependency-cruiser with .dependency-cruiser.cjs): it passes on the
 * library and fails, naming the broken rule, on each kind of violation — a layer broken, an import cycle, another
 * module's private file imported.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');
const config = join(root, '.dependency-cruiser.cjs');

function cruise(cwd: string): { status: number | null; out: string } {
  const r = spawnSync(depcruise, ['src', '--config', config], { cwd, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('module graph (dependency-cruiser)', () => {
  it('the library satisfies every rule', () => {
    const r = cruise(root);
    expect(r.out).toContain('no dependency violations found');
    expect(r.status).toBe(0);
  }, 120_000);

  it.each([
    ['layer', 'layer-core', 'src/core/model.ts → src/netting/index.ts'],
    ['cycle', 'no-circular', 'src/stress/a.ts'],
    ['internal', 'public-or-friend-api-only', 'src/netting/margin.ts → src/greeks/price.ts'],
  ])(
    'fails on a %s violation, naming the rule',
    (fixture, rule, where) => {
      const r = cruise(join(root, 'test', 'house', 'fixtures', 'graph', fixture));
      expect(r.status).not.toBe(0);
      expect(r.out).toContain(`error ${rule}: ${where}`);
    },
    60_000,
  );
});
