/**
 * Workload 'engine-recovery': how fast a riskcore/engine margin engine of the delta-one book of
 * bench/workloads/engineBook.ts (env `ENGINE_ACCOUNTS`, default 1,000,000) comes back after a crash.
 * - `snapshot`: bytes and CPU ms of `engine.snapshot()`;
 * - `restore snapshot`: `restoreMarginEngine(snapshot, [])` (ms, median of 3);
 * - `log replay`: a log of 100,000 later events (fills and deposits; with a BTC tick every 1,000, then without
 *   ticks) as JSON lines — parse and replay after a snapshot (events/s, wall and CPU), and the total recovery time;
 * Checks that the recovered engine's snapshot equals the running engine's, byte for byte.
 */
import { createMarginEngine, restoreMarginEngine } from '../../src/engine/index.js';
import type { LogEntry } from '../../src/engine/index.js';
import type { BenchRecord, Workload } from '../harness.js';
import { BOOK_MARKET, BOOK_OPTIONS, bookEvents, laterEvents } from './engineBook.js';

const now = (): number => performance.now();
/** CPU ms of this process (the machine is shared: wall time includes waiting for a core). */
const cpu = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.compare(a, b) === 0;

const workload: Workload = {
  name: 'engine-recovery',
  throughputKey: 'events_per_s',
  async run(ctx) {
    const n = Number(process.env.ENGINE_ACCOUNTS ?? 1_000_000);
    const engine = createMarginEngine(BOOK_MARKET, BOOK_OPTIONS);
    let events = 0;
    const t0 = now();
    bookEvents(n, (e) => {
      if (engine.apply(e).accepted) events++;
    });
    const loadMs = now() - t0;
    const recs: BenchRecord[] = [];
    const s0 = now();
    const sc = cpu();
    const snap = engine.snapshot();
    const snapCpu = cpu() - sc;
    const snapMs = now() - s0;
    recs.push({
      workload: 'engine-recovery',
      threads: 1,
      mode: 'snapshot',
      accounts: n,
      seconds: snapMs / 1000,
      snapshot_bytes: snap.byteLength,
      snapshot_bytes_per_account: snap.byteLength / n,
      snapshot_ms: snapMs,
      snapshot_cpu_ms: snapCpu,
      load_events: events,
      load_ms: loadMs,
    });
    const restoreMs: number[] = [];
    const restoreCpu: number[] = [];
    for (let k = 0; k < (ctx.quick ? 1 : 3); k++) {
      const r0 = now();
      const c0 = cpu();
      const back = restoreMarginEngine(snap, []);
      restoreCpu.push(cpu() - c0);
      restoreMs.push(now() - r0);
      if (k === 0 && !same(back.snapshot(), snap)) throw new Error('engine-recovery: the restored snapshot differs');
    }
    recs.push({
      workload: 'engine-recovery',
      threads: 1,
      mode: 'restore snapshot',
      accounts: n,
      seconds: median(restoreMs) / 1000,
      restore_ms: median(restoreMs),
      restore_cpu_ms: median(restoreCpu),
      snapshot_mb_per_s: snap.byteLength / 1e6 / (median(restoreMs) / 1000),
    });
    // logs after a snapshot, as the service wrote them (JSON lines): with a BTC tick every 1,000 events, then none
    const count = ctx.quick ? 20_000 : 100_000;
    let base = snap;
    for (const tickEvery of [1000, 0]) {
      let text = '';
      laterEvents(n, count, tickEvery, (e) => {
        const r = engine.apply(e);
        if (r.log) text += `${JSON.stringify(r.log)}\n`;
      });
      const want = engine.snapshot();
      const p0 = now();
      const lines = text.split('\n');
      lines.pop();
      const log = lines.map((l) => JSON.parse(l) as LogEntry);
      const parseMs = now() - p0;
      const r0 = now();
      const q0 = cpu();
      restoreMarginEngine(base, []);
      const r1 = now();
      const q1 = cpu();
      const full = restoreMarginEngine(base, log);
      const r2 = now();
      const q2 = cpu();
      const replayCpu = q2 - q1 - (q1 - q0);
      if (!same(full.snapshot(), want)) throw new Error('engine-recovery: snapshot + log differs from the engine');
      const replayMs = r2 - r1 - (r1 - r0); // restore of the snapshot counted once
      recs.push({
        workload: 'engine-recovery',
        threads: 1,
        mode: tickEvery ? 'log replay after snapshot (tick every 1000)' : 'log replay after snapshot (no ticks)',
        accounts: n,
        seconds: (r2 - r1) / 1000,
        events: log.length,
        log_bytes: text.length,
        parse_ms: parseMs,
        replay_ms: replayMs,
        events_per_s: log.length / (replayMs / 1000),
        replay_cpu_ms: replayCpu,
        events_per_cpu_s: log.length / (replayCpu / 1000),
        ticks: log.filter((e) => e.record.type === 'tick').length,
        recovery_ms: parseMs + (r2 - r1),
      });
      base = want;
    }
    return recs;
  },
};
export default workload;
