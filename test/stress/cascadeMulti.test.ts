import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Money, RiskInputError } from '../../src/index.js';
import { simulateLiquidationCascade } from '../../src/stress/index.js';
import type {
  CascadeAccount,
  CascadeAssetMarket,
  CascadeOracle,
  CascadeResult,
  MultiAssetCascadeAccount,
  MultiAssetCascadeParams,
  MultiAssetCascadeResult,
} from '../../src/stress/index.js';

const D = (x: string | number) => new Money(String(x));
const ASSETS = ['ETH', 'BTC', 'SOL'] as const;
const PRICES: Record<string, string> = { ETH: '3000', BTC: '60000', SOL: '150' };
const ENTRY: Record<string, [number, number]> = { ETH: [2700, 3300], BTC: [54000, 66000], SOL: [135, 165] };

/** Exact conservation identities of every round of a multi-asset cascade (see src/stress/cascade.ts). */
function checkConservation(accounts: MultiAssetCascadeAccount[], res: MultiAssetCascadeResult, fund0: string) {
  const c0: Record<string, Money> = {};
  const s0: Record<string, Money> = {};
  for (const a of Object.keys(res.finalPrices)) {
    c0[a] = D(0);
    s0[a] = D(0);
  }
  let b0 = D(0);
  for (const a of accounts) {
    for (const [k, v] of Object.entries(a.collateral ?? {})) c0[k] = c0[k].plus(D(String(v)));
    for (const p of a.perps ?? []) s0[p.asset] = s0[p.asset].plus(D(String(p.size)));
    b0 = b0.plus(D(String(a.cash ?? 0))).minus(D(String(a.debt ?? 0)));
  }
  for (const r of res.rounds) {
    const t = r.totals;
    for (const a of Object.keys(c0)) {
      const ta = t.byAsset[a];
      expect(ta.collateral.plus(ta.collateralSold).eq(c0[a])).toBe(true);
      expect(ta.size.plus(ta.sizeClosed).eq(s0[a])).toBe(true);
    }
    expect(
      t.balance
        .plus(t.fund)
        .minus(t.deficit)
        .eq(b0.plus(D(fund0)).plus(t.proceeds)),
    ).toBe(true);
    expect(t.fund.eq(D(fund0).plus(t.fees).minus(t.covered))).toBe(true);
    expect(t.badDebt.eq(t.covered.plus(t.adl).plus(t.deficit))).toBe(true);
    expect(t.fund.gte(0)).toBe(true);
    const byAssetNotional = Object.values(r.byAsset).reduce((s, x) => s.plus(x.liquidatedNotional), D(0));
    expect(r.liquidatedNotional.eq(byAssetNotional)).toBe(true);
    for (const x of Object.values(r.byAsset)) {
      expect(
        x.marketPrice.isFinite() && x.oraclePrice.isFinite() && x.priceAfter.isFinite() && x.priceAfter.gt(0),
      ).toBe(true);
    }
  }
  // totals agree with the accounts themselves
  const last = res.rounds[res.rounds.length - 1].totals;
  const bal = res.accounts.reduce((s, a) => s.plus(a.cash).minus(a.debt), D(0));
  expect(bal.eq(last.balance)).toBe(true);
  for (const a of Object.keys(c0)) {
    const col = res.accounts.reduce((s, x) => s.plus(x.collateral[a] ?? 0), D(0));
    const size = res.accounts.reduce((s, x) => s.plus(x.perps.find((p) => p.asset === a)?.size ?? 0), D(0));
    expect(col.eq(last.byAsset[a].collateral)).toBe(true);
    expect(size.eq(last.byAsset[a].size)).toBe(true);
  }
}

const amount = (max: number, scale: number) => fc.integer({ min: 1, max }).map((x) => (x / scale).toString());
const assetName = fc.constantFrom(...ASSETS);

