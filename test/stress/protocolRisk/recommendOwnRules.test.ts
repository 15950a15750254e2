/**
 * recommendCap on the lending form and recommendParameter on the lending and venue forms: the recommendation meets
 * the budget on a fresh seed and the next grid step does not; each parameter is written into the protocol's own
 * field (the grid's figures are those of the protocol with the field set by hand); refusals; determinism.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../../../src/index.js';
import { recommendCap, recommendParameter, simulateProtocolRisk } from '../../../src/stress/index.js';
import type { LendingProtocol, LendingRiskContext, ProtocolMarket, VenueProtocol } from '../../../src/stress/index.js';
import { caseOf } from '../lendingCascade/arbs.js';
import type { ProtocolName } from '../lendingCascade/arbs.js';

const SIZES = [
  { size: 10e6, lev: 0.9e6 },
  { size: 3e6, lev: 0.8e6 },
  { size: 1e6, lev: 0.95e6 },
  { size: 5e6, lev: 0.7e6 },
];
/** A lending protocol of test/stress/lendingCascade/arbs.ts: 4 WETH positions, no price impact unless `depth`. */
function lending(p: ProtocolName, depth: number | null = null, gas = 0): LendingProtocol {
  const c = caseOf(p, { sizes: SIZES, moves: [], depth, latency: 0.5, gas, capacity: null });
  const { rounds: _r, moves: _m, ...ctx } = c.context;
  return { positions: c.positions, lending: ctx as LendingRiskContext };
}
const MARKETS: Record<ProtocolName, ProtocolMarket> = {
  'aave-v3': { assets: { WETH: { vol: 1.2 }, USDC: { vol: 0.01 } } },
  'compound-v3': { assets: { WETH: { vol: 1.2 }, base: { vol: 0.01 } } },
  'morpho-blue': { assets: { collateral: { vol: 1.2 } } },
  'euler-v2': { assets: { WETH: { vol: 1.2 }, liability: { vol: 0.05 } } },
};

/** ES at confidence α of a run's bad debt by path, from its sorted losses (n(1 − α) an integer here). */
function esOf(losses: number[], alpha: number): number {
  const k = Math.round(losses.length * (1 - alpha));
  const top = [...losses].sort((a, b) => b - a).slice(0, k);
  return top.reduce((s, x) => s + x, 0) / k;
}

/** A dYdX book: one perpetual at 50,000 (IMF 5%), 8 accounts of 0.3 to 1 BTC with 4% to 10% equity. */
const DYDX_ACCOUNTS = [
  [1, 3000],
  [0.5, 2200],
  [-1, 4000],
  [0.8, 3000],
  [-0.6, 2000],
  [0.3, 1200],
  [-0.4, 2400],
  [1, 5000],
].map(([b, eq], i) => ({
  id: `s${i}`,
  subaccount: {
    usdcQuantums: String(Math.round((eq - b * 50000) * 1e6)),
    positions: [{ perpetualId: 0, quantums: String(Math.round(b * 1e10)) }],
  },
}));
function dydx(maintenanceFractionPpm = 600000, initialMarginPpm = 50000): VenueProtocol {
  return {
    kind: 'dydx',
    accounts: DYDX_ACCOUNTS,
    context: {
      market: {
        perpetuals: [
          {
            id: 0,
            atomicResolution: -10,
            price: '5000000000',
            priceExponent: -5,
            liquidityTier: { initialMarginPpm, maintenanceFractionPpm },
          },
        ],
      },
      liquidations: {
        bankruptcyAdjustmentPpm: 1000000,
        spreadToMaintenanceMarginRatioPpm: 1500000,
        maxLiquidationFeePpm: 15000,
      },
      insuranceFundQuantums: '0',
      books: [{ perpetualId: 0, depth: '20000000', quantumConversionExponent: -9, subticksPerTick: 100 }],
    },
  } as unknown as VenueProtocol;
}

