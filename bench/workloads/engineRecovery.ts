/**
 * Workload 'engine-recovery': how fast a riskcore/engine margin engine of the delta-one book of
 * bench/workloads/engineBook.ts (env `ENGINE_ACCOUNTS`, default 1,000,000) comes back after a crash.
 * - `snapshot`: bytes and CPU ms of `engine.snapshot()`;
 * - `restore snapshot`: `restoreMarginEngine(snapshot, [])` (ms, median of 3);
 * - `log replay`: a log of 100,000 later events (fills, deposits, a BTC tick every 1,000) as JSON lines — parse and
 *   replay after the snapshot (events/s), and the total recovery time snapshot + log;
 * - `full replay`: the book's own log (every event since the start) replayed on an empty engine (events/s).
 * Checks that the recovered engine's snapshot equals the running engine's, byte for byte.
 */
import { createMarginEngine, restoreMarginEngine } from '../../src/engine/index.js';
import type { LogEntry } from '../../src/engine/index.js';
import type { BenchRecord, Workload } from '../harness.js';
import { BOOK_MARKET, BOOK_OPTIONS, bookEvents, laterEvents } from './engineBook.js';

const now = (): number => performance.now();
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.compare(a, b) === 0;

const workload: Workload = {
  name: 'engine-recovery',
  throughputKey: 'events_per_s',
  async run(ctx) {
    const n = Number(process.env.ENGINE_ACCOUNTS ?? 1_000_000);
    const engine = createMarginEngine(BOOK_MARKET, BOOK_OPTIONS);
    const bookLog: LogEntry[] = [];
    const t0 = now();
    bookEvents(n, (e) => {
      const r = engine.apply(e);
      if (r.log) bookLog.push(r.log);
    });
    const loadMs = now() - t0;
    const recs: BenchRecord[] = [];
    const s0 = now();
    const snap = engine.snapshot();
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
      load_events: bookLog.length,
      load_ms: loadMs,
    });
    const restoreMs: number[] = [];
    for (let k = 0; k < (ctx.quick ? 1 : 3); k++) {
      const r0 = now();
      const back = restoreMarginEngine(snap, []);
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
      snapshot_mb_per_s: snap.byteLength / 1e6 / (median(restoreMs) / 1000),
    });
    // the log after the snapshot, as the service wrote it (JSON lines)
    const count = ctx.quick ? 20_000 : 100_000;
    let text = '';
    laterEvents(n, count, (e) => {
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
    const back = restoreMarginEngine(snap, []);
    const r1 = now();
    const full = restoreMarginEngine(snap, log);
    const r2 = now();
    if (!same(full.snapshot(), want)) throw new Error('engine-recovery: snapshot + log differs from the engine');
    const replayMs = r2 - r1 - (r1 - r0); // restore of the snapshot counted once
    recs.push({
      workload: 'engine-recovery',
      threads: 1,
      mode: 'log replay after snapshot',
      accounts: n,
      seconds: (r2 - r1) / 1000,
      events: log.length,
      log_bytes: text.length,
      parse_ms: parseMs,
      replay_ms: replayMs,
      events_per_s: log.length / (replayMs / 1000),
      recovery_ms: parseMs + (r2 - r1),
    });
    void back;
    const f0 = now();
    const replayed = restoreMarginEngine(createMarginEngine(BOOK_MARKET, BOOK_OPTIONS).snapshot(), bookLog);
    const fMs = now() - f0;
    if (replayed.sequence() !== bookLog.length) throw new Error('engine-recovery: full replay lost events');
    recs.push({
      workload: 'engine-recovery',
      threads: 1,
      mode: 'full replay from empty',
      accounts: n,
      seconds: fMs / 1000,
      events: bookLog.length,
      events_per_s: bookLog.length / (fMs / 1000),
    });
    return recs;
  },
};
export default workload;
