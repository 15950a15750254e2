/**
 * Invariants of the dYdX v4 rules (fast-check, fixed seed from test/setup.ts): an order followed by its exact offset
 * leaves the margin unchanged; funding paid equals funding received when long and short sizes balance; margin does
 * not depend on the order of positions; closing at the bankruptcy price passes the collateralization check, as the
 * venue's own test asserts; deleveraging moves size and quote between the two sides without loss.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DYDX_SAMPLE_PREGENESIS_LIQUIDITY_TIERS,
  type DydxPerpetual,
  type DydxSubaccount,
  dydxAccountRisk,
  dydxBankruptcyPriceQuoteQuantums,
  dydxDeleverage,
  dydxFundingSettlement,
  dydxMaxOrderSize,
  dydxPreTradeCheck,
} from '../../../src/perps/index.js';
import { fillQuote } from '../../../src/perps/dydx/liquidationCore.js';
import { checkUpdate } from '../../../src/perps/dydx/preTradeCore.js';
import { settle } from '../../../src/perps/dydx/risk.js';
import { checkPerps, checkSubaccount } from '../../../src/perps/dydx/validate.js';

const TIERS = DYDX_SAMPLE_PREGENESIS_LIQUIDITY_TIERS.tiers;
const QCE = -9;

const perpArb = (id: number): fc.Arbitrary<DydxPerpetual> =>
  fc
    .record({
      tier: fc.constantFrom(...TIERS),
      price: fc.bigInt(1n, 10n ** 12n),
      priceExponent: fc.integer({ min: -9, max: -3 }),
      atomicResolution: fc.integer({ min: -10, max: -6 }),
      openInterest: fc.bigInt(0n, 10n ** 16n),
      fundingIndex: fc.bigInt(-(10n ** 9n), 10n ** 9n),
    })
    .map((r) => ({
      id,
      atomicResolution: r.atomicResolution,
      price: r.price,
      priceExponent: r.priceExponent,
      liquidityTier: r.tier,
      openInterest: r.openInterest,
      fundingIndex: r.fundingIndex,
    }));
const perpsArb = fc.tuple(perpArb(0), perpArb(1), perpArb(2));
const size = fc.bigInt(-(10n ** 12n), 10n ** 12n).filter((q) => q !== 0n);
const subArb = fc.record({
  usdcQuantums: fc.bigInt(-(10n ** 13n), 10n ** 13n),
  positions: fc.tuple(size, size, size, fc.bigInt(-(10n ** 9n), 10n ** 9n), fc.subarray([0, 1, 2], { minLength: 1 })),
});
interface SubDraw {
  usdcQuantums: bigint;
  positions: [bigint, bigint, bigint, bigint, number[]];
}
const account = (r: SubDraw) => ({
  usdcQuantums: r.usdcQuantums,
  positions: r.positions[4].map((id) => ({
    perpetualId: id,
    quantums: r.positions[id] as bigint,
    fundingIndex: r.positions[3],
  })),
});
const riskOf = (r: { netCollateral: bigint; initialMargin: bigint; maintenanceMargin: bigint }) => [
  r.netCollateral,
  r.initialMargin,
  r.maintenanceMargin,
];

describe('dYdX v4 invariants', () => {
  it('an order followed by its exact offset leaves NC, IMR and MMR unchanged', () => {
    fc.assert(
      fc.property(
        perpsArb,
        subArb,
        fc.integer({ min: 0, max: 2 }),
        fc.bigInt(1n, 10n ** 12n),
        fc.bigInt(1n, 10n ** 12n),
        fc.constantFrom('buy' as const, 'sell' as const),
        (perps, s, id, q, subticks, side) => {
          const sub = account(s);
          const before = dydxAccountRisk(sub, { perpetuals: perps });
          const quote = fillQuote(subticks, q, QCE);
          // the subaccount after the order filled (funding already settled: positions at the current index)
          const settledUsdc = before.settledUsdcQuantums;
          const held = new Map(sub.positions.map((p) => [p.perpetualId, p.quantums]));
          held.set(id, (held.get(id) ?? 0n) + (side === 'buy' ? q : -q));
          const filled: DydxSubaccount = {
            usdcQuantums: settledUsdc + (side === 'buy' ? -quote : quote),
            positions: [...held].filter(([, v]) => v !== 0n).map(([k, v]) => ({ perpetualId: k, quantums: v })),
          };
          const offset = dydxPreTradeCheck(
            { perpetualId: id, side: side === 'buy' ? 'sell' : 'buy', quantums: q, subticks },
            { subaccount: filled, perpetuals: perps, quantumConversionExponent: QCE },
          );
          expect(riskOf(offset.after)).toEqual(riskOf(before));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('funding paid equals funding received when long and short sizes balance', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt(-(10n ** 12n), 10n ** 12n), { minLength: 1, maxLength: 12 }),
        fc.bigInt(-(10n ** 12n), 10n ** 12n),
        fc.bigInt(-(10n ** 12n), 10n ** 12n),
        fc.boolean(),
        (sizes, from, to, whole) => {
          const all = [...sizes, -sizes.reduce((a, b) => a + b, 0n)].map((q) => (whole ? q * 1_000_000n : q));
          const rows = all.map((q) => dydxFundingSettlement({ quantums: q, fundingIndex: from }, { fundingIndex: to }));
          // exact in the venue's ppm units
          expect(rows.reduce((a, r) => a + r.settlementPpm, 0n)).toBe(0n);
          const received = rows.reduce((a, r) => a + (r.quoteQuantums > 0n ? r.quoteQuantums : 0n), 0n);
          const paid = rows.reduce((a, r) => a + (r.quoteQuantums < 0n ? -r.quoteQuantums : 0n), 0n);
          // in quote quantums each account's amount is floored: exact when sizes are whole ppm multiples, otherwise
          // the payers round against themselves by less than one quantum each
          if (whole) expect(paid).toBe(received);
          else {
            expect(paid >= received).toBe(true);
            expect(paid - received < BigInt(all.length)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a match's open-interest change margins both states at the market's open interest after the match", () => {
    fc.assert(
      fc.property(perpsArb, subArb, fc.bigInt(1n, 10n ** 12n), fc.bigInt(0n, 10n ** 13n), (perps, s, q, d) => {
        const sub = account(s);
        const order = { perpetualId: 0, side: 'buy' as const, quantums: q, subticks: 10n ** 9n };
        const withOption = dydxPreTradeCheck(order, {
          subaccount: sub,
          perpetuals: perps,
          quantumConversionExponent: QCE,
          openInterestDeltaQuantums: d,
        });
        const moved = perps.map((p) => (p.id === 0 ? { ...p, openInterest: BigInt(p.openInterest ?? 0n) + d } : p));
        const direct = dydxPreTradeCheck(order, { subaccount: sub, perpetuals: moved, quantumConversionExponent: QCE });
        expect(withOption).toEqual(direct);
        expect(
          withOption.after.initialMargin >=
            dydxPreTradeCheck(order, { subaccount: sub, perpetuals: perps, quantumConversionExponent: QCE }).after
              .initialMargin,
        ).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('the largest order size passes the check and one step more does not (orders that add to a position)', () => {
    let sized = 0;
    fc.assert(
      fc.property(
        perpsArb,
        fc.bigInt(10n ** 6n, 10n ** 12n),
        fc.bigInt(10n ** 8n, 10n ** 11n),
        (perps, usdc, subticks) => {
          const subaccount = { usdcQuantums: usdc, positions: [{ perpetualId: 0, quantums: 10n ** 6n }] };
          const ctx = { subaccount, perpetuals: perps, quantumConversionExponent: QCE };
          const order = { perpetualId: 0, side: 'buy' as const, subticks };
          const step = 1000n;
          const most = dydxMaxOrderSize(order, { ...ctx, stepBaseQuantums: step, maxQuantums: 10n ** 15n });
          fc.pre(most < 10n ** 15n);
          if (most > 0n) {
            sized++;
            expect(dydxPreTradeCheck({ ...order, quantums: most }, ctx).result).toBe('success');
          }
          expect(dydxPreTradeCheck({ ...order, quantums: most + step }, ctx).result).not.toBe('success');
        },
      ),
      { numRuns: 150 },
    );
    expect(sized).toBeGreaterThan(50);
  });

  it('margin is independent of the order of positions, bit for bit', () => {
    fc.assert(
      fc.property(perpsArb, subArb, fc.integer({ min: 0, max: 5 }), (perps, s, k) => {
        const sub = account(s);
        const rotated = {
          ...sub,
          positions: [...sub.positions.slice(k % 3), ...sub.positions.slice(0, k % 3)].reverse(),
        };
        const shuffledPerps = [...perps].reverse();
        expect(dydxAccountRisk(rotated, { perpetuals: shuffledPerps })).toEqual(
          dydxAccountRisk(sub, { perpetuals: perps }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('closing at the bankruptcy price passes the collateralization check (liquidations_test.go asserts it)', () => {
    let underwater = 0;
    fc.assert(
      fc.property(
        perpsArb,
        subArb,
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 1000 }),
        (perps, s, pick, part) => {
          const sub = account(s);
          const risk = dydxAccountRisk(sub, { perpetuals: perps });
          fc.pre(risk.maintenanceMargin > 0n);
          const pos = sub.positions[pick % sub.positions.length];
          const delta = -((pos.quantums * BigInt(part)) / 1000n);
          fc.pre(delta !== 0n);
          const ctx = { perpetuals: perps, perpetualId: pos.perpetualId, deltaQuantums: delta };
          const quote = dydxBankruptcyPriceQuoteQuantums(sub, ctx);
          if (risk.status === 'liquidatable') underwater++;
          const map = checkPerps(perps, 'p');
          const settled = settle(checkSubaccount(sub, 's', map, 'p')).sub;
          const perp = map.get(pos.perpetualId);
          if (perp === undefined) throw new Error('perp');
          const r = checkUpdate(settled, perp, delta, quote);
          // NC after is at least the MMR-weighted share the bankruptcy formula leaves: never a riskier account
          expect(r.result).toBe('success');
        },
      ),
      { numRuns: 300 },
    );
    expect(underwater).toBeGreaterThan(30);
  });

  it('deleveraging conserves size and quote between the liquidated and offsetting subaccounts', () => {
    let fills = 0;
    fc.assert(
      fc.property(
        perpsArb,
        fc.bigInt(10n ** 6n, 10n ** 10n),
        fc.array(fc.bigInt(1n, 10n ** 10n), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 5 }),
        (perps, q, offs, start) => {
          const p = perps[0];
          const notional = dydxAccountRisk(
            { usdcQuantums: 0n, positions: [{ perpetualId: 0, quantums: q }] },
            { perpetuals: [p] },
          );
          fc.pre(notional.maintenanceMargin > 0n);
          // a long whose collateral is 1% short of its notional: under water
          const bad = {
            usdcQuantums: -notional.netCollateral - notional.netCollateral / 100n - 1n,
            positions: [{ perpetualId: 0, quantums: q }],
          };
          const offsetting = offs.map((o) => ({
            usdcQuantums: 10n ** 15n,
            positions: [{ perpetualId: 0, quantums: -o }],
          }));
          const r = dydxDeleverage(bad, {
            perpetuals: [p],
            perpetualId: 0,
            deltaQuantums: -q,
            offsetting,
            startIndex: start % offs.length,
          });
          fills += r.fills.length;
          const moved = r.fills.reduce((a, f) => a + f.deltaQuantums, 0n);
          expect(moved + r.deltaQuantumsRemaining).toBe(-q);
          for (const f of r.fills) expect(-f.deltaQuantums <= offs[f.offsettingIndex]).toBe(true);
          // the walk visits subaccounts from startIndex, wrapping around
          const order = r.fills.map((f) => (f.offsettingIndex - (start % offs.length) + offs.length) % offs.length);
          expect([...order].sort((a, b) => a - b)).toEqual(order);
          if (r.skippedNonOverlapping.length === 0)
            expect(r.deltaQuantumsRemaining).toBe(
              offs.reduce((a, o) => a + o, 0n) >= q ? 0n : -q + offs.reduce((a, o) => a + o, 0n),
            );
        },
      ),
      { numRuns: 150 },
    );
    expect(fills).toBeGreaterThan(150);
  });
});
