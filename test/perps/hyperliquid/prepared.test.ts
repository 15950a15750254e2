/**
 * Prepared Hyperliquid markets and accounts (prepareHyperliquidMarket, prepareHyperliquidAccount): every result on
 * a prepared value equals the result on the raw input, every Money compared by its exact decimal form — on the
 * fixture accounts (test/fixtures/perps/hyperliquid: the recorded mainnet clearinghouseState, the liquidation and
 * liquidation-plan cases) and on random accounts of 1–12 positions — and a forged object of the same shape is
 * validated as ordinary input.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../../../src/core/errors.js';
import {
  HYPERLIQUID_MARGIN_TABLES,
  hyperliquidAccountMargin,
  hyperliquidLiquidationPlan,
  hyperliquidLiquidationPrices,
  hyperliquidMaxOrderSize,
  hyperliquidPreTradeCheck,
  prepareHyperliquidAccount,
  prepareHyperliquidMarket,
} from '../../../src/perps/index.js';

const fx = JSON.parse(
  readFileSync(new URL('../../fixtures/perps/hyperliquid/hyperliquid.json', import.meta.url), 'utf8'),
);
const SEED = 17;
// biome-ignore lint/suspicious/noExplicitAny: fixture rows and random inputs are plain data
type Any = any;
const T = HYPERLIQUID_MARGIN_TABLES as Record<string, Any>;
/** A result as exact text (Money by its decimal form), or the error's path and message. */
const outcome = (f: () => unknown) => {
  try {
    return JSON.stringify(f());
  } catch (e) {
    return e instanceof RiskInputError ? `${e.path}: ${e.message}` : String(e);
  }
};

/** Every account function on (raw market, raw account), (prepared, raw) and (prepared, prepared). */
function expectSame(account: Any, market: Any, order?: Any) {
  const pm = prepareHyperliquidMarket(market);
  const pa = prepareHyperliquidAccount(account, pm);
  const calls: Array<(a: Any, m: Any) => unknown> = [
    (a, m) => hyperliquidAccountMargin(a, m),
    (a, m) => hyperliquidLiquidationPrices(a, m),
    (a, m) => hyperliquidLiquidationPlan(a, m),
  ];
  if (order !== undefined) {
    const { size: _s, ...unsized } = order;
    calls.push(
      (a, m) => hyperliquidPreTradeCheck(order, { account: a, market: m }),
      (a, m) => hyperliquidPreTradeCheck(order, { account: a, market: m }), // a prepared account's kept state, again
      (a, m) => hyperliquidMaxOrderSize(unsized, { account: a, market: m }),
    );
  }
  for (const call of calls) {
    const raw = outcome(() => call(account, market));
    expect(outcome(() => call(account, pm))).toBe(raw);
    expect(outcome(() => call(pa, pm))).toBe(raw);
  }
}

describe('fixture accounts', () => {
  it('the recorded mainnet clearinghouseState (12 cross positions)', () => {
    const c = fx.cassette;
    const table = { tiers: [{ lowerBound: '0', maxLeverage: 50 }] };
    const assets = Object.fromEntries(
      Object.entries(c.market as Record<string, Any>).map(([k, v]) => [
        k,
        { markPrice: v.markPrice, marginTable: table },
      ]),
    );
    const account = { balance: c.balance, positions: c.positions };
    const market = { assets };
    expectSame(account, market);
    const m = hyperliquidAccountMargin(account, prepareHyperliquidMarket(market));
    expect(m.crossAccountValue.toString()).toBe(c.accountValue);
    const first = c.positions[0];
    expectSame(account, market, {
      asset: first.asset,
      side: 'buy',
      size: '0.1',
      price: c.market[first.asset].markPrice,
    });
  });
  it(`${fx.liquidation.length} liquidation-price and ${fx.liquidationPlan.length} liquidation-plan cases`, () => {
    for (const c of [...fx.liquidation, ...fx.liquidationPlan]) {
      const market = { assets: { X: { markPrice: c.markPrice, marginTable: T[c.table] } } };
      const account = { balance: c.balance, positions: [c.position] };
      const order = { asset: 'X', side: 'sell', size: '0.5', price: c.markPrice };
      expectSame(account, market, order);
    }
  });
});

