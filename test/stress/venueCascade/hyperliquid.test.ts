/**
 * simulateHyperliquidCascade: per-round figures of small cascades replayed independently by
 * test/fixtures/stress/venue_cascade/gen_hyperliquid.py (Hyperliquid's documented rules), and properties.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money } from '../../../src/core/money.js';
import {
  type HyperliquidCascadeAccount,
  type HyperliquidCascadeContext,
  simulateHyperliquidCascade,
} from '../../../src/stress/index.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/stress/venue_cascade/hyperliquid.json', import.meta.url), 'utf8'),
) as {
  cases: Array<{
    name: string;
    accounts: HyperliquidCascadeAccount[];
    context: HyperliquidCascadeContext;
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

describe('simulateHyperliquidCascade against the Python replay of the documented rules', () => {
  it('has the cases', () => expect(fixture.cases.length).toBe(4));
  for (const c of fixture.cases) {
    it(c.name, () => {
      const res = simulateHyperliquidCascade(c.accounts, c.context, c.options);
      expect(plain({ rounds: res.rounds, vault: res.vault, accounts: res.accounts })).toEqual(c.expected);
    });
  }
});

const ETH_T = { tiers: [{ lowerBound: '0', maxLeverage: 20 }] };
const BTC_T = {
  tiers: [
    { lowerBound: '0', maxLeverage: 40 },
    { lowerBound: '500000', maxLeverage: 20 },
  ],
};
const accountArb = fc
  .record({
    eth: fc.integer({ min: -40, max: 40 }),
    btc: fc.integer({ min: -30, max: 30 }),
    balance: fc.integer({ min: -500, max: 6000 }),
  })
  .map(({ eth, btc, balance }) => ({
    balance: String(balance),
    positions: [
      ...(eth === 0
        ? []
        : [{ asset: 'ETH', size: String(eth / 2), entryPrice: '2000', leverage: 20, marginMode: 'cross' as const }]),
      ...(btc === 0
        ? []
        : [{ asset: 'BTC', size: String(btc / 10), entryPrice: '60000', leverage: 20, marginMode: 'cross' as const }]),
    ],
  }));
const moves = fc.array(
  fc.integer({ min: -12, max: 12 }).map((x) => x / 100),
  { minLength: 1, maxLength: 4 },
);
const scenarioArb = fc.record({
  accounts: fc.array(accountArb, { minLength: 2, maxLength: 7 }),
  ethPath: moves,
  btcPath: moves,
  depth: fc.integer({ min: 100_000, max: 50_000_000 }),
  vault: fc.integer({ min: 0, max: 2000 }),
  latency: fc.integer({ min: 0, max: 2 }),
});
function context(s: {
  ethPath: number[];
  btcPath: number[];
  depth: number;
  vault: number;
  latency: number;
}): HyperliquidCascadeContext {
  return {
    market: {
      assets: { ETH: { markPrice: '2000', marginTable: ETH_T }, BTC: { markPrice: '60000', marginTable: BTC_T } },
    },
    books: [
      { asset: 'ETH', path: s.ethPath, depth: String(s.depth) },
      { asset: 'BTC', path: s.btcPath, depth: String(s.depth * 5), oracle: { latency: s.latency } },
    ],
    vault: String(s.vault),
  };
}

describe('simulateHyperliquidCascade properties', () => {
  it('balances cash, vault, ADL and deficit exactly in every round', () => {
    const seen = { orders: 0, adl: 0, backstop: 0 };
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const accounts = s.accounts.map((account, i) => ({ id: `a${i}`, account }));
        const res = simulateHyperliquidCascade(accounts, context(s), {
          rounds: 5,
          partialLiquidationThreshold: '5000',
        });
        let f = new Money(s.vault);
        for (const [k, r] of res.rounds.entries()) {
          if (k > 0) expect(r.collateralStart.eq(res.rounds[k - 1].collateralEnd)).toBe(true);
          expect(r.fundStart.eq(f)).toBe(true);
          expect(
            r.collateralEnd.plus(r.fundEnd).eq(r.collateralStart.plus(r.fundStart).plus(r.bookQuote).plus(r.deficit)),
          ).toBe(true);
          expect(r.fundEnd.eq(r.fundStart.plus(r.fees).minus(r.covered))).toBe(true);
          expect(r.fundEnd.gte(0)).toBe(true);
          expect(r.badDebt.eq(r.covered.plus(r.adl).plus(r.deficit))).toBe(true);
          // summed at the cascade's precision (the shares carry 60 digits each)
          expect(r.adl.eq(r.adlFills.reduce((t, x) => t.plus(x.shortfallShare), r.adl.mul(0)))).toBe(true);
          f = r.fundEnd;
          seen.orders += r.orders.length;
          seen.adl += r.adlFills.length;
          seen.backstop += r.liquidations.filter((l) => l.method === 'backstop').length;
        }
        // a liquidated account left flat keeps a balance ≥ 0 (up to the last of Money's 60 digits)
        const liquidated = new Set(res.rounds.flatMap((r) => r.liquidations.map((l) => l.id)));
        for (const a of res.accounts)
          if (liquidated.has(a.id) && a.positions.length === 0) expect(a.balance.gte('-1e-40')).toBe(true);
      }),
      { numRuns: 50 },
    );
    expect(seen.orders).toBeGreaterThan(10);
    expect(seen.adl).toBeGreaterThan(0);
    expect(seen.backstop).toBeGreaterThan(0);
  });

  it('does not depend on the order of the accounts', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const accounts = s.accounts.map((account, i) => ({ id: `a${i}`, account }));
        const ctx = context(s);
        expect(plain(simulateHyperliquidCascade([...accounts].reverse(), ctx, { rounds: 4 }))).toEqual(
          plain(simulateHyperliquidCascade(accounts, ctx, { rounds: 4 })),
        );
      }),
      { numRuns: 30 },
    );
  });

  it('liquidates no one on a flat path when every account is above maintenance', () => {
    fc.assert(
      fc.property(fc.array(accountArb, { minLength: 1, maxLength: 6 }), (accs) => {
        // at most 20 ETH and 3 BTC at 20× and 40×: maintenance ≤ 1,000 + 2,250
        const accounts = accs.map((a, i) => ({
          id: `a${i}`,
          account: { ...a, balance: String(Number(a.balance) + 4000) },
        }));
        const res = simulateHyperliquidCascade(
          accounts,
          context({ ethPath: [0], btcPath: [0], depth: 1_000_000, vault: 0, latency: 0 }),
          { rounds: 3 },
        );
        for (const r of res.rounds) {
          expect(r.liquidations).toEqual([]);
          expect(r.badDebt.isZero()).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });
});
