/**
 * The pre-trade check of a raw account on scaled integers (preTradeScaled.ts) against the same check on `Money`
 * (moneyPreTrade): on random accounts and orders every reported figure is the same `Money` (exact decimal form and
 * sign), the account after is the same text, the decision is the same, and an input error is the same error. The
 * amounts have 0–26 decimal places (28 with padding) and up to 39 integer digits (safe-integer and bigint arithmetic both run), the
 * leverages include divisors whose quotients do not terminate (Money rounds them to 60 digits).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HYPERLIQUID_MARGIN_TABLES } from '../../../src/perps/index.js';
import type { CheckOutcome } from '../../../src/perps/hyperliquid/order.js';
import { parseMarket } from '../../../src/perps/hyperliquid/parse.js';
import { moneyPreTrade } from '../../../src/perps/hyperliquid/preTrade.js';
import { readAmount, scaledPreTrade } from '../../../src/perps/hyperliquid/preTradeScaled.js';

const SEED = 17;
const TABLES = Object.values(HYPERLIQUID_MARGIN_TABLES);
const ODD_TABLE = {
  tiers: [
    { lowerBound: '0', maxLeverage: 7 },
    { lowerBound: '1234.5678901234567', maxLeverage: 3 },
    { lowerBound: '99999999.99', maxLeverage: 1 },
  ],
};

/** Decimal text: up to `int` integer digits and `places` decimal places, sometimes padded with zeros. */
const amount = (int: number, places: number, sign: 'signed' | 'positive' | 'nonnegative') =>
  fc
    .tuple(
      fc.oneof(
        fc.bigInt({ min: 0n, max: 10n ** BigInt(Math.min(int, 6) + places) }),
        fc.bigInt({ min: 0n, max: 10n ** BigInt(int + places) - 1n }),
        fc.constantFrom(0n, 1n, 5n, 10n ** BigInt(places) / 2n, 10n ** BigInt(int + places) - 1n),
      ),
      fc.integer({ min: 0, max: places }),
      fc.boolean(),
      fc.constantFrom('', '', '', '0', '000'),
      fc.constantFrom('', '', '', '0', '00'),
    )
    .map(([raw, p, neg, lead, trail]) => {
      const cut10 = raw % 10n ** BigInt(int + p); // at most `int` integer digits
      const n = sign === 'positive' && cut10 === 0n ? 1n : cut10;
      const digits = n.toString().padStart(p + 1, '0');
      const cut = digits.length - p;
      const frac = p === 0 ? (trail === '' ? '' : `.${trail}`) : `.${digits.slice(cut)}${trail}`;
      const text = `${lead}${digits.slice(0, cut)}${frac}`;
      return sign === 'signed' && neg && n !== 0n ? `-${text}` : text;
    });

const wide = fc.boolean();
const scenario = fc.tuple(wide, fc.integer({ min: 1, max: 8 })).chain(([big, n]) => {
  const int = big ? 30 : 7;
  const places = big ? 26 : 12;
  return fc.record({
    marks: fc.array(amount(big ? 20 : 6, places, 'positive'), { minLength: n, maxLength: n }),
    tables: fc.array(fc.constantFrom(...TABLES, ODD_TABLE), { minLength: n, maxLength: n }),
    positions: fc.array(
      fc.option(
        fc.record({
          size: amount(int, places, 'signed'),
          entryPrice: amount(big ? 20 : 6, places, 'positive'),
          leverage: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 1000 })),
          isolatedMargin: fc.option(amount(int, places, 'nonnegative'), { nil: undefined }),
        }),
        { nil: undefined },
      ),
      { minLength: n, maxLength: n },
    ),
    balance: amount(int, places, 'signed'),
    order: fc.record({
      asset: fc.integer({ min: 0, max: n - 1 }),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      size: amount(big ? 20 : 5, places, 'positive'),
      price: amount(big ? 20 : 6, places, 'positive'),
      leverage: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
      marginMode: fc.option(fc.constantFrom('cross' as const, 'isolated' as const), { nil: undefined }),
    }),
  });
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario) {
  const assets: Record<string, { markPrice: string; marginTable: unknown }> = {};
  const positions: Record<string, unknown>[] = [];
  s.marks.forEach((markPrice, i) => {
    const asset = `A${i}`;
    assets[asset] = { markPrice, marginTable: s.tables[i] };
    const p = s.positions[i];
    if (p === undefined) return;
    const { isolatedMargin, ...rest } = p;
    positions.push(
      isolatedMargin === undefined
        ? { asset, ...rest, marginMode: 'cross' }
        : { asset, ...rest, marginMode: 'isolated', isolatedMargin },
    );
  });
  positions.reverse(); // not in asset order: both checks sort
  const { asset, leverage, marginMode, ...order } = s.order;
  return {
    market: parseMarket({ assets }, 'context.market'),
    account: { balance: s.balance, positions },
    order: {
      asset: `A${asset}`,
      ...order,
      ...(leverage === undefined ? {} : { leverage }),
      ...(marginMode === undefined ? {} : { marginMode }),
    },
  };
}

/** The outcome in exact comparable form (each Money by its decimal text and sign). */
function view(run: () => CheckOutcome | undefined): unknown {
  try {
    const r = run();
    if (r === undefined) return undefined;
    const m = (x: { toString(): string; isNeg(): boolean }) => `${x.isNeg() ? 'neg ' : ''}${x.toString()}`;
    return {
      order: { asset: r.o.asset, delta: m(r.o.delta), leverage: r.o.leverage, mode: r.o.marginMode },
      maxLeverage: r.postPos?.maxLeverage,
      s1: m(r.s1),
      imBefore: m(r.initialMarginBefore),
      imAfter: m(r.initialMarginAfter),
      availableBefore: m(r.availableBefore),
      availableAfter: m(r.availableAfter),
      accountAfter: r.accountAfter,
    };
  } catch (e) {
    return { error: String(e) };
  }
}

describe('the pre-trade check on scaled integers equals the check on Money', () => {
  it('on random accounts and orders (figures, sign, account after, errors)', () => {
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(scenario, (s) => {
        const { market, account, order } = build(s);
        const fast = view(() => scaledPreTrade(order, account, market));
        runs++;
        if (fast === undefined) return; // outside the plain form: the Money check runs (nothing to compare)
        read++;
        expect(fast).toEqual(view(() => moneyPreTrade(order, account, market)));
      }),
      { seed: SEED, numRuns: 1500 },
    );
    // almost every generated account is in the plain form read (negative zero amounts are not)
    expect(read).toBeGreaterThan(runs * 0.9);
  });

  it('reads plain decimal text as Money prints it, and leaves other forms to Money', () => {
    expect(readAmount('00012.3400')?.text).toBe('12.34');
    expect(readAmount('-0.050')?.text).toBe('-0.05');
    expect(readAmount('7.000')?.text).toBe('7');
    expect(readAmount(12.5)?.safe).toEqual({ n: 125, s: 1 });
    expect(readAmount('1234567890123456')?.safe).toBeUndefined();
    for (const other of ['-0', '-0.00', '1e3', '+1', ' 1', '1.', '.5', '', '1'.repeat(40), `0.${'1'.repeat(29)}`, 1e21])
      expect(readAmount(other)).toBeUndefined();
  });
});
