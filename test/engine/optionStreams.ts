/** Random event streams with options for the engine tests (fast-check): mixed spot, perps, futures and options. */
import fc from 'fast-check';
import type { EngineEvent, EngineInstrument } from '../../src/engine/index.js';
import { DEFAULT_MARGIN_PARAMS, marginParams, spanGrid } from '../../src/netting/index.js';

/** Four underlyings whose names sort apart from their order here; ARB has no vol (no options on it). */
export const OPT_MARKET = {
  assets: {
    BTC: { price: 60000, mark: 60030, vol: 0.6 },
    ETH: { price: 3000, dividendYield: 0.02, smile: { strikes: [2400, 3000, 3600], vols: [0.85, 0.7, 0.75] } },
    SOL: { price: 150.37, vol: 0.9 },
    ARB: { price: 0.8123, mark: 0.8131 },
  },
  rate: 0.04,
};
const BASE: Record<string, number> = { BTC: 60000, ETH: 3000, SOL: 150.37, ARB: 0.8123 };
const WITH_VOL = ['BTC', 'ETH', 'SOL'];
export const OPT_ACCOUNTS = ['a0', 'a1', 'a2'];

/**
 * Parameters that switch on every add-on of the portfolio method: option and futures contingencies beside the
 * short-option minimum, and correlation aggregation (BTC–ETH 0.8, BTC–SOL 0.6, ETH–SOL 0.7) crediting up to 40%.
 */
export const ADDON_PARAMS = marginParams({
  assets: Object.fromEntries(
    (['BTC', 'ETH', '*'] as const).map((k) => [
      k,
      {
        ...DEFAULT_MARGIN_PARAMS.assets[k],
        portfolio: {
          ...DEFAULT_MARGIN_PARAMS.assets[k].portfolio,
          optionContingency: 0.004,
          futuresContingency: 0.01,
          shortOptionMinimum: 0.02,
        },
      },
    ]),
  ),
  aggregation: {
    method: 'correlation',
    maxCredit: 0.4,
    correlation: {
      assets: ['BTC', 'ETH', 'SOL'],
      matrix: [
        [1, 0.8, 0.6],
        [0.8, 1, 0.7],
        [0.6, 0.7, 1],
      ],
    },
  },
});

/** CME SPAN's 16 scenarios (extreme moves weighted 35%) and a one-day look-ahead for options. */
export const SPAN_PARAMS = marginParams({ grid: spanGrid(), lookAheadYears: 1 / 365 });

const priceOf = (u: string) =>
  fc.oneof(
    fc.integer({ min: 80, max: 120 }).map((k) => (BASE[u] * k) / 100),
    fc.double({ min: BASE[u] * 0.8, max: BASE[u] * 1.2, noNaN: true }),
  );

const optionOf = (u: string): fc.Arbitrary<EngineInstrument> =>
  fc
    .record({
      kind: fc.constant('option' as const),
      underlying: fc.constant(u),
      type: fc.constantFrom('call' as const, 'put' as const),
      strike: fc.constantFrom(0.8, 0.9, 1, 1.1, 1.25).map((k) => BASE[u] * k),
      expiry: fc.constantFrom(0, 0.02, 0.1, 0.25, 0.5),
      settlement: fc.constantFrom('linear' as const, 'inverse' as const),
      model: fc.constantFrom('bsm' as const, 'bsm' as const, 'black76' as const, 'bachelier' as const),
    })
    // the bachelier model is linear only
    .map((o) => (o.model === 'bachelier' ? { ...o, settlement: 'linear' as const } : o));

const deltaOne = (u: string): fc.Arbitrary<EngineInstrument> =>
  fc.oneof(
    fc.constant({ kind: 'spot' as const, underlying: u }),
    fc.record({
      kind: fc.constant('perp' as const),
      underlying: fc.constant(u),
      settlement: fc.constantFrom('linear' as const, 'inverse' as const),
    }),
    fc.record({
      kind: fc.constant('future' as const),
      underlying: fc.constant(u),
      settlement: fc.constantFrom('linear' as const, 'inverse' as const),
      expiry: fc.constantFrom(0.25, 0.5),
    }),
  );

/** An instrument: options on the underlyings with a vol (weight 3), delta-one on any (weight 2). */
export const optInstrument = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WITH_VOL).chain(optionOf) },
  { weight: 2, arbitrary: fc.constantFrom(...Object.keys(BASE)).chain(deltaOne) },
);

const amount = fc.oneof(
  fc.integer({ min: 1, max: 300_000 }).map(String),
  fc.integer({ min: 1, max: 10 ** 9 }).map((k) => (k / 1e6).toFixed(6)),
);

const fill = optInstrument.chain((ins) =>
  fc.record({
    type: fc.constant('fill' as const),
    account: fc.constantFrom(...OPT_ACCOUNTS),
    instrument: fc.constant(ins),
    quantity: (ins.kind !== 'spot' && ins.kind !== 'option' && ins.settlement === 'inverse'
      ? fc.integer({ min: -50, max: 50 }).map((k) => k * 1000)
      : fc.oneof(
          fc.integer({ min: -12, max: 12 }).map((k) => k / 4),
          fc.double({ min: -3, max: 3, noNaN: true }),
        )
    ).filter((q) => q !== 0),
    price:
      ins.kind === 'option'
        ? fc.integer({ min: 1, max: 2000 }).map((k) => (BASE[ins.underlying] * k) / 10000)
        : priceOf(ins.underlying),
  }),
);

const tick = fc.constantFrom(...Object.keys(BASE)).chain((u) =>
  fc.oneof(
    fc.record(
      { type: fc.constant('tick' as const), underlying: fc.constant(u), price: priceOf(u), mark: priceOf(u) },
      { requiredKeys: ['type', 'underlying', 'price'] },
    ),
    fc.record(
      {
        type: fc.constant('tick' as const),
        underlying: fc.constant(u),
        price: priceOf(u),
        vol: fc.double({ min: 0.2, max: 1.5, noNaN: true }),
      },
      { requiredKeys: ['type', 'underlying', 'vol'] },
    ),
  ),
);

/** One event of a stream with options. */
export const optEvent: fc.Arbitrary<EngineEvent> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('deposit' as const),
      account: fc.constantFrom(...OPT_ACCOUNTS),
      asset: fc.constantFrom('USD', 'USDC'),
      amount,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('withdraw' as const),
      account: fc.constantFrom(...OPT_ACCOUNTS),
      asset: fc.constantFrom('USD', 'USDC'),
      amount,
    }),
  },
  { weight: 6, arbitrary: fill },
  { weight: 3, arbitrary: tick },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('funding' as const),
      underlying: fc.constantFrom(...Object.keys(BASE)),
      rate: fc.integer({ min: -100, max: 100 }).map((k) => k / 10),
    }),
  },
);

/** A stream: a deposit of 0…400,000 USD per account (cash for premiums), then 15…`max` events with options. */
export const optStream = (max = 40) =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 400_000 }), {
        minLength: OPT_ACCOUNTS.length,
        maxLength: OPT_ACCOUNTS.length,
      }),
      fc.array(optEvent, { minLength: Math.min(15, max), maxLength: max }),
    )
    .map(([cash, events]): EngineEvent[] => [
      ...OPT_ACCOUNTS.flatMap((account, i) =>
        cash[i] > 0 ? [{ type: 'deposit' as const, account, asset: 'USD', amount: String(cash[i]) }] : [],
      ),
      ...events,
    ]);
