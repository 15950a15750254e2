// Package lint: @arethetypeswrong/cli (types resolve and match the JS in node10, node16 from ESM and CJS, bundler)
// and publint (package.json fields, exports, files) for riskcore and every workspace package, each on its packed
// tarball. Run by `npm test` after `npm run build`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dirs = [
  '.',
  ...pkg.workspaces.flatMap((w) =>
    w.endsWith('/*')
      ? execFileSync('ls', [join(root, w.slice(0, -2))], { encoding: 'utf8' })
          .trim()
          .split('\n')
          .map((d) => `${w.slice(0, -2)}/${d}`)
      : [w],
  ),
];

let failures = 0;
for (const dir of dirs) {
  const cwd = join(root, dir);
  const name = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')).name;
  for (const [tool, args] of [
    ['attw', ['--pack', '.', '--format', 'ascii']],
    ['publint', ['--strict', '.']],
  ]) {
    try {
      const out = execFileSync(bin(tool), args, {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      });
      const note = /does not contain types/.test(out)
        ? 'no types (executable only)'
        : tool === 'attw'
          ? 'no problems in node10, node16 (CJS, ESM), bundler'
          : 'all good';
      console.log(`ok   ${tool} ${name}: ${note}`);
    } catch (e) {
      failures++;
      console.error(`FAIL ${tool} ${name}:\n${(e.stdout || '') + (e.stderr || '')}`);
    }
  }
}
if (failures) {
  console.error(`lint-packages: ${failures} failure(s)`);
  process.exit(1);
}
console.log(`lint-packages: attw and publint pass for ${dirs.length} packages`);
