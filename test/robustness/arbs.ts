/** Valid random inputs shared by the robustness suites. */
import fc from 'fast-check';

export const dbl = (min: number, max: number): fc.Arbitrary<number> =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
export const confidence = dbl(0.9, 0.995);

/** A P&L series as a plain array or a Float64Array (both are accepted everywhere a numeric series is). */
export const pnl = (minLength = 60, maxLength = 200): fc.Arbitrary<number[] | Float64Array> =>
  fc
    .array(dbl(-1e4, 1e4), { minLength, maxLength })
    .chain((a) => fc.constantFrom<number[] | Float64Array>(a, Float64Array.from(a)));

/** Returns (small, like daily log returns). */
export const returns = (minLength = 60, maxLength = 200): fc.Arbitrary<number[]> =>
  fc.array(dbl(-0.08, 0.08), { minLength, maxLength }).filter((a) => a.some((x) => Math.abs(x) > 1e-4));

export const market = fc.record({
  assets: fc.record({
    BTC: fc.record({ price: dbl(20000, 100000), vol: dbl(0.2, 1.2) }),
    ETH: fc.record({ price: dbl(1000, 5000), vol: dbl(0.3, 1.5), dividendYield: dbl(0, 0.05) }),
  }),
  rate: dbl(0, 0.08),
});

const underlying = fc.constantFrom('BTC', 'ETH');
export const position = fc.oneof(
  fc.record({ kind: fc.constant('spot' as const), underlying, quantity: dbl(-10, 10) }),
  fc.record({
    kind: fc.constant('perp' as const),
    underlying,
    quantity: dbl(-10, 10),
    settlement: fc.constantFrom('linear' as const, 'inverse' as const),
  }),
  fc.record({ kind: fc.constant('future' as const), underlying, quantity: dbl(-10, 10), expiry: dbl(0, 1) }),
  fc
    .record({
      kind: fc.constant('option' as const),
      underlying,
      quantity: dbl(-10, 10),
      type: fc.constantFrom('call' as const, 'put' as const),
      strikeRatio: dbl(0.7, 1.3),
      expiry: dbl(0.01, 1),
      model: fc.constantFrom('bsm' as const, 'black76' as const),
    })
    .map(({ strikeRatio, ...o }) => ({
      ...o,
      strike: Math.round((o.underlying === 'BTC' ? 60000 : 3000) * strikeRatio),
    })),
);
export const positions = fc.array(position, { minLength: 1, maxLength: 4 });

/** The fixed book the exhaustive sweep mutates: one of each kind, options with an override vol and a smile. */
export const fixedMarket = () => ({
  assets: {
    BTC: { price: 60000, mark: 60050, vol: 0.6, dividendYield: 0.01 },
    ETH: { price: 3000, vol: 0.7, smile: { strikes: [2500, 3000, 3500], vols: [0.8, 0.7, 0.75] } },
  },
  rate: 0.04,
});
export const fixedPositions = () => [
  { kind: 'spot', underlying: 'ETH', quantity: 2 },
  { kind: 'perp', underlying: 'BTC', quantity: -1, entryPrice: 58000 },
  { kind: 'future', underlying: 'BTC', quantity: 0.5, expiry: 0.25, settlement: 'linear' },
  { kind: 'option', underlying: 'ETH', quantity: -3, type: 'call', strike: 3200, expiry: 0.1, vol: 0.65 },
  {
    kind: 'option',
    underlying: 'BTC',
    quantity: 1,
    type: 'put',
    strike: 55000,
    expiry: 0.3,
    model: 'black76',
    settlement: 'inverse',
  },
];

/** A netting account: cross collateral and positions plus one isolated sub-account. */
export const fixedAccount = () => ({
  collateral: [
    { asset: 'USDC', amount: '20000' },
    { asset: 'ETH', amount: '1.5' },
  ],
  positions: [
    { kind: 'perp', underlying: 'BTC', quantity: 1 },
    { kind: 'option', underlying: 'ETH', quantity: -2, type: 'put', strike: 2800, expiry: 0.1 },
  ],
  subAccounts: [
    {
      marginMode: 'isolated',
      positions: [{ kind: 'perp', underlying: 'ETH', quantity: -5 }],
      collateral: [{ asset: 'USDC', amount: '3000' }],
    },
  ],
});

export const account = fc
  .record({
    usdc: dbl(1000, 100000),
    q: dbl(-5, 5),
    eth: dbl(-10, 10),
  })
  .map(({ usdc, q, eth }) => ({
    collateral: [{ asset: 'USDC', amount: usdc.toFixed(2) }],
    positions: [
      { kind: 'perp', underlying: 'BTC', quantity: q },
      { kind: 'spot', underlying: 'ETH', quantity: eth },
    ],
  }));

/** A constant arbitrary built fresh per draw (so tests never share mutable inputs). */
export const fresh = <T>(f: () => T): fc.Arbitrary<T> => fc.constant(null).map(() => f());
