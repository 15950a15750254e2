/**
 * simulateProtocolRiskParallel (riskcore/montecarlo/node): the protocol-risk paths spread over worker threads give
 * the single-thread simulateProtocolRisk result bit for bit, for 1, 2 and 3 threads.
 */
import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../../src/index.js';
import { MonteCarloPoolError, simulateProtocolRiskParallel } from '../../src/montecarlo/node/index.js';
import { simulateProtocolRisk } from '../../src/stress/index.js';
import { market, protocol } from '../stress/protocolRisk/thinBook.js';

// 9,000 paths span three 4096-path substream blocks; the chunks (≤ 256 paths) cut them anywhere
const options = { paths: 9000, steps: 6, dt: 1 / 365, seed: 41, detail: 4, batches: 10 };

describe('simulateProtocolRiskParallel', () => {
  const single = simulateProtocolRisk(protocol, market, options);

  it('has bad debt on this book (the comparison is not of zeros)', () => {
    expect(single.badDebt.tail[0].es.value).toBeGreaterThan(0);
  });

  for (const threads of [1, 2, 3]) {
    it(`${threads} thread(s): the single-thread result bit for bit`, async () => {
      const progress: number[] = [];
      const r = await simulateProtocolRiskParallel(protocol, market, {
        ...options,
        threads,
        onProgress: (done, total) => {
          expect(total).toBe(9000);
          progress.push(done);
        },
      });
      expect(r).toEqual(single);
      expect(JSON.stringify(r)).toBe(JSON.stringify(single));
      expect(r.badDebtByPath.every((x, i) => Object.is(x, single.badDebtByPath[i]))).toBe(true);
      expect(progress[progress.length - 1]).toBe(9000);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
    });
  }

  it('bad input rejects with a RiskInputError naming the field, before any worker runs', async () => {
    await expect(simulateProtocolRiskParallel(protocol, market, { ...options, steps: 0 })).rejects.toMatchObject({
      path: 'options.steps',
    });
    await expect(simulateProtocolRiskParallel(protocol, market, { ...options, threads: 0 })).rejects.toBeInstanceOf(
      RiskInputError,
    );
    await expect(
      simulateProtocolRiskParallel(protocol, market, { ...options, onProgress: 1 as never }),
    ).rejects.toMatchObject({ path: 'options.onProgress' });
  });

  it('an onProgress that throws fails the run with a MonteCarloPoolError (code callback)', async () => {
    const err = await simulateProtocolRiskParallel(protocol, market, {
      ...options,
      paths: 600,
      threads: 2,
      onProgress: () => {
        throw new Error('boom');
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MonteCarloPoolError);
    expect((err as MonteCarloPoolError).code).toBe('callback');
  });
});
