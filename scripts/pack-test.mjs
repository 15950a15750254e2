// Packaging test: `npm pack` riskcore and the workspace packages, install them into temp projects, then
//  - lean: riskcore alone in an empty project — install footprint (packages, bytes, install scripts), every subpath
//    imports by name in Node ESM, Node CJS, Deno and Bun, and a RiskInputError thrown by one subpath is `instanceof`
//    the RiskInputError of every other, across ESM and CJS;
//  - full: riskcore + @riskcore/distributed + @riskcore/cli — the deprecated `riskcore/distributed` re-export, errors
//    across packages and formats, and both executables.
// Also fails when a browser-safe build file imports a `node:` module. Run by `npm test` after `npm run build`.
import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  writeFileSync,
  readdirSync,
  statSync,
  lstatSync,
  rmSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nodeOnly = new Set(pkg.riskcore?.nodeOnlyExports ?? []);
/** Subpaths that re-export an optional peer dependency, and that peer. */
const peerOf = { './distributed': '@riskcore/distributed' };
const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
const bin = (name) => join(root, 'node_modules', '.bin', name);
/** Install footprint of riskcore alone, the shipping issue's target (ml-matrix is bundled, see tsdown.config.ts). */
const FOOTPRINT = { packages: 5, bytes: 3e6 };
let failures = 0;
const fail = (msg) => {
  failures++;
  console.error(`FAIL ${msg}`);
};

