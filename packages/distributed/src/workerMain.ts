#!/usr/bin/env node
/// <reference types="node" />
/**
 * The `riskcore-worker` executable: one riskcore worker process on a Redis queue.
 *
 *   riskcore-worker --redis redis://host:6379 [--queue riskcore] [--concurrency 1]
 *                   [--lock-duration 30000] [--stalled-interval 30000] [--max-stalled-count 3]
 *
 * Prints `ready` once connected; with RISKCORE_WORKER_LOG=1 also a line per job start and end. SIGTERM/SIGINT
 * finish the current job, disconnect and exit 0. Run one per core.
 */
import { RiskInputError } from 'riskcore';
import { startRiskWorker } from './worker.js';
import type { RiskWorkerOptions } from './worker.js';

const USAGE =
  'usage: riskcore-worker --redis redis://host:port[/db] [--queue riskcore] [--concurrency 1] [--lock-duration ms] [--stalled-interval ms] [--max-stalled-count n]';

function parseArgs(argv: string[]): RiskWorkerOptions {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const m = a.match(/^--([a-z-]+)(?:=(.*))?$/);
    if (!m) throw new RiskInputError(`argv[${i}]`, 'a --flag', a);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new RiskInputError(`--${m[1]}`, 'followed by a value', undefined);
    flags[m[1]] = value;
  }
  const num = (name: string): number | undefined => (flags[name] === undefined ? undefined : Number(flags[name]));
  const known = ['redis', 'queue', 'concurrency', 'lock-duration', 'stalled-interval', 'max-stalled-count'];
  for (const k of Object.keys(flags))
    if (!known.includes(k)) throw new RiskInputError(`--${k}`, `one of ${known.map((x) => `--${x}`).join(', ')}`, k);
  const redis = flags.redis ?? process.env.RISKCORE_REDIS;
  if (redis === undefined)
    throw new RiskInputError('--redis', 'a redis:// URL (or RISKCORE_REDIS in the environment)', undefined);
  const opts: RiskWorkerOptions = { connection: redis };
  if (flags.queue !== undefined) opts.queue = flags.queue;
  const c = num('concurrency');
  if (c !== undefined) opts.concurrency = c;
  const l = num('lock-duration');
  if (l !== undefined) opts.lockDuration = l;
  const s = num('stalled-interval');
  if (s !== undefined) opts.stalledInterval = s;
  const x = num('max-stalled-count');
  if (x !== undefined) opts.maxStalledCount = x;
  return opts;
}

async function main(): Promise<void> {
  let opts: RiskWorkerOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`riskcore-worker: ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (process.env.RISKCORE_WORKER_LOG === '1') opts.log = (line) => console.log(line);
  else
    opts.log = (line) => {
      if (line.startsWith('error')) console.error(line);
    };
  const w = await startRiskWorker(opts);
  console.log('ready');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    w.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(`riskcore-worker: error while closing on ${signal}: ${(e as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  console.error(`riskcore-worker: ${(e as Error).message}`);
  process.exit(1);
});
