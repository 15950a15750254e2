/**
 * What a riskcore worker does with each job, as pure functions of the job's data (no Redis here): a Monte Carlo
 * shard, a protocol-risk shard, or a batch of margin accounts answered one by one. Internal.
 */
import { RiskInputError } from 'riskcore';
import type { Market } from 'riskcore';
import { checkEnum, checkNumber, checkObject, checkString } from 'riskcore';
import { runShard } from 'riskcore/montecarlo';
import type { ShardJob } from 'riskcore/montecarlo';
import { validateAccount } from 'riskcore/netting';
import { prepareMargin } from 'riskcore/netting';
import type { MarginContext } from 'riskcore/netting';
import { accountMargin } from 'riskcore/netting';
import type { AccountMarginResult, MarginMethod } from 'riskcore/netting';
import type { MarginParams } from 'riskcore/netting';
import { runProtocolRiskShard } from 'riskcore/stress';
import type { ProtocolRiskShardJob } from 'riskcore/stress';
import { encodeShardResult } from './wire.js';
import { encodeProtocolRiskResult } from './protocolRiskWire.js';
import type { WireProtocolRiskResult } from './protocolRiskWire.js';
import type { WireShardResult } from './wire.js';

/** Data of a `'margin-batch'` job. `accounts` is the JSON text of the batch's accounts (`null` for a line the client could not parse). */
export interface MarginBatchData {
  market: Market;
  params?: MarginParams;
  /** Omitted: `accountMargin`'s default (standard for delta-one books, portfolio with options). */
  method?: MarginMethod;
  /** Index of the batch's first account in the sweep. */
  start: number;
  accounts: string;
}

/** The JSON form of a value: Decimals become strings (what `JSON.stringify` makes of them). */
export type Jsonified<T> = T extends { toJSON(): infer J }
  ? J
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/** Why an account was not margined: a {@link RiskInputError}'s name, path (`accounts[17].positions[0].strike`) and message. */
export interface SweepError {
  name: string;
  path: string;
  message: string;
}

/** One answer of a margin sweep, in the sweep's account order. */
export type SweepAnswer =
  | { index: number; id?: string; ok: true; result: Jsonified<AccountMarginResult> }
  | { index: number; id?: string; ok: false; error: SweepError };

/** Run one shard job and pack its result for the queue. */
export function processShard(data: unknown): WireShardResult {
  return encodeShardResult(runShard(data as ShardJob));
}

/** Run one protocol-risk shard job and pack its result for the queue. */
export function processProtocolRiskShard(data: unknown): WireProtocolRiskResult {
  return encodeProtocolRiskResult(runProtocolRiskShard(data as ProtocolRiskShardJob));
}

/** Margin contexts of recent market snapshots, by their JSON text: batches of one sweep share the risk arrays. */
export class ContextCache {
  private readonly map = new Map<string, MarginContext>();
  constructor(private readonly size = 4) {}
  get(market: unknown, params: unknown): MarginContext {
    const key = JSON.stringify([market, params ?? null]);
    let ctx = this.map.get(key);
    if (ctx === undefined) {
      ctx =
        params === undefined
          ? prepareMargin(market as Market)
          : prepareMargin(market as Market, params as MarginParams);
      if (this.map.size >= this.size) this.map.delete(this.map.keys().next().value as string);
      this.map.set(key, ctx);
    }
    return ctx;
  }
}

const BIGINT = '$bigint';

/** JSON text of accounts, bigints kept as `{ "$bigint": "…" }` (plain JSON has no bigint). */
export function accountText(account: unknown): string {
  return (
    JSON.stringify(account, (_k, v: unknown) => (typeof v === 'bigint' ? { [BIGINT]: v.toString() } : v)) ?? 'null'
  );
}

function parseAccounts(text: string): unknown[] {
  const revive = text.includes(`"${BIGINT}"`);
  const out: unknown = JSON.parse(
    text,
    revive
      ? (_k, v: unknown) => {
          if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
            const keys = Object.keys(v);
            const s = (v as Record<string, unknown>)[BIGINT];
            if (keys.length === 1 && typeof s === 'string' && /^-?\d+$/.test(s)) return BigInt(s);
          }
          return v;
        }
      : undefined,
  );
  if (!Array.isArray(out)) throw new RiskInputError('data.accounts', 'JSON text of an array', text);
  return out;
}

/** A RiskInputError about `account…` restated about `accounts[index]…`. */
export function sweepError(e: RiskInputError, index: number): SweepError {
  const at = `accounts[${index}]`;
  const path =
    e.path === 'account' || e.path.startsWith('account.') || e.path.startsWith('account[')
      ? at + e.path.slice('account'.length)
      : e.path === ''
        ? at
        : `${at}: ${e.path}`;
  const message = e.message.startsWith(e.path === '' ? 'input' : e.path)
    ? path + e.message.slice((e.path === '' ? 'input' : e.path).length)
    : `${path}: ${e.message}`;
  return { name: e.name, path, message };
}

/**
 * Margin a batch: each account validated and margined on its own against one shared context. A RiskInputError
 * answers that account only; any other error fails the batch (it is a bug, not a bad account).
 */
export function processMarginBatch(data: unknown, contexts: ContextCache = new ContextCache(1)): SweepAnswer[] {
  const d = checkObject(data, 'data');
  const method =
    d.method === undefined
      ? undefined
      : checkEnum(d.method, 'data.method', ['standard', 'cross', 'portfolio'] as const);
  const start = checkNumber(d.start, 'data.start', { ge: 0, integer: true });
  const accounts = parseAccounts(checkString(d.accounts, 'data.accounts'));
  const ctx = contexts.get(d.market, d.params);
  const out: SweepAnswer[] = new Array(accounts.length);
  for (let i = 0; i < accounts.length; i++) {
    const raw = accounts[i];
    const index = start + i;
    const rawId = raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
    const id = typeof rawId === 'string' ? rawId : undefined;
    try {
      const acc = validateAccount(raw, 'account', ctx.market);
      const result = accountMargin(
        acc,
        ctx,
        method === undefined ? {} : { method },
      ) as unknown as Jsonified<AccountMarginResult>;
      out[i] = id === undefined ? { index, ok: true, result } : { index, id, ok: true, result };
    } catch (e) {
      if (!(e instanceof RiskInputError)) throw e;
      const error = sweepError(e, index);
      out[i] = id === undefined ? { index, ok: false, error } : { index, id, ok: false, error };
    }
  }
  return out;
}
