/**
 * Compound III (Comet) market and account inputs, and their validation. Integers as the contract stores them:
 * prices in 8-decimal price-feed units (PRICE_SCALE 1e8), factors in 1e18 (FACTOR_SCALE), base indices in 1e15
 * (BASE_INDEX_SCALE), balances in base units, the account's base balance as a signed principal (int104).
 * Model of compound-finance/comet at d5a30b0aaeff7755f1431e87f818990902237b03 (Comet.sol, CometCore.sol).
 */
import { RiskInputError } from '../../core/errors.js';
import {
  checkArray,
  checkKeys,
  checkNumber,
  checkObject,
  checkStrictObject,
  joinPath,
  knownKeys,
} from '../../core/validate.js';
import { checkPositive, checkUint } from '../preview/check.js';

/** One collateral asset of a Comet market (AssetInfo). */
export interface CometAsset {
  asset: string;
  /** Token decimals: the asset's `scale` is 10^decimals. */
  decimals: number;
  /** Price-feed answer, 8 decimals (USD per whole token × 1e8). */
  price: bigint;
  /** Factor (1e18 = 100%) applied to collateral value for borrowing. */
  borrowCollateralFactor: bigint;
  /** Factor (1e18) applied to collateral value for the liquidation test; above the borrow factor. */
  liquidateCollateralFactor: bigint;
  /** Factor (1e18) of collateral value credited to the account on absorb (the rest is the protocol's discount). */
  liquidationFactor: bigint;
}

/** A Comet market (base asset, indices, totals, collateral assets). Indices as already accrued. */
export interface CometMarket {
  /** Base token decimals (`baseScale` = 10^baseDecimals). */
  baseDecimals: number;
  /** Base token price-feed answer, 8 decimals. */
  basePrice: bigint;
  /** baseSupplyIndex, 1e15 = 1. */
  baseSupplyIndex: bigint;
  /** baseBorrowIndex, 1e15 = 1. */
  baseBorrowIndex: bigint;
  /** totalSupplyBase (principal). */
  totalSupplyBase: bigint;
  /** totalBorrowBase (principal). */
  totalBorrowBase: bigint;
  /** The base token balance held by the Comet contract (base units), for reserves. */
  baseBalance: bigint;
  /** storeFrontPriceFactor (1e18): share of the liquidation discount passed on to collateral buyers. */
  storeFrontPriceFactor: bigint;
  assets: CometAsset[];
}

/** A Comet account: signed base principal and collateral balances keyed by asset (base units). */
export interface CometAccount {
  /** Base principal (int104): positive supplied, negative borrowed. */
  principal: bigint;
  /** Collateral balance per asset (uint128), in the asset's base units. */
  collateral: Record<string, bigint>;
}

/** 1e18. */
export const FACTOR_SCALE = 10n ** 18n;
/** 1e15. */
export const BASE_INDEX_SCALE = 10n ** 15n;
/** 1e8. */
export const PRICE_SCALE = 10n ** 8n;

const MARKET_KEYS = knownKeys(
  'baseDecimals',
  'basePrice',
  'baseSupplyIndex',
  'baseBorrowIndex',
  'totalSupplyBase',
  'totalBorrowBase',
  'baseBalance',
  'storeFrontPriceFactor',
  'assets',
);
const ASSET_KEYS = knownKeys(
  'asset',
  'decimals',
  'price',
  'borrowCollateralFactor',
  'liquidateCollateralFactor',
  'liquidationFactor',
);
const ACCOUNT_KEYS = knownKeys('principal', 'collateral');

/** A validated asset: `scale` = 10^decimals. */
export interface CometAssetV extends CometAsset {
  scale: bigint;
}
/** A validated market: `baseScale` = 10^baseDecimals. */
export interface CometMarketV extends Omit<CometMarket, 'assets'> {
  baseScale: bigint;
  assets: CometAssetV[];
}

