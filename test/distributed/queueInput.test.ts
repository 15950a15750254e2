/// <reference types="node" />
/**
 * The input checks that runDistributedMonteCarlo and runDistributedProtocolRisk share (connection, queue, run id,
 * shard count or size, progress callback, deadlines, retention, attempts): every bad field rejects with a
 * RiskInputError naming it, before anything connects; with two bad fields the one checked first is named, in the
 * order each function has always checked them; misspelt keys get a did-you-mean. No Redis is needed: nothing here
 * gets past validation.
 */
import { describe, expect, it } from 'vitest';
import { runDistributedMonteCarlo, runDistributedProtocolRisk } from '../../packages/distributed/src/index.js';
import { RiskInputError } from '../../src/index.js';

/** A port nothing listens on: a valid input would fail to connect, never hang (connectTimeoutMs is short). */
const connection = 'redis://127.0.0.1:1';
const mcBase = {
  connection,
  runId: 'mc-1',
  positions: [{ kind: 'spot' as const, underlying: 'BTC', quantity: 1 }],
  market: { assets: { BTC: { price: 60000, vol: 0.6 } } },
  options: { horizon: 1 / 365, seed: 3 },
  totalPaths: 40_000,
  confidence: 0.99,
  connectTimeoutMs: 200,
};
const prBase = {
  connection,
  runId: 'pr-1',
  protocol: { accounts: [{ id: 'a', collateral: '1', debt: '1900' }], params: { price: '2500' } },
  market: { assets: { ETH: { vol: 0.8 } } },
  options: { paths: 100, steps: 3, dt: 1 / 365, seed: 7 },
  connectTimeoutMs: 200,
};

/** One bad value of a field and the path its error names. */
type Bad = { field: string; value: unknown; path: string };
const shared: Bad[] = [
  { field: 'connection', value: 'http://x', path: 'input.connection' },
  { field: 'queue', value: 'a:b', path: 'input.queue' },
  { field: 'runId', value: '', path: 'input.runId' },
  { field: 'shards', value: 0, path: 'input.shards' },
  { field: 'shardPaths', value: 0.5, path: 'input.shardPaths' },
  { field: 'onProgress', value: 1, path: 'input.onProgress' },
  { field: 'timeoutMs', value: 0, path: 'input.timeoutMs' },
  { field: 'connectTimeoutMs', value: 2 ** 31, path: 'input.connectTimeoutMs' },
  { field: 'keepSeconds', value: 0, path: 'input.keepSeconds' },
  { field: 'attempts', value: 101, path: 'input.attempts' },
];
/** The order each function checks its fields in (the first bad one is the one named). */
const mcOrder: Bad[] = [
  ...shared.slice(0, 3),
  { field: 'totalPaths', value: 1.5, path: 'input.totalPaths' },
  ...shared.slice(3),
  { field: 'confidence', value: 2, path: 'input.confidence' },
];
const prOrder: Bad[] = [...shared, { field: 'options', value: { paths: 0 }, path: 'input.options.paths' }];

/** The RiskInputError `run` rejects with (fails the test when it rejects otherwise or resolves). */
async function refusal(run: () => Promise<unknown>): Promise<RiskInputError> {
  const e = await run().then(
    () => new Error('resolved'),
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(RiskInputError);
  return e as RiskInputError;
}

const cases = [
  {
    name: 'runDistributedMonteCarlo',
    base: mcBase,
    order: mcOrder,
    fn: runDistributedMonteCarlo as (i: unknown) => Promise<unknown>,
  },
  {
    name: 'runDistributedProtocolRisk',
    base: prBase,
    order: prOrder,
    fn: runDistributedProtocolRisk as (i: unknown) => Promise<unknown>,
  },
];

for (const { name, base, order, fn } of cases) {
  describe(`${name}: shared input checks`, () => {
    it('each bad field alone: a RiskInputError naming it', async () => {
      for (const b of order) {
        const e = await refusal(() => fn({ ...base, [b.field]: b.value }));
        expect(e.path, b.field).toBe(b.path);
      }
    });

    it('two bad fields: the one checked first is named', async () => {
      for (let i = 0; i < order.length; i++)
        for (let j = i + 1; j < order.length; j++) {
          const [a, b] = [order[i], order[j]];
          if (a.field === 'shards' && b.field === 'shardPaths') continue; // both given: its own case below
          const e = await refusal(() => fn({ ...base, [a.field]: a.value, [b.field]: b.value }));
          expect(e.path, `${a.field} then ${b.field}`).toBe(a.path);
        }
    });

    it('shards and shardPaths together are refused at shardPaths, after the target is checked', async () => {
      const e = await refusal(() => fn({ ...base, shards: 2, shardPaths: 8192 }));
      expect(e.path).toBe('input.shardPaths');
      expect(e.message).toMatch(/absent when input\.shards is given/);
      expect((await refusal(() => fn({ ...base, runId: '', shards: 2, shardPaths: 8192 }))).path).toBe('input.runId');
    });

    it('unknown and misspelt keys: a RiskInputError with a did-you-mean', async () => {
      await expect(fn({ ...base, keepSecond: 5 })).rejects.toThrow(
        /input\.keepSecond is not a field; did you mean keepSeconds\?/,
      );
      await expect(fn({ ...base, shardpaths: 5 })).rejects.toThrow(/did you mean shardPaths\?/);
      await expect(fn({ ...base, quue: 'q' })).rejects.toThrow(/did you mean queue\?/);
      expect((await refusal(() => fn({ ...base, extra: 1 }))).path).toBe('input.extra');
    });

    it('non-object input: a RiskInputError at input', async () => {
      expect((await refusal(() => fn(null))).path).toBe('input');
    });
  });
}

describe('shard sizes differ per function', () => {
  it('a Monte Carlo shard is at least one 4096-path substream; a protocol-risk shard at least one path', async () => {
    expect((await refusal(() => runDistributedMonteCarlo({ ...mcBase, shardPaths: 4095 }))).path).toBe(
      'input.shardPaths',
    );
    // 1 path per shard is valid for protocol risk: the refusal comes from a later field
    expect((await refusal(() => runDistributedProtocolRisk({ ...prBase, shardPaths: 1, attempts: 0 }))).path).toBe(
      'input.attempts',
    );
    expect((await refusal(() => runDistributedMonteCarlo({ ...mcBase, shardPaths: 4096, attempts: 0 }))).path).toBe(
      'input.attempts',
    );
  });
});
