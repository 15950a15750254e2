import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../packages/cli/src/run.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const tmp = mkdtempSync(join(tmpdir(), 'riskcore-cli-'));

/** Run the CLI in-process, capturing stdout and stderr. */
export async function runCli(
  argv: string[],
  opts: { stderrTTY?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: {
      write: (s: string) => {
        stdout += s;
        return true;
      },
    },
    stderr: {
      write: (s: string) => {
        stderr += s;
        return true;
      },
      isTTY: opts.stderrTTY === true,
    },
  });
  return { code, stdout, stderr };
}

/** Run the CLI as a real process (through tsx on the sources), the way a user does. */
export function spawnCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'packages/cli/src/main.ts'), ...argv],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: number }).code ?? 1) : 0;
        res({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
  });
}

/** Write a book document to a temp file and return its path. */
export function writeBook(name: string, doc: unknown): string {
  const p = join(tmp, name);
  writeFileSync(p, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return p;
}

/** A small valid book. */
export function smallBook(): Record<string, any> {
  return {
    name: 'test book',
    market: {
      rate: 0.03,
      assets: { BTC: { price: 60000, vol: 0.5 }, ETH: { price: 3000, vol: 0.65 }, USDC: { price: 1 } },
      correlation: {
        assets: ['BTC', 'ETH'],
        matrix: [
          [1, 0.8],
          [0.8, 1],
        ],
      },
    },
    history: {
      prices: {
        BTC: [58000, 59000, 57500, 60500, 61000, 59800, 60000],
        ETH: [2900, 2950, 2850, 3050, 3100, 2990, 3000],
      },
    },
    accounts: [
      {
        id: 'a',
        collateral: [{ asset: 'USDC', amount: '500000' }],
        positions: [
          { kind: 'option', underlying: 'BTC', type: 'call', strike: 65000, expiry: 0.1, quantity: -3 },
          { kind: 'perp', underlying: 'BTC', quantity: 1, entryPrice: 59000 },
        ],
        subAccounts: [
          {
            id: 's',
            marginMode: 'isolated',
            collateral: [{ asset: 'USDC', amount: '20000' }],
            positions: [{ kind: 'perp', underlying: 'ETH', quantity: -10 }],
          },
        ],
      },
      {
        id: 'b',
        collateral: [{ asset: 'USDC', amount: '10000' }],
        positions: [{ kind: 'perp', underlying: 'ETH', quantity: 15, entryPrice: 3000 }],
      },
    ],
    parameters: { paths: 2000, seed: 5, priceMoves: [-0.2, 0, 0.2], volShifts: [0, 0.1] },
  };
}