const money = (min: number, max: number, places: number) =>
  fc.double({ min, max, noNaN: true }).map((x) => x.toFixed(places));
const state = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    assets: fc.array(fc.record({ t: fc.constantFrom(...Object.keys(T)), mark: money(0.01, 200_000, 4) }), {
      minLength: n,
      maxLength: n,
    }),
    positions: fc.array(
      fc.option(
        fc.record({
          size: money(-5000, 5000, 3),
          entry: money(0.01, 200_000, 3),
          leverage: fc.integer({ min: 1, max: 60 }),
          isolated: fc.option(money(0, 1e6, 2)),
        }),
      ),
      { minLength: n, maxLength: n },
    ),
    balance: money(-1e5, 1e7, 2),
    order: fc.record({
      asset: fc.integer({ min: 0, max: n - 1 }).map((i) => `A${i}`),
      side: fc.constantFrom('buy', 'sell'),
      size: money(0.001, 5000, 3),
      price: money(0.01, 200_000, 2),
      leverage: fc.integer({ min: 1, max: 60 }),
    }),
    sharedTables: fc.boolean(),
  }),
);

describe('random accounts of 1–12 positions over the published tables: prepared = raw', () => {
  it('margin, liquidation prices and plan, pre-trade check, max order size', () => {
    fc.assert(
      fc.property(state, (s) => {
        const assets: Record<string, Any> = {};
        s.assets.forEach((a, i) => {
          assets[`A${i}`] = { markPrice: a.mark, marginTable: s.sharedTables ? T[a.t] : structuredClone(T[a.t]) };
        });
        const positions = s.positions.flatMap((p, i) =>
          p === null || Number(p.size) === 0
            ? []
            : [
                {
                  asset: `A${i}`,
                  size: p.size,
                  entryPrice: p.entry,
                  leverage: p.leverage,
                  marginMode: p.isolated === null ? 'cross' : 'isolated',
                  ...(p.isolated === null ? {} : { isolatedMargin: p.isolated }),
                },
              ],
        );
        expectSame({ balance: s.balance, positions: positions.reverse() }, { assets }, s.order);
      }),
      { seed: SEED, numRuns: 120 },
    );
  });
});

describe('the brand, not the shape', () => {
  const market = { assets: { BTC: { markPrice: '100000', marginTable: T.BTC } } };
  const account = { balance: '1000', positions: [] };
  it('a forged market or account of the same shape is validated as input (and refused)', () => {
    const pm = prepareHyperliquidMarket(market);
    const pa = prepareHyperliquidAccount(account, pm);
    expect(() => hyperliquidAccountMargin(account, JSON.parse(JSON.stringify(pm)))).toThrow(
      /market\.kind is not a field/,
    );
    expect(() => hyperliquidAccountMargin({ ...pa } as never, pm)).toThrow(/account\.kind is not a field/);
  });
  it('a prepared account is refused with another market; preparing needs a prepared market', () => {
    const pa = prepareHyperliquidAccount(account, prepareHyperliquidMarket(market));
    expect(() => hyperliquidAccountMargin(pa, prepareHyperliquidMarket(market))).toThrow(RiskInputError);
    expect(() => hyperliquidAccountMargin(pa, market)).toThrow(RiskInputError);
    expect(() => prepareHyperliquidAccount(account, market as never)).toThrow(RiskInputError);
  });
  it('preparing is idempotent, frozen, and later edits of the input do not reach it', () => {
    const raw = structuredClone(market);
    const pm = prepareHyperliquidMarket(raw);
    expect(prepareHyperliquidMarket(pm)).toBe(pm);
    expect(Object.isFrozen(pm)).toBe(true);
    const a = {
      balance: '1000',
      positions: [{ asset: 'BTC', size: '0.1', entryPrice: '90000', leverage: 10, marginMode: 'cross' as const }],
    };
    const before = outcome(() => hyperliquidAccountMargin(a, pm));
    raw.assets.BTC.markPrice = '1';
    expect(outcome(() => hyperliquidAccountMargin(a, pm))).toBe(before);
  });
});

