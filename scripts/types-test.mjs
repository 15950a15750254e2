// Type test: pack riskcore, install the tarball into a temp project and compile a consumer under every
// moduleResolution a user may have (NodeNext and Node16 from ESM and CJS files, Bundler, node10 a.k.a. `node`) with
// `skipLibCheck: false`, so the shipped .d.ts files and what they import (decimal.js) are type-checked too. The
// consumer's `// @ts-expect-error` lines prove Money is a real type, not `any`: if it were, they would be unused
// errors (TS2578). Run by `npm test` after `npm run build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const work = mkdtempSync(join(tmpdir(), 'riskcore-types-'));
const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' })
  .trim()
  .split('\n')
  .pop();
writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'types-test', private: true, type: 'module' }));
execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', join(work, tgz)], {
  cwd: work,
  stdio: 'inherit',
});

const consumer = `
import { Money, RiskInputError, toMoney } from 'riskcore';
import type { Market, MoneyInput } from 'riskcore';
import { optionGreeks } from 'riskcore/greeks';
import { historicalVaR } from 'riskcore/var';
import { historicalES } from 'riskcore/es';
import { accountMargin } from 'riskcore/netting';
import { healthFactor } from 'riskcore/haircuts';
import { stressTest } from 'riskcore/stress';
import { simulatePnL } from 'riskcore/montecarlo';

const m: Money = toMoney('1.5', 'amount');
const fixed: string = m.toFixed(2);
const sum: Money = m.plus(1);
// @ts-expect-error Money is a Decimal, not a number
const n: number = m;
// @ts-expect-error Decimal has no method notAMethod
m.notAMethod();
declare const margin: ReturnType<typeof accountMargin>;
const equity: Money = margin.equity;
// @ts-expect-error equity is Money, not a number
const equityNumber: number = margin.equity;
declare const health: ReturnType<typeof healthFactor>;
// @ts-expect-error totalDebt is Money, not a number
const debt: number = health.totalDebt;
const v: number = historicalVaR([1, -2, 3], { confidence: 0.9 });
// @ts-expect-error historicalVaR returns a number
const vs: string = historicalVaR([1, -2, 3], { confidence: 0.9 });
const input: MoneyInput = '2.50';
// @ts-expect-error a Market needs its fields
const market: Market = {};
const caught: boolean = new Error('x') instanceof RiskInputError;
export { fixed, sum, n, equity, equityNumber, debt, v, vs, input, market, caught, optionGreeks, historicalES, stressTest, simulatePnL };
`;
writeFileSync(join(work, 'consumer.ts'), consumer);
copyFileSync(join(work, 'consumer.ts'), join(work, 'consumer.cts')); // CommonJS consumer: `require` conditions, .d.cts

const base = { strict: true, skipLibCheck: false, noEmit: true, target: 'ES2022', lib: ['ES2022'], types: [] };
const modes = {
  NodeNext: {
    compilerOptions: { ...base, module: 'NodeNext', moduleResolution: 'NodeNext' },
    files: ['consumer.ts', 'consumer.cts'],
  },
  Node16: {
    compilerOptions: { ...base, module: 'Node16', moduleResolution: 'Node16' },
    files: ['consumer.ts', 'consumer.cts'],
  },
  Bundler: { compilerOptions: { ...base, module: 'ESNext', moduleResolution: 'Bundler' }, files: ['consumer.ts'] },
  node10: { compilerOptions: { ...base, module: 'CommonJS', moduleResolution: 'node10' }, files: ['consumer.ts'] },
};
let failures = 0;
for (const [mode, config] of Object.entries(modes)) {
  writeFileSync(join(work, `tsconfig.${mode}.json`), JSON.stringify(config, null, 2));
  try {
    execFileSync(process.execPath, [tsc, '-p', `tsconfig.${mode}.json`], {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    console.log(
      `ok   ${mode}: ${config.files.join(' + ')} compile with skipLibCheck false; every @ts-expect-error is an error`,
    );
  } catch (e) {
    failures++;
    console.error(`FAIL ${mode}:\n${(e.stdout || '') + (e.stderr || '')}`);
  }
}
rmSync(work, { recursive: true, force: true });
if (failures) {
  console.error(`types-test: ${failures} resolution mode(s) failed`);
  process.exit(1);
}
console.log('types-test: Money is a Decimal type in every resolution mode');
