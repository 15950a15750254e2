import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import {
  accountText,
  ContextCache,
  processMarginBatch,
  processShard,
  sweepError,
} from '../../packages/distributed/src/processor.js';
import {
  decodeShardResult,
  encodeAnswers,
  encodeShardResult,
  packDoubles,
  unpackDoubles,
} from '../../packages/distributed/src/wire.js';
import { readAccounts } from '../../packages/distributed/src/accountSource.js';
import { marginSweep, runDistributedMonteCarlo, startRiskWorker } from '../../packages/distributed/src/index.js';
import { RiskInputError } from '../../src/core/errors.js';
import { combineShards, planShards, runShard } from '../../src/montecarlo/index.js';
import { accountMargin, prepareMargin } from '../../src/netting/index.js';
import { mixedBook, sweepAccount, sweepMarket } from './cluster.js';

describe('shard results on the wire', () => {
  it('doubles pack and unpack bit for bit', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true })), (xs) => {
        const back = unpackDoubles(packDoubles(xs), 'x');
        expect(back.length).toBe(xs.length);
        for (let i = 0; i < xs.length; i++) expect(Object.is(back[i], xs[i])).toBe(true);
      }),
    );
    expect(unpackDoubles('', 'x')).toEqual([]);
  });

  it('refuses text that is not base64 of finite doubles, naming the field', () => {
    expect(() => unpackDoubles('abc', 'r.losses64')).toThrow(/r\.losses64 must be base64 text/);
    expect(() => unpackDoubles('AAAA', 'r.losses64')).toThrow(/whole number of float64/);
    expect(() => unpackDoubles(packDoubles([1, Infinity]), 'r.losses64')).toThrow(
      /r\.losses64\[1\] must be a finite number/,
    );
    expect(() => unpackDoubles(5, 'r.losses64')).toThrow(RiskInputError);
    expect(() => decodeShardResult({ pathOffset: 0, paths: 0, sum: 0, sumSq: 0, tail: {} }, 'shards[2]')).toThrow(
      /shards\[2\]\.paths/,
    );
  });

  it("a shard run through processShard and the wire merges to runShard's figures exactly", () => {
    const input = { ...mixedBook, totalPaths: 60_000, confidence: 0.975 };
    const single = combineShards([runShard(planShards({ ...input, shards: 1 })[0])], 0.975);
    const jobs = planShards({ ...input, shards: 5 });
    const wire = jobs.map((j) => JSON.parse(JSON.stringify(processShard(JSON.parse(JSON.stringify(j))))));
    const merged = combineShards(
      wire.map((w, i) => decodeShardResult(w, `shards[${i}]`)),
      0.975,
    );
    expect(merged.var).toBe(single.var);
    expect(merged.es).toBe(single.es);
    expect(merged.paths).toBe(60_000);
    const direct = runShard(jobs[2]);
    expect(decodeShardResult(encodeShardResult(direct), 's')).toEqual(direct);
  });

  it('a bad shard job throws RiskInputError naming the field', () => {
    const job = planShards({ ...mixedBook, totalPaths: 8192, confidence: 0.99, shards: 1 })[0];
    expect(() => processShard({ ...job, paths: 10_000 })).toThrow(RiskInputError);
  });
});