describe('recommendCap on the lending form', () => {
  // Morpho Blue without price impact or gas: each path's bad debt is linear in the book, ES_0.9 ≈ 6.9–7.4e21 per
  // current supply (SE ≈ 5–6% at 1,200 paths, vol 4). The budget 1.3e22 lies between the ES of 1.5× (≈ 1.05–1.1e22)
  // and 2× (≈ 1.4–1.5e22) by two standard errors or more.
  it('Morpho Blue collateral: meets the budget on a fresh seed, and one grid step up does not', () => {
    const pr = lending('morpho-blue');
    const market = { assets: { collateral: { vol: 4 } } };
    const o = { paths: 1200, steps: 4, dt: 1 / 365, batches: 10 };
    const budget = 1.3e22;
    const rec = recommendCap(pr, market, {
      ...o,
      seed: 1,
      asset: 'collateral',
      capOn: 'supply',
      budget,
      confidence: 0.9,
      step: 0.5,
      maxMultiple: 2,
      errorMultiple: 2,
    });
    expect(rec.capOn).toBe('supply');
    expect(rec.current.toString()).toBe('19000000000000000000'); // 19 WETH in base units
    expect(rec.scale).toBe(1.5);
    expect(rec.cap.toString()).toBe('28500000000000000000');
    expect(rec.step.toString()).toBe('9500000000000000000');
    const es = rec.esAtCap;
    expect(es.value + 2 * (es.stdError ?? Number.NaN)).toBeLessThanOrEqual(budget);
    expect(rec.esAbove?.value).toBeGreaterThan(budget);
    // fresh seed: the book scaled by hand (collateral and borrow shares × f, market borrow totals × f)
    const scaledBy = (num: bigint, den: bigint): LendingProtocol => {
      const ctx = pr.lending as Extract<LendingRiskContext, { protocol: 'morpho-blue' }>;
      const m = ctx.market;
      return {
        positions: pr.positions.map((p) => {
          const q = p as { id: string; collateral: bigint; borrowShares: bigint };
          return { id: q.id, collateral: (q.collateral * num) / den, borrowShares: (q.borrowShares * num) / den };
        }),
        lending: {
          ...ctx,
          market: {
            ...m,
            totalBorrowShares: (m.totalBorrowShares * num) / den,
            totalBorrowAssets: (m.totalBorrowAssets * num) / den,
          },
        },
      };
    };
    const fresh = (num: bigint, den: bigint) =>
      esOf(simulateProtocolRisk(scaledBy(num, den), market, { ...o, seed: 99 }).badDebtByPath, 0.9);
    const at = fresh(3n, 2n);
    const above = fresh(2n, 1n);
    expect(at).toBeLessThan(0.95 * budget);
    expect(above).toBeGreaterThan(1.05 * budget);
  });

  it('supply and borrow caps on each protocol; capOn per form; venue forms refused', () => {
    const o = { paths: 30, steps: 3, dt: 1 / 365, seed: 5, batches: 2, step: 0.5, maxMultiple: 2, budget: 1e40 };
    type P = Record<string, unknown> & { collateral?: unknown };
    const sum = (pr: LendingProtocol, f: (p: P) => bigint) =>
      pr.positions.reduce((s, p) => s + f(p as unknown as P), 0n);
    const weth = (p: P) => (p.collateral as Record<string, bigint>).WETH;
    const cases: Array<[ProtocolName, string, 'supply' | 'borrow', (p: P) => bigint]> = [
      ['aave-v3', 'WETH', 'supply', (p) => (p.supplies as Record<string, bigint>).WETH],
      ['aave-v3', 'USDC', 'borrow', (p) => (p.borrows as Record<string, bigint>).USDC],
      ['compound-v3', 'WETH', 'supply', weth],
      ['compound-v3', 'base', 'borrow', (p) => -(p.principal as bigint)],
      ['morpho-blue', 'loan', 'borrow', (p) => p.borrowShares as bigint],
      ['euler-v2', 'WETH', 'supply', weth],
      ['euler-v2', 'liability', 'borrow', (p) => p.debt as bigint],
    ];
    for (const [p, asset, capOn, held] of cases) {
      const pr = lending(p);
      const rec = recommendCap(pr, MARKETS[p], { ...o, asset, capOn });
      expect(rec.current.toString()).toBe(sum(pr, held).toString());
      expect(rec.cap.toString()).toBe((sum(pr, held) * 2n).toString()); // the budget admits the whole grid
      expect(rec.scale).toBe(2);
      expect(rec.esAbove).toBeNull();
    }
    const bad = (p: ProtocolName, opt: Record<string, unknown>) => () =>
      recommendCap(lending(p), MARKETS[p], { ...o, asset: 'WETH', ...opt } as never);
    expect(bad('aave-v3', { capOn: 'openInterest' })).toThrow(/^options.capOn must be 'supply' or 'borrow'/);
    expect(bad('aave-v3', { asset: 'DAI' })).toThrow(/^options.asset must be an asset the positions supply/);
    expect(bad('aave-v3', { asset: 'WETH', capOn: 'borrow' })).toThrow(
      /^options.asset must be an asset the positions owe/,
    );
    expect(bad('morpho-blue', { asset: 'loan' })).toThrow(RiskInputError);
    const generic = { accounts: [{ id: 'a', collateral: '1', debt: '1000' }], params: { price: '2000' } };
    expect(() =>
      recommendCap(generic, { assets: { ETH: { vol: 1 } } }, { ...o, asset: 'ETH', capOn: 'borrow' }),
    ).toThrow(/^options.capOn must be 'supply' or 'openInterest'/);
    expect(() => recommendCap(dydx() as never, { assets: { '0': { vol: 1 } } }, { ...o, asset: '0' })).toThrow(
      /^protocol must be the generic cascade form/,
    );
  });

  it('deterministic, whatever the order of the positions', () => {
    const pr = lending('compound-v3', 2000, 10);
    const o = { paths: 40, steps: 3, dt: 1 / 365, seed: 3, batches: 2, asset: 'WETH', budget: 5e9, step: 0.5 };
    const a = recommendCap(pr, MARKETS['compound-v3'], o);
    const b = recommendCap({ ...pr, positions: [...pr.positions].reverse() }, MARKETS['compound-v3'], o);
    expect(b).toEqual(a);
    expect(recommendCap(pr, MARKETS['compound-v3'], o)).toEqual(a);
  });
});

