/**
 * Random small cascades for the property tests: 2-5 positions of one protocol, sized by a leverage (debt over the
 * liquidation limit at the starting prices: below 1 healthy), with random moves, depth, oracle lag, gas, capacity.
 */
import fc from 'fast-check';
import type { LendingCascadeContext, LendingCascadePosition } from '../../../src/stress/index.js';

const E18 = 10n ** 18n;
const E8 = 10n ** 8n;
const E6 = 10n ** 6n;
/** A fraction as an integer of millionths. */
const milli = (lo: number, hi: number) => fc.integer({ min: Math.round(lo * 1e6), max: Math.round(hi * 1e6) });

export interface Case {
  positions: LendingCascadePosition[];
  context: LendingCascadeContext;
}
export type ProtocolName = 'aave-v3' | 'compound-v3' | 'morpho-blue' | 'euler-v2';

interface Draw {
  sizes: { size: number; lev: number }[];
  moves: number[];
  depth: number | null;
  latency: number;
  gas: number;
  capacity: number | null;
}

export const drawArb = (levLo: number, levHi: number, flat = false): fc.Arbitrary<Draw> =>
  fc.record({
    sizes: fc.array(fc.record({ size: milli(0.5, 30), lev: milli(levLo, levHi) }), { minLength: 2, maxLength: 5 }),
    moves: flat
      ? fc.constant([])
      : fc.array(
          fc.integer({ min: -40, max: 10 }).map((x) => x / 100),
          { minLength: 1, maxLength: 4 },
        ),
    depth: fc.option(fc.integer({ min: 20, max: 5000 }), { nil: null }),
    latency: fc.constantFrom(0, 0.5, 1),
    gas: fc.integer({ min: 0, max: 200 }),
    capacity: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
  });

/** The case of a draw on `protocol` (sizes in WETH, leverage in millionths of the liquidation limit). */
export function caseOf(protocol: ProtocolName, d: Draw, rounds = 4): Case {
  const common = (unit: bigint, asset: string) => ({
    rounds,
    moves: { [asset]: d.moves },
    oracle: { [asset]: { latency: d.latency } },
    ...(d.depth === null ? {} : { depth: { [asset]: BigInt(d.depth) * 1000n * unit } }),
    liquidators: {
      gasCost: BigInt(d.gas) * unit,
      ...(d.capacity === null ? {} : { capacity: d.capacity }),
    },
  });
  const weth = (s: number) => (BigInt(s) * E18) / E6;
  /** USD value of debt (× 1e6 millionths): size × 2000 × lt × lev. */
  const debtUsd = (s: number, lt: bigint, lev: number) => (BigInt(s) * 2000n * lt * BigInt(lev)) / (E6 * 10000n);
  if (protocol === 'morpho-blue') {
    const debts = d.sizes.map((x) => (weth(x.size) * 2000n * 86n * BigInt(x.lev)) / (100n * E6));
    const total = debts.reduce((a, b) => a + b, 0n);
    return {
      positions: d.sizes.map((x, i) => ({ id: `m${i}`, collateral: weth(x.size), borrowShares: debts[i] * E6 })),
      context: {
        protocol,
        market: {
          lltv: 86n * 10n ** 16n,
          price: 2000n * 10n ** 36n,
          totalSupplyAssets: total + 10n ** 24n,
          totalSupplyShares: (total + 10n ** 24n) * E6,
          totalBorrowAssets: total,
          totalBorrowShares: total * E6,
        },
        ...common(E18, 'collateral'),
      },
    };
  }
  if (protocol === 'euler-v2') {
    return {
      positions: d.sizes.map((x, i) => ({
        id: `e${i}`,
        debt: (debtUsd(x.size, 8500n, x.lev) * E18) / E6,
        collateral: { WETH: weth(x.size) },
      })),
      context: {
        protocol,
        vault: {
          liabilityPrice: E18,
          maxLiquidationDiscount: 2000,
          collaterals: [{ asset: 'WETH', price: 2000n * E18, borrowLTV: 8000, liquidationLTV: 8500 }],
        },
        ...common(E18, 'WETH'),
      },
    };
  }
  if (protocol === 'compound-v3') {
    // principal = −debt / 1.05 (borrow index), in USDC base units
    const principals = d.sizes.map((x) => -((debtUsd(x.size, 8500n, x.lev) * 100n) / 105n));
    const tb = principals.reduce((a, b) => a - b, 0n);
    return {
      positions: d.sizes.map((x, i) => ({ id: `c${i}`, principal: principals[i], collateral: { WETH: weth(x.size) } })),
      context: {
        protocol,
        market: {
          baseDecimals: 6,
          basePrice: E8,
          baseSupplyIndex: 102n * 10n ** 13n,
          baseBorrowIndex: 105n * 10n ** 13n,
          totalSupplyBase: 10n ** 12n,
          totalBorrowBase: tb,
          baseBalance: (10n ** 12n * 102n) / 100n - (tb * 105n) / 100n + 50000n * E6,
          storeFrontPriceFactor: 6n * 10n ** 17n,
          assets: [
            {
              asset: 'WETH',
              decimals: 18,
              price: 2000n * E8,
              borrowCollateralFactor: 8n * 10n ** 17n,
              liquidateCollateralFactor: 85n * 10n ** 16n,
              liquidationFactor: 93n * 10n ** 16n,
            },
          ],
        },
        ...common(E8, 'WETH'),
      },
    };
  }
  return {
    positions: d.sizes.map((x, i) => ({
      id: `a${i}`,
      supplies: { WETH: weth(x.size) },
      borrows: { USDC: (debtUsd(x.size, 8300n, x.lev) * 10000n) / 10001n },
    })),
    context: {
      protocol,
      market: {
        name: 'property market',
        source: 'test/stress/lendingCascade/arbs.ts',
        priceDecimals: 8,
        reserves: [
          {
            asset: 'WETH',
            decimals: 18,
            ltv: '0.8',
            liquidationThreshold: '0.83',
            liquidationBonus: '0.05',
            liquidationProtocolFee: '0.1',
          },
          { asset: 'USDC', decimals: 6, ltv: '0.75', liquidationThreshold: '0.78', liquidationBonus: '0.045' },
        ],
      },
      prices: { WETH: '2000', USDC: '1.0001' },
      ...common(E8, 'WETH'),
    },
  };
}
