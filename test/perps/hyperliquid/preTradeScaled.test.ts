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
import { BIG_ARITH, type Scaled } from '../../../src/perps/hyperliquid/scaledDecimal.js';
import { SAFE_ARITH, UNSAFE } from '../../../src/perps/hyperliquid/scaledNumber.js';

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
    onBound: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
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
    if (s.onBound[i]) {
      // notional exactly at the table's second tier bound (mark 1): the tier boundary itself
      const bound = (s.tables[i] as { tiers: readonly { lowerBound: string }[] }).tiers[1].lowerBound;
      assets[asset].markPrice = '1';
      rest.size = rest.size.startsWith('-') ? `-${bound}` : bound;
    }
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
    expect(readAmount(12.5)?.safe).toMatchObject({ n: 125, s: 1 });
    expect(readAmount('1234567890123456')?.safe).toBeUndefined();
    for (const other of ['-0', '-0.00', '1e3', '+1', ' 1', '1.', '.5', '', '1'.repeat(40), `0.${'1'.repeat(29)}`, 1e21])
      expect(readAmount(other)).toBeUndefined();
  });

  it('each scaled operation is the Money operation (60 digits, half to even; safe integers or UNSAFE)', () => {
    // 40–70 digit values: sums, products and quotients land on, near and beyond the 60-digit rounding, ties included
    const value = fc
      .tuple(fc.bigInt({ min: -(10n ** 70n), max: 10n ** 70n }), fc.integer({ min: 0, max: 40 }), fc.nat(30))
      .map(([n, s, z]): Scaled => ({ n: n * 10n ** BigInt(z % 3 === 0 ? z : 0) + (z === 7 ? 5n : 0n), s }));
    const m = (a: Scaled) => BIG_ARITH.toMoney(a);
    const same = (x: { toString(): string }, y: { toString(): string }) => expect(x.toString()).toBe(y.toString());
    fc.assert(
      fc.property(value, value, fc.integer({ min: 1, max: 1000 }), (a, b, k) => {
        same(BIG_ARITH.toMoney(BIG_ARITH.add(a, b)), m(a).plus(m(b)));
        same(BIG_ARITH.toMoney(BIG_ARITH.sub(a, b)), m(a).minus(m(b)));
        same(BIG_ARITH.toMoney(BIG_ARITH.mul(a, b)), m(a).times(m(b)));
        same(BIG_ARITH.toMoney(BIG_ARITH.div(a, k)), m(a).div(k));
        // ties of the quotient: a 61-digit odd numerator over 2, and over 2k with the remainder decided by k
        const tie = { n: a.n * 10n + 5n, s: a.s };
        same(BIG_ARITH.toMoney(BIG_ARITH.div(tie, 2 * k)), m(tie).div(2 * k));
        expect(Math.sign(BIG_ARITH.cmp(a, b))).toBe(m(a).comparedTo(m(b)));
        const small = { n: Number(a.n % 10n ** 8n), s: a.s % 8 };
        const other = { n: Number(b.n % 10n ** 8n), s: b.s % 8 };
        const safe = (op: () => { n: number; s: number }, money: { toString(): string }) => {
          try {
            same(SAFE_ARITH.toMoney(op()), money);
          } catch (e) {
            if (e !== UNSAFE) throw e;
          }
        };
        const ms = (x: { n: number; s: number }) => SAFE_ARITH.toMoney(x);
        safe(() => SAFE_ARITH.add(small, other), ms(small).plus(ms(other)));
        safe(() => SAFE_ARITH.mul(small, other), ms(small).times(ms(other)));
        safe(() => SAFE_ARITH.div(small, k), ms(small).div(k));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});
