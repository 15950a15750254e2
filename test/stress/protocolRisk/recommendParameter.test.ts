import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money, RiskInputError } from '../../../src/index.js';
import { recommendCap, recommendParameter, simulateProtocolRisk } from '../../../src/stress/index.js';
import type { MultiAssetCascadeAccount } from '../../../src/stress/index.js';

const FC = { seed: 20, numRuns: 12 };
const book = Array.from({ length: 6 }, (_, i) => ({
  id: `a${i}`,
  collateral: String(1 + (i % 3)),
  debt: String(1500 * (1 + (i % 3)) + 10 * i),
}));
const market = { assets: { ETH: { vol: 1.5 } } };
const o = { paths: 2000, steps: 10, dt: 1 / 365, batches: 10 };
const es99 = (protocol: Parameters<typeof simulateProtocolRisk>[0], seed: number) =>
  simulateProtocolRisk(protocol, market, { ...o, seed }).badDebt.tail[0].es;

describe('recommendParameter', () => {
  // On this book ES99 is ≈ 15–35 at LT 0.75, ≈ 420–570 at 0.85 and ≈ 1,600–1,900 at 0.95 (SE ≈ 95–175 at 2,000
  // paths), so the budget 1,000 lies many standard errors from both neighbours on any seed.
  it('liquidation threshold: meets the budget on a fresh seed, and the next grid value does not', () => {
    const params = { price: '2500', depth: '300000', penalty: 0.1 };
    const budget = 1000;
    const rec = recommendParameter({ accounts: book, params }, market, {
      ...o,
      seed: 1,
      parameter: 'liquidationThreshold',
      values: [0.75, 0.85, 0.95],
      budget,
      errorMultiple: 2,
    });
    expect(rec.direction).toBe('largest');
    expect(rec.asset).toBe('ETH');
    expect(rec.recommended?.value).toBe(0.85);
    expect(rec.next?.value).toBe(0.95);
    // the grid's figures are those of the protocol with the threshold written in its params (same seed)
    expect(rec.recommended?.es).toEqual(es99({ accounts: book, params: { ...params, liquidationThreshold: 0.85 } }, 1));
    for (const p of rec.points) expect(p.capacity).toBeCloseTo(12 * 2500 * p.value, 6); // 12 ETH × 2,500 × LT
    const at = es99({ accounts: book, params: { ...params, liquidationThreshold: 0.85 } }, 99);
    const above = es99({ accounts: book, params: { ...params, liquidationThreshold: 0.95 } }, 99);
    expect(budget - at.value).toBeGreaterThan(2 * (at.stdError ?? Number.NaN));
    expect(above.value - budget).toBeGreaterThan(2 * (above.stdError ?? Number.NaN));
  });

  // ES99 ≈ 2,700–3,100 at a 2% maintenance margin and ≈ 1,500–1,700 at 10% (SE ≈ 85–175): budget 2,200 between.
  it('maintenance margin: the smallest within the budget, checked on a fresh seed', () => {
    const perps = Array.from({ length: 6 }, (_, i) => ({
      id: `p${i}`,
      cash: String(800 + 100 * i),
      perp: { size: i % 2 ? '-2' : '2', entryPrice: '2500' },
    }));
    const params = { price: '2500', depth: '300000' };
    const budget = 2200;
    const rec = recommendParameter({ accounts: perps, params }, market, {
      ...o,
      seed: 1,
      parameter: 'maintenanceMargin',
      values: [0.02, 0.1, 0.14],
      budget,
      errorMultiple: 2,
    });
    expect(rec.direction).toBe('smallest');
    expect(rec.asset).toBeNull();
    expect(rec.recommended?.value).toBe(0.1);
    expect(rec.recommended?.capacity).toBeCloseTo(12 * 2500 * 0.1, 6); // margin locked: 12 ETH of perps × 10%
    expect(rec.next?.value).toBe(0.02);
    const fresh = (m: number) => es99({ accounts: perps, params: { ...params, maintenanceMargin: m } }, 99);
    const at = fresh(0.1);
    const below = fresh(0.02);
    expect(budget - at.value).toBeGreaterThan(2 * (at.stdError ?? Number.NaN));
    expect(below.value - budget).toBeGreaterThan(2 * (below.stdError ?? Number.NaN));
  });

  it('multi-asset: the threshold of the named asset only; none when the strictest value breaches', () => {
    const accounts: MultiAssetCascadeAccount[] = [
      { id: 'x', collateral: { ETH: '1', BTC: '0.05' }, debt: '3500' },
      { id: 'y', collateral: { ETH: '2' }, debt: '3800' },
    ];
    const params = { assets: { ETH: { price: '2500', depth: '100000' }, BTC: { price: '60000' } } };
    const m2 = { assets: { ETH: { vol: 2 }, BTC: { vol: 0.5 } } };
    const so = { paths: 300, steps: 8, dt: 1 / 365, seed: 5 };
    const rec = recommendParameter({ accounts, params }, m2, {
      ...so,
      parameter: 'liquidationThreshold',
      asset: 'ETH',
      values: [0.8, 0.9],
      budget: 1e9,
    });
    expect(rec.recommended?.value).toBe(0.9);
    expect(rec.next).toBeNull();
    const eth = (lt: number) => ({ ...params.assets, ETH: { ...params.assets.ETH, liquidationThreshold: lt } });
    for (const p of rec.points) {
      const direct = simulateProtocolRisk({ accounts, params: { assets: eth(p.value) } }, m2, so);
      expect(p.es).toEqual(direct.badDebt.tail[0].es);
      expect(p.capacity).toBeCloseTo(3 * 2500 * p.value, 6);
    }
    const none = recommendParameter({ accounts: [{ id: 'z', debt: '10' }, ...accounts], params }, m2, {
      ...so,
      parameter: 'liquidationThreshold',
      asset: 'BTC',
      values: [0.5, 0.6],
      budget: 1,
    });
    expect(none.recommended).toBeNull();
    expect(none.next?.value).toBe(0.5);
  });

  it('without price impact, ES99 does not fall as the threshold rises (common random numbers)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1200, max: 2200 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        (debts, seed) => {
          const accounts = debts.map((d, i) => ({ id: `a${i}`, collateral: '1', debt: String(d) }));
          const rec = recommendParameter(
            { accounts, params: { price: '2500' } },
            { assets: { ETH: { vol: 3 } } },
            {
              paths: 60,
              steps: 6,
              dt: 1 / 365,
              seed,
              parameter: 'liquidationThreshold',
              values: [0.7, 0.8, 0.9, 0.95, 1],
              budget: 0,
            },
          );
          for (let i = 1; i < rec.points.length; i++) {
            expect(rec.points[i].es.value).toBeGreaterThanOrEqual(rec.points[i - 1].es.value - 1e-9);
          }
        },
      ),
      FC,
    );
  });

  it('refuses bad options; the lending and venue forms validated as such, recommendCap refuses venues', () => {
    const call =
      (opt: Record<string, unknown>, protocol: unknown = { accounts: book, params: { price: '2500' } }) =>
      () =>
        recommendParameter(protocol as never, market, {
          paths: 10,
          steps: 2,
          dt: 0.01,
          seed: 1,
          parameter: 'liquidationThreshold',
          values: [0.8, 0.9],
          budget: 1,
          ...opt,
        } as never);
    expect(call({ parameter: 'penalty' })).toThrow(/options.parameter/);
    expect(call({ values: [0.9, 0.8] })).toThrow(/options.values\[1\] must be greater than options.values\[0\]/);
    expect(call({ values: [0.8, 1.2] })).toThrow(/options.values\[1\]/);
    expect(call({ values: [0.8] })).toThrow(/options.values/);
    expect(call({ values: Array.from({ length: 51 }, (_, i) => 0.3 + i / 100) })).toThrow(/at most 50/);
    expect(call({ parameter: 'maintenanceMargin', asset: 'ETH' })).toThrow(/options.asset must be absent/);
    expect(call({ asset: 'BTC' })).toThrow(/options.asset/);
    expect(call({ budgte: 1 })).toThrow(/options.budgte is not a field; did you mean budget/);
    expect(call({ errorMultiple: 1 })).toThrow(/options.paths must be at least 2000/);
    const lending = { positions: [], lending: {} };
    const venue = { kind: 'dydx', accounts: [], context: {} };
    // the lending and venue forms are read as such (their own fields named)
    expect(call({}, lending)).toThrow(/^protocol.lending.protocol must be one of/);
    expect(call({}, venue)).toThrow(/^protocol.context.books must be an array/);
    expect(() => recommendCap(lending as never, market, { ...o, seed: 1, asset: 'ETH', budget: 1 })).toThrow(
      /^protocol.lending.protocol must be one of/,
    );
    const cap = () => recommendCap(venue as never, market, { ...o, seed: 1, asset: 'ETH', budget: 1 });
    expect(cap).toThrow(RiskInputError);
    expect(cap).toThrow(/^protocol must be the generic cascade form .* or the lending form/);
  });
});

