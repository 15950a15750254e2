/**
 * Engine partitions on separate processes fed by a Redis Stream (a real redis-server): two partition processes,
 * one SIGKILLed mid-stream and restarted while events keep arriving; afterwards each partition's state (recovered
 * from its folder) equals, byte for byte, an engine that applied the partition's share of the stream without
 * interruption, every account's figures equal one engine's over the whole stream, and no entry is left pending.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEngineEvents, startRedisServer } from '../../packages/distributed/src/index.js';
import type { LocalRedis } from '../../packages/distributed/src/index.js';
import { loadPartition } from '../../packages/distributed/src/partition/store.js';
import { compareAt, partitionOf } from '../../packages/distributed/src/partition/route.js';
import { createMarginEngine } from '../../src/engine/index.js';
import type { EngineEvent } from '../../src/engine/index.js';
import { MARKET, stream } from '../engine/streams.js';
import { redisAvailable, root } from './cluster.js';

const OPTIONS = { method: 'cross' as const, collateralAssets: ['USD', 'USDC'] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A partition child process and a way to wait for an output line. */
function child(url: string, p: number, dir: string) {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'test/distributed/streamPartitionChild.ts'), url, String(p), '2', dir],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  let err = '';
  let buf = '';
  proc.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop() as string;
    lines.push(...parts);
  });
  proc.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise((r) => proc.once('exit', r));
  const waitFor = async (test: (l: string) => boolean, ms = 60_000) => {
    const t0 = Date.now();
    while (!lines.some(test)) {
      if (Date.now() - t0 > ms)
        throw new Error(`partition ${p}: no such line in ${ms} ms; last ${lines.slice(-3)}; stderr ${err.slice(-600)}`);
      await sleep(20);
    }
  };
  return { proc, lines, exited, waitFor };
}

const ok = redisAvailable();
describe.skipIf(!ok)('stream partitions on a real Redis', () => {
  let redis: LocalRedis;
  const dirs: string[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('2 partitions, one SIGKILLed mid-stream and restarted: state ≡ an uninterrupted run', async () => {
    const runs = fc.sample(stream(40), { seed: 2024, numRuns: 40 });
    const events: EngineEvent[] = runs.flatMap((run, k) =>
      run.map((e, i) => ('account' in e ? { ...e, account: `s${(Number(e.account.slice(1)) * 3 + i + k) % 16}` } : e)),
    );
    const dir = [0, 1].map((p) => mkdtempSync(join(tmpdir(), `riskcore-stream-p${p}-`)));
    dirs.push(...dir);
    const kids = [child(redis.url, 0, dir[0]), child(redis.url, 1, dir[1])];
    await Promise.all(kids.map((k) => k.waitFor((l) => l === 'ready')));
    const third = Math.floor(events.length / 3);
    const ids: string[] = [];
    const publish = async (from: number, to: number) => {
      for (let i = from; i < to; i += 20) {
        ids.push(...(await publishEngineEvents(events.slice(i, Math.min(to, i + 20)), { connection: redis.url })));
        await sleep(5);
      }
    };
    await publish(0, third);
    // kill partition 0 once it has taken part of the stream, while events keep coming
    const half = ids[Math.floor(ids.length / 2)];
    await kids[0].waitFor((l) => l.startsWith('at ') && compareAt(l.split(' ')[1], half) >= 0);
    // events keep coming while it dies; the rest of the second third is published once it is dead, so some
    // acknowledged-by-Redis events certainly postdate the kill whatever the machine's speed
    const mid = third + Math.floor(third / 2);
    const more = publish(third, mid);
    await sleep(30);
    kids[0].proc.kill('SIGKILL');
    await kids[0].exited;
    await more;
    await publish(mid, 2 * third);
    const before = kids[0].lines.filter((l) => l.startsWith('at ')).at(-1) as string;
    expect(compareAt(before.split(' ')[1], ids[ids.length - 1])).toBeLessThan(0); // killed mid-stream
    expect(existsSync(join(dir[0], 'snap.bin'))).toBe(true); // recovery is snapshot + log tail
    kids[0] = child(redis.url, 0, dir[0]);
    await kids[0].waitFor((l) => l === 'ready');
    await publish(2 * third, events.length);
    const lastId = ids[ids.length - 1];
    await Promise.all(kids.map((k) => k.waitFor((l) => l.startsWith(`at ${lastId} `))));
    for (const k of kids) k.proc.kill('SIGTERM');
    await Promise.all(kids.map((k) => k.exited));
    expect(kids.every((k) => k.lines.includes('stopped'))).toBe(true);
    expect(kids[0].lines.some((l) => l.startsWith('at '))).toBe(true); // the restarted partition took entries

    // nothing pending in either group
    const r = new Redis(redis.url);
    for (const g of ['p0', 'p1']) expect(((await r.xpending('riskcore-engine-events', g)) as [number])[0]).toBe(0);
    r.disconnect();

    const single = createMarginEngine(MARKET, OPTIONS);
    const refs = [createMarginEngine(MARKET, OPTIONS), createMarginEngine(MARKET, OPTIONS)];
    for (const e of events) {
      const route = 'account' in e ? partitionOf(e.account, 2) : 'all';
      for (const [p, ref] of refs.entries()) if (route === 'all' || route === p) ref.apply(e);
      single.apply(e);
    }
    const got = dir.map((d) => loadPartition(d, MARKET, OPTIONS));
    for (const p of [0, 1]) {
      expect(got[p].engine.snapshot()).toEqual(refs[p].snapshot());
      expect(got[p].engine.sequence()).toBe(refs[p].sequence());
    }
    expect(statSync(join(dir[0], 'log.jsonl')).size).toBeGreaterThan(0);
    const ids2 = [...got[0].engine.accounts(), ...got[1].engine.accounts()];
    expect(ids2.sort()).toEqual(single.accounts().sort());
    for (const id of single.accounts()) {
      const e = got[partitionOf(id, 2)].engine;
      expect(e.margin(id).equity.toString()).toBe(single.margin(id).equity.toString());
      expect(e.margin(id).initialMargin.toString()).toBe(single.margin(id).initialMargin.toString());
    }
  }, 180_000);
});
