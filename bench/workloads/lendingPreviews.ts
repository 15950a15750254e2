/**
 * Workload 'lending-previews': what-if previews per second, one protocol per mode, single thread — a borrow preview
 * (health, borrowing power and liquidation price after the action) through the public preview function of each
 * protocol: Aave v3 (exact decimals, `previewAave`; its bigint fast path for health alone is workload 'health'),
 * Compound III (`previewComet`), Morpho Blue (`previewMorpho`) and Euler v2 (`previewEuler`), all three in the
 * contracts' integer arithmetic. Inputs are validated on every call. numpy has no counterpart: no ratio.
 */
import { medianSeconds, type BenchRecord, type Workload } from '../harness.js';
import { AAVE_V3_ETHEREUM, previewAave, previewComet, previewEuler, previewMorpho } from '../../src/lending/index.js';

const comet = {
  baseDecimals: 6,
  basePrice: 100000000n,
  baseSupplyIndex: 10n ** 15n,
  baseBorrowIndex: 10n ** 15n,
  totalSupplyBase: 10n ** 12n,
  totalBorrowBase: 0n,
  baseBalance: 10n ** 12n,
  storeFrontPriceFactor: 5n * 10n ** 17n,
  assets: [
    {
      asset: 'WETH',
      decimals: 18,
      price: 300000000000n,
      borrowCollateralFactor: 8n * 10n ** 17n,
      liquidateCollateralFactor: 85n * 10n ** 16n,
      liquidationFactor: 95n * 10n ** 16n,
    },
  ],
};
const morpho = {
  lltv: 86n * 10n ** 16n,
  price: 2000n * 10n ** 24n,
  totalSupplyAssets: 10n ** 12n,
  totalSupplyShares: 10n ** 18n,
  totalBorrowAssets: 0n,
  totalBorrowShares: 0n,
};
const euler = {
  liabilityPrice: 25n * 10n ** 17n,
  maxLiquidationDiscount: 2000,
  collaterals: [{ asset: 'eTST2', price: 4n * 10n ** 17n, borrowLTV: 3000, liquidationLTV: 3000 }],
};

const CASES: [string, () => unknown][] = [
  [
    'aave (exact decimals)',
    () =>
      previewAave(
        { supplies: [{ asset: 'WETH', amount: '10' }], borrows: [{ asset: 'USDC', amount: '15000' }] },
        { market: AAVE_V3_ETHEREUM, prices: { WETH: '2400', USDC: '1' } },
        { action: { type: 'borrow', asset: 'USDC', amount: '3000' } },
      ),
  ],
  [
    'compound III',
    () =>
      previewComet({ principal: 0n, collateral: { WETH: 10n ** 18n } }, comet, {
        action: { type: 'borrow', amount: 2000000000n },
      }),
  ],
  [
    'morpho blue',
    () =>
      previewMorpho({ collateral: 10n ** 18n, borrowShares: 0n }, morpho, {
        action: { type: 'borrow', amount: 1500000000n },
      }),
  ],
  [
    'euler v2',
    () =>
      previewEuler({ debt: 5n * 10n ** 18n, collateral: { eTST2: 100n * 10n ** 18n } }, euler, {
        action: { type: 'borrow', amount: 10n ** 17n },
      }),
  ],
];

const workload: Workload = {
  name: 'lending-previews',
  throughputKey: 'previews_per_s',
  async run(ctx) {
    const recs: BenchRecord[] = [];
    const k = 200;
    for (const [mode, fn] of CASES) {
      const s =
        (await medianSeconds(
          () => {
            for (let i = 0; i < k; i++) fn();
          },
          { quick: ctx.quick },
        )) / k;
      recs.push({
        workload: 'lending-previews',
        threads: 1,
        mode: `borrow preview, ${mode}`,
        seconds: s,
        previews_per_s: 1 / s,
      });
    }
    return recs;
  },
};
export default workload;
