/**
 * poolRateRisk against an independent Python-integer re-derivation (test/fixtures/stress/poolRisk/generate.py):
 * rate paths, debt growth, health-factor drift, liquidations and lock-out, compared exactly.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { poolRateRisk } from '../../../src/stress/index.js';
import type { LendingPool, PoolScenario } from '../../../src/stress/index.js';

interface Case {
  name: string;
  rounding: 'aave' | 'exact';
  pool: unknown;
  scenario: unknown;
  expected: unknown;
}

const BIG = /^\d+n$/;
const revive = (_k: string, v: unknown): unknown => (typeof v === 'string' && BIG.test(v) ? BigInt(v.slice(0, -1)) : v);
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/stress/poolRisk/paths.json', import.meta.url), 'utf8'),
  revive,
) as { cases: Case[] };

describe('poolRateRisk: Python re-derivation (paths.json)', () => {
  it('has a case per model, and a borrowing surge', () => {
    expect(fixture.cases.map((c) => (c.pool as LendingPool).model.protocol)).toEqual([
      'comet',
      'aave',
      'morpho',
      'eulerLinearKink',
      'aave',
    ]);
  });
  for (const c of fixture.cases) {
    it(c.name, () => {
      const r = poolRateRisk(c.pool as LendingPool, c.scenario as PoolScenario, { rounding: c.rounding });
      expect(r).toEqual(c.expected);
    });
  }
  it('the cases show a lock-out, a liquidation and bad debt', () => {
    const results = fixture.cases.map((c) =>
      poolRateRisk(c.pool as LendingPool, c.scenario as PoolScenario, { rounding: c.rounding }),
    );
    expect(results.map((r) => r.lockout.maxWait)).toEqual([2_419_200n, 2_592_000n, 86_400n, 950_400n, 518_400n]);
    expect(results[1].points[2].liquidations[0].borrower).toBe('thin');
    expect(results[2].badDebt).toBeGreaterThan(0n);
    expect(results[3].lockout.unservedAtEnd).toBeGreaterThan(0n);
    expect(results[4].points[1].borrowRefused).toBeGreaterThan(0n);
  });
});
