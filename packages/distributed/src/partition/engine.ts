/// <reference types="node" />
/**
 * A margin engine whose accounts are spread over worker-thread partitions of one process; each partition runs a
 * riskcore/engine `MarginEngine` (and, with a folder, keeps its own append-only log and snapshot). Internal file of
 * `@riskcore/distributed`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Money, RiskInputError, checkArray, checkNumber, checkString, knownKeys, checkStrictObject } from 'riskcore';
import type { Market } from 'riskcore';
import type { Account } from 'riskcore/netting';
import { createMarginEngine } from 'riskcore/engine';
import type { EngineMarginResult, MarginEngineOptions, PreTradeOrder, PreTradeResult } from 'riskcore/engine';
import type { PartitionAnswer, PartitionItem } from './apply.js';
import type { PartitionedEventResult } from './merge.js';
import { mergeAnswers, recoveryPlan } from './merge.js';
import { partitionOf, routeOf } from './route.js';
import type { InitAnswer } from './thread.js';
import { PartitionThread } from './threads.js';

/** Options of {@link createPartitionedEngine}: the engine's options, the partition count and the folder. */
export interface PartitionedEngineOptions extends MarginEngineOptions {
  /** Worker-thread partitions (1–64; default 2). */
  partitions?: number;
  /** Folder of the partitions' logs and snapshots (`<dir>/p<i>/`); an existing one is recovered. Absent: in memory. */
  dir?: string;
}

/** A margin engine over worker-thread partitions (see {@link createPartitionedEngine}). */
export interface PartitionedEngine {
  /** Number of partitions. */
  readonly partitions: number;
  /** Apply one event (as `MarginEngine.apply`); bad input rejects with the RiskInputError naming `event.<field>`. */
  apply(event: unknown): Promise<PartitionedEventResult>;
  /** Apply events in order (one message per partition); an invalid event is skipped and its result holds the `error`. */
  applyMany(events: readonly unknown[]): Promise<PartitionedEventResult[]>;
  /** The account's figures, from its partition. */
  margin(accountId: string): Promise<EngineMarginResult>;
  /** The account as riskcore/netting input, from its partition. */
  account(accountId: string): Promise<Account>;
  /** Pre-trade check on the account's partition. */
  preTrade(accountId: string, order: PreTradeOrder): Promise<PreTradeResult>;
  /** Write every partition's snapshot to its folder (needs `dir`); the sizes in bytes, by partition. */
  snapshot(): Promise<number[]>;
  /** Ids of the accounts, partition by partition, each in its opening order. */
  accounts(): Promise<string[]>;
  /** Global sequence number of the last accepted event. */
  sequence(): number;
  /** Column bytes, accounts and position slots summed over the partitions. */
  stats(): Promise<{ accounts: number; positions: number; bytes: number }>;
  /** The partition of an account id. */
  partitionOf(accountId: string): number;
  /** Stop the threads (the folder keeps the state). */
  close(): Promise<void>;
}

const OPTIONS = knownKeys('method', 'params', 'collateralAssets', 'decimals', 'partitions', 'dir');
const money = (r: Record<string, unknown>, keys: string[]): void => {
  for (const k of keys) r[k] = new Money(r[k] as string);
};
const FIGURES = ['equity', 'initialMargin', 'maintenanceMargin', 'freeCollateral'];

