/** Size limits refused up front (stating the limit and the way past it); mergeTails and tailVaRES leave inputs alone. */
import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../../src/core/errors.js';
import {
  importanceSamplingVaR,
  mergeTails,
  monteCarloVaRWithError,
  planShards,
  simulatePnL,
  TailBuffer,
  tailVaRES,
} from '../../src/montecarlo/index.js';

const positions = [{ kind: 'spot' as const, underlying: 'BTC', quantity: 1 }];
const market = { assets: { BTC: { price: 60000, vol: 0.6 } } };

function errorOf(f: () => unknown): RiskInputError {
  try {
    f();
  } catch (e) {
    if (e instanceof RiskInputError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('size limits', () => {
  it('simulatePnL refuses more than 2^27 paths before allocating, pointing at shards and the pool', () => {
    for (const paths of [2 ** 27 + 1, 2 ** 31, 3e9]) {
      const e = errorOf(() => simulatePnL(positions, market, { paths, horizon: 1 / 365, seed: 1 }));
      expect(e.path).toBe('options.paths');
      expect(e.message).toMatch(/2\^27/);
      expect(e.message).toMatch(/planShards/);
      expect(e.message).toMatch(/pool/);
    }
  });
  it('importanceSamplingVaR refuses more than 2^26 paths', () => {
    const e = errorOf(() =>
      importanceSamplingVaR(positions, market, { paths: 2 ** 26 + 1, horizon: 1 / 365, seed: 1, confidence: 0.99 }),
    );
    expect(e.path).toBe('options.paths');
    expect(e.message).toMatch(/2\^26/);
  });
  it('an exact tail of more than 2^26 losses is refused at the path count (monteCarloVaRWithError, planShards)', () => {
    const e = errorOf(() =>
      monteCarloVaRWithError(positions, market, { paths: 1e10, horizon: 1 / 365, seed: 1, confidence: 0.99 }),
    );
    expect(e.path).toBe('options.paths');
    expect(e.message).toMatch(/needs 100000001/);
    const p = errorOf(() =>
      planShards({
        positions,
        market,
        options: { horizon: 1 / 365, seed: 1 },
        totalPaths: 1e12,
        confidence: 0.99,
        shards: 4,
      }),
    );
    expect(p.path).toBe('input.totalPaths');
    expect(
      planShards({
        positions,
        market,
        options: { horizon: 1 / 365, seed: 1 },
        totalPaths: 1e9,
        confidence: 0.99,
        shards: 4,
      }),
    ).toHaveLength(4);
  });
  it('a book on more than 4096 underlyings is refused at the positions', () => {
    const assets: Record<string, { price: number; vol: number }> = {};
    const ps = Array.from({ length: 4097 }, (_, i) => {
      assets[`A${i}`] = { price: 1, vol: 0.5 };
      return { kind: 'spot' as const, underlying: `A${i}`, quantity: 1 };
    });
    expect(errorOf(() => simulatePnL(ps, { assets }, { paths: 1, horizon: 1 / 365, seed: 1 })).path).toBe('positions');
  });
});

describe('mergeTails and tailVaRES do not mutate their inputs', () => {
  it('the buffers keep their exact internal state', () => {
    const make = (seed: number) => {
      const b = new TailBuffer(5);
      let s = seed;
      b.pushPnL(Float64Array.from({ length: 37 }, () => (s = (s * 69069 + 1) >>> 0) / 2 ** 32 - 0.5));
      return b;
    };
    const bs = [make(1), make(2), make(3)];
    const snap = (b: TailBuffer) =>
      JSON.stringify({
        ...(b as unknown as Record<string, unknown>),
        buf: Array.from((b as unknown as { buf: Float64Array }).buf),
      });
    const before = bs.map(snap);
    const m = mergeTails(bs, 7);
    tailVaRES(bs[0], bs[0].total, 0.9);
    expect(bs.map(snap)).toEqual(before);
    expect(m.total).toBe(111);
    expect(m.kept).toBe(7);
  });
});
