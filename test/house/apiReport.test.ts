/**
 * The API report check (`scripts/api-report.mjs`, API Extractor over the built .d.ts): it passes against the
 * committed reports in etc/api and fails when the public surface differs from them — shown here by a report with
 * one exported function removed and one with an extra export. Needs the build (npm test builds before vitest).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const script = join(root, 'scripts', 'api-report.mjs');
const work = mkdtempSync(join(tmpdir(), 'riskcore-api-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function check(reports: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [script, '--only', './var', '--reports', reports], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('API report (API Extractor)', () => {
  it('the build exists (npm test builds before the unit tests)', () => {
    expect(existsSync(join(root, 'dist', 'var', 'index.d.ts'))).toBe(true);
  });

  it('matches the committed report', () => {
    const r = check(join(root, 'etc', 'api'));
    expect(r.out).toContain('public API matches');
    expect(r.status).toBe(0);
  }, 120_000);

  it('fails when an export disappeared from the surface or a new one appeared', () => {
    const committed = readFileSync(join(root, 'etc', 'api', 'riskcore-var.api.md'), 'utf8');
    const lines = committed.split('\n');
    const fn = lines.findIndex((l) => l.startsWith('export function '));
    expect(fn).toBeGreaterThan(0);
    for (const [name, text] of [
      ['removed', [...lines.slice(0, fn), ...lines.slice(fn + 1)].join('\n')],
      [
        'added',
        committed.replace(
          '// (No @packageDocumentation comment for this package)',
          'export function phantom(): void;\n\n// (No @packageDocumentation comment for this package)',
        ),
      ],
    ] as const) {
      const dir = join(work, name);
      cpSync(join(root, 'etc', 'api'), dir, { recursive: true });
      writeFileSync(join(dir, 'riskcore-var.api.md'), text);
      const r = check(dir);
      expect(r.status, name).toBe(1);
      expect(r.out).toContain("the public API of './var' differs");
    }
  }, 120_000);
});
