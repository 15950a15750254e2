/**
 * simulateDriftCascade: per-round figures of small cascades replayed independently by
 * test/fixtures/stress/venue_cascade/gen_drift.py (Drift protocol-v2 0ae3e3b1 rules), and properties.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DriftCascadeAccount, type DriftCascadeContext, simulateDriftCascade } from '../../../src/stress/index.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/stress/venue_cascade/drift.json', import.meta.url), 'utf8'),
) as {
  cases: Array<{
    name: string;
    accounts: DriftCascadeAccount[];
    context: DriftCascadeContext;
    options: Record<string, number>;
    expected: unknown;
  }>;
};

const plain = (x: unknown): unknown =>
  JSON.parse(
    JSON.stringify(x, (_k, v) =>
      typeof v === 'bigint'
        ? String(v)
        : v !== null && typeof v === 'object' && 'toFixed' in v && 'd' in v
          ? v.toFixed()
          : v,
    ),
  );

describe('simulateDriftCascade against the Python replay of the protocol rules', () => {
  it('has the cases', () => expect(fixture.cases.length).toBe(4));
  for (const c of fixture.cases) {
    it(c.name, () => {
      const res = simulateDriftCascade(c.accounts, c.context, c.options);
      expect(plain({ rounds: res.rounds, insuranceFund: res.insuranceFund, accounts: res.accounts })).toEqual(
        c.expected,
      );
    });
  }
});

const USDC = {
  marketIndex: 0,
  decimals: 6,
  oraclePrice: 1_000_000,
  initialAssetWeight: 10000,
  maintenanceAssetWeight: 10000,
  initialLiabilityWeight: 10000,
  maintenanceLiabilityWeight: 10000,
};
const SOL = {
  marginRatioInitial: 1000,
  marginRatioMaintenance: 500,
  oraclePrice: 100_000_000n,
  liquidatorFee: 10_000,
  ifLiquidationFee: 10_000,
  orderStepSize: 10_000_000n,
};
const ETH = {
  marginRatioInitial: 500,
  marginRatioMaintenance: 300,
  oraclePrice: 3_000_000_000n,
  liquidatorFee: 5_000,
  ifLiquidationFee: 10_000,
  orderStepSize: 1_000_000n,
};

/** A user with a SOL and an ETH perp opened at the start prices and a USDC deposit near maintenance. */
const userArb = fc
  .record({
    sol: fc.bigInt(-100n, 100n).map((k) => k * 1_000_000_000n),
    eth: fc.bigInt(-30n, 30n).map((k) => k * 100_000_000n),
    usdc: fc.integer({ min: 0, max: 5_000 }),
  })
  .map(({ sol, eth, usdc }) => ({
    spotPositions: [{ market: 'USDC', tokenAmount: BigInt(usdc) * 1_000_000n }],
    perpPositions: [
      { market: 'SOL-PERP', baseAssetAmount: sol, quoteAssetAmount: (-sol * 100_000_000n) / 1_000_000_000n },
      { market: 'ETH-PERP', baseAssetAmount: eth, quoteAssetAmount: (-eth * 3_000_000_000n) / 1_000_000_000n },
    ],
  }));
const moves = fc.array(
  fc.integer({ min: -15, max: 15 }).map((x) => x / 100),
  { minLength: 1, maxLength: 4 },
);
const scenarioArb = fc.record({
  users: fc.array(userArb, { minLength: 2, maxLength: 7 }),
  solPath: moves,
  ethPath: moves,
  depth: fc.integer({ min: 50_000, max: 50_000_000 }),
  fund: fc.bigInt(0n, 2_000_000_000n),
  latency: fc.integer({ min: 0, max: 2 }),
  buffer: fc.constantFrom(0, 100),
});
function context(s: {
  solPath: number[];
  ethPath: number[];
  depth: number;
  fund: bigint;
  latency: number;
}): DriftCascadeContext {
  return {
    market: { spotMarkets: { USDC }, perpMarkets: { 'SOL-PERP': SOL, 'ETH-PERP': ETH } },
    books: [
      { market: 'SOL-PERP', path: s.solPath, depth: String(s.depth) },
      { market: 'ETH-PERP', path: s.ethPath, depth: String(s.depth * 3), oracle: { latency: s.latency } },
    ],
    insuranceFund: s.fund,
  };
}

