/**
 * simulateLendingCascade against an independent replay in Python integers (gen_cascades.py): the protocols' rules as
 * the lending fixtures re-derived them from Aave v3.3, Comet, Morpho Blue and the Euler Vault Kit at named commits,
 * and the cascade model around them. Every round's figures, every call and the positions after, to the wei.
 */
import { describe, expect, it } from 'vitest';
import { simulateLendingCascade } from '../../../src/stress/index.js';
import { CASES } from './fixture.js';

describe('simulateLendingCascade: reference cascades', () => {
  it('covers each protocol with several cascades', () => {
    for (const p of ['aave-v3', 'compound-v3', 'morpho-blue', 'euler-v2'])
      expect(CASES.filter((c) => c.context.protocol === p).length).toBeGreaterThanOrEqual(3);
  });
  for (const c of CASES) {
    it(c.name, () => {
      const r = simulateLendingCascade(c.positions, c.context);
      expect(r.rounds).toEqual(c.expected.rounds);
      expect(r.events).toEqual(c.expected.events);
      expect(r.totals).toEqual(c.expected.totals);
      expect(r.positions).toEqual(c.expected.positions);
      expect(r.protocol).toBe(c.expected.protocol);
    });
  }
});
