/**
 * Euler v2 (EVK) liability vault and account inputs, validation, and the liquidity computation of
 * LiquidityUtils.calculateLiquidity. Values in the vault's unit of account as the oracle quotes them:
 * quote(amount) = amount × price / 1e18 (price: unit of account per 1e18 base units, the EVK test oracle's
 * convention; a unit-of-account liability has price 1e18). LTVs and the maximum discount in CONFIG_SCALE 1e4.
 * Model of euler-xyz/euler-vault-kit at 5b98b42048ba11ae82fb62dfec06d1010c8e41e6 (EVault/modules/Liquidation.sol,
 * shared/LiquidityUtils.sol, shared/types/LTVConfig.sol).
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
import { WAD } from '../evm/constants.js';
import { mulDivDownRaw } from '../evm/raw.js';
import { checkUint } from '../preview/check.js';

/** One collateral accepted by the liability vault (its LTV config and oracle price). */
export interface EulerCollateral {
  asset: string;
  /** Unit of account per 1e18 base units of the collateral (vault shares priced through to assets). */
  price: bigint;
  /** Borrowing LTV, 1e4 = 100%. */
  borrowLTV: number;
  /** Liquidation LTV (the ramp's target), 1e4 = 100%; ≥ borrowLTV. */
  liquidationLTV: number;
  /** LTV ramp: the liquidation LTV before the last change, the ramp's end (unix seconds) and duration (seconds). */
  initialLiquidationLTV?: number;
  targetTimestamp?: number;
  rampDuration?: number;
}

/** The liability (controller) vault. */
export interface EulerVault {
  /** Unit of account per 1e18 base units of the borrowed asset (1e18 when it is the unit of account). */
  liabilityPrice: bigint;
  /** maxLiquidationDiscount, 1e4 = 100%, below 1e4 (E_BadMaxLiquidationDiscount; EVK tests use 0.2e4). */
  maxLiquidationDiscount: number;
  /** liquidationCoolOffTime, seconds after the account's last successful status check (default 0). */
  liquidationCoolOffTime?: number;
  collaterals: EulerCollateral[];
}

/** A borrower: debt owed to the vault (assets, rounded up), enabled collaterals' balances, last status check. */
export interface EulerAccount {
  debt: bigint;
  collateral: Record<string, bigint>;
  /** Unix seconds of the last successful account status check (for the cool-off). */
  lastStatusCheck?: number;
}

/** 1e4. */
export const CONFIG_SCALE = 10_000n;
/** MIN_SOCIALIZATION_LIABILITY_VALUE. */
export const MIN_SOCIALIZATION_LIABILITY_VALUE = 10n ** 6n;

const VAULT_KEYS = knownKeys('liabilityPrice', 'maxLiquidationDiscount', 'liquidationCoolOffTime', 'collaterals');
const COLL_KEYS = knownKeys(
  'asset',
  'price',
  'borrowLTV',
  'liquidationLTV',
  'initialLiquidationLTV',
  'targetTimestamp',
  'rampDuration',
);
const ACCOUNT_KEYS = knownKeys('debt', 'collateral', 'lastStatusCheck');

/** A validated collateral (numbers as bigints). */
export interface EulerCollateralV {
  asset: string;
  price: bigint;
  borrowLTV: bigint;
  liquidationLTV: bigint;
  initialLiquidationLTV: bigint;
  targetTimestamp: bigint;
  rampDuration: bigint;
}
export interface EulerVaultV {
  liabilityPrice: bigint;
  maxLiquidationDiscount: bigint;
  liquidationCoolOffTime: bigint;
  collaterals: EulerCollateralV[];
}
export interface EulerAccountV {
  debt: bigint;
  collateral: Map<string, bigint>;
  /** null when not given. */
  lastStatusCheck: bigint | null;
}

const bps = (v: unknown, path: string, le = 10_000): bigint =>
  BigInt(checkNumber(v, path, { ge: 0, le, integer: true }));
const secs = (v: unknown, path: string): bigint =>
  v === undefined ? 0n : BigInt(checkNumber(v, path, { ge: 0, le: 2 ** 48 - 1, integer: true }));