class Partitioned implements PartitionedEngine {
  readonly partitions: number;
  private submitted = 0;
  private seq = 0;
  /** Sends leave in this order (a snapshot waits for the results before it). */
  private gate: Promise<unknown> = Promise.resolve();
  /** Results are numbered in this order. */
  private results: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly threads: PartitionThread[],
    private readonly persistent: boolean,
  ) {
    this.partitions = threads.length;
  }

  /** @internal */
  async start(market: Market, options: MarginEngineOptions, dir: string | undefined): Promise<void> {
    const inits = await Promise.all(
      this.threads.map((t, p) =>
        t.call<InitAnswer>({ op: 'init', market, options, dir: dir === undefined ? null : join(dir, `p${p}`) }),
      ),
    );
    const plan = recoveryPlan(inits.map((a) => ({ ...a, snapN: Number(a.snapAt.slice(2)) })));
    await Promise.all(
      plan.missing.map((list, p) =>
        list.length === 0
          ? null
          : this.threads[p].call({ op: 'batch', items: list.map((b) => ({ at: `0-${b.n}`, event: b.record })) }),
      ),
    );
    this.submitted = plan.submitted;
    this.seq = plan.seq;
  }

  partitionOf(accountId: string): number {
    return partitionOf(checkString(accountId, 'accountId'), this.partitions);
  }

  async apply(event: unknown): Promise<PartitionedEventResult> {
    const [r] = await this.applyMany([event], 'event');
    if (r.error) throw r.error;
    return r;
  }

  applyMany(events: readonly unknown[], path = 'events'): Promise<PartitionedEventResult[]> {
    const list = checkArray(events, path);
    const n0 = this.submitted;
    this.submitted += list.length;
    const routes = list.map((e) => routeOf(e, this.partitions));
    const items: PartitionItem[][] = this.threads.map(() => []);
    routes.forEach((r, i) => {
      const it = { at: `0-${n0 + i + 1}`, event: list[i] };
      if (r === 'all') for (const b of items) b.push(it);
      else items[r].push(it);
    });
    const sent = this.gate.then(() =>
      Promise.all(
        this.threads.map((t, p) =>
          items[p].length === 0 ? [] : t.call<PartitionAnswer[]>({ op: 'batch', items: items[p] }),
        ),
      ),
    );
    this.gate = sent.catch(() => undefined);
    const done = Promise.all([this.results, sent]).then(([, answers]) => {
      const at = this.threads.map(() => 0);
      return routes.map((r) => {
        const parts = r === 'all' ? answers.map((a, p) => a[at[p]++]) : [answers[r][at[r]++]];
        const first = parts[0];
        if (first.accepted) this.seq++;
        return mergeAnswers(parts, this.seq);
      });
    });
    this.results = done.catch(() => undefined);
    return done;
  }

  private async ask<T>(accountId: unknown, body: (id: string) => Parameters<PartitionThread['call']>[0]): Promise<T> {
    const id = checkString(accountId, 'accountId');
    const t = this.threads[partitionOf(id, this.partitions)];
    await this.gate;
    return t.call<T>(body(id));
  }

  async margin(accountId: string): Promise<EngineMarginResult> {
    const r = await this.ask<Record<string, unknown>>(accountId, (id) => ({ op: 'margin', id }));
    money(r, FIGURES);
    return r as unknown as EngineMarginResult;
  }

  account(accountId: string): Promise<Account> {
    return this.ask<Account>(accountId, (id) => ({ op: 'account', id }));
  }

  async preTrade(accountId: string, order: PreTradeOrder): Promise<PreTradeResult> {
    const r = await this.ask<Record<string, unknown>>(accountId, (id) => ({ op: 'preTrade', id, order }));
    money(r, FIGURES);
    return r as unknown as PreTradeResult;
  }

  snapshot(): Promise<number[]> {
    if (!this.persistent)
      return Promise.reject(new RiskInputError('options.dir', 'a folder to write snapshots to', undefined));
    const at = `0-${this.submitted}`;
    const run = Promise.all([this.gate, this.results]).then(() =>
      Promise.all(this.threads.map((t) => t.call<number>({ op: 'snapshot', at, g: this.seq }))),
    );
    this.gate = run.catch(() => undefined);
    return run;
  }

  async accounts(): Promise<string[]> {
    await this.gate;
    const lists = await Promise.all(this.threads.map((t) => t.call<string[]>({ op: 'accounts' })));
    return lists.flat();
  }

  sequence(): number {
    return this.seq;
  }

  async stats(): Promise<{ accounts: number; positions: number; bytes: number }> {
    await this.gate;
    const all = await Promise.all(
      this.threads.map((t) => t.call<{ accounts: number; positions: number; bytes: number }>({ op: 'stats' })),
    );
    return all.reduce((a, b) => ({
      accounts: a.accounts + b.accounts,
      positions: a.positions + b.positions,
      bytes: a.bytes + b.bytes,
    }));
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.gate, this.results]);
    await Promise.allSettled(this.threads.map((t) => t.call({ op: 'close' })));
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
}

/**
 * A margin engine partitioned over worker threads: accounts are assigned to `options.partitions` partitions by a
 * stable hash of their id; deposits, withdrawals and fills go to the account's partition, ticks and funding to
 * all; transitions come back sorted by account id, so the same event stream gives the same results with any number
 * of partitions (and the same per-account figures as one `createMarginEngine`). With `options.dir`, every
 * partition logs its accepted events to `<dir>/p<i>/log.jsonl` before answering and `snapshot()` writes
 * `<dir>/p<i>/snap.bin`; opening the same folder again recovers every partition from its snapshot and log (a
 * tick or funding a crash left in only some partitions' logs is completed in the others).
 *
 * @example
 * ```ts
 * import { createPartitionedEngine } from '@riskcore/distributed';
 * const engine = await createPartitionedEngine({ assets: { BTC: { price: 60000 } } }, { method: 'cross', partitions: 2 });
 * await engine.apply({ type: 'deposit', account: 'a', asset: 'USD', amount: '1000' });
 * await engine.apply({ type: 'fill', account: 'a', instrument: { kind: 'perp', underlying: 'BTC' }, quantity: 1, price: 60000 });
 * const tick = await engine.apply({ type: 'tick', underlying: 'BTC', price: 59000 });
 * console.log(tick.transitions); // [{ type: 'liquidatable', account: 'a' }]
 * console.log((await engine.margin('a')).initialMargin.toString()); // '590'
 * await engine.close();
 * ```
 */
export async function createPartitionedEngine(
  market: Market,
  options?: PartitionedEngineOptions,
): Promise<PartitionedEngine> {
  const o = options === undefined ? {} : checkStrictObject(options, 'options', OPTIONS);
  const { partitions: rawP, dir: rawDir, ...engineOptions } = o as PartitionedEngineOptions;
  const partitions = rawP === undefined ? 2 : checkNumber(rawP, 'options.partitions', { ge: 1, le: 64, integer: true });
  const dir = rawDir === undefined ? undefined : checkString(rawDir, 'options.dir');
  createMarginEngine(market, engineOptions); // validates market and options with the engine's own paths
  if (dir !== undefined) {
    mkdirSync(dir, { recursive: true });
    const meta = join(dir, 'partitions.json');
    if (existsSync(meta)) {
      const had = (JSON.parse(readFileSync(meta, 'utf8')) as { partitions: number }).partitions;
      if (had !== partitions)
        throw new RiskInputError('options.partitions', `${had}, the partition count of ${dir}`, partitions);
    } else writeFileSync(meta, JSON.stringify({ partitions }));
  }
  const threads = Array.from({ length: partitions }, () => new PartitionThread());
  const engine = new Partitioned(threads, dir !== undefined);
  try {
    await engine.start(market, engineOptions, dir);
  } catch (e) {
    await Promise.all(threads.map((t) => t.terminate()));
    throw e;
  }
  return engine;
}
