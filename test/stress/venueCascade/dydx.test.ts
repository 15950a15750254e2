/**
 * simulateDydxCascade: per-round figures of small cascades replayed independently by
 * test/fixtures/stress/venue_cascade/gen_dydx.py (dYdX v4-chain 84d4664b rules), and properties.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DydxCascadeAccount, type DydxCascadeContext, simulateDydxCascade } from '../../../src/stress/index.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/stress/venue_cascade/dydx.json', import.meta.url), 'utf8'),
) as {
  cases: Array<{
    name: string;
    accounts: DydxCascadeAccount[];
    context: DydxCascadeContext;
    options: { rounds: number };
    expected: unknown;
  }>;
};

/** The result as the fixture writes it: integers and decimals as strings. */
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

describe('simulateDydxCascade against the Python replay of the chain rules', () => {
  it('has the cases', () => expect(fixture.cases.length).toBe(5));
  for (const c of fixture.cases) {
    it(c.name, () => {
      const res = simulateDydxCascade(c.accounts, c.context, c.options);
      const got = plain({
        rounds: res.rounds,
        insuranceFundQuantums: res.insuranceFundQuantums,
        accounts: res.accounts,
      });
      expect(got).toEqual(c.expected);
    });
  }
});

const BTC = {
  id: 0,
  atomicResolution: -10,
  price: 5_000_000_000n,
  priceExponent: -5,
  liquidityTier: { initialMarginPpm: 50_000, maintenanceFractionPpm: 600_000 },
};
const ETH = {
  id: 1,
  atomicResolution: -9,
  price: 3_000_000_000n,
  priceExponent: -6,
  liquidityTier: { initialMarginPpm: 100_000, maintenanceFractionPpm: 500_000 },
};
const LIQ = {
  bankruptcyAdjustmentPpm: 1_000_000,
  spreadToMaintenanceMarginRatioPpm: 1_500_000,
  maxLiquidationFeePpm: 15_000,
};

/** A subaccount with a BTC and an ETH position and USDC near its maintenance requirement. */
const accountArb = fc
  .record({
    btc: fc.bigInt(-20n, 20n).map((k) => k * 500_000_000n),
    eth: fc.bigInt(-20n, 20n).map((k) => k * 250_000_000n),
    cushion: fc.integer({ min: -2_000, max: 20_000 }),
  })
  .map(({ btc, eth, cushion }) => {
    // USDC = −notional + cushion dollars (NC = cushion at the start)
    const notional = (btc * 5_000_000_000n) / 10n ** 9n + (eth * 3_000_000_000n) / 10n ** 9n;
    const positions = [
      ...(btc === 0n ? [] : [{ perpetualId: 0, quantums: btc }]),
      ...(eth === 0n ? [] : [{ perpetualId: 1, quantums: eth }]),
    ];
    return { usdcQuantums: -notional + BigInt(cushion) * 1_000_000n, positions };
  });
const moves = fc.array(
  fc.integer({ min: -12, max: 12 }).map((x) => x / 100),
  { minLength: 1, maxLength: 4 },
);

function context(
  btcPath: number[],
  ethPath: number[],
  depth: number,
  fund: bigint,
  latency: number,
): DydxCascadeContext {
  return {
    market: { perpetuals: [BTC, ETH] },
    books: [
      { perpetualId: 0, path: btcPath, depth: String(depth), quantumConversionExponent: -9, subticksPerTick: 100 },
      {
        perpetualId: 1,
        path: ethPath,
        depth: String(depth / 4),
        oracle: { latency },
        quantumConversionExponent: -9,
        subticksPerTick: 1000,
      },
    ],
    liquidations: LIQ,
    insuranceFundQuantums: fund,
  };
}
const scenarioArb = fc.record({
  subs: fc.array(accountArb, { minLength: 2, maxLength: 8 }),
  btcPath: moves,
  ethPath: moves,
  depth: fc.integer({ min: 20_000, max: 50_000_000 }),
  fund: fc.bigInt(0n, 5_000_000_000n),
  latency: fc.integer({ min: 0, max: 2 }),
});