/** Cross-collateral accounts: collateral in 1–3 assets with quote debt, and/or perps (long or short) on cash. */
const multiAccountArb: fc.Arbitrary<MultiAssetCascadeAccount> = fc
  .record({
    collateral: fc.record(
      { ETH: amount(20_000, 1000), BTC: amount(2_000, 1000), SOL: amount(400_000, 1000) },
      { requiredKeys: [] },
    ),
    debt: fc.integer({ min: 0, max: 5_000_000 }).map((x) => (x / 100).toString()),
    cash: fc.integer({ min: 0, max: 2_000_000 }).map((x) => (x / 100).toString()),
    perps: fc.uniqueArray(
      fc.tuple(assetName, fc.integer({ min: -20_000, max: 20_000 }), fc.integer({ min: 0, max: 1000 })),
      { selector: (t) => t[0], maxLength: 3 },
    ),
  })
  .map(({ collateral, debt, cash, perps }) => ({
    collateral,
    debt,
    cash,
    perps: perps.map(([asset, n, u]) => {
      const [lo, hi] = ENTRY[asset];
      const unit = asset === 'BTC' ? 10_000 : asset === 'ETH' ? 1000 : 10;
      return { asset, size: ((n || 1) / unit).toString(), entryPrice: (lo + ((hi - lo) * u) / 1000).toString() };
    }),
  }));

