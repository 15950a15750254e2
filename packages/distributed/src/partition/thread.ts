/// <reference types="node" />
/**
 * The worker thread of one partition of {@link createPartitionedEngine}: holds the partition's engine (and, with a
 * folder, its log and snapshot) and answers the coordinator's requests in the order they arrive. Internal entry.
 */
import { parentPort } from 'node:worker_threads';
import type { Market } from 'riskcore';
import { createMarginEngine } from 'riskcore/engine';
import type { MarginEngine, MarginEngineOptions, PreTradeOrder } from 'riskcore/engine';
import type { PartitionItem } from './apply.js';
import { applyItems } from './apply.js';
import { wireError } from './route.js';
import { PartitionLog, loadPartition, partitionSnapshot } from './store.js';

/** A request of the coordinator. */
export type ThreadRequest = { rid: number } & (
  | { op: 'init'; market: Market; options: MarginEngineOptions | undefined; dir: string | null }
  | { op: 'batch'; items: PartitionItem[] }
  | { op: 'margin' | 'account'; id: string }
  | { op: 'preTrade'; id: string; order: PreTradeOrder }
  | { op: 'snapshot'; at: string; g: number }
  | { op: 'stats' | 'accounts' | 'close' }
);

/** What `init` answers: the recovered position and the log's positions (submission numbers) and broadcasts. */
export interface InitAnswer {
  snapAt: string;
  snapG: number;
  logged: Float64Array;
  broadcasts: { at: string; record: unknown }[];
  snapshotBytes: number;
}

let engine: MarginEngine | null = null;
let log: PartitionLog | null = null;

function handle(m: ThreadRequest): unknown {
  if (m.op === 'init') {
    if (m.dir === null) {
      engine = createMarginEngine(m.market, m.options);
      return { snapAt: '0-0', snapG: 0, logged: new Float64Array(0), broadcasts: [], snapshotBytes: 0 };
    }
    const p = loadPartition(m.dir, m.market, m.options);
    engine = p.engine;
    log = new PartitionLog(m.dir);
    const broadcasts = p.entries
      .filter((e) => e.record.type === 'tick' || e.record.type === 'funding')
      .map((e) => ({ at: e.at, record: e.record }));
    const logged = Float64Array.from(p.entries, (e) => Number(e.at.slice(2)));
    return { snapAt: p.snapAt, snapG: p.snapG, logged, broadcasts, snapshotBytes: p.snapshotBytes } as InitAnswer;
  }
  const e = engine as MarginEngine;
  switch (m.op) {
    case 'batch':
      return applyItems(e, m.items, log);
    case 'margin': {
      const r = e.margin(m.id);
      return {
        ...r,
        equity: r.equity.toString(),
        initialMargin: r.initialMargin.toString(),
        maintenanceMargin: r.maintenanceMargin.toString(),
        freeCollateral: r.freeCollateral.toString(),
      };
    }
    case 'account':
      return e.account(m.id);
    case 'preTrade': {
      const r = e.preTrade(m.id, m.order);
      return {
        ...r,
        equity: r.equity.toString(),
        initialMargin: r.initialMargin.toString(),
        maintenanceMargin: r.maintenanceMargin.toString(),
        freeCollateral: r.freeCollateral.toString(),
      };
    }
    case 'snapshot':
      if (log) return log.snapshot(e, m.at, m.g);
      return partitionSnapshot(e, m.at, m.g);
    case 'stats':
      return e.stats();
    case 'accounts':
      return e.accounts();
    case 'close':
      log?.close();
      log = null;
      return null;
  }
}

parentPort?.on('message', (m: ThreadRequest) => {
  try {
    parentPort?.postMessage({ rid: m.rid, value: handle(m) });
  } catch (err) {
    let error: unknown;
    try {
      error = wireError(err);
    } catch {
      parentPort?.postMessage({ rid: m.rid, fatal: String((err as Error)?.stack ?? err) });
      return;
    }
    parentPort?.postMessage({ rid: m.rid, error });
  }
});
