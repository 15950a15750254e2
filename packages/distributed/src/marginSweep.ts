/// <reference types="node" />
/** A margin sweep: every account of a snapshot margined by riskcore workers, answers streamed back in order. */
import { inflateRawSync } from 'node:zlib';
import { Queue, QueueEvents } from 'bullmq';
import type { Market } from 'riskcore';
import { checkEnum, checkKeys, checkNumber, checkObject, knownKeys } from 'riskcore';
import { prepareMargin } from 'riskcore/netting';
import type { MarginMethod } from 'riskcore/netting';
import type { MarginParams } from 'riskcore/netting';
import { checkSource, readAccounts } from './accountSource.js';
import type { AccountSource, SourceItem } from './accountSource.js';
import { checkKey, DEFAULT_QUEUE, MARGIN_BATCH, redisOptions } from './connection.js';
import type { RedisConnection } from './connection.js';
import type { MarginBatchData, SweepAnswer, SweepError } from './processor.js';
import { closeClients, DistributedRunError, inputDeadlines, RedisErrors, withDeadline, within } from './deadline.js';
import { JobWaiter } from './waiter.js';

/** Input of {@link marginSweep}. */
export interface MarginSweepInput {
  connection: RedisConnection;
  /** Queue name (default `'riskcore'`). */
  queue?: string;
  /** Names the sweep: batch jobs get ids `${sweepId}.batch.${b}` (a batch still queued is not submitted twice). */
  sweepId: string;
  /** The accounts (netting `Account` objects): an Iterable, an AsyncIterable, or `{ jsonl: path }` (one account per line). */
  accounts: AccountSource;
  /** One market snapshot for every account. */
  market: Market;
  /** Margin parameters (default: the netting module's defaults). */
  params?: MarginParams;
  /** Default: `accountMargin`'s (standard for delta-one books, portfolio when the account holds options). */
  method?: MarginMethod;
  /** Accounts per job (default 500). */
  batchSize?: number;
  /** Batches submitted and not yet answered, at most (default 16): bounds memory whatever the number of accounts. */
  maxInFlight?: number;
  /** Attempts per batch for errors other than bad accounts (default 3). */
  attempts?: number;
  /**
   * Deadline of the whole sweep in milliseconds, from the first read of the iterator (at most 2³¹ − 1): past it the
   * iteration throws a `DistributedRunError` (`code: 'deadline'`); answers already yielded stand. Default: none.
   */
  timeoutMs?: number;
  /** Deadline for connecting to Redis and authenticating, in milliseconds (default 10,000; `code: 'connect'`). */
  connectTimeoutMs?: number;
}

const INPUT_KEYS = knownKeys(
  'connection',
  'queue',
  'sweepId',
  'accounts',
  'market',
  'params',
  'method',
  'batchSize',
  'maxInFlight',
  'attempts',
  'timeoutMs',
  'connectTimeoutMs',
);

export type { SweepAnswer, SweepError };

interface Batch {
  id: string;
  start: number;
  count: number;
  /** Answers decided here (lines that are not JSON), by offset in the batch. */
  local: Map<number, SweepError>;
  result: Promise<unknown>;
}

/** Unpack a batch's answers: deflate-raw + base64 JSON written by the worker. */
function decodeAnswers(value: unknown, batch: Batch): SweepAnswer[] {
  const v = value as { count?: unknown; z?: unknown } | null;
  if (v === null || typeof v !== 'object' || v.count !== batch.count || typeof v.z !== 'string') {
    throw new Error(
      `job ${batch.id} returned ${JSON.stringify(value)?.slice(0, 80)}, not ${batch.count} answers (is the sweep id reused?)`,
    );
  }
  const answers = JSON.parse(inflateRawSync(Buffer.from(v.z, 'base64')).toString('utf8')) as SweepAnswer[];
  if (
    !Array.isArray(answers) ||
    answers.length !== batch.count ||
    (batch.count > 0 && answers[0].index !== batch.start)
  ) {
    throw new Error(
      `job ${batch.id} answers do not match accounts ${batch.start}..${batch.start + batch.count - 1} (is the sweep id reused?)`,
    );
  }
  return answers;
}

/**
 * Margin every account of `accounts` against one market snapshot on riskcore workers (`accountMargin` with
 * `method`), and stream the answers back in the accounts' order as batches complete: `{ index, id?, ok: true,
 * result }` with `result` the JSON form of `accountMargin`'s result (money as decimal strings), or `{ index, id?,
 * ok: false, error: { name, path, message } }` for an account that is not valid (`accounts[17].positions[0].strike`)
 * or a JSONL line that is not JSON (`accounts[17]`). Every account is answered exactly once.
 *
 * Batches are submitted while accounts are read, at most `maxInFlight` at a time, so memory stays bounded for
 * 10⁶ accounts. The market and params are validated here first (RiskInputError, thrown by this call). A batch
 * failing for another reason on every attempt ends the iteration with that error. Answered batch jobs are removed
 * from Redis.
 *
 * @example
 * ```ts
 * import { startRedisServer, startRiskWorker, marginSweep } from '@riskcore/distributed';
 * const redis = await startRedisServer();
 * const worker = await startRiskWorker({ connection: redis.url, queue: 'doc-sweep' });
 * const accounts = [
 *   { id: 'alice', collateral: [{ asset: 'USDC', amount: '10000' }], positions: [{ kind: 'perp' as const, underlying: 'BTC', quantity: 0.5 }] },
 *   { id: 'bob', positions: [{ kind: 'perp' as const, underlying: 'DOGE', quantity: 1 }] },
 * ];
 * const market = { assets: { BTC: { price: 60000, vol: 0.6 } } };
 * for await (const a of marginSweep({ connection: redis.url, queue: 'doc-sweep', sweepId: 'snap-1', accounts, market, method: 'standard' })) {
 *   console.log(a.index, a.id, a.ok ? a.result.initialMargin : a.error.path);
 * }
 * // 0 alice 240
 * // 1 bob accounts[1].positions[0].underlying
 * await worker.close();
 * await redis.stop();
 * ```
 */
