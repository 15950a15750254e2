/**
 * Validation against closed forms: one lending account on a GBM, no price impact, no oracle lag. The share of paths
 * on which it is liquidated must match the first-passage probability of its liquidation price B = D/(c·LT) at the
 * monitoring dates dt, 2dt, …, T, computed independently by test/fixtures/stress/protocolRisk/first_passage.py
 * (scipy: the reflection principle with drift for continuous monitoring, the Broadie–Glasserman–Kou continuity
 * correction, and a numerical integration of the discretely monitored barrier).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateProtocolRisk } from '../../../src/stress/index.js';

interface Case {
  name: string;
  price: number;
  collateral: number;
  debt: number;
  liquidationThreshold: number;
  drift: number;
  vol: number;
  dt: number;
  steps: number;
  continuous: number;
  bgk: number;
  discrete: number;
  discrete_grid_error: number;
}
const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/stress/protocolRisk/first_passage.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

const PATHS = 10_000;

describe('simulateProtocolRisk: liquidation probability = GBM first-passage probability', () => {
  it.each(fixture.cases)('$name', (c) => {
    const res = simulateProtocolRisk(
      {
        accounts: [{ id: 'a', collateral: String(c.collateral), debt: String(c.debt) }],
        params: { price: String(c.price), liquidationThreshold: c.liquidationThreshold, depth: null },
      },
      { assets: { X: { vol: c.vol, drift: c.drift } } },
      { paths: PATHS, steps: c.steps, dt: c.dt, seed: 20 },
    );
    const p = res.liquidations.probabilityAny.value;
    // Monte Carlo error bound: 4 binomial standard errors of the reference probability (a false alarm has
    // probability 6e-5 per case), plus the reference's own grid error
    const se = Math.sqrt((c.discrete * (1 - c.discrete)) / PATHS);
    const tol = 4 * se + c.discrete_grid_error;
    expect(Math.abs(p - c.discrete)).toBeLessThan(tol);
    // the BGK-corrected closed form is within the same bound plus its own (small) correction error
    expect(Math.abs(p - c.bgk)).toBeLessThan(tol + Math.abs(c.bgk - c.discrete));
    // continuous monitoring over-states the discrete probability well beyond the Monte Carlo error: the test can tell
    expect(c.continuous - p).toBeGreaterThan(4 * se);
    // the reported standard error is the binomial one
    expect(res.liquidations.probabilityAny.stdError).toBeCloseTo(Math.sqrt((p * (1 - p)) / PATHS), 12);
  });
});