/** A decimal string of `digits` / 10^places (awkward decimals, huge and tiny magnitudes). */
const decimal = (digits: bigint, places: number) => {
  const neg = digits < 0n;
  const s = (neg ? -digits : digits).toString().padStart(places + 1, '0');
  const text = places === 0 ? s : `${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
  return neg ? `-${text}` : text;
};
const amount = (max: bigint, places: number) =>
  fc.tuple(fc.bigInt({ min: -max, max }), fc.integer({ min: 0, max: places })).map(([d, p]) => decimal(d, p));
const positiveAmount = (max: bigint, places: number) =>
  fc.tuple(fc.bigInt({ min: 1n, max }), fc.integer({ min: 0, max: places })).map(([d, p]) => decimal(d, p));
const bigAccount = fc.integer({ min: 0, max: 22 }).chain((n) =>
  fc.record({
    marks: fc.array(positiveAmount(10n ** 12n, 9), { minLength: n + 2, maxLength: n + 2 }),
    tables: fc.array(fc.constantFrom(...Object.keys(T)), { minLength: n + 2, maxLength: n + 2 }),
    positions: fc.array(
      fc.option(
        fc.record({
          size: fc.oneof(amount(10n ** 6n, 3), amount(10n ** 24n, 12), amount(10n ** 4n, 30)),
          entry: positiveAmount(10n ** 12n, 9),
          leverage: fc.integer({ min: 1, max: 60 }),
          isolated: fc.option(fc.oneof(fc.constant('0'), positiveAmount(10n ** 10n, 6))),
        }),
        { freq: 4 },
      ),
      { minLength: n, maxLength: n },
    ),
    balance: fc.oneof(amount(10n ** 9n, 2), amount(10n ** 30n, 20)),
    orders: fc.array(
      fc.record({
        asset: fc.integer({ min: 0, max: n + 1 }),
        side: fc.constantFrom('buy', 'sell'),
        size: fc.oneof(positiveAmount(10n ** 6n, 3), positiveAmount(10n ** 24n, 12), positiveAmount(10n ** 4n, 30)),
        price: positiveAmount(10n ** 12n, 9),
        leverage: fc.option(fc.integer({ min: 1, max: 60 })),
        marginMode: fc.option(fc.constantFrom('cross', 'isolated')),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
);

describe('pre-trade check on random accounts of 0–22 positions: prepared = raw = the margins recomputed', () => {
  it('every figure and the account after, for several orders on one prepared account', () => {
    fc.assert(
      fc.property(bigAccount, (s) => {
        const assets: Record<string, Any> = {};
        s.marks.forEach((mark, i) => {
          assets[`A${String(i).padStart(2, '0')}`] = { markPrice: mark, marginTable: T[s.tables[i]] };
        });
        const positions = s.positions.flatMap((p, i) =>
          p === null || Number(p.size) === 0
            ? []
            : [
                {
                  asset: `A${String(i).padStart(2, '0')}`,
                  size: p.size,
                  entryPrice: p.entry,
                  leverage: p.leverage,
                  marginMode: p.isolated === null ? ('cross' as const) : ('isolated' as const),
                  ...(p.isolated === null ? {} : { isolatedMargin: p.isolated }),
                },
              ],
        );
        const market = { assets };
        const account = { balance: s.balance, positions: positions.reverse() };
        const pm = prepareHyperliquidMarket(market);
        const pa = prepareHyperliquidAccount(account, pm);
        const total = (m: Any) =>
          m.positions.some((p: Any) => p.marginMode === 'isolated')
            ? m.positions.reduce((t: Any, p: Any) => t.plus(p.initialMargin), m.totalNotional.minus(m.totalNotional))
            : m.crossInitialMargin;
        for (const o of s.orders) {
          const order: Any = {
            asset: `A${String(o.asset).padStart(2, '0')}`,
            side: o.side,
            size: o.size,
            price: o.price,
            ...(o.leverage === null ? {} : { leverage: o.leverage }),
            ...(o.marginMode === null ? {} : { marginMode: o.marginMode }),
          };
          const raw = outcome(() => hyperliquidPreTradeCheck(order, { account, market }));
          expect(outcome(() => hyperliquidPreTradeCheck(order, { account: pa, market: pm }))).toBe(raw);
          expect(outcome(() => hyperliquidPreTradeCheck(order, { account, market: pm }))).toBe(raw);
          if (!raw.startsWith('{')) continue; // a refused order: the same error on every path
          // the figures equal those of the account margins computed from scratch, before and after (when the
          // account after is itself valid input: a fill can leave an isolated margin below zero)
          const r = hyperliquidPreTradeCheck(order, { account: pa, market: pm });
          const before = hyperliquidAccountMargin(account, market);
          if (
            r.accountAfter.positions.some((p) => p.isolatedMargin !== undefined && String(p.isolatedMargin)[0] === '-')
          )
            continue;
          const after = hyperliquidAccountMargin(r.accountAfter, market);
          const expected = {
            initialMarginBefore: total(before).toString(),
            initialMarginAfter: total(after).toString(),
            availableBefore: before.crossAccountValue.minus(before.crossInitialMargin).toString(),
            availableAfter: after.crossAccountValue.minus(after.crossInitialMargin).toString(),
          };
          expect({
            initialMarginBefore: r.initialMarginBefore.toString(),
            initialMarginAfter: r.initialMarginAfter.toString(),
            availableBefore: r.availableBefore.toString(),
            availableAfter: r.availableAfter.toString(),
          }).toEqual(expected);
          expect(r.marginEffect.toString()).toBe(r.initialMarginAfter.minus(r.initialMarginBefore).toString());
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

describe('pre-trade check on 20-position accounts of short decimals (the kept exact sums): prepared = raw', () => {
  const short = (max: number, places: number) => fc.integer({ min: 1, max }).map((d) => decimal(BigInt(d), places));
  const account20 = fc.record({
    marks: fc.array(short(10_000_000, 4), { minLength: 22, maxLength: 22 }),
    sizes: fc.array(fc.tuple(short(1_000_000, 3), fc.boolean()), { minLength: 20, maxLength: 20 }),
    leverages: fc.array(fc.constantFrom(1, 2, 4, 5, 8, 10, 20, 25, 40, 50), { minLength: 20, maxLength: 20 }),
    isolated: fc.array(fc.option(short(100_000_000, 2), { freq: 5 }), { minLength: 20, maxLength: 20 }),
    balance: fc.tuple(short(1_000_000_000, 2), fc.boolean()),
    orders: fc.array(
      fc.record({
        asset: fc.integer({ min: 0, max: 21 }),
        side: fc.constantFrom('buy', 'sell'),
        size: short(2_000_000, 3),
        price: short(10_000_000, 4),
        leverage: fc.constantFrom(1, 2, 5, 10, 20, 50),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  });
  it('every figure and the account after', () => {
    fc.assert(
      fc.property(account20, (s) => {
        const name = (i: number) => `A${String(i).padStart(2, '0')}`;
        const tables = Object.keys(T);
        const assets: Record<string, Any> = {};
        s.marks.forEach((mark, i) => {
          assets[name(i)] = { markPrice: mark, marginTable: T[tables[i % tables.length]] };
        });
        const positions = s.sizes.map(([size, short], i) => ({
          asset: name(i),
          size: short ? `-${size}` : size,
          entryPrice: s.marks[(i + 1) % 22],
          leverage: s.leverages[i],
          marginMode: s.isolated[i] === null ? ('cross' as const) : ('isolated' as const),
          ...(s.isolated[i] === null ? {} : { isolatedMargin: s.isolated[i] }),
        }));
        const market = { assets };
        const account = { balance: s.balance[1] ? `-${s.balance[0]}` : s.balance[0], positions };
        const pm = prepareHyperliquidMarket(market);
        const pa = prepareHyperliquidAccount(account, pm);
        for (const o of s.orders) {
          const order = { ...o, asset: name(o.asset) };
          const raw = outcome(() => hyperliquidPreTradeCheck(order as Any, { account, market }));
          expect(outcome(() => hyperliquidPreTradeCheck(order as Any, { account: pa, market: pm }))).toBe(raw);
          // closing the position exactly (the filled position's terms leave the sums)
          const p = positions[o.asset];
          if (p !== undefined) {
            const close = {
              asset: p.asset,
              side: p.size.startsWith('-') ? 'buy' : 'sell',
              size: p.size.replace('-', ''),
              price: o.price,
            };
            const rawClose = outcome(() => hyperliquidPreTradeCheck(close as Any, { account, market }));
            expect(outcome(() => hyperliquidPreTradeCheck(close as Any, { account: pa, market: pm }))).toBe(rawClose);
          }
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});
