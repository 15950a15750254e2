/**
 * Workload 'engine-partitions': one BTC tick over the delta-one book of bench/workloads/engineBook.ts (env
 * `ENGINE_ACCOUNTS`, default 1,000,000) held by one riskcore/engine margin engine in this thread, and by
 * `createPartitionedEngine` of @riskcore/distributed with 1 and 2 worker-thread partitions (env
 * `ENGINE_PARTITIONS`, default `1,2`). Wall ms per tick (median of 15 ticks alternating ±0.1%), from the call to
 * the gathered result — for the partitioned engine that includes the messages to the threads and the merge of the
 * transitions; and a fill's round trip (p50/p99 µs). The book is loaded in batches of 20,000 events. Checks that
 * the tick results (transitions) are the single engine's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPartitionedEngine } from '../../packages/distributed/src/index.js';
import { createMarginEngine } from '../../src/engine/index.js';
import type { EngineEvent } from '../../src/engine/index.js';
import type { BenchRecord, Workload } from '../harness.js';
import { BOOK_MARKET, BOOK_OPTIONS, bookEvents } from './engineBook.js';

const now = (): number => performance.now();
const key = (ts: { type: string; account: string }[]): string =>
  ts
    .map((t) => `${t.account}:${t.type}`)
    .sort()
    .join(',');

const workload: Workload = {
  name: 'engine-partitions',
  loader: 'tsx', // its workers load the TypeScript sources
  throughputKey: 'accounts_per_s',
  async run(ctx) {
    const n = Number(process.env.ENGINE_ACCOUNTS ?? 1_000_000);
    const counts = (process.env.ENGINE_PARTITIONS ?? '1,2').split(',').map(Number);
    const ticks = ctx.quick ? 5 : 15;
    const price = (k: number): number => (k % 2 === 0 ? 59940 : 60060);
    const recs: BenchRecord[] = [];
    const want: string[] = [];
    {
      const engine = createMarginEngine(BOOK_MARKET, BOOK_OPTIONS);
      bookEvents(n, (e) => engine.apply(e));
      const ms: number[] = [];
      const cpuMs: number[] = [];
      for (let k = 0; k < ticks; k++) {
        const t0 = now();
        const c0 = process.cpuUsage();
        const r = engine.apply({ type: 'tick', underlying: 'BTC', price: price(k) });
        const c = process.cpuUsage(c0);
        cpuMs.push((c.user + c.system) / 1000);
        ms.push(now() - t0);
        want.push(key(r.transitions));
      }
      ms.sort((a, b) => a - b);
      recs.push({
        workload: 'engine-partitions',
        threads: 1,
        mode: 'tick BTC, single engine',
        accounts: n,
        seconds: ms[Math.floor(ticks / 2)] / 1000,
        accounts_per_s: n / (ms[Math.floor(ticks / 2)] / 1000),
        wall_ms_per_tick: ms[Math.floor(ticks / 2)],
        min_wall_ms: ms[0],
        max_wall_ms: ms[ticks - 1],
        cpu_ms_per_tick: cpuMs.sort((a, b) => a - b)[Math.floor(ticks / 2)],
      });
    }
    (globalThis as { gc?: () => void }).gc?.();
    for (const partitions of counts) {
      const dir = mkdtempSync(join(tmpdir(), 'riskcore-bench-parts-'));
      const st0 = now();
      let engine = await createPartitionedEngine(BOOK_MARKET, { ...BOOK_OPTIONS, partitions, dir });
      const startMs = now() - st0; // threads started on an empty folder: the fixed cost in reopen_wall_ms
      try {
        const l0 = now();
        let batch: EngineEvent[] = [];
        const sent: Promise<unknown>[] = [];
        bookEvents(n, (e) => {
          batch.push(e);
          if (batch.length === 20_000) {
            sent.push(engine.applyMany(batch));
            batch = [];
          }
        });
        sent.push(engine.applyMany(batch));
        await Promise.all(sent);
        const loadMs = now() - l0;
        const ms: number[] = [];
        for (let k = 0; k < ticks; k++) {
          const t0 = now();
          const r = await engine.apply({ type: 'tick', underlying: 'BTC', price: price(k) });
          ms.push(now() - t0);
          if (key(r.transitions) !== want[k]) throw new Error(`engine-partitions: tick ${k} differs from one engine`);
        }
        ms.sort((a, b) => a - b);
        const fills: number[] = [];
        for (let i = 0; i < (ctx.quick ? 200 : 2000); i++) {
          const t0 = now();
          await engine.apply({
            type: 'fill',
            account: `acc${(i * 7919) % n}`,
            instrument: { kind: 'perp', underlying: 'BTC' },
            quantity: i % 2 === 0 ? 0.01 : -0.01,
            price: 60000,
          });
          fills.push((now() - t0) * 1000);
        }
        fills.sort((a, b) => a - b);
        // recovery: every partition writes its snapshot; reopening restores them in parallel threads
        const s0 = now();
        const sizes = await engine.snapshot();
        const snapMs = now() - s0;
        const seq = engine.sequence();
        await engine.close();
        const o0 = now();
        engine = await createPartitionedEngine(BOOK_MARKET, { ...BOOK_OPTIONS, partitions, dir });
        const openMs = now() - o0;
        if (engine.sequence() !== seq) throw new Error('engine-partitions: the reopened engine lost events');
        recs.push({
          workload: 'engine-partitions',
          threads: partitions,
          mode: `tick BTC, ${partitions} partition(s)`,
          accounts: n,
          seconds: ms[Math.floor(ticks / 2)] / 1000,
          accounts_per_s: n / (ms[Math.floor(ticks / 2)] / 1000),
          wall_ms_per_tick: ms[Math.floor(ticks / 2)],
          min_wall_ms: ms[0],
          max_wall_ms: ms[ticks - 1],
          load_ms: loadMs,
          fill_p50_us: fills[Math.floor(fills.length / 2)],
          fill_p99_us: fills[Math.floor(fills.length * 0.99)],
          snapshot_bytes: sizes.reduce((a, b) => a + b, 0),
          snapshot_wall_ms: snapMs,
          reopen_wall_ms: openMs,
          empty_start_wall_ms: startMs,
        });
      } finally {
        await engine.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return recs;
  },
};
export default workload;
