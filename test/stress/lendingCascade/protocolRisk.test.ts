/**
 * simulateProtocolRisk on a lending protocol's own rules (`{ positions, lending }`): every path is exactly
 * simulateLendingCascade on the path's moves; the order of the positions does not matter; inputs are checked.
 */
import { describe, expect, it } from 'vitest';
import { RiskInputError, simulateLendingCascade, simulateProtocolRisk } from '../../../src/stress/index.js';
import type { LendingProtocol, LendingRiskContext, ProtocolMarket } from '../../../src/stress/index.js';
import { caseOf } from './arbs.js';
import type { ProtocolName } from './arbs.js';

const DRAW = {
  sizes: [
    { size: 10e6, lev: 0.9e6 },
    { size: 3e6, lev: 0.8e6 },
    { size: 1e6, lev: 0.95e6 },
  ],
  moves: [],
  depth: 100,
  latency: 0.5,
  gas: 10,
  capacity: 2,
};
const MARKETS: Record<ProtocolName, ProtocolMarket> = {
  'aave-v3': { assets: { WETH: { vol: 1.2 }, USDC: { vol: 0.01 } } },
  'compound-v3': { assets: { WETH: { vol: 1.2 }, base: { vol: 0.01 } } },
  'morpho-blue': { assets: { collateral: { vol: 1.2, jumpIntensity: 20, jumpMean: -0.05, jumpVol: 0.05 } } },
  'euler-v2': {
    assets: { WETH: { vol: 1.2 }, liability: { vol: 0.05 } },
    correlation: [
      [1, 0.3],
      [0.3, 1],
    ],
  },
};

function protocolOf(p: ProtocolName): LendingProtocol {
  const c = caseOf(p, DRAW);
  const { rounds: _r, moves: _m, ...lending } = c.context;
  return { positions: c.positions, lending: lending as LendingRiskContext };
}

const options = { paths: 12, steps: 8, dt: 1 / 365, seed: 11, batches: 2, detail: 12 };

describe('simulateProtocolRisk on lending protocols’ rules', () => {
  for (const p of ['aave-v3', 'compound-v3', 'morpho-blue', 'euler-v2'] as const) {
    it(`${p}: each path is simulateLendingCascade on its moves`, () => {
      const pr = protocolOf(p);
      const r = simulateProtocolRisk(pr, MARKETS[p], options);
      let liquidated = 0;
      r.detail.forEach((d, i) => {
        const one = simulateLendingCascade(pr.positions, { ...pr.lending, rounds: 8, moves: d.moves } as never);
        expect(d.badDebt.toString()).toBe(one.totals.badDebt.toString());
        expect(d.liquidatedNotional.toString()).toBe(one.totals.collateralSeized.toString());
        expect(d.deficit.toString()).toBe(one.totals.supplierLoss.toString());
        expect(d.liquidated).toEqual(one.events.filter((e) => e.kind !== 'buyCollateral').map((e) => e.id));
        expect(r.badDebtByPath[i]).toBe(Number(one.totals.badDebt));
        liquidated += one.totals.liquidations;
      });
      expect(liquidated).toBeGreaterThan(0);
      const byAsset = Object.values(r.contributions.byAsset).reduce((a, x) => a + x.mean, 0);
      const total = byAsset + r.contributions.unattributed.mean;
      expect(Math.abs(total - r.badDebt.mean.value)).toBeLessThanOrEqual(1e-9 * Math.max(1, r.badDebt.mean.value));
    });

    it(`${p}: the same seed gives the same paths whatever the order of the positions`, () => {
      const pr = protocolOf(p);
      const a = simulateProtocolRisk(pr, MARKETS[p], { ...options, detail: 0 });
      const b = simulateProtocolRisk({ ...pr, positions: [...pr.positions].reverse() }, MARKETS[p], {
        ...options,
        detail: 0,
      });
      expect(b.badDebtByPath).toEqual(a.badDebtByPath);
      expect(b.liquidations).toEqual(a.liquidations);
    });
  }

  it('refuses rounds or moves in the lending context, and a market that is not the protocol’s assets', () => {
    const pr = protocolOf('morpho-blue');
    const m = MARKETS['morpho-blue'];
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(RiskInputError);
        return (e as RiskInputError).path;
      }
      return null;
    };
    expect(err(() => simulateProtocolRisk({ ...pr, lending: { ...pr.lending, rounds: 3 } } as never, m, options))).toBe(
      'protocol.lending.rounds',
    );
    expect(err(() => simulateProtocolRisk(pr, { assets: { ETH: { vol: 1 } } }, options))).toBe('market.assets.ETH');
    expect(err(() => simulateProtocolRisk(pr, m, { ...options, paths: 10 ** 6 }))).toBe('options.paths');
    const bad = { ...pr, positions: [{ ...pr.positions[0], collateral: -1n }] } as never;
    expect(err(() => simulateProtocolRisk(bad, m, options))).toBe('protocol.positions[0].collateral');
    const typo = { ...pr, lending: { ...pr.lending, gasCost: 1n } } as never;
    expect(err(() => simulateProtocolRisk(typo, m, options))).toBe('protocol.lending.gasCost');
  });
});