const oracleArb: fc.Arbitrary<CascadeOracle> = fc.record(
  {
    latency: fc.integer({ min: 0, max: 12 }).map((x) => x / 4),
    stale: fc
      .tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 2 }))
      .map(([a, b]) => [a, a + b] as [number, number]),
    jumps: fc.array(
      fc.record({ round: fc.integer({ min: 0, max: 6 }), move: fc.integer({ min: -30, max: 20 }).map((x) => x / 100) }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);

const marketArb = (asset: string): fc.Arbitrary<CascadeAssetMarket> =>
  fc.record({
    price: fc.constant(PRICES[asset]),
    path: fc.array(
      fc.integer({ min: -25, max: 8 }).map((x) => x / 100),
      { minLength: 1, maxLength: 5 },
    ),
    depth: fc.option(fc.integer({ min: 100_000, max: 50_000_000 }).map(String), { nil: undefined }),
    oracle: oracleArb,
    liquidationThreshold: fc.integer({ min: 50, max: 95 }).map((x) => x / 100),
  });

const assetsArb = fc.record({ ETH: marketArb('ETH'), BTC: marketArb('BTC'), SOL: marketArb('SOL') });

function deepClone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

describe('simulateLiquidationCascade with several assets', () => {
  it('hand-checked: ETH + BTC collateral, healthy until BTC drops, liquidated into both books', () => {
    // 1 ETH @ 3,000 and 0.1 BTC @ 60,000, debt 6,300, LT 0.8 on both; no oracle lag.
    // Start: equity 3000 + 6000 − 6300 = 2700 ≥ requirement 0.2·(3000 + 6000) = 1800: healthy.
    // ETH −20% alone (BTC flat): equity 2400 + 6000 − 6300 = 2100 ≥ 0.2·8400 = 1680: still healthy.
    // BTC −20% (to 48,000): equity 3000 + 4800 − 6300 = 1500 < 0.2·7800 = 1560 → liquidated in round 0.
    // Sales, ETH book first (params.assets order): 1 ETH × 3000 = 3000 into depth 3,000,000 → −0.1%:
    //   3000 → 2997, executed at 2998.5; 0.1 BTC × 48,000 = 4800 into depth 48,000,000 → −0.01%: 48,000 → 47,995.2,
    //   executed at 47,997.6 → 4,799.76. Proceeds 7,798.26 = notional; net 7,798.26 − 6,300 = 1,498.26;
    //   penalty 5% × 7,798.26 = 389.913 → fund; cash back 1,498.26 − 389.913 = 1,108.347.
    const accounts: MultiAssetCascadeAccount[] = [{ id: 'x', collateral: { ETH: '1', BTC: '0.1' }, debt: '6300' }];
    const market = (ethShock: number, btcShock: number): MultiAssetCascadeParams => ({
      assets: {
        ETH: { price: '3000', shock: ethShock, depth: '3000000' },
        BTC: { price: '60000', shock: btcShock, depth: '48000000' },
      },
      penalty: 0.05,
      rounds: 3,
    });
    expect(simulateLiquidationCascade(accounts, market(0, 0)).liquidated).toEqual([]);
    expect(simulateLiquidationCascade(accounts, market(-0.2, 0)).liquidated).toEqual([]);
    const res = simulateLiquidationCascade(accounts, market(0, -0.2));
    expect(res.liquidated).toEqual(['x']);
    const r0 = res.rounds[0];
    expect(r0.byAsset.BTC.marketPrice.eq(48000)).toBe(true);
    expect(r0.byAsset.BTC.oraclePrice.eq(48000)).toBe(true);
    expect(r0.byAsset.ETH.marketPrice.eq(3000)).toBe(true);
    expect(r0.byAsset.ETH.priceAfter.eq(2997)).toBe(true);
    expect(r0.byAsset.BTC.priceAfter.eq('47995.2')).toBe(true);
    expect(r0.byAsset.ETH.liquidatedNotional.eq('2998.5')).toBe(true);
    expect(r0.byAsset.BTC.liquidatedNotional.eq('4799.76')).toBe(true);
    expect(r0.liquidatedNotional.eq('7798.26')).toBe(true);
    expect(r0.fees.eq('389.913')).toBe(true);
    expect(res.insuranceFund.eq('389.913')).toBe(true);
    expect(res.accounts[0].cash.eq('1108.347')).toBe(true);
    expect(
      res.accounts[0].collateral.ETH.eq(0) && res.accounts[0].collateral.BTC.eq(0) && res.accounts[0].debt.eq(0),
    ).toBe(true);
    expect(res.finalPrices.ETH.eq(2997) && res.finalPrices.BTC.eq('47995.2')).toBe(true);
    // later rounds: nothing left to sell, prices stay
    expect(res.rounds[2].byAsset.BTC.marketPrice.eq('47995.2')).toBe(true);
    checkConservation(accounts, res, '0');
  });

  it('hand-checked: bad debt on an ETH perp is charged by ADL to profitable BTC and SOL perps', () => {
    // ETH 100 → 80, BTC 1000 → 900, SOL 10 → 11; no impact, fund 0.
    // 'long': cash 50, ETH +10 @ 100: net 50 + 10·(80 − 100) = −150 → bad debt 150, fund covers 0.
    // Winners at the closing prices: 'w1' BTC −1 @ 1000 → u = −1·(900 − 1000) = 100 and SOL +10 @ 10 → u = 10;
    // 'w2' SOL +20 @ 10 → u = 20. U = 130 ≤ 150: every winner is charged its whole profit and closed (realising it:
    // cash unchanged); ADL 130, deficit 20.
    const accounts: MultiAssetCascadeAccount[] = [
      { id: 'long', cash: '50', perps: [{ asset: 'ETH', size: '10', entryPrice: '100' }] },
      {
        id: 'w1',
        cash: '10000',
        perps: [
          { asset: 'BTC', size: '-1', entryPrice: '1000' },
          { asset: 'SOL', size: '10', entryPrice: '10' },
        ],
      },
      { id: 'w2', cash: '1000', perps: [{ asset: 'SOL', size: '20', entryPrice: '10' }] },
    ];
    const res = simulateLiquidationCascade(accounts, {
      assets: {
        ETH: { price: '100', shock: -0.2 },
        BTC: { price: '1000', shock: -0.1 },
        SOL: { price: '10', shock: 0.1 },
      },
      rounds: 2,
    });
    expect(res.liquidated).toEqual(['long']);
    expect(res.totalBadDebt.eq(150)).toBe(true);
    expect(res.rounds[0].adl.eq(130)).toBe(true);
    expect(res.deficit.eq(20)).toBe(true);
    expect(res.accounts[1].cash.eq(10000) && res.accounts[2].cash.eq(1000)).toBe(true);
    expect(res.accounts[1].perps.every((p) => p.size.eq(0)) && res.accounts[2].perps[0].size.eq(0)).toBe(true);
    expect(res.rounds[0].totals.byAsset.BTC.sizeClosed.eq(-1)).toBe(true);
    expect(res.rounds[0].totals.byAsset.SOL.sizeClosed.eq(30)).toBe(true);
    checkConservation(accounts, res, '0');
  });

  it('one asset through params.assets gives the single-asset results bit for bit (random books)', () => {
    const single = fc.oneof(
      fc.record({
        collateral: amount(100_000, 1000),
        debt: fc.integer({ min: 0, max: 8_000_000 }).map((x) => (x / 100).toString()),
      }),
      fc.record({
        cash: amount(1_000_000, 100),
        perp: fc.record({
          size: fc.integer({ min: -50_000, max: 50_000 }).map((x) => (x / 1000).toString()),
          entryPrice: fc.integer({ min: 800, max: 1200 }).map(String),
        }),
      }),
    ) as fc.Arbitrary<CascadeAccount>;
    fc.assert(
      fc.property(
        fc.array(single, { minLength: 1, maxLength: 20 }),
        marketArb('ETH'),
        fc.integer({ min: 0, max: 3000 }),
        (accounts, m, fund) => {
          const market = { ...m, price: '1000' };
          const s = simulateLiquidationCascade(accounts, { ...market, insuranceFund: String(fund), rounds: 8 });
          const multiAccounts: MultiAssetCascadeAccount[] = accounts.map((a) => ({
            ...(a.collateral !== undefined ? { collateral: { ETH: a.collateral } } : {}),
            ...(a.debt !== undefined ? { debt: a.debt } : {}),
            ...(a.cash !== undefined ? { cash: a.cash } : {}),
            ...(a.perp ? { perps: [{ asset: 'ETH', ...a.perp }] } : {}),
          }));
          const m1 = simulateLiquidationCascade(multiAccounts, {
            assets: { ETH: market },
            insuranceFund: String(fund),
            rounds: 8,
          });
          const str = (x: Money) => `${x.isNeg() ? '-' : ''}${x.abs().toString()}`;
          expect(m1.liquidated).toEqual(s.liquidated);
          s.rounds.forEach((r, i) => {
            const q = m1.rounds[i];
            const ea = q.byAsset.ETH;
            expect(
              [
                ea.marketPrice,
                ea.oraclePrice,
                ea.priceAfter,
                q.liquidatedNotional,
                q.badDebt,
                q.fees,
                q.covered,
                q.adl,
                q.deficit,
                q.insuranceFund,
              ].map(str),
            ).toEqual(
              [
                r.marketPrice,
                r.oraclePrice,
                r.priceAfter,
                r.liquidatedNotional,
                r.badDebt,
                r.fees,
                r.covered,
                r.adl,
                r.deficit,
                r.insuranceFund,
              ].map(str),
            );
            expect(
              Object.values({ ...q.totals.byAsset.ETH, ...q.totals, byAsset: undefined })
                .filter(Boolean)
                .map((x) => str(x as Money)),
            ).toEqual(Object.values(r.totals).map(str));
          });
          s.accounts.forEach((a, i) => {
            const b = m1.accounts[i];
            expect(str(b.cash)).toBe(str(a.cash));
            expect(str(b.collateral.ETH ?? D(0))).toBe(str(a.collateral));
            expect(str(b.perps[0]?.size ?? D(0))).toBe(str(a.size));
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('accounts on one asset each, independent books, no fund/ADL interaction: equals one single-asset cascade per asset', () => {
    // Ample fund (never exhausted: no ADL, no deficit), so the assets interact only through the shared fund's
    // balance, which is additive. Each account holds one asset (collateral, or a perp, or both on the same asset).
    const oneAsset = fc.tuple(
      assetName,
      fc.oneof(
        fc.record({ collateral: fc.integer({ min: 1, max: 100_000 }), debt: fc.integer({ min: 0, max: 800_000 }) }),
        fc.record({
          cash: fc.integer({ min: 1, max: 1_000_000 }),
          size: fc.integer({ min: -20_000, max: 20_000 }),
          entry: fc.integer({ min: 0, max: 1000 }),
        }),
      ),
    );
    const FUND = '1000000000000';
    fc.assert(
      fc.property(
        fc.array(oneAsset, { minLength: 1, maxLength: 30 }),
        assetsArb,
        fc.integer({ min: 0, max: 10 }),
        (specs, assets, pen) => {
          const multi: MultiAssetCascadeAccount[] = [];
          const singles: Record<string, Array<{ i: number; acc: CascadeAccount }>> = { ETH: [], BTC: [], SOL: [] };
          specs.forEach(([asset, spec], i) => {
            const p = Number(PRICES[asset]);
            const id = `a${i}`;
            if ('collateral' in spec) {
              const c = (spec.collateral / 100_000) * (1_000_000 / p); // up to ~10⁴–10⁶ quote of collateral
              const col = c.toFixed(6);
              const debt = ((spec.debt / 1_000_000) * Number(col) * p).toFixed(2); // LTV in [0, 0.8]
              multi.push({ id, collateral: { [asset]: col }, debt });
              singles[asset].push({ i, acc: { id, collateral: col, debt } });
            } else {
              const [lo, hi] = ENTRY[asset];
              const size = (((spec.size || 1) / 20_000) * (200_000 / p)).toFixed(6);
              const entryPrice = (lo + ((hi - lo) * spec.entry) / 1000).toFixed(2);
              const cash = ((spec.cash / 1_000_000) * 50_000).toFixed(2);
              multi.push({ id, cash, perps: [{ asset, size, entryPrice }] });
              singles[asset].push({ i, acc: { id, cash, perp: { size, entryPrice } } });
            }
          });
          const penalty = pen / 100;
          const res = simulateLiquidationCascade(multi, { assets, penalty, insuranceFund: FUND, rounds: 8 });
          let fees = D(0);
          let bad = D(0);
          for (const asset of ASSETS) {
            if (singles[asset].length === 0) continue;
            const s: CascadeResult = simulateLiquidationCascade(
              singles[asset].map((x) => x.acc),
              { ...assets[asset], penalty, insuranceFund: FUND, rounds: 8 },
            );
            const mine = new Set(singles[asset].map((x) => x.acc.id));
            expect(res.liquidated.filter((id) => mine.has(id))).toEqual(s.liquidated);
            s.rounds.forEach((r, k) => {
              const m = res.rounds[k].byAsset[asset];
              expect(
                m.marketPrice.eq(r.marketPrice) && m.oraclePrice.eq(r.oraclePrice) && m.priceAfter.eq(r.priceAfter),
              ).toBe(true);
              expect(m.liquidatedNotional.eq(r.liquidatedNotional)).toBe(true);
              const t = res.rounds[k].totals.byAsset[asset];
              expect(t.collateral.eq(r.totals.collateral) && t.collateralSold.eq(r.totals.collateralSold)).toBe(true);
              expect(t.size.eq(r.totals.size) && t.sizeClosed.eq(r.totals.sizeClosed)).toBe(true);
            });
            singles[asset].forEach(({ i }, j) => {
              const a = res.accounts[i];
              const b = s.accounts[j];
              expect(a.cash.eq(b.cash) && a.debt.eq(b.debt) && a.liquidatedInRound === b.liquidatedInRound).toBe(true);
            });
            fees = fees.plus(s.rounds[s.rounds.length - 1].totals.fees);
            bad = bad.plus(s.totalBadDebt);
          }
          const last = res.rounds[res.rounds.length - 1].totals;
          expect(last.fees.eq(fees)).toBe(true);
          expect(res.totalBadDebt.eq(bad)).toBe(true);
          expect(last.adl.eq(0) && last.deficit.eq(0)).toBe(true);
          expect(res.insuranceFund.eq(D(FUND).plus(fees).minus(bad))).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('conserves units per asset and money exactly in every round (property: impact, latency, stale and jumping oracles, fund, ADL)', () => {
    fc.assert(
      fc.property(
        fc.array(multiAccountArb, { minLength: 1, maxLength: 25 }),
        assetsArb,
        fc.integer({ min: 0, max: 20_000 }),
        fc.boolean(),
        (accounts, assets, fund, adl) => {
          const before = deepClone(accounts);
          const res = simulateLiquidationCascade(accounts, { assets, insuranceFund: String(fund), adl, rounds: 8 });
          expect(accounts).toEqual(before); // inputs untouched
          checkConservation(accounts, res, String(fund));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('with zero impact and zero latency (ADL off) equals a one-round liquidation (independent reference)', () => {
    fc.assert(
      fc.property(
        fc.array(multiAccountArb, { minLength: 1, maxLength: 30 }),
        fc.record({
          ETH: fc.integer({ min: -50, max: 10 }),
          BTC: fc.integer({ min: -50, max: 10 }),
          SOL: fc.integer({ min: -50, max: 10 }),
        }),
        fc.record({
          ETH: fc.integer({ min: 50, max: 95 }),
          BTC: fc.integer({ min: 50, max: 95 }),
          SOL: fc.integer({ min: 50, max: 95 }),
        }),
        (accounts, moves, lts) => {
          const assets = Object.fromEntries(
            ASSETS.map((a) => [a, { price: PRICES[a], shock: moves[a] / 100, liquidationThreshold: lts[a] / 100 }]),
          );
          const res = simulateLiquidationCascade(accounts, {
            assets,
            rounds: 5,
            maintenanceMargin: 0.05,
            penalty: 0.05,
            adl: false,
          });
          // reference: every account under water at p1ₐ = pₐ·(1 + moveₐ), each sold at p1 (no impact)
          const p1 = Object.fromEntries(ASSETS.map((a) => [a, D(PRICES[a]).mul(D(1).plus(D(moves[a]).div(100)))]));
          let bad = D(0);
          let fees = D(0);
          let notional = D(0);
          const ids: string[] = [];
          accounts.forEach((a, i) => {
            let eq = D(String(a.cash ?? 0)).minus(D(String(a.debt ?? 0)));
            let req = D(0);
            let n = D(0);
            for (const [k, v] of Object.entries(a.collateral ?? {})) {
              const c = D(String(v));
              eq = eq.plus(c.mul(p1[k]));
              req = req.plus(
                D(1)
                  .minus(D(lts[k as keyof typeof lts]).div(100))
                  .mul(c)
                  .mul(p1[k]),
              );
              n = n.plus(c.mul(p1[k]));
            }
            for (const p of a.perps ?? []) {
              const s = D(String(p.size));
              eq = eq.plus(s.mul(p1[p.asset].minus(D(String(p.entryPrice)))));
              req = req.plus(D('0.05').mul(s.abs()).mul(p1[p.asset]));
              n = n.plus(s.abs().mul(p1[p.asset]));
            }
            if (eq.lt(req)) {
              ids.push(String(i));
              notional = notional.plus(n);
              if (eq.lt(0)) bad = bad.plus(eq.neg());
              else fees = fees.plus(Money.min(eq, D('0.05').mul(n)));
            }
          });
          expect([...res.liquidated].sort()).toEqual([...ids].sort());
          expect(res.rounds.slice(1).every((r) => r.accountsLiquidated.length === 0)).toBe(true);
          expect(res.totalBadDebt.eq(bad)).toBe(true);
          expect(res.rounds[0].fees.eq(fees)).toBe(true);
          expect(res.rounds[0].liquidatedNotional.eq(notional)).toBe(true);
          for (const a of ASSETS) expect(res.finalPrices[a].eq(p1[a])).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('deeper books never liquidate more accounts (property: collateral and long perps, every depth scaled)', () => {
    // Sales only (no shorts to buy back): every liquidation lowers prices, and health rises with every price.
    const longOnly = multiAccountArb.map((a) => ({
      ...a,
      perps: (a.perps ?? []).map((p) => ({ ...p, size: D(String(p.size)).abs().toString() })),
    }));
    fc.assert(
      fc.property(
        fc.array(longOnly, { minLength: 1, maxLength: 25 }),
        fc.record({
          ETH: fc.integer({ min: -40, max: 0 }),
          BTC: fc.integer({ min: -40, max: 0 }),
          SOL: fc.integer({ min: -40, max: 0 }),
        }),
        fc.record({
          ETH: fc.integer({ min: 50_000, max: 5_000_000 }),
          BTC: fc.integer({ min: 50_000, max: 5_000_000 }),
          SOL: fc.integer({ min: 50_000, max: 5_000_000 }),
        }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 2 }),
        (accounts, moves, depths, factor, latency) => {
          const run = (scale: number | null) =>
            simulateLiquidationCascade(accounts, {
              assets: Object.fromEntries(
                ASSETS.map((a) => [
                  a,
                  {
                    price: PRICES[a],
                    shock: moves[a] / 100,
                    oracle: { latency },
                    depth: scale === null ? null : String(depths[a] * scale),
                  },
                ]),
              ),
              rounds: 10,
            });
          const shallow = run(1);
          const deep = run(factor);
          const none = run(null);
          expect(deep.liquidated.length).toBeLessThanOrEqual(shallow.liquidated.length);
          expect(none.liquidated.length).toBeLessThanOrEqual(deep.liquidated.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('runs under a stress scenario per asset: moves, depth multipliers, oracle moves, with the "*" default', () => {
    const accounts: MultiAssetCascadeAccount[] = Array.from({ length: 20 }, (_, i) => ({
      collateral: { ETH: '1', BTC: '0.05' },
      debt: String(4000 + 20 * i),
    }));
    const assets = { ETH: { price: '3000', depth: '100000000' }, BTC: { price: '60000', depth: '100000000' } };
    const calm = simulateLiquidationCascade(accounts, {
      assets,
      rounds: 10,
      scenario: { name: 'all −15%', moves: { '*': -0.15 } },
    });
    expect(calm.rounds[0].byAsset.ETH.marketPrice.eq(2550) && calm.rounds[0].byAsset.BTC.marketPrice.eq(51000)).toBe(
      true,
    );
    const thin = simulateLiquidationCascade(accounts, {
      assets,
      rounds: 10,
      scenario: { name: 'thin', moves: { '*': -0.15 }, liquidityMultipliers: { ETH: 0.001, BTC: 0.001 } },
    });
    expect(thin.liquidated.length).toBeGreaterThan(calm.liquidated.length);
    const stale = simulateLiquidationCascade(accounts, {
      assets,
      rounds: 3,
      scenario: { name: 'stale BTC', moves: { '*': -0.15 }, oracleMoves: { BTC: 0 } },
    });
    // (the oracle move becomes a jump ratio (1 + 0)/(1 − 0.15) computed in floats, as with one asset: 60,000 to ~1e-11)
    expect(stale.rounds[0].byAsset.BTC.oraclePrice.minus(60000).abs().lt('1e-9')).toBe(true);
    expect(stale.rounds[0].byAsset.ETH.oraclePrice.eq(2550)).toBe(true);
    // an asset's own shock wins over the scenario's move
    const own = simulateLiquidationCascade(accounts, {
      assets: { ...assets, ETH: { ...assets.ETH, shock: 0 } },
      rounds: 2,
      scenario: { name: 's', moves: { '*': -0.15 } },
    });
    expect(own.rounds[0].byAsset.ETH.marketPrice.eq(3000)).toBe(true);
  });

  it('refuses bad input with named paths', () => {
    const assets = { ETH: { price: '3000' }, BTC: { price: '60000' } };
    const pathOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(RiskInputError);
        return (e as RiskInputError).path;
      }
      return 'no error';
    };
    expect(pathOf(() => simulateLiquidationCascade([{ collateral: { DOGE: '1' } }], { assets }))).toBe(
      'accounts[0].collateral.DOGE',
    );
    expect(() => simulateLiquidationCascade([{}, {}, {}, { collateral: { DOGE: '1' } }], { assets })).toThrow(
      /accounts\[3\]\.collateral\.DOGE must be an asset of params\.assets \(ETH, BTC\), got "DOGE"/,
    );
    expect(
      pathOf(() => simulateLiquidationCascade([{ perps: [{ asset: 'SOL', size: '1', entryPrice: '1' }] }], { assets })),
    ).toBe('accounts[0].perps[0].asset');
    expect(
      pathOf(() =>
        simulateLiquidationCascade(
          [
            {
              perps: [
                { asset: 'ETH', size: '1', entryPrice: '1' },
                { asset: 'ETH', size: '2', entryPrice: '1' },
              ],
            },
          ],
          { assets },
        ),
      ),
    ).toBe('accounts[0].perps[1].asset');
    expect(pathOf(() => simulateLiquidationCascade([{ collateral: { ETH: '-1' } }], { assets }))).toBe(
      'accounts[0].collateral.ETH',
    );
    expect(
      pathOf(() => simulateLiquidationCascade([{ perps: [{ asset: 'ETH', size: '1', entryPrice: '0' }] }], { assets })),
    ).toBe('accounts[0].perps[0].entryPrice');
    // a perp without an asset, or collateral as one amount, has no meaning with several assets
    expect(
      pathOf(() =>
        simulateLiquidationCascade([{ perp: { size: '1', entryPrice: '1' } } as unknown as MultiAssetCascadeAccount], {
          assets,
        }),
      ),
    ).toBe('accounts[0].perp');
    expect(
      pathOf(() =>
        simulateLiquidationCascade([{ collateral: '1' } as unknown as MultiAssetCascadeAccount], { assets }),
      ),
    ).toBe('accounts[0].collateral');
    // single-asset market fields at the top level next to params.assets
    for (const f of ['price', 'path', 'shock', 'depth', 'oracle', 'liquidationThreshold', 'asset']) {
      const value =
        f === 'path' ? [0] : f === 'oracle' ? {} : f === 'asset' ? 'ETH' : f === 'price' || f === 'depth' ? '1' : 0.5;
      const params = { assets, [f]: value } as unknown as MultiAssetCascadeParams;
      expect(pathOf(() => simulateLiquidationCascade([{}], params))).toBe(`params.${f}`);
    }
    expect(pathOf(() => simulateLiquidationCascade([{}], { assets: {} }))).toBe('params.assets');
    expect(pathOf(() => simulateLiquidationCascade([{}], { assets: { ETH: { price: '0' } } }))).toBe(
      'params.assets.ETH.price',
    );
    expect(pathOf(() => simulateLiquidationCascade([{}], { assets: { ETH: { price: '1', path: [-1] } } }))).toBe(
      'params.assets.ETH.path[0]',
    );
    expect(
      pathOf(() => simulateLiquidationCascade([{}], { assets: { ETH: { price: '1', liquidationThreshold: 1.5 } } })),
    ).toBe('params.assets.ETH.liquidationThreshold');
    expect(
      pathOf(() => simulateLiquidationCascade([{}], { assets: { ETH: { price: '1', oracle: { latency: -1 } } } })),
    ).toBe('params.assets.ETH.oracle.latency');
    expect(
      pathOf(() =>
        simulateLiquidationCascade([{}], {
          assets: { ETH: { price: '1', liquidationTreshold: 0.5 } as CascadeAssetMarket },
        }),
      ),
    ).toBe('params.assets.ETH.liquidationTreshold');
    // the single-asset shape refuses per-asset fields
    expect(
      pathOf(() =>
        simulateLiquidationCascade([{ collateral: { ETH: '1' } } as unknown as CascadeAccount], { price: '1' }),
      ),
    ).toBe('accounts[0].collateral');
    expect(pathOf(() => simulateLiquidationCascade([{ perps: [] } as unknown as CascadeAccount], { price: '1' }))).toBe(
      'accounts[0].perps',
    );
  });
});