/** Validates a vault. */
export function readEulerVault(value: unknown, path = 'vault'): EulerVaultV {
  const v = checkStrictObject(value, path, VAULT_KEYS);
  const at = (k: string) => joinPath(path, k);
  const seen = new Set<string>();
  const collaterals = checkArray(v.collaterals, at('collaterals')).map((c, i): EulerCollateralV => {
    const p = joinPath(at('collaterals'), i);
    const o = checkStrictObject(c, p, COLL_KEYS);
    if (typeof o.asset !== 'string' || o.asset === '')
      throw new RiskInputError(joinPath(p, 'asset'), 'a non-empty string', o.asset);
    if (seen.has(o.asset)) throw new RiskInputError(joinPath(p, 'asset'), 'a name not listed before', o.asset);
    seen.add(o.asset);
    const borrowLTV = bps(o.borrowLTV, joinPath(p, 'borrowLTV'));
    const liquidationLTV = bps(o.liquidationLTV, joinPath(p, 'liquidationLTV'));
    if (borrowLTV > liquidationLTV)
      throw new RiskInputError(joinPath(p, 'borrowLTV'), 'at most liquidationLTV (E_LTVBorrow)', Number(borrowLTV));
    const initialLiquidationLTV =
      o.initialLiquidationLTV === undefined
        ? liquidationLTV
        : bps(o.initialLiquidationLTV, joinPath(p, 'initialLiquidationLTV'));
    const rampDuration = secs(o.rampDuration, joinPath(p, 'rampDuration'));
    const targetTimestamp = secs(o.targetTimestamp, joinPath(p, 'targetTimestamp'));
    if (initialLiquidationLTV > liquidationLTV && targetTimestamp > 0n && rampDuration === 0n)
      throw new RiskInputError(joinPath(p, 'rampDuration'), 'above 0 for a ramp', 0);
    return {
      asset: o.asset,
      price: checkUint(o.price, joinPath(p, 'price'), 128),
      borrowLTV,
      liquidationLTV,
      initialLiquidationLTV,
      targetTimestamp,
      rampDuration,
    };
  });
  return {
    liabilityPrice: checkUint(v.liabilityPrice, at('liabilityPrice'), 128),
    maxLiquidationDiscount: bps(v.maxLiquidationDiscount, at('maxLiquidationDiscount'), 9_999),
    liquidationCoolOffTime: secs(v.liquidationCoolOffTime, at('liquidationCoolOffTime')),
    collaterals,
  };
}

/** Validates an account against a vault (collateral names must be the vault's). */
export function readEulerAccount(value: unknown, v: EulerVaultV, path = 'account'): EulerAccountV {
  const a = checkStrictObject(value, path, ACCOUNT_KEYS);
  const cp = joinPath(path, 'collateral');
  const c = checkObject(a.collateral, cp);
  checkKeys(c, cp, new Set(v.collaterals.map((x) => x.asset)));
  const collateral = new Map<string, bigint>();
  for (const x of v.collaterals)
    if (Object.hasOwn(c, x.asset)) collateral.set(x.asset, checkUint(c[x.asset], joinPath(cp, x.asset), 256 - 128));
  return {
    debt: checkUint(a.debt, joinPath(path, 'debt'), 128),
    collateral,
    lastStatusCheck:
      a.lastStatusCheck === undefined ? null : secs(a.lastStatusCheck, joinPath(path, 'lastStatusCheck')),
  };
}

/** The oracle quote: amount × price / 1e18. */
export const quote = (amount: bigint, price: bigint): bigint => mulDivDownRaw(amount, price, WAD);

/** LTVConfigLib.getLTV: the borrowing LTV, or the liquidation LTV ramped linearly down from its initial value. */
export function ltvOf(c: EulerCollateralV, liquidation: boolean, now: bigint | null): bigint {
  if (!liquidation) return c.borrowLTV;
  if (now === null || now >= c.targetTimestamp || c.liquidationLTV >= c.initialLiquidationLTV) return c.liquidationLTV;
  return (
    c.liquidationLTV +
    mulDivDownRaw(c.initialLiquidationLTV - c.liquidationLTV, c.targetTimestamp - now, c.rampDuration)
  );
}

/** calculateLiquidity: Σ quote(balance) × LTV / 1e4 over enabled collaterals, and the liability's value. */
export function liquidityOf(
  a: EulerAccountV,
  v: EulerVaultV,
  liquidation: boolean,
  now: bigint | null,
): { collateralValue: bigint; liabilityValue: bigint } {
  let collateralValue = 0n;
  for (const c of v.collaterals) {
    const bal = a.collateral.get(c.asset) ?? 0n;
    const ltv = ltvOf(c, liquidation, now);
    if (ltv === 0n || bal === 0n) continue;
    collateralValue += mulDivDownRaw(quote(bal, c.price), ltv, CONFIG_SCALE);
  }
  return { collateralValue, liabilityValue: a.debt === 0n ? 0n : quote(a.debt, v.liabilityPrice) };
}
