/**
 * The pre-trade check's lean figures (checkFigures, checkSums) against the account margin they stand in for
 * (positionMargin, accountMarginSums): every figure and every running cross sum is the same Money, compared by its
 * exact decimal form, on random accounts over the published tables with long decimals (up to 30 places).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HYPERLIQUID_MARGIN_TABLES } from '../../../src/perps/index.js';
import { checkFigures, checkSums } from '../../../src/perps/hyperliquid/checkFigures.js';
import { accountMarginSums, positionMargin } from '../../../src/perps/hyperliquid/margin.js';
import { parseAccount, parseMarket } from '../../../src/perps/hyperliquid/parse.js';

const SEED = 22;
const TABLES = Object.keys(HYPERLIQUID_MARGIN_TABLES) as (keyof typeof HYPERLIQUID_MARGIN_TABLES)[];
/** Decimal text with 0–30 places (2 at least for a positive range, so 0.01 stays above 0). */
const money = (min: number, max: number) =>
  fc
    .tuple(fc.double({ min, max, noNaN: true }), fc.integer({ min: min > 0 ? 2 : 0, max: 30 }))
    .map(([x, places]) => x.toFixed(Math.min(places, 20)) + (places > 20 ? '7'.repeat(places - 20) : ''));
const account = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    tables: fc.array(fc.constantFrom(...TABLES), { minLength: n, maxLength: n }),
    marks: fc.array(money(0.01, 200_000), { minLength: n, maxLength: n }),
    positions: fc.array(
      fc.record({
        size: money(-5000, 5000),
        entry: money(0.01, 200_000),
        leverage: fc.integer({ min: 1, max: 60 }),
        isolated: fc.option(money(0, 1e6)),
      }),
      { minLength: n, maxLength: n },
    ),
    balance: money(-1e5, 1e7),
  }),
);

describe('checkFigures and checkSums equal the account margin figures and sums', () => {
  it('on random accounts (figures, prefixes, cross value − cross initial margin)', () => {
    fc.assert(
      fc.property(account, (s) => {
        const assets = Object.fromEntries(
          s.marks.map((m, i) => [`A${i}`, { markPrice: m, marginTable: HYPERLIQUID_MARGIN_TABLES[s.tables[i]] }]),
        );
        const positions = s.positions
          .map((p, i) => ({
            asset: `A${i}`,
            size: p.size,
            entryPrice: p.entry,
            leverage: p.leverage,
            marginMode: p.isolated === null ? ('cross' as const) : ('isolated' as const),
            ...(p.isolated === null ? {} : { isolatedMargin: p.isolated }),
          }))
          .filter((p) => Number(p.size) !== 0);
        const market = parseMarket({ assets }, 'market');
        const acc = parseAccount({ balance: s.balance, positions }, 'account', market);
        const full = accountMarginSums(acc, market);
        const lean = checkSums(acc, market);
        const text = (m: { toString(): string } | null) => (m === null ? null : m.toString());
        acc.positions.forEach((p, i) => {
          const f = full.margin.positions[i];
          const one = checkFigures(p, market.get(p.asset) as never);
          for (const g of [lean.figures[i], one]) {
            expect(g.marginMode).toBe(f.marginMode);
            expect(g.maxLeverage).toBe(f.maxLeverage);
            expect(text(g.unrealizedPnl)).toBe(text(f.unrealizedPnl));
            expect(text(g.initialMargin)).toBe(text(f.initialMargin));
            expect(text(g.isolatedValue)).toBe(text(f.isolatedValue));
          }
          expect(positionMargin(p, market.get(p.asset) as never).initialMargin.toString()).toBe(
            f.initialMargin.toString(),
          );
        });
        expect(lean.prefixes.length).toBe(full.prefixes.length);
        lean.prefixes.forEach((q, k) => {
          expect(q.crossUnrealizedPnl.toString()).toBe(full.prefixes[k].crossUnrealizedPnl.toString());
          expect(q.crossInitialMargin.toString()).toBe(full.prefixes[k].crossInitialMargin.toString());
        });
        expect(lean.available.toString()).toBe(
          full.margin.crossAccountValue.minus(full.margin.crossInitialMargin).toString(),
        );
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