export function marginSweep(input: MarginSweepInput): AsyncIterable<SweepAnswer> {
  const o = checkObject(input, 'input');
  checkKeys(o, 'input', INPUT_KEYS);
  const connection = redisOptions(o.connection, 'input.connection');
  const queueName = o.queue === undefined ? DEFAULT_QUEUE : checkKey(o.queue, 'input.queue');
  const { timeoutMs, connectTimeoutMs } = inputDeadlines(o);
  const sweepId = checkKey(o.sweepId, 'input.sweepId');
  const source = checkSource(o.accounts, 'input.accounts');
  const method =
    o.method === undefined
      ? undefined
      : checkEnum(o.method, 'input.method', ['standard', 'cross', 'portfolio'] as const);
  const batchSize =
    o.batchSize === undefined
      ? 500
      : checkNumber(o.batchSize, 'input.batchSize', { ge: 1, le: 100_000, integer: true });
  const maxInFlight =
    o.maxInFlight === undefined
      ? 16
      : checkNumber(o.maxInFlight, 'input.maxInFlight', { ge: 1, le: 10_000, integer: true });
  const attempts =
    o.attempts === undefined ? 3 : checkNumber(o.attempts, 'input.attempts', { ge: 1, le: 100, integer: true });
  if (o.params === undefined) prepareMargin(input.market);
  else prepareMargin(input.market, input.params);
  const market = input.market;
  const params = input.params;
  return { [Symbol.asyncIterator]: () => sweep() };

  async function* sweep(): AsyncGenerator<SweepAnswer> {
    const started = performance.now();
    const queue = new Queue(queueName, { connection, streams: { events: { maxLen: 2000 } } });
    const events = new QueueEvents(queueName, { connection });
    const errors = new RedisErrors();
    errors.watch(queue, events);
    let waiter: JobWaiter | undefined;
    let answered = 0;
    const reader = readAccounts(source);
    const remaining = () =>
      timeoutMs === undefined ? undefined : Math.max(1, timeoutMs - (performance.now() - started));
    const expired = () =>
      new DistributedRunError(
        'deadline',
        `sweep ${sweepId}: not done within ${timeoutMs} ms (${answered} accounts answered; are workers listening on queue '${queueName}'? ${errors.describe()})`,
      );
    try {
      const connectMs = Math.min(connectTimeoutMs, remaining() ?? Infinity);
      await withDeadline(Promise.all([queue.waitUntilReady(), events.waitUntilReady()]), connectMs, () =>
        connectMs < connectTimeoutMs
          ? expired()
          : new DistributedRunError(
              'connect',
              `sweep ${sweepId}: Redis at ${connection.host}:${connection.port} not ready within ${connectTimeoutMs} ms (${errors.describe()})`,
            ),
      );
      const w = new JobWaiter(queue, events);
      waiter = w;
      const inflight: Batch[] = [];
      let next = 0;
      let exhausted = false;
      let b = 0;
      const submit = async (): Promise<void> => {
        while (!exhausted && inflight.length < maxInFlight) {
          const texts: string[] = [];
          const local = new Map<number, SweepError>();
          while (texts.length < batchSize) {
            const r: IteratorResult<SourceItem> = await reader.next();
            if (r.done) {
              exhausted = true;
              break;
            }
            if (r.value.error !== undefined) {
              local.set(texts.length, r.value.error);
              texts.push('null');
            } else texts.push(r.value.text);
          }
          if (texts.length === 0) break;
          const id = `${sweepId}.batch.${b++}`;
          const data: MarginBatchData = {
            market,
            ...(method === undefined ? {} : { method }),
            start: next,
            accounts: `[${texts.join(',')}]`,
          };
          if (params !== undefined) data.params = params;
          await queue.add(MARGIN_BATCH, data, {
            jobId: id,
            attempts,
            backoff: { type: 'exponential', delay: 250 },
            removeOnFail: { age: 3600 },
          });
          const result = w.wait(id);
          result.catch(() => undefined); // observed when its turn comes
          inflight.push({ id, start: next, count: texts.length, local, result });
          next += texts.length;
        }
      };
      await withDeadline(submit(), remaining(), expired);
      while (inflight.length > 0) {
        const batch = inflight.shift() as Batch;
        let value: unknown;
        try {
          value = await withDeadline(batch.result, remaining(), expired);
        } catch (e) {
          if (e instanceof DistributedRunError) throw e;
          throw new DistributedRunError('job', (e as Error).message, { cause: e });
        }
        const answers = decodeAnswers(value, batch);
        await withDeadline(
          queue.remove(batch.id).catch(() => 0),
          remaining(),
          expired,
        );
        await withDeadline(submit(), remaining(), expired);
        for (let i = 0; i < answers.length; i++) {
          const err = batch.local.get(i);
          answered++;
          yield err === undefined ? answers[i] : { index: batch.start + i, ok: false, error: err };
        }
      }
    } finally {
      waiter?.close();
      await within(
        reader.return(undefined).then(() => true),
        1000,
      );
      void closeClients([events, queue]);
    }
  }
}