describe('simulateDriftCascade properties', () => {
  it('balances collateral, fund, fees, social loss and ADL exactly in every round', () => {
    const seen = { liquidations: 0, bankruptcies: 0, social: 0 };
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const accounts = s.users.map((account, i) => ({ id: `u${i}`, account }));
        const res = simulateDriftCascade(accounts, context(s), { rounds: 5, marginBuffer: s.buffer });
        let f = s.fund;
        for (const [k, r] of res.rounds.entries()) {
          if (k > 0) expect(r.collateralStart).toBe(res.rounds[k - 1].collateralEnd);
          expect(r.fundStart).toBe(f);
          expect(r.collateralEnd + r.fundEnd + r.liquidatorFees + r.adl).toBe(
            r.collateralStart + r.fundStart + r.liquidatorQuote + r.socialLoss,
          );
          expect(r.fundEnd).toBe(r.fundStart + r.fees - r.covered);
          expect(r.badDebt).toBe(r.covered + r.adl + r.deficit);
          expect(r.adl >= r.socialLoss).toBe(true);
          expect(r.fees).toBe(r.liquidations.reduce((t, l) => t + l.ifFee, 0n));
          expect(r.covered).toBe(r.bankruptcies.reduce((t, b) => t + b.insuranceFundPayment, 0n));
          f = r.fundEnd;
          seen.liquidations += r.liquidations.length;
          seen.bankruptcies += r.bankruptcies.length;
          if (r.socialLoss > 0n) seen.social++;
        }
      }),
      { numRuns: 50 },
    );
    expect(seen.liquidations).toBeGreaterThan(10);
    expect(seen.bankruptcies).toBeGreaterThan(0);
    expect(seen.social).toBeGreaterThan(0);
  });

  it('a partial liquidation without buffer leaves the user at (not below) maintenance', () => {
    let partial = 0;
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const accounts = s.users.map((account, i) => ({ id: `u${i}`, account }));
        const res = simulateDriftCascade(accounts, context(s), { rounds: 4 });
        for (const r of res.rounds)
          for (const l of r.liquidations) {
            const whole = l.baseAssetAmount === (l.positionBase < 0n ? -l.positionBase : l.positionBase);
            if (!whole) {
              partial++;
              expect(l.shortageAfter).toBe(0n);
            }
          }
      }),
      { numRuns: 50 },
    );
    expect(partial).toBeGreaterThan(5);
  });

  it('does not depend on the order of the accounts', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const accounts = s.users.map((account, i) => ({ id: `u${i}`, account }));
        const reversed = [...accounts].reverse();
        const ctx = context(s);
        expect(plain(simulateDriftCascade(reversed, ctx, { rounds: 4 }))).toEqual(
          plain(simulateDriftCascade(accounts, ctx, { rounds: 4 })),
        );
      }),
      { numRuns: 30 },
    );
  });

  it('liquidates no one on a flat path when every user is above maintenance', () => {
    fc.assert(
      fc.property(fc.array(userArb, { minLength: 1, maxLength: 6 }), (users) => {
        // 10,000 + 9,000 of notional at most: 5% and 3% maintenance < 1,000 USDC
        const accounts = users.map((u, i) => ({
          id: `u${i}`,
          account: {
            ...u,
            spotPositions: [{ market: 'USDC', tokenAmount: u.spotPositions[0].tokenAmount + 1_000_000_000n }],
          },
        }));
        const res = simulateDriftCascade(
          accounts,
          context({ solPath: [0], ethPath: [0], depth: 1_000_000, fund: 0n, latency: 0 }),
          { rounds: 3 },
        );
        for (const r of res.rounds) {
          expect(r.liquidatable).toEqual([]);
          expect(r.badDebt).toBe(0n);
        }
      }),
      { numRuns: 30 },
    );
  });
});
