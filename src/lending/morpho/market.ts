/**
 * Morpho Blue market and position inputs, validation and share math. Integers as the contract stores them:
 * LLTV in wad, the oracle price of one collateral base unit in loan base units × 1e36 (ORACLE_PRICE_SCALE), totals
 * as uint128. Model of morpho-org/morpho-blue at 3085651a79553bbabbfd8be309c262dab45b686e (Morpho.sol,
 * libraries/SharesMathLib.sol, MathLib.sol, ConstantsLib.sol).
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';
import { WAD } from '../evm/constants.js';
import { mulDivDownRaw, mulDivUpRaw } from '../evm/raw.js';
import { checkNoOverflow } from '../evm/check.js';
import { checkUint } from '../preview/check.js';

/** A Morpho Blue market's state and parameters. */
export interface MorphoBlueMarket {
  /** Liquidation loan-to-value, wad (< 1e18). */
  lltv: bigint;
  /** IOracle.price(): loan base units per collateral base unit × 1e36. */
  price: bigint;
  totalSupplyAssets: bigint;
  totalSupplyShares: bigint;
  totalBorrowAssets: bigint;
  totalBorrowShares: bigint;
}

/** A borrower's position in a Morpho Blue market. */
export interface MorphoPosition {
  /** Collateral (collateral base units). */
  collateral: bigint;
  /** Borrow shares. */
  borrowShares: bigint;
}

/** 1e36. */
export const ORACLE_PRICE_SCALE = 10n ** 36n;
/** 0.3e18. */
export const LIQUIDATION_CURSOR = 3n * 10n ** 17n;
/** 1.15e18. */
export const MAX_LIQUIDATION_INCENTIVE_FACTOR = 115n * 10n ** 16n;
/** SharesMathLib.VIRTUAL_SHARES. */
export const VIRTUAL_SHARES = 10n ** 6n;
/** SharesMathLib.VIRTUAL_ASSETS. */
export const VIRTUAL_ASSETS = 1n;

const MARKET_KEYS = knownKeys(
  'lltv',
  'price',
  'totalSupplyAssets',
  'totalSupplyShares',
  'totalBorrowAssets',
  'totalBorrowShares',
);
const POSITION_KEYS = knownKeys('collateral', 'borrowShares');

/** Validates a Morpho market (totals uint128, LLTV < 1e18, borrows ≤ supply). */
export function readMorphoMarket(value: unknown, path = 'market'): MorphoBlueMarket {
  const m = checkStrictObject(value, path, MARKET_KEYS);
  const at = (k: string) => joinPath(path, k);
  const lltv = checkUint(m.lltv, at('lltv'), 64);
  if (lltv >= WAD) throw new RiskInputError(at('lltv'), 'below 1e18 (Morpho requires LLTV < 100%)', lltv);
  const r: MorphoBlueMarket = {
    lltv,
    price: checkUint(m.price, at('price'), 256),
    totalSupplyAssets: checkUint(m.totalSupplyAssets, at('totalSupplyAssets'), 128),
    totalSupplyShares: checkUint(m.totalSupplyShares, at('totalSupplyShares'), 128),
    totalBorrowAssets: checkUint(m.totalBorrowAssets, at('totalBorrowAssets'), 128),
    totalBorrowShares: checkUint(m.totalBorrowShares, at('totalBorrowShares'), 128),
  };
  if (r.totalBorrowAssets > r.totalSupplyAssets)
    throw new RiskInputError(at('totalBorrowAssets'), 'at most totalSupplyAssets', r.totalBorrowAssets);
  return r;
}

/** Validates a position against its market (borrow shares ≤ the market's). */
export function readMorphoPosition(value: unknown, m: MorphoBlueMarket, path = 'position'): MorphoPosition {
  const p = checkStrictObject(value, path, POSITION_KEYS);
  const borrowShares = checkUint(p.borrowShares, joinPath(path, 'borrowShares'), 128);
  if (borrowShares > m.totalBorrowShares)
    throw new RiskInputError(joinPath(path, 'borrowShares'), 'at most market.totalBorrowShares', borrowShares);
  const collateral = checkUint(p.collateral, joinPath(path, 'collateral'), 128);
  checkNoOverflow(collateral * m.price, joinPath(path, 'collateral'), collateral, 'collateral × market.price');
  return { collateral, borrowShares };
}

/** SharesMathLib conversions (virtual shares 1e6, virtual assets 1). */
export const toSharesDown = (assets: bigint, ta: bigint, ts: bigint): bigint =>
  mulDivDownRaw(assets, ts + VIRTUAL_SHARES, ta + VIRTUAL_ASSETS);
export const toSharesUp = (assets: bigint, ta: bigint, ts: bigint): bigint =>
  mulDivUpRaw(assets, ts + VIRTUAL_SHARES, ta + VIRTUAL_ASSETS);
export const toAssetsDown = (shares: bigint, ta: bigint, ts: bigint): bigint =>
  mulDivDownRaw(shares, ta + VIRTUAL_ASSETS, ts + VIRTUAL_SHARES);
export const toAssetsUp = (shares: bigint, ta: bigint, ts: bigint): bigint =>
  mulDivUpRaw(shares, ta + VIRTUAL_ASSETS, ts + VIRTUAL_SHARES);
