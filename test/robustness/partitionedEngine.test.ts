/**
 * Robustness of the partitioned engines of @riskcore/distributed: junk in every option field and every event
 * field gives a RiskInputError naming that field (before any thread, process or connection is started for the
 * options), unknown and misspelt keys are refused with a did-you-mean, and deep-frozen inputs are accepted and
 * left unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RiskInputError,
  createPartitionedEngine,
  publishEngineEvents,
  startStreamPartition,
} from '../../packages/distributed/src/index.js';
import type { PartitionedEngine } from '../../packages/distributed/src/index.js';

const MARKET = { assets: { BTC: { price: 60000 } } };
const JUNK: unknown[] = [null, Number.NaN, -1, 1.5, 'x', {}, [], true, Number.POSITIVE_INFINITY, 10n];

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

async function rejectsAt(p: () => Promise<unknown>, path: string, what: unknown = ''): Promise<void> {
  let err: unknown;
  try {
    await p();
  } catch (e) {
    err = e;
  }
  expect(err, `expected a RiskInputError at ${path} for ${String(what)}`).toBeInstanceOf(RiskInputError);
  const got = (err as RiskInputError).path;
  expect(got === path || got.startsWith(`${path}.`) || got.startsWith(`${path}[`), `${got} within ${path}`).toBe(true);
}

describe('createPartitionedEngine options', () => {
  it.each(['partitions', 'dir', 'method', 'decimals', 'collateralAssets', 'params'])(
    'junk in options.%s',
    async (k) => {
      for (const v of JUNK) {
        if (k === 'dir' && typeof v === 'string') continue; // any string is a folder name
        await rejectsAt(
          () => createPartitionedEngine(MARKET, { [k]: v } as never),
          `options.${k}`.replace(/\.params$/, '.params'),
        );
      }
    },
  );
  it('a misspelt key, with a did-you-mean; junk markets', async () => {
    await expect(createPartitionedEngine(MARKET, { partition: 2 } as never)).rejects.toThrow(/did you mean partitions/);
    for (const m of [null, 1, 'x', { assets: { BTC: { price: -1 } } }])
      await expect(createPartitionedEngine(m as never)).rejects.toBeInstanceOf(RiskInputError);
  });
});

describe('partitioned engine events', () => {
  let engine: PartitionedEngine;
  beforeAll(async () => {
    engine = await createPartitionedEngine(
      deepFreeze({ assets: { BTC: { price: 60000 } } }),
      deepFreeze({ partitions: 2 }),
    );
  });
  afterAll(() => engine.close());
  const fields: [Record<string, unknown>, string[]][] = [
    [{ type: 'deposit', account: 'a', asset: 'USD', amount: '10' }, ['account', 'asset', 'amount']],
    [{ type: 'withdraw', account: 'a', asset: 'USD', amount: '1' }, ['account', 'asset', 'amount']],
    [
      { type: 'fill', account: 'a', instrument: { kind: 'perp', underlying: 'BTC' }, quantity: 0.01, price: 60000 },
      ['account', 'instrument', 'quantity', 'price'],
    ],
    [{ type: 'tick', underlying: 'BTC', price: 60100 }, ['underlying', 'price']],
    [{ type: 'funding', underlying: 'BTC', rate: 0.1 }, ['underlying', 'rate']],
  ];
  it('junk in every field of every event type names the field; frozen events are applied and unchanged', async () => {
    for (const [ev, keys] of fields) {
      const frozen = deepFreeze(structuredClone(ev));
      const r = await engine.apply(frozen);
      expect(r.accepted).toBe(true);
      expect(frozen).toEqual(ev);
      for (const k of keys)
        for (const v of JUNK) {
          if (k === 'amount' && (v === 1.5 || v === 10n)) continue; // valid amounts
          if ((k === 'quantity' || k === 'rate') && typeof v === 'number' && Number.isFinite(v) && v !== 0) continue;
          if (k === 'account' && typeof v === 'string') continue;
          if (k === 'price' && v === 1.5) continue;
          await rejectsAt(() => engine.apply({ ...ev, [k]: v }), `event.${k}`, v);
        }
      await expect(engine.apply({ ...ev, acount: 1 })).rejects.toThrow(/is not a field/);
    }
    for (const v of [null, 1, 'x', [], { type: 'nope' }])
      await expect(engine.apply(v)).rejects.toBeInstanceOf(RiskInputError);
    const many = await engine.applyMany([{ type: 'tick', underlying: 'BTC', price: -1 }, fields[3][0]]);
    expect(many[0].error?.path).toBe('event.price');
    expect(many[1].accepted).toBe(true);
    await rejectsAt(() => engine.applyMany('x' as never), 'events');
    await rejectsAt(() => engine.margin(1 as never), 'accountId');
    await rejectsAt(() => engine.margin('nobody'), 'accountId');
    await rejectsAt(
      () => engine.preTrade('a', { instrument: { kind: 'perp', underlying: 'BTC' }, quantity: 0, price: 1 }),
      'order.quantity',
    );
    await rejectsAt(() => engine.snapshot(), 'options.dir');
  });
});

describe('stream partition options (validated before connecting)', () => {
  const base = { connection: 'redis://127.0.0.1:1', partition: 0, partitions: 2, dir: '/nonexistent/never-created' };
  it.each(['connection', 'partition', 'partitions', 'dir', 'stream', 'snapshotEvery', 'batch', 'onBatch', 'method'])(
    'junk in options.%s',
    async (k) => {
      for (const v of JUNK) {
        if ((k === 'dir' || k === 'stream') && v === 'x') continue; // valid names
        if (k === 'partition' && v === 1) continue;
        if ((k === 'snapshotEvery' || k === 'batch') && v === 1.5) {
          await rejectsAt(() => startStreamPartition(MARKET, { ...base, [k]: v } as never), `options.${k}`);
          continue;
        }
        await rejectsAt(
          () => startStreamPartition(MARKET, { ...base, [k]: v } as never),
          k === 'connection' && typeof v === 'object' && v !== null && !Array.isArray(v)
            ? 'options.connection.host'
            : `options.${k}`,
        );
      }
    },
  );
  it('misspelt keys; junk events are refused before connecting', async () => {
    await expect(startStreamPartition(MARKET, { ...base, partiton: 1 } as never)).rejects.toThrow(
      /did you mean partition/,
    );
    await rejectsAt(() => publishEngineEvents([1n], { connection: 'redis://127.0.0.1:1' }), 'events[0]');
    await rejectsAt(
      () => publishEngineEvents([{}], { connection: 'redis://127.0.0.1:1', stream: 'a:b' }),
      'options.stream',
    );
    await rejectsAt(() => publishEngineEvents([{}], { connection: 'http://x' }), 'options.connection');
  });
});
