/**
 * The partitioned engine against one engine: the same event stream (random, fast-check with a fixed seed; accounts
 * spread over many ids) gives, with 1, 2 and 3 worker-thread partitions, the same result for every event (accepted,
 * reason, sequence number, transitions — the single engine's sorted by account id — shortfall, input errors) and
 * then the same figures and positions for every account. With a folder, closing and reopening recovers the same
 * state, and a broadcast left in only one partition's log is completed in the others.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createPartitionedEngine } from '../../packages/distributed/src/index.js';
import type { PartitionedEngine, PartitionedEventResult } from '../../packages/distributed/src/index.js';
import { createMarginEngine } from '../../src/engine/index.js';
import type { EngineEvent, EventResult, MarginEngine } from '../../src/engine/index.js';
import { MARKET, stream } from '../engine/streams.js';

const OPTIONS = { method: 'cross' as const, collateralAssets: ['USD', 'USDC'] };

/** 30 random streams, accounts renamed to 20 ids, with a few malformed events mixed in. */
function events(): unknown[] {
  const runs = fc.sample(stream(50), { seed: 1919, numRuns: 30 });
  const out: unknown[] = [];
  runs.forEach((run, k) =>
    run.forEach((e, i) => {
      const ev = 'account' in e ? { ...e, account: `u${(Number(e.account.slice(1)) * 5 + i + k) % 20}` } : e;
      out.push(ev);
      if ((i + k) % 9 === 0) out.push({ ...ev, amout: 1 });
    }),
  );
  return out;
}

/** The single engine's result as the partitioned engine gives it. */
function expected(engine: MarginEngine, e: unknown): Omit<PartitionedEventResult, 'error'> & { error?: string } {
  let r: EventResult;
  try {
    r = engine.apply(e as EngineEvent);
  } catch (err) {
    return {
      accepted: false,
      reason: (err as Error).message,
      seq: engine.sequence(),
      transitions: [],
      error: (err as Error).message,
    };
  }
  const out: Omit<PartitionedEventResult, 'error'> = {
    accepted: r.accepted,
    seq: r.seq,
    transitions: [...r.transitions].sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0)),
  };
  if (r.reason !== undefined) out.reason = r.reason;
  if (r.shortfall !== undefined) out.shortfall = r.shortfall;
  return out;
}

const plain = (r: PartitionedEventResult) => {
  const { error, ...rest } = r;
  return error ? { ...rest, error: error.message } : rest;
};

async function sameAccounts(single: MarginEngine, parted: PartitionedEngine): Promise<void> {
  const ids = single.accounts();
  expect((await parted.accounts()).sort()).toEqual([...ids].sort());
  for (const id of ids) {
    const a = single.margin(id);
    const b = await parted.margin(id);
    for (const k of ['equity', 'initialMargin', 'maintenanceMargin', 'freeCollateral'] as const)
      expect(b[k].toString(), `${id} ${k}`).toBe(a[k].toString());
    expect(b.state).toBe(a.state);
    expect(await parted.account(id)).toEqual(single.account(id));
  }
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('partitioned engine ≡ one engine', () => {
  const stream = events();
  it.each([1, 2, 3])(
    '%i partition(s): every event result, then every account, bit for bit',
    async (partitions) => {
      const single = createMarginEngine(MARKET, OPTIONS);
      const parted = await createPartitionedEngine(MARKET, { ...OPTIONS, partitions });
      try {
        const want = stream.map((e) => expected(single, e));
        const got: PartitionedEventResult[] = [];
        // batches of varying size and single events, sent without waiting (pipelined)
        const pending: Promise<PartitionedEventResult[]>[] = [];
        for (let i = 0; i < stream.length; ) {
          const size = (i * 7) % 13;
          if (size === 0) {
            const e = stream[i++];
            pending.push(
              parted.apply(e).then(
                (r) => [r],
                (err) => [{ accepted: false, reason: err.message, seq: -1, transitions: [], error: err }],
              ),
            );
          } else {
            pending.push(parted.applyMany(stream.slice(i, i + size)));
            i += size;
          }
        }
        for (const p of await Promise.all(pending)) got.push(...p);
        got.forEach((r, i) => {
          const w = want[i];
          if (r.seq === -1) r.seq = w.seq; // a rejected apply carries no sequence number
          expect(plain(r), `event ${i}`).toEqual(w);
        });
        expect(parted.sequence()).toBe(single.sequence());
        expect(want.filter((w) => w.transitions.length > 0).length).toBeGreaterThan(10);
        expect(want.filter((w) => w.error).length).toBeGreaterThan(10);
        await sameAccounts(single, parted);
        const pre = { instrument: { kind: 'perp' as const, underlying: 'ETH' }, quantity: 3, price: 3100 };
        for (const id of single.accounts()) {
          const a = single.preTrade(id, pre);
          const b = await parted.preTrade(id, pre);
          expect([b.accepted, b.reason, b.initialMargin.toString(), b.equity.toString()]).toEqual([
            a.accepted,
            a.reason,
            a.initialMargin.toString(),
            a.equity.toString(),
          ]);
        }
      } finally {
        await parted.close();
      }
    },
    120_000,
  );

  it('a folder: reopened after close, and after a tick logged by one partition only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'riskcore-parted-'));
    dirs.push(dir);
    const single = createMarginEngine(MARKET, OPTIONS);
    const half = Math.floor(stream.length / 2);
    let parted = await createPartitionedEngine(MARKET, { ...OPTIONS, partitions: 3, dir });
    for (const e of stream.slice(0, half)) expected(single, e);
    await parted.applyMany(stream.slice(0, half));
    const sizes = await parted.snapshot();
    expect(sizes.every((s) => s > 0)).toBe(true);
    for (const e of stream.slice(half)) expected(single, e);
    await parted.applyMany(stream.slice(half));
    await parted.close();
    // a crash while a tick was being logged: only partition 1 has it
    const tick = { type: 'tick', underlying: 'BTC', price: 41234.5 } as const;
    single.apply(tick);
    const log1 = join(dir, 'p1', 'log.jsonl');
    const last = readFileSync(log1, 'utf8').trim().split('\n').at(-1) as string;
    const { seq } = JSON.parse(last) as { seq: number };
    appendFileSync(log1, `${JSON.stringify({ at: `0-${stream.length + 1}`, seq: seq + 1, record: tick })}\n`);
    appendFileSync(join(dir, 'p2', 'log.jsonl'), '{"at":"0-9'); // a line cut by the crash
    parted = await createPartitionedEngine(MARKET, { ...OPTIONS, partitions: 3, dir });
    try {
      expect(parted.sequence()).toBe(single.sequence());
      await sameAccounts(single, parted);
      const r = await parted.apply({ type: 'tick', underlying: 'ETH', price: 2500 });
      expect(plain(r)).toEqual(expected(single, { type: 'tick', underlying: 'ETH', price: 2500 }));
      await expect(createPartitionedEngine(MARKET, { ...OPTIONS, partitions: 2, dir })).rejects.toThrow(
        /options.partitions/,
      );
      await parted.apply({ type: 'deposit', account: 'u3', asset: 'USD', amount: '7' });
      single.apply({ type: 'deposit', account: 'u3', asset: 'USD', amount: '7' });
    } finally {
      await parted.close();
    }
    // the cut line was removed from p2's log: the events logged after it read back
    parted = await createPartitionedEngine(MARKET, { ...OPTIONS, partitions: 3, dir });
    try {
      expect(parted.sequence()).toBe(single.sequence());
      await sameAccounts(single, parted);
    } finally {
      await parted.close();
    }
  }, 120_000);
});