describe('margin batches', () => {
  const ctx = prepareMargin(sweepMarket);
  const batch = (accounts: unknown[], start = 0, method?: 'standard' | 'cross' | 'portfolio') =>
    processMarginBatch({
      market: sweepMarket,
      ...(method === undefined ? {} : { method }),
      start,
      accounts: `[${accounts.map(accountText).join(',')}]`,
    });

  it('answers each account as accountMargin does (JSON forms), all three methods', () => {
    for (const method of ['standard', 'cross', 'portfolio'] as const) {
      const accs = Array.from({ length: 40 }, (_, i) => sweepAccount(i + 100));
      const out = batch(accs, 100, method);
      out.forEach((a, i) => {
        expect(a.index).toBe(100 + i);
        expect(a.id).toBe(`acct-${100 + i}`);
        expect(a.ok).toBe(true);
        if (a.ok)
          expect(JSON.stringify(a.result)).toBe(
            JSON.stringify(accountMargin(accs[i] as never, sweepMarket, undefined, { method })),
          );
      });
    }
  });

  it('a bad account fails alone, its path restated from the sweep', () => {
    const accs: unknown[] = [
      sweepAccount(0),
      { id: 'x', positions: [{ kind: 'perp', underlying: 'BTC', quantity: 'lots' }] },
      null,
      7,
      sweepAccount(3),
    ];
    const out = batch(accs, 10);
    expect(out.map((a) => a.ok)).toEqual([true, false, false, false, true]);
    const paths = out.map((a) => (a.ok ? '' : a.error.path));
    expect(paths.slice(1, 4)).toEqual(['accounts[11].positions[0].quantity', 'accounts[12]', 'accounts[13]']);
    const e = out[1];
    if (!e.ok) {
      expect(e.error.name).toBe('RiskInputError');
      expect(e.error.message).toMatch(/^accounts\[11\]\.positions\[0\]\.quantity must be a finite number, got "lots"/);
      expect(e.id).toBe('x');
    }
  });

  it('bigint amounts survive the JSON text (base units with decimals)', () => {
    const acc = {
      collateral: [{ asset: 'USDC', amount: 12_345_678_901n, decimals: 6 }],
      positions: [{ kind: 'perp', underlying: 'BTC', quantity: 0.1 }],
    };
    const out = batch([acc]);
    expect(out[0].ok && JSON.stringify(out[0].result)).toBe(JSON.stringify(accountMargin(acc as never, ctx)));
    expect(out[0].ok && JSON.parse(JSON.stringify(out[0].result)).equity).toBe('12345.678901');
  });

  it('packed answers unpack to the same JSON', () => {
    const out = batch([sweepAccount(1), sweepAccount(2)]);
    const packed = encodeAnswers(out);
    expect(packed.count).toBe(2);
    expect(inflateRawSync(Buffer.from(packed.z, 'base64')).toString()).toBe(JSON.stringify(out));
  });

  it('refuses malformed batch data and bad markets with RiskInputError', () => {
    expect(() => processMarginBatch({ market: sweepMarket, method: 'gross', start: 0, accounts: '[]' })).toThrow(
      /data\.method/,
    );
    expect(() => processMarginBatch({ market: sweepMarket, method: 'cross', start: -1, accounts: '[]' })).toThrow(
      /data\.start/,
    );
    expect(() => processMarginBatch({ market: sweepMarket, method: 'cross', start: 0, accounts: '{}' })).toThrow(
      /data\.accounts/,
    );
    expect(() =>
      processMarginBatch({ market: { assets: { BTC: { price: -1 } } }, method: 'cross', start: 0, accounts: '[]' }),
    ).toThrow(/market\.assets\.BTC\.price/);
    expect(processMarginBatch({ market: sweepMarket, method: 'cross', start: 0, accounts: '[]' })).toEqual([]);
  });

  it('the context cache keeps one context per market snapshot', () => {
    const cache = new ContextCache(2);
    const a = cache.get(sweepMarket, undefined);
    expect(cache.get(JSON.parse(JSON.stringify(sweepMarket)), undefined)).toBe(a);
    cache.get({ assets: { BTC: { price: 1, vol: 0.5 } } }, undefined);
    cache.get({ assets: { BTC: { price: 2, vol: 0.5 } } }, undefined);
    expect(cache.get(sweepMarket, undefined)).not.toBe(a);
  });

  it('sweepError restates paths outside the account too', () => {
    expect(sweepError(new RiskInputError('account', 'an object', null), 4).path).toBe('accounts[4]');
    expect(sweepError(new RiskInputError('', 'x', 1), 4)).toEqual({
      name: 'RiskInputError',
      path: 'accounts[4]',
      message: 'accounts[4] must be x, got 1',
    });
    expect(sweepError(new RiskInputError('market.rate', 'x', 1), 4).path).toBe('accounts[4]: market.rate');
  });
});

