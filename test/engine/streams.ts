/** Random event streams for the engine tests (fast-check). */
import fc from 'fast-check';
import type { EngineEvent } from '../../src/engine/index.js';

export const MARKET = {
  assets: {
    BTC: { price: 60000, mark: 60030 },
    ETH: { price: 3000, dividendYield: 0.02 },
  },
  rate: 0.04,
};
export const ACCOUNTS = ['a0', 'a1', 'a2', 'a3'];
/** Four underlyings whose names sort differently from their order here (netting orders underlyings by name). */
export const MARKET4 = {
  assets: {
    ...MARKET.assets,
    SOL: { price: 150.37 },
    ARB: { price: 0.8123, mark: 0.8131 },
  },
  rate: 0.04,
};

/** Events on the underlyings of `base` (their base price levels). */
function eventOver(base: Readonly<Record<string, number>>): fc.Arbitrary<EngineEvent> {
  const UNDERLYINGS = Object.keys(base);

  const instrument = fc.oneof(
    fc.record({ kind: fc.constant('spot' as const), underlying: fc.constantFrom(...UNDERLYINGS) }),
    fc.record({
      kind: fc.constant('perp' as const),
      underlying: fc.constantFrom(...UNDERLYINGS),
      settlement: fc.constantFrom('linear' as const, 'inverse' as const),
    }),
    fc.record({
      kind: fc.constant('future' as const),
      underlying: fc.constantFrom(...UNDERLYINGS),
      settlement: fc.constantFrom('linear' as const, 'inverse' as const),
      expiry: fc.constantFrom(0.25, 0.5),
    }),
  );

  /** A price near the base level of an underlying (±30%, a few significant digits or a full double). */
  const priceOf = (u: string) =>
    fc.oneof(
      fc.integer({ min: 70, max: 130 }).map((k) => (base[u] * k) / 100),
      fc.double({ min: base[u] * 0.7, max: base[u] * 1.3, noNaN: true }),
    );

  const amount = fc.oneof(
    fc.integer({ min: 1, max: 200_000 }).map(String),
    fc.integer({ min: 1, max: 10 ** 9 }).map((k) => (k / 1e6).toFixed(6)),
  );

  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        type: fc.constant('deposit' as const),
        account: fc.constantFrom(...ACCOUNTS),
        asset: fc.constantFrom('USD', 'USDC'),
        amount,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('withdraw' as const),
        account: fc.constantFrom(...ACCOUNTS),
        asset: fc.constantFrom('USD', 'USDC'),
        amount,
      }),
    },
    {
      weight: 5,
      arbitrary: instrument.chain((ins) =>
        fc.record({
          type: fc.constant('fill' as const),
          account: fc.constantFrom(...ACCOUNTS),
          instrument: fc.constant(ins),
          quantity: (ins.kind !== 'spot' && ins.settlement === 'inverse'
            ? fc.integer({ min: -50, max: 50 }).map((k) => k * 1000)
            : fc.oneof(
                fc.integer({ min: -20, max: 20 }).map((k) => k / 4),
                fc.double({ min: -3, max: 3, noNaN: true }),
              )
          ).filter((q) => q !== 0),
          price: priceOf(ins.underlying),
        }),
      ),
    },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(...UNDERLYINGS)
        .chain((u) =>
          fc.record(
            { type: fc.constant('tick' as const), underlying: fc.constant(u), price: priceOf(u), mark: priceOf(u) },
            { requiredKeys: ['type', 'underlying', 'price'] },
          ),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('funding' as const),
        underlying: fc.constantFrom(...UNDERLYINGS),
        rate: fc.integer({ min: -100, max: 100 }).map((k) => k / 10),
      }),
    },
  );
}

export const event = eventOver({ BTC: 60000, ETH: 3000 });
const event4 = eventOver({ BTC: 60000, ETH: 3000, SOL: 150.37, ARB: 0.8123 });

export const stream = (max = 40) => fc.array(event, { minLength: 1, maxLength: max });
/** Streams on the four underlyings of {@link MARKET4}. */
export const stream4 = (max = 40) => fc.array(event4, { minLength: 1, maxLength: max });
