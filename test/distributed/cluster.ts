/// <reference types="node" />
/**
 * Test helpers (not a test file): a real redis-server child process and real `riskcore-worker` processes run from
 * the TypeScript sources (`node --import tsx src/distributed/workerMain.ts`).
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Whether redis-server can be run here; in CI its absence is a failure, locally a skip with a message. */
export function redisAvailable(): boolean {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  const ok = r.status === 0;
  if (!ok) {
    if (process.env.CI)
      throw new Error('redis-server is required in CI for test/distributed (apt-get install redis-server)');
    console.warn(
      'test/distributed: redis-server not found, skipping the Redis-backed tests (install redis-server to run them)',
    );
  }
  return ok;
}

/** A worker process: its output lines so far, a way to wait for a line, and its exit. */
export interface WorkerProc {
  proc: ChildProcessWithoutNullStreams;
  lines: string[];
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawn one `riskcore-worker` process from the sources, with job logging on; resolves once it printed `ready`. */
export async function spawnWorker(url: string, args: string[] = []): Promise<WorkerProc> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'packages/distributed/src/workerMain.ts'), '--redis', url, ...args],
    {
      cwd: root,
      env: { ...process.env, RISKCORE_WORKER_LOG: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  let buf = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      lines.push(line);
      for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i].re.test(line)) waiters.splice(i, 1)[0].resolve(line);
    }
  });
  proc.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    proc.once('exit', (code, signal) => res({ code, signal })),
  );
  const waitFor = (re: RegExp, timeoutMs = 30_000) => {
    const seen = lines.find((l) => re.test(l));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<string>((res, rej) => {
      const t = setTimeout(
        () => rej(new Error(`worker ${proc.pid} printed no ${re} in ${timeoutMs} ms; stderr: ${stderr.slice(-800)}`)),
        timeoutMs,
      );
      waiters.push({
        re,
        resolve: (l) => {
          clearTimeout(t);
          res(l);
        },
      });
      void exited.then(() => {
        clearTimeout(t);
        rej(new Error(`worker ${proc.pid} exited before ${re}; stderr: ${stderr.slice(-800)}`));
      });
    });
  };
  await waitFor(/^ready$/);
  return { proc, lines, waitFor, exited };
}

/** SIGTERM a worker and wait for it to exit (SIGKILL after 10 s). */
export async function stopWorker(w: WorkerProc): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (w.proc.exitCode === null && w.proc.signalCode === null) {
    w.proc.kill('SIGTERM');
    const t = setTimeout(() => w.proc.kill('SIGKILL'), 10_000);
    const r = await w.exited;
    clearTimeout(t);
    return r;
  }
  return w.exited;
}

/** A small mixed book (BTC/ETH spot, perps, options) whose options are revalued delta-gamma, so 10⁷ paths take seconds. */
export const mixedBook = {
  positions: [
    { kind: 'spot' as const, underlying: 'BTC', quantity: 2 },
    { kind: 'spot' as const, underlying: 'ETH', quantity: -10 },
    { kind: 'perp' as const, underlying: 'BTC', quantity: -1.5 },
    { kind: 'perp' as const, underlying: 'ETH', quantity: 25 },
    { kind: 'option' as const, underlying: 'BTC', quantity: -3, type: 'call' as const, strike: 65000, expiry: 0.25 },
    { kind: 'option' as const, underlying: 'ETH', quantity: 40, type: 'put' as const, strike: 2800, expiry: 0.1 },
    { kind: 'option' as const, underlying: 'ETH', quantity: -20, type: 'call' as const, strike: 3400, expiry: 0.1 },
  ],
  market: {
    assets: { BTC: { price: 60000, vol: 0.6 }, ETH: { price: 3000, vol: 0.8 } },
    rate: 0.03,
    correlation: {
      assets: ['BTC', 'ETH'],
      matrix: [
        [1, 0.7],
        [0.7, 1],
      ],
    },
  },
  options: { horizon: 1 / 365, seed: 20261124, mode: 'delta-gamma' as const },
};

/** Deterministic small margin accounts: perps (linear and inverse), spot, a short option, some isolated pools. */
export function sweepAccount(i: number): Record<string, unknown> {
  const positions: Record<string, unknown>[] = [
    { kind: 'perp', underlying: 'BTC', quantity: ((i % 13) - 6) / 10 },
    { kind: 'spot', underlying: 'ETH', quantity: (i % 7) + 1 },
    {
      kind: 'option',
      underlying: 'ETH',
      type: i % 2 ? 'call' : 'put',
      strike: 2500 + 100 * (i % 10),
      expiry: 0.02 + (i % 4) * 0.05,
      quantity: -((i % 5) + 1),
    },
  ];
  if (i % 3 === 0)
    positions.push({ kind: 'perp', underlying: 'BTC', quantity: 5000 * ((i % 5) - 2), settlement: 'inverse' });
  const acc: Record<string, unknown> = {
    id: `acct-${i}`,
    collateral: [{ asset: 'USDC', amount: String(2000 + (i % 97) * 1000) }],
    positions,
  };
  if (i % 11 === 0)
    acc.subAccounts = [
      {
        id: 'iso',
        marginMode: 'isolated',
        collateral: [{ asset: 'USDC', amount: '500.25' }],
        positions: [{ kind: 'perp', underlying: 'ETH', quantity: -(i % 4) - 0.5 }],
      },
    ];
  return acc;
}

export const sweepMarket = { assets: { BTC: { price: 60000, vol: 0.55 }, ETH: { price: 3000, vol: 0.7 } }, rate: 0.04 };
