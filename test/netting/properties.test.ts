/**
 * fast-check properties of the margin engine and the dynamic parameters, and the procyclicality figure on real
 * data (R's EuStockMarkets DAX through the 1997–98 crashes).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  accountMargin,
  dynamicMarginPath,
  marginParams,
  prepareMargin,
  procyclicality,
  DEFAULT_MARGIN_PARAMS,
} from '../../src/netting/index.js';
import type { Account, AccountPosition } from '../../src/netting/index.js';

const market = { assets: { BTC: { price: 60000, vol: 0.6 }, ETH: { price: 3000, vol: 0.75 } }, rate: 0.03 };
const strikes = { BTC: [45000, 54000, 60000, 66000, 75000], ETH: [2400, 2700, 3000, 3300, 3600] };
const expiries = [7 / 365, 30 / 365, 90 / 365];

const qty = fc.double({ min: -20, max: 20, noNaN: true }).filter((q) => Math.abs(q) > 1e-6);
const optionArb = (allowShort: boolean) =>
  fc
    .record({
      u: fc.constantFrom('BTC' as const, 'ETH' as const),
      k: fc.integer({ min: 0, max: 4 }),
      t: fc.integer({ min: 0, max: 2 }),
      type: fc.constantFrom('call' as const, 'put' as const),
      q: allowShort ? qty : qty.map(Math.abs),
      inverse: fc.boolean(),
    })
    .map(
      ({ u, k, t, type, q, inverse }): AccountPosition => ({
        kind: 'option',
        underlying: u,
        type,
        strike: strikes[u][k],
        expiry: expiries[t],
        quantity: q,
        settlement: inverse ? 'inverse' : 'linear',
      }),
    );
const linearArb = fc
  .record({
    u: fc.constantFrom('BTC', 'ETH'),
    kind: fc.constantFrom('spot' as const, 'perp' as const, 'future' as const, 'iperp' as const),
    q: qty,
  })
  .map(
    ({ u, kind, q }): AccountPosition =>
      kind === 'iperp'
        ? { kind: 'perp', underlying: u, quantity: q * 1000, settlement: 'inverse' }
        : kind === 'future'
          ? { kind, underlying: u, quantity: q, expiry: 0.25 }
          : { kind, underlying: u, quantity: q },
  );
const book = (allowShort: boolean) =>
  fc.array(fc.oneof(optionArb(allowShort), linearArb), { minLength: 1, maxLength: 8 });

const pmParams = marginParams({
  assets: Object.fromEntries(
    ['BTC', 'ETH', '*'].map((k) => [
      k,
      {
        ...DEFAULT_MARGIN_PARAMS.assets[k],
        portfolio: { ...DEFAULT_MARGIN_PARAMS.assets[k].portfolio, optionContingency: 0.005 },
      },
    ]),
  ),
});
const corrParams = marginParams({
  ...pmParams,
  aggregation: {
    method: 'correlation',
    maxCredit: 0.4,
    correlation: {
      assets: ['BTC', 'ETH'],
      matrix: [
        [1, 0.7],
        [0.7, 1],
      ],
    },
  },
});
const ctxSum = prepareMargin(market, pmParams);
const ctxCorr = prepareMargin(market, corrParams);
const pmOf = (positions: AccountPosition[], ctx = ctxSum) =>
  accountMargin({ positions }, ctx, { method: 'portfolio' }).initialMargin.toNumber();

describe('portfolio margin properties', () => {
  it('is subadditive: PM(A ∪ B) ≤ PM(A) + PM(B) (sum and correlation aggregation)', () => {
    fc.assert(
      fc.property(book(true), book(true), (a, b) => {
        for (const ctx of [ctxSum, ctxCorr]) {
          const ab = pmOf([...a, ...b], ctx);
          const sep = pmOf(a, ctx) + pmOf(b, ctx);
          if (!(ab <= sep + 1e-9 * (1 + sep))) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('is positively homogeneous: PM(λA) = λ·PM(A)', () => {
    fc.assert(
      fc.property(book(true), fc.double({ min: 0.01, max: 100, noNaN: true }), (a, lambda) => {
        const scaled = a.map((p) => ({ ...p, quantity: p.quantity * lambda }));
        const x = pmOf(a, ctxCorr);
        // float cancellation in Σ q·riskArray is bounded by the gross exposure, not by the (possibly small) margin
        const gross = a.reduce((g, p) => g + Math.abs(p.quantity) * (p.underlying === 'BTC' ? 60000 : 3000), 0);
        return Math.abs(pmOf(scaled, ctxCorr) - lambda * x) <= 1e-9 * (1 + lambda * x) + 1e-12 * lambda * gross;
      }),
      { numRuns: 200 },
    );
  });

  it('is never above standard margin when the grid covers the standard margin move (delta-one and long options)', () => {
    // standard: every delta-one position 5% of notional (one tier); long options their premium. PM grid: ±5% (weights 1),
    // so a delta-one loss ≤ 5% of notional and a long option loses at most its premium.
    const flat = { tiers: [{ upTo: null, initialRate: 0.05, maintenanceRate: 0.025 }], source: 'test: flat 5%' };
    const asset = (k: string) => ({
      ...DEFAULT_MARGIN_PARAMS.assets[k],
      linear: flat,
      portfolio: { ...DEFAULT_MARGIN_PARAMS.assets[k].portfolio, priceRange: 0.05, shortOptionMinimum: 0 },
    });
    const p = marginParams({ assets: { BTC: asset('BTC'), ETH: asset('ETH'), '*': asset('*') } });
    const ctx = prepareMargin(market, p);
    fc.assert(
      fc.property(book(false), (a) => {
        const pm = accountMargin({ positions: a }, ctx, { method: 'portfolio' }).initialMargin.toNumber();
        const st = accountMargin({ positions: a }, ctx, undefined, { method: 'standard' }).initialMargin.toNumber();
        return pm <= st * (1 + 1e-9) + 1e-9;
      }),
      { numRuns: 200 },
    );
  });

  it("leaves an isolated position's margin unaffected by the rest of the account", () => {
    const iso: AccountPosition = {
      kind: 'option',
      underlying: 'BTC',
      type: 'call',
      strike: 60000,
      expiry: 30 / 365,
      quantity: -3,
      marginMode: 'isolated',
      collateral: [{ asset: 'USDC', amount: '20000' }],
    };
    const alone = accountMargin({ positions: [iso] }, ctxSum).units[1];
    fc.assert(
      fc.property(book(true), fc.boolean(), (rest, sub) => {
        const a: Account = sub
          ? { positions: [iso], subAccounts: [{ positions: rest, collateral: [{ asset: 'BTC', amount: '1' }] }] }
          : { positions: [...rest, iso] };
        const u = accountMargin(a, ctxSum).units.find((x) => x.mode === 'isolated')!;
        return (
          u.initialMargin.eq(alone.initialMargin) &&
          u.maintenanceMargin.eq(alone.maintenanceMargin) &&
          u.equity.eq(alone.equity)
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe('dynamic margin (APC)', () => {
  it('a vol spike raises the margin by no more than the cap per day', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.03, max: 0.03, noNaN: true }), { minLength: 80, maxLength: 200 }),
        fc.array(fc.double({ min: -0.4, max: 0.4, noNaN: true }), { minLength: 1, maxLength: 10 }),
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        fc.boolean(),
        (calm, spike, cap, others) => {
          const r = calm
            .map((x, i) => (Math.abs(x) < 1e-4 ? (i % 2 ? 1e-3 : -1e-3) : x))
            .concat(spike, calm.slice(0, 20));
          const apc = others
            ? {
                maxDailyIncrease: cap,
                buffer: { fraction: 0.25 },
                stressedWeight: { weight: 0.25 },
                floor: { lookback: 100 },
              }
            : { maxDailyIncrease: cap };
          const m = dynamicMarginPath(r, { apc }).margin;
          for (let i = 1; i < m.length; i++) if (m[i] > m[i - 1] * (1 + cap) * (1 + 1e-12)) return false;
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('EuStockMarkets DAX, 1997–98: peak-to-trough margin with and without each APC tool', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const fx = JSON.parse(readFileSync(join(here, '..', 'fixtures', 'netting', 'eustockmarkets_dax.json'), 'utf8')) as {
      dax: number[];
      time: number[];
    };
    expect(fx.dax.length).toBe(1860);
    const r = fx.dax.slice(1).map((x, i) => Math.log(x / fx.dax[i]));
    const tools = {
      none: {},
      buffer: { buffer: { fraction: 0.25 } },
      stressedWeight: { stressedWeight: { weight: 0.25 } },
      floor: { floor: { lookback: 2520 } },
      cap: { maxDailyIncrease: 0.05 },
      all: {
        buffer: { fraction: 0.25 },
        stressedWeight: { weight: 0.25 },
        floor: { lookback: 2520 },
        maxDailyIncrease: 0.05,
      },
    };
    const rows: Record<string, { peak: number; trough: number; ratio: number; day: number; month: number }> = {};
    for (const [name, apc] of Object.entries(tools)) {
      const d = dynamicMarginPath(r, { apc, lambda: 0.94, confidence: 0.99, liquidationDays: 2 });
      // path index j ↔ close of returns[start + j] ↔ price index start + j + 1; window: first close of 1997 to the end
      const from = fx.time.findIndex((t) => t >= 1997) - 1 - d.start;
      const s = procyclicality(d.margin, from, d.margin.length);
      rows[name] = {
        peak: s.peak,
        trough: s.trough,
        ratio: s.peakToTrough,
        day: s.maxDailyIncrease,
        month: s.max30DayIncrease,
      };
    }
    // figures written into the README (netting section, to 3 decimals)
    expect(rows.none.ratio).toBeCloseTo(3.261, 3);
    expect(rows.none.peak).toBeCloseTo(0.0798, 4);
    // every tool lowers the peak-to-trough ratio; the cap bounds the daily rise; all together the most
    for (const k of ['buffer', 'stressedWeight', 'floor', 'cap', 'all'])
      expect(rows[k].ratio).toBeLessThan(rows.none.ratio);
    expect(rows.cap.day).toBeLessThanOrEqual(0.05 + 1e-12);
    expect(rows.all.ratio).toBeLessThan(
      Math.min(rows.buffer.ratio, rows.stressedWeight.ratio, rows.floor.ratio, rows.cap.ratio),
    );
    expect(rows.buffer.ratio).toBeCloseTo(2.609, 3);
    expect(rows.stressedWeight.ratio).toBeCloseTo(2.41, 3);
    expect(rows.floor.ratio).toBeCloseTo(2.696, 3);
    expect(rows.cap.ratio).toBeCloseTo(3.072, 3);
    expect(rows.all.ratio).toBeCloseTo(1.955, 3);
  });
});
