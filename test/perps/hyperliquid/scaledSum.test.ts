/**
 * Scaled bigint sums of a prepared account's figures (src/perps/hyperliquid/scaledSum.ts): the conversions are
 * exact, and wherever `replacedSum` gives a sum it equals the 60-digit `Money` sum of the same terms added one by one
 * from zero, in any order — on random terms with awkward decimals, huge and tiny magnitudes and both signs. Where the
 * magnitudes reach 10^60 it gives none, and such sums are indeed rounded by Money.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money } from '../../../src/core/money.js';
import { fromScaled, replacedSum, scaledSeries, toScaled } from '../../../src/perps/hyperliquid/scaledSum.js';

const SEED = 17;
const decimal = (digits: bigint, places: number) => {
  const neg = digits < 0n;
  const s = (neg ? -digits : digits).toString().padStart(places + 1, '0');
  const text = places === 0 ? s : `${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
  return neg ? `-${text}` : text;
};
const term = fc
  .tuple(
    fc.oneof(fc.bigInt({ min: -(10n ** 8n), max: 10n ** 8n }), fc.bigInt({ min: -(10n ** 62n), max: 10n ** 62n })),
    fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 70 })),
  )
  .map(([d, p]) => new Money(decimal(d, p)));
/** Money's own sum: zero plus each term in turn. */
const moneySum = (terms: readonly (Money | null)[]) =>
  terms.reduce((s: Money, t) => (t === null ? s : s.plus(t)), new Money(0));

describe('scaled bigints', () => {
  it('toScaled and fromScaled are exact inverses at any scale covering the decimals', () => {
    fc.assert(
      fc.property(term, fc.integer({ min: 0, max: 5 }), (t, extra) => {
        const scale = t.decimalPlaces() + extra;
        const back = fromScaled(toScaled(t, scale), scale);
        expect(back.toString()).toBe(t.toString());
        expect(back.eq(t)).toBe(true);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('a replaced sum, when given, is the Money sum of the new terms in any order', () => {
    const terms = fc.array(fc.option(term, { freq: 4 }), { minLength: 0, maxLength: 22 });
    let given = 0;
    let refused = 0;
    fc.assert(
      fc.property(terms, fc.nat(), fc.option(term), fc.boolean(), (ts, pick, added, replace) => {
        const s = scaledSeries(ts);
        const at = replace && ts.length > 0 ? pick % ts.length : undefined;
        const got = replacedSum(s, at, added);
        const rest = ts.filter((_, i) => i !== at);
        const next = [...rest, added];
        if (got === undefined) {
          // refused only where the new terms' magnitudes reach 10^60 at the scale kept (that of the series, raised
          // for the added term: a removed term may have set it higher than the new terms need)
          const scale = Math.max(s.scale, added?.decimalPlaces() ?? 0);
          const abs = next.reduce((a, t) => a + (t === null ? 0n : toScaled(t.abs(), scale)), 0n);
          expect(abs >= 10n ** 60n).toBe(true);
          refused++;
          return;
        }
        given++;
        for (const order of [next, [...next].reverse(), [added, ...rest]]) {
          const m = moneySum(order);
          expect(got.toString()).toBe(m.toString());
          expect(Object.is(got.isNeg(), m.isNeg())).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 1000 },
    );
    // both outcomes are exercised
    expect(given).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(100);
  });

  it('beyond the bound Money rounds, so the bound is needed', () => {
    const a = new Money(`1${'0'.repeat(59)}`); // 60 digits
    const b = new Money('0.5');
    const s = scaledSeries([a]);
    expect(replacedSum(s, undefined, b)).toBeUndefined();
    expect(a.plus(b).toString()).not.toBe(`${'1'}${'0'.repeat(59)}.5`); // rounded by Money's 60 digits
    expect(replacedSum(scaledSeries([new Money(`9${'9'.repeat(58)}`)]), 0, b)?.toString()).toBe('0.5');
  });
});