describe('account sources', () => {
  it('JSONL: blank lines skipped, index counts accounts, bad lines become errors with the line number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'riskcore-src-'));
    try {
      const file = join(dir, 'a.jsonl');
      writeFileSync(file, '{"id":"a"}\n\n  \r\n{"id":\n[1,2]\r\n');
      const items = [];
      for await (const it of readAccounts({ jsonl: file })) items.push(it);
      expect(items.length).toBe(3);
      expect(items[0]).toEqual({ text: '{"id":"a"}' });
      expect(items[1].error?.path).toBe('accounts[1]');
      expect(items[1].error?.message).toMatch(/line 4 of/);
      expect(items[2]).toEqual({ text: '[1,2]' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('objects that cannot be JSON become errors for that account only', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const items = [];
    for await (const it of readAccounts([{ id: 'ok' }, cyclic, { id: 'ok2' }])) items.push(it);
    expect(items.map((i) => i.error?.path ?? i.text)).toEqual(['{"id":"ok"}', 'accounts[1]', '{"id":"ok2"}']);
  });
});

describe('boundary validation (no Redis needed)', () => {
  const mc = { ...mixedBook, connection: 'redis://127.0.0.1:1', runId: 'r', totalPaths: 10_000, confidence: 0.99 };
  it('runDistributedMonteCarlo names the bad field before connecting', async () => {
    await expect(runDistributedMonteCarlo({ ...mc, connection: 'http://x' })).rejects.toMatchObject({
      path: 'input.connection',
    });
    await expect(runDistributedMonteCarlo({ ...mc, runId: 'a:b' })).rejects.toMatchObject({ path: 'input.runId' });
    await expect(runDistributedMonteCarlo({ ...mc, shards: 2, shardPaths: 8192 })).rejects.toMatchObject({
      path: 'input.shardPaths',
    });
    await expect(runDistributedMonteCarlo({ ...mc, shardPaths: 100 })).rejects.toMatchObject({
      path: 'input.shardPaths',
    });
    await expect(runDistributedMonteCarlo({ ...mc, confidence: 1 })).rejects.toMatchObject({
      path: 'input.confidence',
    });
    await expect(runDistributedMonteCarlo({ ...mc, timeoutMs: -1 })).rejects.toMatchObject({ path: 'input.timeoutMs' });
    await expect(
      runDistributedMonteCarlo({ ...mc, positions: [{ kind: 'spot', underlying: 'BTC', quantity: Number.NaN }] }),
    ).rejects.toBeInstanceOf(RiskInputError);
  });

  it('marginSweep throws at the call, before iterating', () => {
    const s = { connection: 'redis://127.0.0.1:1', sweepId: 's', accounts: [], market: sweepMarket };
    expect(() => marginSweep({ ...s, accounts: 5 as never })).toThrow(
      expect.objectContaining({ path: 'input.accounts' }),
    );
    expect(() => marginSweep({ ...s, accounts: { jsonl: 3 } as never })).toThrow(
      expect.objectContaining({ path: 'input.accounts.jsonl' }),
    );
    expect(() => marginSweep({ ...s, batchSize: 0 })).toThrow(expect.objectContaining({ path: 'input.batchSize' }));
    expect(() => marginSweep({ ...s, method: 'gross' as never })).toThrow(
      expect.objectContaining({ path: 'input.method' }),
    );
    expect(() => marginSweep({ ...s, params: { assets: 1 } as never })).toThrow(RiskInputError);
  });

  it('startRiskWorker names the bad option', async () => {
    await expect(startRiskWorker({ connection: 'redis://h:1', concurrency: 0 })).rejects.toMatchObject({
      path: 'options.concurrency',
    });
    await expect(startRiskWorker({ connection: 'redis://h:1', lockDuration: 10 })).rejects.toMatchObject({
      path: 'options.lockDuration',
    });
    await expect(startRiskWorker({ connection: 'redis://h:1', queue: 'a:b' })).rejects.toMatchObject({
      path: 'options.queue',
    });
    await expect(startRiskWorker({ connection: { host: 'h', port: 0 } })).rejects.toMatchObject({
      path: 'options.connection.port',
    });
  });
});
