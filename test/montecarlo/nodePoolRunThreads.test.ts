/**
 * `pool.run` and `input.threads`: the pool runs on its own workers whatever the field says, but a value
 * `simulateParallel` refuses is refused by the pool too (it was silently ignored, junk included).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { RiskInputError } from '../../src/core/errors.js';
import { createMonteCarloPool, simulateParallel } from '../../src/montecarlo/node/index.js';

const input = {
  positions: [{ kind: 'spot' as const, underlying: 'ETH', quantity: 2 }],
  market: { assets: { ETH: { price: 3000, vol: 0.7 } } },
  options: { horizon: 1 / 365, seed: 4 },
  totalPaths: 3000,
  confidence: 0.99,
};
const pool = createMonteCarloPool({ threads: 2 });
afterAll(() => pool.destroy());

describe('pool.run input.threads', () => {
  it('a valid count is ignored: the same figures as without it, on the pool’s own workers', async () => {
    const want = await pool.run(input);
    for (const threads of [1, 2, 7, 256]) expect(await pool.run({ ...input, threads })).toStrictEqual(want);
  });

  it('a count simulateParallel refuses is refused, naming input.threads', async () => {
    for (const bad of [0, -1, 2.5, 257, Number.NaN, Number.POSITIVE_INFINITY, '2', null, {}, true]) {
      const viaPool = await pool.run({ ...input, threads: bad as never }).catch((e: unknown) => e);
      expect(viaPool, String(bad)).toBeInstanceOf(RiskInputError);
      expect((viaPool as RiskInputError).path).toBe('input.threads');
      const viaDefault = await simulateParallel({ ...input, threads: bad as never }).catch((e: unknown) => e);
      expect((viaDefault as RiskInputError).path).toBe('input.threads');
    }
  });
});