describe('simulateDydxCascade properties', () => {
  it('balances collateral, fund, ADL and deficit exactly in every round', () => {
    const seen = { fills: 0, deleveragings: 0, covered: 0 };
    fc.assert(
      fc.property(scenarioArb, ({ subs, btcPath, ethPath, depth, fund, latency }) => {
        const accounts = subs.map((subaccount, i) => ({ id: `a${i}`, subaccount }));
        const res = simulateDydxCascade(accounts, context(btcPath, ethPath, depth, fund, latency), { rounds: 5 });
        let col = accounts.reduce((s, a) => s + a.subaccount.usdcQuantums, 0n);
        let f = fund;
        let size = [0n, 0n];
        for (const a of accounts) for (const p of a.subaccount.positions) size[p.perpetualId] += BigInt(p.quantums);
        for (const r of res.rounds) {
          expect(r.collateralStart).toBe(col);
          expect(r.fundStart).toBe(f);
          expect(r.collateralEnd + r.fundEnd).toBe(r.collateralStart + r.fundStart + r.bookQuote);
          expect(r.fundEnd).toBe(r.fundStart + r.fees - r.covered);
          expect(r.fundEnd >= 0n).toBe(true);
          expect(r.badDebt).toBe(r.covered + r.adl + r.deficit);
          expect(r.bookQuote).toBe(r.fills.reduce((s, x) => s + x.quoteQuantums, 0n));
          expect(r.adl).toBe(r.deleveragings.reduce((s, x) => s + x.adlQuantums, 0n));
          const ifd = r.fills.reduce((s, x) => s + x.insuranceFundDelta, 0n);
          expect(ifd).toBe(r.fees - r.covered);
          // sizes: the book takes the fills; deleveraging moves size between subaccounts
          size = size.map(
            (s, k) => s + r.fills.filter((x) => x.perpetualId === k).reduce((t, x) => t + x.deltaQuantums, 0n),
          );
          col = r.collateralEnd;
          f = r.fundEnd;
          seen.fills += r.fills.length;
          seen.deleveragings += r.deleveragings.length;
          if (r.covered > 0n) seen.covered++;
        }
        const end = [0n, 0n];
        for (const a of res.accounts) for (const p of a.positions) end[p.perpetualId] += p.quantums;
        expect(end).toEqual(size);
        expect(res.accounts.reduce((s, a) => s + a.usdcQuantums, 0n)).toBe(col);
        expect(res.insuranceFundQuantums).toBe(f);
      }),
      { numRuns: 60 },
    );
    // the generated cascades do liquidate, pay from the fund and deleverage
    expect(seen.fills).toBeGreaterThan(10);
    expect(seen.deleveragings).toBeGreaterThan(0);
    expect(seen.covered).toBeGreaterThan(0);
  });

  it('does not depend on the order of the accounts', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.integer({ min: 0, max: 1000 }),
        ({ subs, btcPath, ethPath, depth, fund, latency }, seed) => {
          const accounts = subs.map((subaccount, i) => ({ id: `a${i}`, subaccount }));
          const shuffled = [...accounts].sort(
            (x, y) => ((Number(x.id.slice(1)) * 7919 + seed) % 97) - ((Number(y.id.slice(1)) * 7919 + seed) % 97),
          );
          const ctx = context(btcPath, ethPath, depth, fund, latency);
          expect(plain(simulateDydxCascade(shuffled, ctx, { rounds: 4 }))).toEqual(
            plain(simulateDydxCascade(accounts, ctx, { rounds: 4 })),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('liquidates no one on a flat path when every subaccount is above maintenance', () => {
    fc.assert(
      fc.property(fc.array(accountArb, { minLength: 1, maxLength: 8 }), (subs) => {
        // cushion ≥ the largest maintenance requirement of these sizes (20 × 0.5 BTC at 50,000 × 3% + ETH)
        const accounts = subs.map((s, i) => ({
          id: `a${i}`,
          subaccount: { ...s, usdcQuantums: s.usdcQuantums + 30_000_000_000n },
        }));
        const res = simulateDydxCascade(accounts, context([0], [0], 1_000_000, 0n, 0), { rounds: 3 });
        for (const r of res.rounds) {
          expect(r.liquidatable).toEqual([]);
          expect(r.badDebt).toBe(0n);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('deleverages at the bankruptcy price when the fund cannot pay: the offsetting side absorbs −NC', () => {
    const res = simulateDydxCascade(fixture.cases[1].accounts, fixture.cases[1].context, { rounds: 1 });
    const r = res.rounds[0];
    expect(r.fills).toEqual([]);
    expect(r.deleveragings.map((d) => d.offsettingId)).toEqual(['b-short', 'c-short']);
    expect(r.adl).toBe(2_000_000_000n); // NC of a-long at 45,000: −47,000 + 45,000 USDC
    expect(res.accounts[0]).toEqual({ id: 'a-long', usdcQuantums: 0n, positions: [] });
  });
});