/** Validates a Comet market (at most 24 assets, as the contract). */
export function readCometMarket(value: unknown, path = 'market'): CometMarketV {
  const m = checkStrictObject(value, path, MARKET_KEYS);
  const at = (k: string) => joinPath(path, k);
  const baseDecimals = checkNumber(m.baseDecimals, at('baseDecimals'), { ge: 0, le: 18, integer: true });
  const list = checkArray(m.assets, at('assets'));
  if (list.length > 24) throw new RiskInputError(at('assets'), 'at most 24 assets (Comet MAX_ASSETS)', list.length);
  const seen = new Set<string>();
  const assets = list.map((a, i): CometAssetV => {
    const p = joinPath(at('assets'), i);
    const o = checkStrictObject(a, p, ASSET_KEYS);
    if (typeof o.asset !== 'string' || o.asset === '')
      throw new RiskInputError(joinPath(p, 'asset'), 'a non-empty string', o.asset);
    if (seen.has(o.asset)) throw new RiskInputError(joinPath(p, 'asset'), 'a name not listed before', o.asset);
    seen.add(o.asset);
    const decimals = checkNumber(o.decimals, joinPath(p, 'decimals'), { ge: 0, le: 18, integer: true });
    const borrowCollateralFactor = checkUint(o.borrowCollateralFactor, joinPath(p, 'borrowCollateralFactor'), 64);
    const liquidateCollateralFactor = checkUint(
      o.liquidateCollateralFactor,
      joinPath(p, 'liquidateCollateralFactor'),
      64,
    );
    const liquidationFactor = checkUint(o.liquidationFactor, joinPath(p, 'liquidationFactor'), 64);
    if (liquidateCollateralFactor > FACTOR_SCALE)
      throw new RiskInputError(joinPath(p, 'liquidateCollateralFactor'), 'at most 1e18', liquidateCollateralFactor);
    if (borrowCollateralFactor >= liquidateCollateralFactor)
      throw new RiskInputError(
        joinPath(p, 'borrowCollateralFactor'),
        'below liquidateCollateralFactor',
        borrowCollateralFactor,
      );
    if (liquidationFactor > FACTOR_SCALE)
      throw new RiskInputError(joinPath(p, 'liquidationFactor'), 'at most 1e18', liquidationFactor);
    return {
      asset: o.asset,
      decimals,
      scale: 10n ** BigInt(decimals),
      price: checkPositive(o.price, joinPath(p, 'price'), 128),
      borrowCollateralFactor,
      liquidateCollateralFactor,
      liquidationFactor,
    };
  });
  const storeFrontPriceFactor = checkUint(m.storeFrontPriceFactor, at('storeFrontPriceFactor'), 64);
  if (storeFrontPriceFactor > FACTOR_SCALE)
    throw new RiskInputError(at('storeFrontPriceFactor'), 'at most 1e18', storeFrontPriceFactor);
  return {
    baseDecimals,
    baseScale: 10n ** BigInt(baseDecimals),
    basePrice: checkPositive(m.basePrice, at('basePrice'), 128),
    baseSupplyIndex: checkPositive(m.baseSupplyIndex, at('baseSupplyIndex'), 64),
    baseBorrowIndex: checkPositive(m.baseBorrowIndex, at('baseBorrowIndex'), 64),
    totalSupplyBase: checkUint(m.totalSupplyBase, at('totalSupplyBase'), 104),
    totalBorrowBase: checkUint(m.totalBorrowBase, at('totalBorrowBase'), 104),
    baseBalance: checkUint(m.baseBalance, at('baseBalance'), 256),
    storeFrontPriceFactor,
    assets,
  };
}

/** A validated account: collateral as a Map over the market's assets (unknown asset names refused). */
export interface CometAccountV {
  principal: bigint;
  collateral: Map<string, bigint>;
}

/** Validates a Comet account against a validated market. */
export function readCometAccount(value: unknown, market: CometMarketV, path = 'account'): CometAccountV {
  const a = checkStrictObject(value, path, ACCOUNT_KEYS);
  const principal = checkBig104(a.principal, joinPath(path, 'principal'));
  const c = checkObject(a.collateral, joinPath(path, 'collateral'));
  const names = new Set(market.assets.map((x) => x.asset));
  checkKeys(c, joinPath(path, 'collateral'), names);
  const collateral = new Map<string, bigint>();
  for (const asset of market.assets) {
    if (Object.hasOwn(c, asset.asset)) {
      collateral.set(asset.asset, checkUint(c[asset.asset], joinPath(joinPath(path, 'collateral'), asset.asset), 128));
    }
  }
  return { principal, collateral };
}

function checkBig104(value: unknown, path: string): bigint {
  const lim = 2n ** 103n;
  if (typeof value !== 'bigint' || value < -lim || value >= lim)
    throw new RiskInputError(path, 'a bigint in the int104 range', value);
  return value;
}
