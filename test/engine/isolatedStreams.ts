/** Random event streams mixing cross and isolated positions (fast-check): fills isolated or not, margin transfers. */
import fc from 'fast-check';
import type { EngineEvent, EngineInstrument } from '../../src/engine/index.js';
import { OPT_ACCOUNTS, optEvent } from './optionStreams.js';
import { event } from './streams.js';

/** The instruments margin transfers name (the streams' fills isolate these often, so transfers find open pools). */
export const POOLS: EngineInstrument[] = [
  { kind: 'perp', underlying: 'BTC', settlement: 'linear' },
  { kind: 'perp', underlying: 'ETH', settlement: 'linear' },
  { kind: 'spot', underlying: 'ETH' },
  { kind: 'future', underlying: 'BTC', settlement: 'inverse', expiry: 0.25 },
];

const amount = fc.oneof(
  fc.integer({ min: 1, max: 50_000 }).map(String),
  fc.integer({ min: 1, max: 10 ** 9 }).map((k) => (k / 1e6).toFixed(6)),
);

/** An isolated fill on one of {@link POOLS}, sized as the base streams size fills. */
const poolFill = (accounts: string[]) =>
  fc
    .record({
      type: fc.constant('fill' as const),
      // two accounts: fills often meet an open pool again
      account: fc.constantFrom(...accounts.slice(0, 2)),
      instrument: fc.constantFrom(...POOLS).map((i) => ({ ...i, marginMode: 'isolated' as const })),
      quantity: fc.integer({ min: -8, max: 8 }).filter((k) => k !== 0),
      price: fc.integer({ min: 70, max: 130 }),
      // a margin with one isolated fill in three
      margin: fc.oneof(
        { weight: 2, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom('0', '150', '700.5', '2500.000001', '40000') },
      ),
    })
    .map((f) => {
      const base = f.instrument.underlying === 'BTC' ? 600 : 30;
      const inverse = f.instrument.settlement === 'inverse';
      const { margin, ...rest } = f;
      const sized = { ...rest, quantity: inverse ? f.quantity * 1000 : f.quantity / 4, price: base * f.price };
      return margin === undefined ? sized : { ...sized, margin };
    });

/** A margin transfer to or from an isolated position's pool. */
const transfer = (accounts: string[]) =>
  fc.record({
    type: fc.constantFrom('deposit' as const, 'deposit' as const, 'withdraw' as const),
    account: fc.constantFrom(...accounts),
    asset: fc.constantFrom('USD', 'USDC'),
    amount,
    isolated: fc.constantFrom(...POOLS),
  });

/** Base events, with a delta-one fill isolated one time in three. */
const mixed = (base: fc.Arbitrary<EngineEvent>): fc.Arbitrary<EngineEvent> =>
  fc
    .tuple(base, fc.integer({ min: 0, max: 2 }))
    .map(([e, k]) =>
      e.type === 'fill' && e.instrument.kind !== 'option' && k === 0
        ? { ...e, instrument: { ...e.instrument, marginMode: 'isolated' as const } }
        : e,
    );

const over = (base: fc.Arbitrary<EngineEvent>, accounts: string[], max: number) =>
  fc.array(
    fc.oneof(
      { weight: 6, arbitrary: mixed(base) },
      { weight: 3, arbitrary: poolFill(accounts) as fc.Arbitrary<EngineEvent> },
      { weight: 3, arbitrary: transfer(accounts) as fc.Arbitrary<EngineEvent> },
    ),
    { minLength: 1, maxLength: max },
  );

/** Streams of delta-one events mixing cross events, isolated fills and margin transfers. */
export const isolatedStream = (max = 40) => over(event, ['a0', 'a1', 'a2', 'a3'], max);

/** Streams with options ({@link optEvent}): a deposit per account first, then events with isolated fills and transfers. */
export const isolatedOptionStream = (max = 40) =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 400_000 }), { minLength: 3, maxLength: 3 }),
      over(optEvent, OPT_ACCOUNTS, max),
    )
    .map(([cash, events]): EngineEvent[] => [
      ...OPT_ACCOUNTS.flatMap((account, i) =>
        cash[i] > 0 ? [{ type: 'deposit' as const, account, asset: 'USD', amount: String(cash[i]) }] : [],
      ),
      ...events,
    ]);
