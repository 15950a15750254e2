import { describe, expect, it } from 'vitest';
import { checkKey, redisOptions } from '../../packages/distributed/src/connection.js';
import { RiskInputError } from '../../src/core/errors.js';

describe('redisOptions', () => {
  it('reads redis:// URLs: host, port (default 6379), password, user, db, rediss TLS', () => {
    expect(redisOptions('redis://127.0.0.1:6380')).toEqual({
      host: '127.0.0.1',
      port: 6380,
      maxRetriesPerRequest: null,
    });
    expect(redisOptions('redis://cache.internal')).toEqual({
      host: 'cache.internal',
      port: 6379,
      maxRetriesPerRequest: null,
    });
    expect(redisOptions('redis://risk:p%40ss@10.0.0.5:7000/3')).toEqual({
      host: '10.0.0.5',
      port: 7000,
      username: 'risk',
      password: 'p@ss',
      db: 3,
      maxRetriesPerRequest: null,
    });
    expect(redisOptions('redis://:secret@h:1')).toEqual({
      host: 'h',
      port: 1,
      password: 'secret',
      maxRetriesPerRequest: null,
    });
    expect(redisOptions('rediss://[::1]:6379')).toEqual({
      host: '::1',
      port: 6379,
      tls: {},
      maxRetriesPerRequest: null,
    });
  });

  it('reads { host, port, password?, db? }', () => {
    expect(redisOptions({ host: 'h', port: 1234, password: 'x', db: 2 })).toEqual({
      host: 'h',
      port: 1234,
      password: 'x',
      db: 2,
      maxRetriesPerRequest: null,
    });
  });

  it('names the bad field', () => {
    const bad: [unknown, string][] = [
      ['http://h:1', 'connection'],
      ['not a url', 'connection'],
      ['redis://h:1/x', 'connection'],
      [42, 'connection'],
      [{ host: '', port: 1 }, 'connection.host'],
      [{ host: 'h', port: 0 }, 'connection.port'],
      [{ host: 'h', port: 65536 }, 'connection.port'],
      [{ host: 'h', port: 1.5 }, 'connection.port'],
      [{ host: 'h', port: 1, db: -1 }, 'connection.db'],
      [{ host: 'h', port: 1, password: 3 }, 'connection.password'],
    ];
    for (const [v, path] of bad) {
      expect(() => redisOptions(v)).toThrow(RiskInputError);
      try {
        redisOptions(v);
      } catch (e) {
        expect((e as RiskInputError).path).toBe(path);
      }
    }
  });

  it('job id stems and queue names exclude ":" (BullMQ custom ids)', () => {
    expect(checkKey('run-2024.06.01_a', 'runId')).toBe('run-2024.06.01_a');
    for (const v of ['', 'a:b', 'a b', 'x'.repeat(101), 7, undefined])
      expect(() => checkKey(v, 'input.runId')).toThrow(/input\.runId must be a string of 1–100 characters/);
  });
});
