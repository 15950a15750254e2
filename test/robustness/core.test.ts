/** Robustness of the root entry (`riskcore`): the book model validators, money parsing and the normal distribution. */
import fc from 'fast-check';
import * as core from '../../src/core/index.js';
import { robustnessSuite } from './suite.js';
import { dbl, fixedMarket, fixedPositions, fresh, market, positions } from './arbs.js';
import type { Spec } from './harness.js';

const book = fc.oneof(
  fresh(() => [fixedPositions(), fixedMarket()]),
  fc.tuple(positions, market),
);
const num = (name: string, arb: fc.Arbitrary<number>): Spec => ({ name, args: fc.tuple(arb), names: ['x'] });

const specs: Spec[] = [
  {
    name: 'validatePosition',
    args: fc.oneof(
      fresh(() => [fixedPositions()[4], 'position']),
      position1(),
    ),
    names: ['position', 'path'],
    // the path argument is the prefix of every reported path
    skip: (s) => s === '1',
  },
  {
    name: 'validatePositions',
    args: fc.oneof(
      fresh(() => [fixedPositions()]),
      positions.map((p) => [p]),
    ),
    names: ['positions'],
  },
  {
    name: 'validateMarket',
    args: fc.oneof(
      fresh(() => [
        {
          ...fixedMarket(),
          correlation: {
            assets: ['BTC', 'ETH'],
            matrix: [
              [1, 0.7],
              [0.7, 1],
            ],
          },
          quote: 'USD',
        },
      ]),
      market.map((m) => [m]),
    ),
    names: ['market'],
    // market.assets is a record keyed by asset names (user data), not a type with fixed fields
    skipKeys: (s) => s === '0.assets',
  },
  {
    name: 'validateBook',
    args: book.map(([p, m]) => [p, m, { positions: 'positions', market: 'market' }]),
    names: ['positions', 'market', 'paths'],
    skip: (s) => s.startsWith('2'),
    // market.assets is a record keyed by asset names (user data), not a type with fixed fields
    skipKeys: (s) => s === '1.assets',
    // an unknown underlying is reported at the position; an option without a vol at the market asset's vol
    accept: (site, p) =>
      (/^0\.\d+\.underlying$/.test(site) && /^positions\[\d+\]\.underlying$/.test(p)) ||
      (/^1\.assets(\.\w+(\.vol)?)?$/.test(site) && /^positions\[\d+\]\.underlying$|^market\.assets\.\w+\.vol$/.test(p)),
  },
  {
    name: 'validateCollateral',
    names: ['collateral', 'path'],
    args: fc
      .record({
        asset: fc.constantFrom('USDC', 'ETH', 'constructor'),
        amount: fc.oneof(fc.constant('1500.25'), dbl(0, 1e9)),
        decimals: fc.integer({ min: 0, max: 18 }),
      })
      .map((c) => [c, 'collateral']),
    // the path argument is the prefix of every reported path
    skip: (s) => s === '1',
  },
  {
    name: 'optionVol',
    args: fc.oneof(
      fresh(() => [fixedPositions()[3], fixedMarket().assets.ETH]),
      fresh(() => [{ ...fixedPositions()[4], vol: undefined }, fixedMarket().assets.ETH]),
    ),
    names: ['position', 'asset'],
    accept: (site, p) => site.startsWith('1') && p === 'asset.vol',
  },
  {
    name: 'perpMark',
    args: fc.oneof(
      fresh(() => [fixedMarket().assets.BTC]),
      fresh(() => [fixedMarket().assets.ETH]),
    ),
    names: ['asset'],
  },
  {
    name: 'toMoney',
    args: fc.oneof(
      fc
        .tuple(
          fc.oneof(fc.constant('123.45'), dbl(-1e9, 1e9), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n })),
          fc.constant('amount'),
          fc.record({
            decimals: fc.integer({ min: 0, max: 36 }),
            min: fc.constantFrom('nonnegative' as const, undefined),
          }),
        )
        .map(([v, p, o]) => [
          typeof v === 'number' && o.min ? Math.abs(v) : typeof v === 'bigint' && o.min ? (v < 0n ? -v : v) : v,
          p,
          o,
        ]),
    ),
    names: ['amount', 'path', 'opts'],
    skip: (s) => s === '1',
  },
  {
    name: 'toBaseUnits',
    args: fc.tuple(
      dbl(-1e12, 1e12).map((x) => new core.Money(x)),
      fc.integer({ min: 0, max: 36 }),
      fc.constantFrom('half-even', 'down', 'up'),
    ),
    names: ['amount', 'decimals', 'rounding'],
  },
  num('normalPdf', dbl(-40, 40)),
  num('normalCdf', dbl(-40, 40)),
  num('erfc', dbl(-30, 30)),
  num('erfcx', dbl(-25, 1e6)),
  { name: 'normalQuantile', args: fc.tuple(dbl(1e-300, 1 - 1e-16).filter((p) => p > 0 && p < 1)), names: ['p'] },
];

function position1(): fc.Arbitrary<unknown[]> {
  return positions.map((p) => [p[0], 'position']);
}

// Money is the decimal.js constructor (configured), not a riskcore function; RiskInputError is the error class.
robustnessSuite('riskcore (core)', core as unknown as Record<string, unknown>, specs, ['Money', 'RiskInputError']);