describe('recommendCap monotonicity', () => {
  it('without price impact: a larger budget never gives a smaller cap, and ES one step up is not smaller', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1500, max: 2300 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.tuple(fc.double({ min: 1, max: 5000, noNaN: true }), fc.double({ min: 1, max: 5000, noNaN: true })),
        (debts, seed, [b1, b2]) => {
          const accounts = debts.map((d, i) => ({ id: `a${i}`, collateral: '1', debt: String(d) }));
          const run = (budget: number) =>
            recommendCap(
              { accounts, params: { price: '2500', penalty: 0.1 } },
              { assets: { ETH: { vol: 3 } } },
              {
                paths: 60,
                steps: 6,
                dt: 1 / 365,
                seed,
                asset: 'ETH',
                budget,
                step: 0.25,
                maxMultiple: 5,
              },
            );
          const [lo, hi] = [run(Math.min(b1, b2)), run(Math.max(b1, b2))];
          expect(lo.cap.lte(hi.cap)).toBe(true);
          for (const r of [lo, hi]) {
            if (r.esAbove) expect(r.esAbove.value).toBeGreaterThanOrEqual(r.esAtCap.value);
          }
          expect(hi.cap.eq(new Money(debts.length).mul(String(hi.scale)))).toBe(true);
        },
      ),
      FC,
    );
  });
});
