/**
 * Aave v3 Ethereum core market, snapshot of 2023-10-31.
 *
 * Source: bgd-labs/aave-proposals-v3, commit 4d6a3d98,
 * reports/AaveV3Ethereum_UpgradeAaveV3ETHPooolWETHParameters_20231031_after.json (chain 1,
 * pool 0x87870Bca3F3fD6335C3F4ce8392D69350B4fA4E2). Liquidation constants: ./liquidationV33.ts.
 */
import type { LendingMarketParams } from '../params.js';
import { AAVE_V33_LIQUIDATION } from './liquidationV33.js';

/**
 * Aave v3 Ethereum (core market) parameters for WETH, wstETH, WBTC, USDC, USDT, DAI, plus UNI as an isolated
 * (debt-ceiling) asset, and e-mode 1 'ETH correlated'.
 *
 * Source: the on-chain configuration snapshot in bgd-labs/aave-proposals-v3,
 * `reports/AaveV3Ethereum_UpgradeAaveV3ETHPooolWETHParameters_20231031_after.json` (commit 4d6a3d98), chain 1,
 * pool 0x87870Bca3F3fD6335C3F4ce8392D69350B4fA4E2: ltv, liquidationThreshold, liquidationBonus (bps; bonus
 * 10500 → 5%), liquidationProtocolFee, reserveFactor (bps), supplyCap/borrowCap (whole tokens), debtCeiling
 * (2-decimal USD: 1700000000 → $17,000,000.00), isBorrowableInIsolation. E-mode 1: ltv 9000, lt 9300, bonus 10100.
 * Governance changes these over time: treat it as a dated example, not live data.
 */
export const AAVE_V3_ETHEREUM: LendingMarketParams = {
  name: 'Aave v3 Ethereum',
  source:
    'bgd-labs/aave-proposals-v3 reports/AaveV3Ethereum_UpgradeAaveV3ETHPooolWETHParameters_20231031_after.json (commit 4d6a3d98), pool 0x87870Bca3F3fD6335C3F4ce8392D69350B4fA4E2; liquidation constants from aave-dao/aave-v3-origin v3.3.0 LiquidationLogic.sol',
  asOf: '2023-10-31',
  priceDecimals: 8,
  reserves: [
    {
      asset: 'WETH',
      decimals: 18,
      ltv: '0.805',
      liquidationThreshold: '0.83',
      liquidationBonus: '0.05',
      liquidationProtocolFee: '0.1',
      reserveFactor: '0.15',
      supplyCap: '1800000',
      borrowCap: '1400000',
      borrowableInIsolation: false,
    },
    {
      asset: 'wstETH',
      decimals: 18,
      ltv: '0.785',
      liquidationThreshold: '0.81',
      liquidationBonus: '0.06',
      liquidationProtocolFee: '0.1',
      reserveFactor: '0.15',
      supplyCap: '850000',
      borrowCap: '24000',
      borrowableInIsolation: false,
    },
    {
      asset: 'WBTC',
      decimals: 8,
      ltv: '0.73',
      liquidationThreshold: '0.78',
      liquidationBonus: '0.05',
      liquidationProtocolFee: '0.1',
      reserveFactor: '0.2',
      supplyCap: '43000',
      borrowCap: '28000',
      borrowableInIsolation: false,
    },
    {
      asset: 'USDC',
      decimals: 6,
      ltv: '0.77',
      liquidationThreshold: '0.8',
      liquidationBonus: '0.045',
      liquidationProtocolFee: '0.2',
      reserveFactor: '0.1',
      supplyCap: '1760000000',
      borrowCap: '1580000000',
      borrowableInIsolation: true,
    },
    {
      asset: 'USDT',
      decimals: 6,
      ltv: '0.74',
      liquidationThreshold: '0.76',
      liquidationBonus: '0.045',
      liquidationProtocolFee: '0.1',
      reserveFactor: '0.1',
      supplyCap: '600000000',
      borrowCap: '500000000',
      borrowableInIsolation: true,
    },
    {
      asset: 'DAI',
      decimals: 18,
      ltv: '0.77',
      liquidationThreshold: '0.8',
      liquidationBonus: '0.05',
      liquidationProtocolFee: '0.2',
      reserveFactor: '0.1',
      supplyCap: '338000000',
      borrowCap: '271000000',
      borrowableInIsolation: true,
    },
    {
      asset: 'UNI',
      decimals: 18,
      ltv: '0.65',
      liquidationThreshold: '0.77',
      liquidationBonus: '0.1',
      liquidationProtocolFee: '0.1',
      reserveFactor: '0.2',
      supplyCap: '4000000',
      borrowCap: '500000',
      debtCeiling: '17000000',
      borrowableInIsolation: false,
    },
  ],
  eModes: [
    {
      id: 1,
      label: 'ETH correlated',
      ltv: '0.9',
      liquidationThreshold: '0.93',
      liquidationBonus: '0.01',
      collateralAssets: ['WETH', 'wstETH'],
      borrowableAssets: ['WETH', 'wstETH'],
    },
  ],
  liquidation: AAVE_V33_LIQUIDATION,
};