// 1. No node: imports in browser-safe build output.
function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const nodeOnlyDirs = [...nodeOnly].map((s) => join(root, 'dist', s.replace(/^\.\//, '')));
for (const file of walk(join(root, 'dist')).filter((f) => /\.(c?js|mjs)$/.test(f))) {
  if (nodeOnlyDirs.some((d) => file.startsWith(d))) continue;
  const src = readFileSync(file, 'utf8');
  const m = src.match(
    // the whitespace-free CJS files quote require() specifiers with backticks
    /(?:from\s*|require\(\s*|import\(\s*)["'`](node:[^"'`]+|fs|path|os|worker_threads|child_process)["'`]/,
  );
  if (m) fail(`${file.slice(root.length + 1)} imports ${m[1]} but is part of a browser-safe entry`);
}

// 2. Expected names per subpath, read from the local ESM build (the workspace links the peers).
const expected = {};
for (const sp of subpaths) {
  const mod = await import(pathToFileURL(join(root, pkg.exports[sp].import.default)).href);
  expected[sp] = Object.keys(mod)
    .filter((k) => k !== 'default')
    .sort();
  if (!expected[sp].includes('RiskInputError')) fail(`${sp} does not export RiskInputError`);
}

// 3. Pack the library and the workspace packages.
const work = mkdtempSync(join(tmpdir(), 'riskcore-pack-'));
const pack = (dir) =>
  join(
    work,
    execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: dir, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop(),
  );
const tgz = {
  riskcore: pack(root),
  distributed: pack(join(root, 'packages/distributed')),
  cli: pack(join(root, 'packages/cli')),
};
function project(name, tarballs) {
  const dir = join(work, name);
  execFileSync('mkdir', ['-p', dir]);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `pack-test-${name}`, private: true, type: 'module' }),
  );
  execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', ...tarballs], { cwd: dir, stdio: 'inherit' });
  return dir;
}
const run = (label, cwd, cmd, args) => {
  try {
    const out = execFileSync(cmd, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    });
    console.log(`${label}: ${out.trim().split('\n').pop()}`);
    return out;
  } catch (e) {
    fail(`${label}: ${(e.stderr || e.message || '').toString().trim().split('\n').slice(-5).join(' | ')}`);
    return '';
  }
};

// 4. Lean project: riskcore alone.
const lean = project('lean', [tgz.riskcore]);
/** Every installed package (nested and scoped too) with its install-time scripts. */
function installed(nm) {
  if (!existsSync(nm)) return [];
  return readdirSync(nm)
    .filter((f) => !f.startsWith('.'))
    .flatMap((f) => {
      const p = join(nm, f);
      if (f.startsWith('@')) return installed(p);
      if (!existsSync(join(p, 'package.json'))) return [];
      const j = JSON.parse(readFileSync(join(p, 'package.json'), 'utf8'));
      const scripts = ['preinstall', 'install', 'postinstall'].filter((s) => j.scripts?.[s]);
      if (existsSync(join(p, 'binding.gyp'))) scripts.push('binding.gyp');
      return [{ name: `${j.name}@${j.version}`, scripts }, ...installed(join(p, 'node_modules'))];
    });
}
const du = (p) => {
  const s = lstatSync(p);
  return s.isDirectory() ? readdirSync(p).reduce((n, f) => n + du(join(p, f)), 0) : s.size;
};
const pkgs = installed(join(lean, 'node_modules'));
const bytes = du(join(lean, 'node_modules'));
const withScripts = pkgs.filter((p) => p.scripts.length > 0);
console.log(
  `install footprint of riskcore: ${pkgs.length} packages, node_modules ${(bytes / 1e6).toFixed(2)} MB, install scripts: ${withScripts.length ? withScripts.map((p) => `${p.name} (${p.scripts})`).join(', ') : 'none'}`,
);
console.log(`  ${pkgs.map((p) => p.name).join(', ')}`);
if (withScripts.length) fail('a package of the riskcore install runs an install script');
if (pkgs.length > FOOTPRINT.packages) fail(`riskcore installs ${pkgs.length} packages (> ${FOOTPRINT.packages})`);
if (bytes > FOOTPRINT.bytes) fail(`riskcore installs ${bytes} bytes (> ${FOOTPRINT.bytes})`);

const spec = (sp) => (sp === '.' ? 'riskcore' : `riskcore/${sp.slice(2)}`);
const own = subpaths.filter((sp) => !peerOf[sp]);
const check = (lines) => `
const results = [];
${lines}
const bad = results.filter((r) => r.missing.length > 0);
if (bad.length) { console.error(JSON.stringify(bad)); throw new Error('missing exports'); }
console.log('ok', results.length, 'subpaths');`;
const esmLines = (sps) =>
  sps
    .map(
      (sp, i) =>
        `import * as m${i} from '${spec(sp)}';\nresults.push({ spec: '${spec(sp)}', missing: ${JSON.stringify(expected[sp])}.filter((n) => m${i}[n] === undefined) });`,
    )
    .join('\n');
const cjsLines = (sps) =>
  sps
    .map(
      (sp) =>
        `{ const m = require('${spec(sp)}'); results.push({ spec: '${spec(sp)}', missing: ${JSON.stringify(expected[sp])}.filter((n) => m[n] === undefined) }); }`,
    )
    .join('\n');
writeFileSync(join(lean, 'esm.mjs'), check(esmLines(own)));
writeFileSync(join(lean, 'cjs.cjs'), check(cjsLines(own)));
writeFileSync(join(lean, 'portable.mjs'), check(esmLines(own.filter((sp) => !nodeOnly.has(sp)))));
run('node ESM', lean, process.execPath, ['esm.mjs']);
run('node CJS', lean, process.execPath, ['cjs.cjs']);
run('deno', lean, bin('deno'), ['run', '--quiet', '--allow-read', '--allow-env', 'portable.mjs']);
run('bun', lean, bin('bun'), ['portable.mjs']);

// An error thrown through one subpath and format is `instanceof` the RiskInputError of every subpath and format.
writeFileSync(
  join(lean, 'brand.mjs'),
  `
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const specs = ${JSON.stringify(own.map(spec))};
const classes = [];
for (const s of specs) { classes.push([s + ' (ESM)', (await import(s)).RiskInputError], [s + ' (CJS)', require(s).RiskInputError]); }
const throwers = [
  ['riskcore/var historicalVaR (ESM)', () => import('riskcore/var').then((m) => m.historicalVaR([1, 2], { confidence: 2 }))],
  ['riskcore/var historicalVaR (CJS)', async () => require('riskcore/var').historicalVaR([1, 2], { confidence: 2 })],
  ['riskcore toMoney (ESM)', () => import('riskcore').then((m) => m.toMoney('x', 'amount'))],
  ['riskcore/greeks optionGreeks (CJS)', async () => require('riskcore/greeks').optionGreeks({ spot: -1 })],
];
const bad = [];
for (const [label, f] of throwers) {
  const e = await f().then(() => undefined, (err) => err);
  if (!e) { bad.push(label + ' did not throw'); continue; }
  for (const [name, C] of classes) if (!(e instanceof C)) bad.push(label + ' is not instanceof RiskInputError of ' + name);
}
if (bad.length) { console.error(bad.join('\\n')); process.exit(1); }
console.log('ok', throwers.length, 'errors x', classes.length, 'RiskInputError classes');
`,
);
run('RiskInputError across subpaths and formats', lean, process.execPath, ['brand.mjs']);
// Without its optional peer the deprecated subpath fails to load, naming the package to install.
writeFileSync(
  join(lean, 'peer.mjs'),
  `
try { await import('riskcore/distributed'); console.error('riskcore/distributed loaded without its peer'); process.exit(1); }
catch (e) { if (!String(e.message).includes('@riskcore/distributed')) throw e; console.log('ok: riskcore/distributed asks for @riskcore/distributed'); }`,
);
run('riskcore/distributed without its peer', lean, process.execPath, ['peer.mjs']);

// 5. Full project: riskcore with @riskcore/distributed and @riskcore/cli.
const full = project('full', [tgz.riskcore, tgz.distributed, tgz.cli]);
const peers = subpaths.filter((sp) => peerOf[sp]);
writeFileSync(join(full, 'esm.mjs'), check(esmLines(peers)));
writeFileSync(join(full, 'cjs.cjs'), check(cjsLines(peers)));
run('node ESM (deprecated re-exports)', full, process.execPath, ['esm.mjs']);
run('node CJS (deprecated re-exports)', full, process.execPath, ['cjs.cjs']);
writeFileSync(
  join(full, 'brand.mjs'),
  `
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const classes = [['riskcore (ESM)', (await import('riskcore')).RiskInputError], ['riskcore (CJS)', require('riskcore').RiskInputError],
  ['@riskcore/distributed (ESM)', (await import('@riskcore/distributed')).RiskInputError], ['@riskcore/distributed (CJS)', require('@riskcore/distributed').RiskInputError]];
const errs = [];
for (const [label, m] of [['@riskcore/distributed (ESM)', await import('@riskcore/distributed')], ['@riskcore/distributed (CJS)', require('@riskcore/distributed')]]) {
  try { m.marginSweep(42); errs.push([label, undefined]); } catch (e) { errs.push([label, e]); }
}
try { require('riskcore/netting').accountMargin(null, null); } catch (e) { errs.push(['riskcore/netting (CJS)', e]); }
const bad = [];
for (const [label, e] of errs) {
  if (!e) { bad.push(label + ' did not throw'); continue; }
  for (const [name, C] of classes) if (!(e instanceof C)) bad.push(label + ' error is not instanceof RiskInputError of ' + name);
}
if (bad.length) { console.error(bad.join('\\n')); process.exit(1); }
console.log('ok', errs.length, 'errors x', classes.length, 'RiskInputError classes');
`,
);
run('RiskInputError across packages', full, process.execPath, ['brand.mjs']);
const version = run('riskcore --version (@riskcore/cli)', full, join(full, 'node_modules/.bin/riskcore'), [
  '--version',
]);
if (version && !version.includes(JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version))
  fail('riskcore --version does not print the package version');
run('riskcore schema (@riskcore/cli)', full, join(full, 'node_modules/.bin/riskcore'), ['schema']);
if (!existsSync(join(full, 'node_modules/.bin/riskcore-worker')))
  fail('@riskcore/distributed does not install the riskcore-worker executable');

rmSync(work, { recursive: true, force: true });
if (failures) {
  console.error(`pack-test: ${failures} failure(s)`);
  process.exit(1);
}
console.log(
  `pack-test: ${subpaths.length} subpaths import by name in Node ESM and CJS (browser-safe ones in Deno and Bun too); errors share one RiskInputError across subpaths, formats and packages`,
);
