// Packaging test: `npm pack`, install the tarball into a temp project, then import every subpath export by name
// in Node ESM, Node CJS, Deno and Bun. Also fails when a core (browser-safe) build file imports a `node:` module.
// Run by `npm test` after `npm run build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nodeOnly = new Set(pkg.riskcore?.nodeOnlyExports ?? []);
const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
const bin = (name) => join(root, 'node_modules', '.bin', name);
let failures = 0;
const fail = (msg) => { failures++; console.error(`FAIL ${msg}`); };

// 1. No node: imports in browser-safe build output.
function walk(dir) {
  return readdirSync(dir).flatMap((f) => { const p = join(dir, f); return statSync(p).isDirectory() ? walk(p) : [p]; });
}
const nodeOnlyDirs = [...nodeOnly].map((s) => join(root, 'dist', s.replace(/^\.\//, '')));
for (const file of walk(join(root, 'dist')).filter((f) => /\.(c?js|mjs)$/.test(f))) {
  if (nodeOnlyDirs.some((d) => file.startsWith(d))) continue;
  const src = readFileSync(file, 'utf8');
  const m = src.match(/(?:from\s*|require\(\s*|import\(\s*)["'](node:[^"']+|fs|path|os|worker_threads|child_process)["']/);
  if (m) fail(`${file.slice(root.length + 1)} imports ${m[1]} but is part of a browser-safe entry`);
}

// 2. Expected names per subpath, read from the local ESM build.
const expected = {};
for (const sp of subpaths) {
  const target = pkg.exports[sp].import.default;
  const mod = await import(pathToFileURL(join(root, target)).href);
  expected[sp] = Object.keys(mod).filter((k) => k !== 'default').sort();
  if (!expected[sp].includes('RiskInputError')) fail(`${sp} does not export RiskInputError`);
}

// 3. Pack and install into a temp project.
const work = mkdtempSync(join(tmpdir(), 'riskcore-pack-'));
const tgzName = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'pack-test', private: true, type: 'module' }));
execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', join(work, tgzName)], { cwd: work, stdio: 'inherit' });

const specs = subpaths.map((sp) => ({ sp, spec: sp === '.' ? 'riskcore' : `riskcore/${sp.slice(2)}`, names: expected[sp] }));
const browserSafe = specs.filter((s) => !nodeOnly.has(s.sp));
const check = (lines) => `
const results = [];
${lines}
const bad = results.filter((r) => r.missing.length > 0);
if (bad.length) { console.error(JSON.stringify(bad)); throw new Error('missing exports'); }
console.log('ok', results.length, 'subpaths');`;
const esm = check(specs.map((s, i) => `import * as m${i} from '${s.spec}';\nresults.push({ spec: '${s.spec}', missing: ${JSON.stringify(s.names)}.filter((n) => m${i}[n] === undefined) });`).join('\n'));
const cjs = check(specs.map((s) => `{ const m = require('${s.spec}'); results.push({ spec: '${s.spec}', missing: ${JSON.stringify(s.names)}.filter((n) => m[n] === undefined) }); }`).join('\n'));
const portable = check(browserSafe.map((s, i) => `import * as m${i} from '${s.spec}';\nresults.push({ spec: '${s.spec}', missing: ${JSON.stringify(s.names)}.filter((n) => m${i}[n] === undefined) });`).join('\n'));
writeFileSync(join(work, 'esm.mjs'), esm);
writeFileSync(join(work, 'cjs.cjs'), cjs);
writeFileSync(join(work, 'portable.mjs'), portable);

const run = (label, cmd, args) => {
  try {
    const out = execFileSync(cmd, args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' } });
    console.log(`${label}: ${out.trim().split('\n').pop()}`);
  } catch (e) {
    fail(`${label}: ${(e.stderr || e.message || '').toString().trim().split('\n').slice(-5).join(' | ')}`);
  }
};
run('node ESM', process.execPath, ['esm.mjs']);
run('node CJS', process.execPath, ['cjs.cjs']);
run('deno', bin('deno'), ['run', '--quiet', '--allow-read', '--allow-env', 'portable.mjs']);
run('bun', bin('bun'), ['portable.mjs']);

rmSync(work, { recursive: true, force: true });
if (failures) { console.error(`pack-test: ${failures} failure(s)`); process.exit(1); }
console.log(`pack-test: ${subpaths.length} subpaths import by name in Node ESM, Node CJS${browserSafe.length ? ', Deno and Bun' : ''}`);