describe('recommendParameter on the lending form', () => {
  // Compound III with impact and gas: ES_0.9 ≈ 0 at liquidateCollateralFactor 0.8, ≈ 0.7–1.3e9 at 0.85 and
  // ≈ 2.8–3.3e10 at 0.95 (SE ≈ 5e9 at 1,000 paths): the budget 1e10 lies many standard errors from both.
  it('Compound III liquidateCollateralFactor: meets the budget on a fresh seed, and the next value does not', () => {
    const pr = lending('compound-v3', 2000, 10);
    const o = { paths: 1000, steps: 4, dt: 1 / 365, batches: 10 };
    const budget = 1e10;
    const rec = recommendParameter(pr, MARKETS['compound-v3'], {
      ...o,
      seed: 1,
      parameter: 'liquidateCollateralFactor',
      asset: 'WETH',
      values: [0.8, 0.85, 0.95],
      budget,
      confidence: 0.9,
      errorMultiple: 2,
    });
    expect(rec.direction).toBe('largest');
    expect(rec.asset).toBe('WETH');
    expect(rec.recommended?.value).toBe(0.85);
    expect(rec.next?.value).toBe(0.95);
    // capacity: 19 WETH × 2,000 (1e8 price units) × factor
    for (const p of rec.points) expect(p.capacity).toBeCloseTo(19 * 2000e8 * p.value, 0);
    const withFactor = (f: bigint): LendingProtocol => {
      const ctx = pr.lending as Extract<LendingRiskContext, { protocol: 'compound-v3' }>;
      const assets = ctx.market.assets.map((a) => ({ ...a, liquidateCollateralFactor: f }));
      return { ...pr, lending: { ...ctx, market: { ...ctx.market, assets } } };
    };
    const fresh = (f: bigint) =>
      esOf(simulateProtocolRisk(withFactor(f), MARKETS['compound-v3'], { ...o, seed: 99 }).badDebtByPath, 0.9);
    expect(fresh(85n * 10n ** 16n)).toBeLessThan(0.5 * budget);
    expect(fresh(95n * 10n ** 16n)).toBeGreaterThan(1.5 * budget);
  });

  // each parameter lands in the protocol's own field: the grid's ES99 is that of the protocol with the field set
  // by hand, on the same seed
  const sim = { paths: 24, steps: 3, dt: 1 / 365, seed: 8, batches: 2 };
  const o = { ...sim, budget: 1e40 };
  type Setter = (ctx: Record<string, unknown>, v: number) => Record<string, unknown>;
  const reserve =
    (field: string, text: (v: number) => unknown): Setter =>
    (ctx, v) => {
      const m = ctx.market as { reserves: Array<Record<string, unknown>> };
      const reserves = m.reserves.map((r) => (r.asset === 'WETH' ? { ...r, [field]: text(v) } : r));
      return { ...ctx, market: { ...m, reserves } };
    };
  const cometAsset =
    (field: string): Setter =>
    (ctx, v) => {
      const m = ctx.market as { assets: Array<Record<string, unknown>> };
      const assets = m.assets.map((a) => ({ ...a, [field]: BigInt(Math.round(v * 1e4)) * 10n ** 14n }));
      return { ...ctx, market: { ...m, assets } };
    };
  const cases: Array<[ProtocolName, string, string | undefined, number[], Setter]> = [
    ['aave-v3', 'liquidationThreshold', 'WETH', [0.8, 0.86], reserve('liquidationThreshold', String)],
    ['aave-v3', 'liquidationBonus', 'WETH', [0.02, 0.1], reserve('liquidationBonus', String)],
    ['compound-v3', 'liquidationFactor', 'WETH', [0.8, 0.95], cometAsset('liquidationFactor')],
    [
      'morpho-blue',
      'lltv',
      undefined,
      [0.77, 0.915],
      (ctx, v) => ({ ...ctx, market: { ...(ctx.market as object), lltv: BigInt(Math.round(v * 1e3)) * 10n ** 15n } }),
    ],
    [
      'euler-v2',
      'liquidationLTV',
      'WETH',
      [0.82, 0.9],
      (ctx, v) => {
        const vault = ctx.vault as { collaterals: Array<Record<string, unknown>> };
        const collaterals = vault.collaterals.map((c) => ({ ...c, liquidationLTV: Math.round(v * 1e4) }));
        return { ...ctx, vault: { ...vault, collaterals } };
      },
    ],
    [
      'euler-v2',
      'maxLiquidationDiscount',
      undefined,
      [0.05, 0.15],
      (ctx, v) => ({ ...ctx, vault: { ...(ctx.vault as object), maxLiquidationDiscount: Math.round(v * 1e4) } }),
    ],
  ];
  for (const [p, parameter, asset, values, set] of cases) {
    it(`${p} ${parameter}: the protocol's own field, on the same seed`, () => {
      const pr = lending(p, 500, 10);
      const market = {
        ...MARKETS[p],
        assets: { ...MARKETS[p].assets, [p === 'morpho-blue' ? 'collateral' : 'WETH']: { vol: 3 } },
      };
      const rec = recommendParameter(pr, market, { ...o, parameter, asset, values } as never);
      values.forEach((v, i) => {
        const byHand = { ...pr, lending: set(pr.lending as never, v) as LendingRiskContext };
        const es = simulateProtocolRisk(byHand, market, sim).badDebt.tail[0].es;
        expect(rec.points[i].es).toEqual(es);
      });
      expect(rec.points.some((x) => x.es.value > 0)).toBe(true);
    });
  }

  it('refuses borrowing LTVs, other protocols’ fields, inexact values and values the protocol refuses', () => {
    const call = (p: ProtocolName, opt: Record<string, unknown>) => () =>
      recommendParameter(lending(p), MARKETS[p], { ...o, values: [0.8, 0.85], ...opt } as never);
    expect(call('aave-v3', { parameter: 'ltv', asset: 'WETH' })).toThrow(
      /^options.parameter must be a liquidation parameter of aave-v3: 'liquidationThreshold', 'liquidationBonus'.*bounds new borrowing only/,
    );
    expect(call('compound-v3', { parameter: 'borrowCollateralFactor', asset: 'WETH' })).toThrow(/bounds new borrowing/);
    expect(call('euler-v2', { parameter: 'borrowLTV', asset: 'WETH' })).toThrow(/bounds new borrowing/);
    expect(call('aave-v3', { parameter: 'lltv' })).toThrow(/^options.parameter must be a parameter of aave-v3/);
    expect(call('morpho-blue', { parameter: 'maintenanceMargin' })).toThrow(
      /^options.parameter must be a parameter of morpho-blue: 'lltv'/,
    );
    expect(call('aave-v3', { parameter: 'liquidationThreshold', asset: 'DAI' })).toThrow(
      /^options.asset must be a reserve/,
    );
    expect(call('aave-v3', { parameter: 'liquidationThreshold' })).toThrow(/^options.asset/);
    expect(call('euler-v2', { parameter: 'maxLiquidationDiscount', asset: 'WETH', values: [0.1, 0.2] })).toThrow(
      /^options.asset must be absent/,
    );
    expect(call('euler-v2', { parameter: 'liquidationLTV', asset: 'WETH', values: [0.8, 0.85005] })).toThrow(
      /^options.values\[1\] must be a multiple of 1\/10000/,
    );
    expect(call('morpho-blue', { parameter: 'lltv', values: [0.8, 1] })).toThrow(/^options.values\[1\]/);
    // LT·(1 + bonus) ≤ 1 (Aave's configurator rule): LT 0.96 with the 5% bonus is refused at the value
    expect(call('aave-v3', { parameter: 'liquidationThreshold', asset: 'WETH', values: [0.9, 0.96] })).toThrow(
      /^options.values\[1\] must be a value the protocol accepts \(protocol.lending.market.reserves\[0\].liquidationBonus/,
    );
    expect(() =>
      recommendParameter(
        { ...lending('aave-v3'), lending: { ...lending('aave-v3').lending, eMode: 1 } as never },
        MARKETS['aave-v3'],
        {
          ...o,
          parameter: 'liquidationThreshold',
          asset: 'WETH',
          values: [0.8, 0.85],
        },
      ),
    ).toThrow(/^protocol.lending.eMode/);
  });
});

describe('recommendParameter on the venue forms', () => {
  // dYdX at 4-hour steps: ES_0.9 ≈ 4,700–4,800 at a maintenance fraction of 20% of the IMF (MMR 1%), ≈ 2,500–2,650
  // at 60% (3%) and ≈ 1,250–1,300 at 100% (5%), SE ≈ 125–360 at 1,000 paths: the budget 3,500 lies between.
  it('dYdX maintenanceFractionPpm: meets the budget on a fresh seed, and the next value does not', () => {
    const market = { assets: { '0': { vol: 1.5 } } };
    const o = { paths: 1000, steps: 6, dt: 1 / 2190, batches: 10 };
    const budget = 3500;
    const rec = recommendParameter(dydx(), market, {
      ...o,
      seed: 1,
      parameter: 'maintenanceFractionPpm',
      asset: '0',
      values: [200000, 600000, 1000000],
      budget,
      confidence: 0.9,
      errorMultiple: 2,
    });
    expect(rec.direction).toBe('smallest');
    expect(rec.asset).toBe('0');
    expect(rec.recommended?.value).toBe(600000);
    expect(rec.next?.value).toBe(200000);
    // margin locked: 5.6 BTC × 50,000 × 5% IMF × the fraction
    expect(rec.points.map((p) => p.capacity)).toEqual([2800, 8400, 14000]);
    const fresh = (mf: number) => esOf(simulateProtocolRisk(dydx(mf), market, { ...o, seed: 99 }).badDebtByPath, 0.9);
    expect(fresh(600000)).toBeLessThan(0.85 * budget);
    expect(fresh(200000)).toBeGreaterThan(1.15 * budget);
  });

  it('each venue field, on the same seed as the protocol with it set by hand; order of accounts irrelevant', () => {
    const sim = { paths: 30, steps: 3, dt: 1 / 2190, seed: 4, batches: 2 };
    const o = { ...sim, budget: 1e12 };
    const m = { assets: { '0': { vol: 1.5 } } };
    const rec = recommendParameter(dydx(), m, {
      ...o,
      parameter: 'initialMarginPpm',
      asset: '0',
      values: [20000, 80000],
    });
    rec.points.forEach((p) => {
      expect(p.es).toEqual(simulateProtocolRisk(dydx(600000, p.value), m, sim).badDebt.tail[0].es);
    });
    const reversed = { ...dydx(), accounts: [...DYDX_ACCOUNTS].reverse() } as VenueProtocol;
    const again = recommendParameter(reversed, m, {
      ...o,
      parameter: 'initialMarginPpm',
      asset: '0',
      values: [20000, 80000],
    });
    expect(again).toEqual(rec);
    const refuse = (opt: Record<string, unknown>) => () =>
      recommendParameter(dydx(), m, { ...o, values: [200000, 600000], ...opt } as never);
    expect(refuse({ parameter: 'maxLeverage', asset: '0' })).toThrow(
      /^options.parameter must be a parameter of dydx: 'maintenanceFractionPpm', 'initialMarginPpm'/,
    );
    expect(refuse({ parameter: 'maintenanceFractionPpm', asset: '1' })).toThrow(
      /^options.asset must be a perpetual id/,
    );
    expect(refuse({ parameter: 'maintenanceFractionPpm', asset: '0', values: [0.5, 0.6] })).toThrow(
      /^options.values\[0\] must be a multiple of 1\/1 \(ppm, an integer\)/,
    );
  });

  // Drift and Hyperliquid on the reference cascades' first cases (test/fixtures/stress/venue_cascade), books without paths
  const fixture = (kind: 'drift' | 'hyperliquid'): VenueProtocol => {
    const url = new URL(`../../fixtures/stress/venue_cascade/${kind}.json`, import.meta.url);
    const c = JSON.parse(readFileSync(url, 'utf8')).cases[0];
    const books = c.context.books.map(({ path: _p, shock: _s, ...b }: Record<string, unknown>) => b);
    return { kind, accounts: c.accounts, context: { ...c.context, books } } as VenueProtocol;
  };
  it('Drift marginRatioMaintenance and Hyperliquid maxLeverage: the venue field, on the same seed', () => {
    const sim = { paths: 30, steps: 3, dt: 1 / 365, seed: 6, batches: 2 };
    const drift = fixture('drift');
    const dm = { assets: { 'SOL-PERP': { vol: 1.5 } } };
    const rd = recommendParameter(drift, dm, {
      ...sim,
      parameter: 'marginRatioMaintenance',
      asset: 'SOL-PERP',
      values: [300, 800, 1500],
      budget: 1e12,
    });
    expect(rd.direction).toBe('smallest');
    rd.points.forEach((p) => {
      const ctx = drift.context as unknown as { market: { perpMarkets: Record<string, Record<string, unknown>> } };
      const sol = ctx.market.perpMarkets['SOL-PERP'];
      // the initial ratio (1,000) is raised to a maintenance ratio above it
      const set = { ...sol, marginRatioMaintenance: p.value, marginRatioInitial: Math.max(1000, p.value) };
      const market = { ...ctx.market, perpMarkets: { ...ctx.market.perpMarkets, 'SOL-PERP': set } };
      const byHand = { ...drift, context: { ...drift.context, market } } as unknown as VenueProtocol;
      expect(p.es).toEqual(simulateProtocolRisk(byHand, dm, sim).badDebt.tail[0].es);
    });
    expect(rd.points[1].capacity).toBeGreaterThan(rd.points[0].capacity);
    expect(rd.points.some((p) => p.es.value > 0)).toBe(true);
    const hl = fixture('hyperliquid');
    const hm = { assets: { ETH: { vol: 1.5 } } };
    const rh = recommendParameter(hl, hm, {
      ...sim,
      parameter: 'maxLeverage',
      asset: 'ETH',
      values: [5, 10, 20],
      budget: 1e12,
    });
    expect(rh.direction).toBe('largest');
    rh.points.forEach((p) => {
      const ctx = hl.context as unknown as { market: { assets: Record<string, Record<string, unknown>> } };
      const eth = { ...ctx.market.assets.ETH, marginTable: { tiers: [{ lowerBound: '0', maxLeverage: p.value }] } };
      const byHand = { ...hl, context: { ...hl.context, market: { assets: { ...ctx.market.assets, ETH: eth } } } };
      expect(p.es).toEqual(simulateProtocolRisk(byHand as VenueProtocol, hm, sim).badDebt.tail[0].es);
    });
    // maintenance margin 1/(2 × leverage) of the ETH notional at the mark: halves as the leverage doubles
    expect(rh.points[0].capacity).toBeCloseTo(2 * rh.points[1].capacity, 6);
    expect(rh.points.some((p) => p.es.value > 0)).toBe(true);
    expect(() =>
      recommendParameter(hl, hm, {
        ...sim,
        parameter: 'marginRatioMaintenance',
        asset: 'ETH',
        values: [5, 10],
        budget: 1,
      }),
    ).toThrow(/^options.parameter must be a parameter of hyperliquid: 'maxLeverage'/);
  });
});
