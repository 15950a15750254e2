/**
 * The margin account model: plain, JSON-serialisable data that the margin engine, the stress module and the CLI
 * share.
 *
 * An {@link Account} holds positions and collateral at the top level and in sub-accounts. Everything `cross` is
 * netted together in one margin pool (the account's own positions and collateral, every cross sub-account's
 * positions and collateral). An `isolated` sub-account is margined alone with its own collateral; an `isolated`
 * position (`marginMode: 'isolated'`) is margined alone with the collateral it carries in its own `collateral` list.
 *
 * Units: position quantities as in the shared model ({@link Position}); collateral amounts in units of the asset
 * (exact decimals: strings, numbers, `Decimal` or bigint base units with `decimals`).
 */
import { RiskInputError } from '../core/errors.js';
import { isPrepared, markPrepared } from '../core/brand.js';
import type { Market, Position } from '../core/model.js';
import { validateMarket, validatePosition } from '../core/model.js';
import { toMoney } from '../core/money.js';
import type { Money, MoneyInput } from '../core/money.js';
import {
  checkArray,
  checkNumber,
  checkStrictObject,
  checkString,
  joinPath,
  knownKeys,
  optionalEnum,
  ownValue,
} from '../core/validate.js';

/** A collateral holding: `amount` units of `asset` (e.g. `{ asset: 'USDC', amount: '25000' }`). */
export interface CollateralHolding {
  /** Asset name: a key of `market.assets`, or a cash asset valued at 1 (the market's quote, or one listed in the params' `cashAssets` that the market does not price). */
  asset: string;
  /** Amount in units of the asset (≥ 0). A bigint is base units with `decimals` decimals. */
  amount: MoneyInput;
  /** Token decimals for a bigint `amount` (e.g. 6 for USDC, 18 for ETH). */
  decimals?: number;
}

/** A position in an account: the shared {@link Position}, plus the collateral an isolated position carries. */
export type AccountPosition = Position & {
  /** Collateral posted to this position alone; only for `marginMode: 'isolated'`. */
  collateral?: CollateralHolding[];
};

/** A sub-account: its own positions and collateral, netted with the account (`cross`) or margined alone (`isolated`). */
export interface SubAccount {
  id?: string;
  /** Default `'cross'`. */
  marginMode?: 'cross' | 'isolated';
  positions?: AccountPosition[];
  collateral?: CollateralHolding[];
}

/** A margin account. Every list is optional; an empty account has zero equity and zero margin. */
export interface Account {
  id?: string;
  /** Positions of the main account (cross unless a position says `marginMode: 'isolated'`). */
  positions?: AccountPosition[];
  /** Collateral of the main (cross) pool. */
  collateral?: CollateralHolding[];
  subAccounts?: SubAccount[];
}

/** A validated collateral holding with its exact amount. */
export interface ValidCollateral {
  asset: string;
  amount: Money;
  /** Where it came from, e.g. `account.subAccounts[1].collateral[0]`. */
  path: string;
}

/** A validated position with the path it was read from. */
export interface ValidPosition {
  position: Position;
  path: string;
}

/** One margin pool: the cross pool, an isolated sub-account, or an isolated position. */
export interface MarginUnit {
  /** `'cross'`, or the path of the isolated sub-account / position (`account.subAccounts[1]`). */
  key: string;
  mode: 'cross' | 'isolated';
  positions: ValidPosition[];
  collateral: ValidCollateral[];
}

/** A validated account split into its margin pools (the cross pool first, always present). */
export interface ValidAccount {
  id?: string;
  units: MarginUnit[];
}

const ACCOUNT_KEYS = knownKeys('id', 'positions', 'collateral', 'subAccounts');
const SUB_ACCOUNT_KEYS = knownKeys('id', 'marginMode', 'positions', 'collateral');
const COLLATERAL_KEYS = knownKeys('asset', 'amount', 'decimals');
/** The brand of a validated account (core/brand.ts). */
const ACCOUNT_BRAND = 'netting.account';

function validateCollateralList(value: unknown, path: string): ValidCollateral[] {
  if (value === undefined) return [];
  return checkArray(value, path).map((h, i) => {
    const hp = `${path}[${i}]`;
    const o = checkStrictObject(h, hp, COLLATERAL_KEYS);
    const asset = checkString(o.asset, joinPath(hp, 'asset'));
    const decimals =
      o.decimals === undefined
        ? undefined
        : checkNumber(o.decimals, joinPath(hp, 'decimals'), { ge: 0, le: 36, integer: true });
    const amount = toMoney(o.amount, joinPath(hp, 'amount'), {
      min: 'nonnegative',
      ...(decimals !== undefined ? { decimals } : {}),
    });
    return { asset, amount, path: hp };
  });
}

/**
 * One account position through the shared contract ({@link validatePosition}); the `collateral` an isolated
 * position carries is the one field an account position adds, so it is taken off before the position is checked.
 */
function accountPosition(raw: unknown, pp: string): { position: Position; collateral: unknown } {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && Object.hasOwn(raw, 'collateral')) {
    const { collateral, ...rest } = raw as Record<string, unknown>;
    return { position: validatePosition(rest, pp), collateral };
  }
  return { position: validatePosition(raw, pp), collateral: undefined };
}

function validatePositionList(
  value: unknown,
  path: string,
  cross: MarginUnit,
  units: MarginUnit[],
  forceIsolated: MarginUnit | null,
): void {
  if (value === undefined) return;
  const list = checkArray(value, path);
  for (let i = 0; i < list.length; i++) {
    const pp = `${path}[${i}]`;
    const { position, collateral } = accountPosition(list[i], pp);
    if (forceIsolated) {
      if (collateral !== undefined) {
        throw new RiskInputError(
          joinPath(pp, 'collateral'),
          "absent (a position in an isolated sub-account uses the sub-account's collateral)",
          collateral,
        );
      }
      forceIsolated.positions.push(validPosition({ ...position, marginMode: 'isolated' }, pp));
    } else if (position.marginMode === 'isolated') {
      units.push({
        key: pp,
        mode: 'isolated',
        positions: [validPosition(position, pp)],
        collateral: validateCollateralList(collateral, joinPath(pp, 'collateral')),
      });
    } else {
      if (collateral !== undefined) {
        throw new RiskInputError(
          joinPath(pp, 'collateral'),
          "absent on a cross position (post cross collateral to the account), or marginMode: 'isolated'",
          collateral,
        );
      }
      cross.positions.push(validPosition(position, pp));
    }
  }
}

/**
 * A validated position with its path. The account's pools and lists are frozen; the position objects are not (a
 * freeze per position costs more than validating it again would save): treat them as read-only.
 */
const validPosition = (position: Position, path: string): ValidPosition => ({ position, path });

/** Freeze the pools and brand the account: only {@link validateAccount} makes a value {@link isValidAccount} accepts. */
function sealAccount(id: string | undefined, units: MarginUnit[]): ValidAccount {
  for (const u of units) {
    Object.freeze(u.positions);
    Object.freeze(u.collateral);
    Object.freeze(u);
  }
  return markPrepared(
    Object.freeze({ ...(id !== undefined ? { id } : {}), units: Object.freeze(units) as MarginUnit[] }),
    ACCOUNT_BRAND,
  );
}

/** True only for an account {@link validateAccount} returned (a registry check, never the object's shape). Internal. */
export function isValidAccount(value: unknown): value is ValidAccount {
  return isPrepared(value, ACCOUNT_BRAND);
}

/**
 * A validated account with its positions transformed by `f` (e.g. scenario vols), branded as validated. `f` must
 * return a valid position of the same underlying. Internal: for modules that margin shocked copies of an account.
 */
export function mapValidPositions(account: ValidAccount, f: (p: ValidPosition) => ValidPosition): ValidAccount {
  if (!isValidAccount(account)) throw new RiskInputError('account', 'an account returned by validateAccount', account);
  const units = account.units.map((u) => ({
    ...u,
    positions: u.positions.map((vp) => {
      const out = f(vp);
      return out === vp ? vp : validPosition(out.position, out.path);
    }),
  }));
  return sealAccount(account.id, units);
}

/**
 * Validate an account once, with readable paths (`account.subAccounts[1].positions[3].strike`), and split it
 * into margin pools. Position underlyings are checked against `market` when one is given. Strict: a key that is
 * not a field (`account.subAccounts[0].marginmode`) is refused with the closest field named. The result is frozen
 * and branded: margin functions take it without validating again; anything else (an object of the same shape
 * included) is validated as account input.
 *
 * @example
 * ```ts
 * import { validateAccount } from 'riskcore/netting';
 * const v = validateAccount({
 *   collateral: [{ asset: 'USDC', amount: '10000' }],
 *   positions: [{ kind: 'perp', underlying: 'BTC', quantity: 1 }],
 *   subAccounts: [{ marginMode: 'isolated', positions: [{ kind: 'perp', underlying: 'ETH', quantity: -5 }], collateral: [{ asset: 'USDC', amount: 2000 }] }],
 * });
 * console.log(v.units.map((u) => u.key).join(' ')); // 'cross account.subAccounts[0]'
 * ```
 */
export function validateAccount(value: unknown, path = 'account', market?: Market): ValidAccount {
  if (isValidAccount(value)) {
    if (market !== undefined) checkAccountMarket(value, validateMarket(market, 'market'));
    return value;
  }
  const o = checkStrictObject(value, path, ACCOUNT_KEYS);
  if (market !== undefined) market = validateMarket(market, 'market');
  const id = o.id === undefined ? undefined : checkString(o.id, joinPath(path, 'id'));
  const cross: MarginUnit = {
    key: 'cross',
    mode: 'cross',
    positions: [],
    collateral: validateCollateralList(o.collateral, joinPath(path, 'collateral')),
  };
  const units: MarginUnit[] = [cross];
  validatePositionList(o.positions, joinPath(path, 'positions'), cross, units, null);
  if (o.subAccounts !== undefined) {
    checkArray(o.subAccounts, joinPath(path, 'subAccounts')).forEach((s, i) => {
      const sp = `${joinPath(path, 'subAccounts')}[${i}]`;
      const so = checkStrictObject(s, sp, SUB_ACCOUNT_KEYS);
      if (so.id !== undefined) checkString(so.id, joinPath(sp, 'id'));
      const mode = optionalEnum(so.marginMode, joinPath(sp, 'marginMode'), ['cross', 'isolated'] as const, 'cross');
      const collateral = validateCollateralList(so.collateral, joinPath(sp, 'collateral'));
      if (mode === 'isolated') {
        const unit: MarginUnit = { key: sp, mode: 'isolated', positions: [], collateral };
        units.push(unit);
        validatePositionList(so.positions, joinPath(sp, 'positions'), cross, units, unit);
      } else {
        cross.collateral = [...cross.collateral, ...collateral];
        validatePositionList(so.positions, joinPath(sp, 'positions'), cross, units, null);
      }
    });
  }
  const account = sealAccount(id, units);
  if (market) checkAccountMarket(account, market);
  return account;
}

/**
 * Check a validated account against a validated market: every underlying is an asset of the market (own property:
 * `constructor` is a name, not a prototype member), every option has a vol, and no notional overflows. Internal.
 */
export function checkAccountMarket(account: ValidAccount, market: Market): void {
  for (const u of account.units) {
    for (const { position, path: pp } of u.positions) {
      const a = ownValue(market.assets, position.underlying);
      if (!a)
        throw new RiskInputError(
          joinPath(pp, 'underlying'),
          `an asset present in market.assets (${Object.keys(market.assets).join(', ') || 'none'})`,
          position.underlying,
        );
      if (position.kind === 'option' && position.vol === undefined && a.vol === undefined && a.smile === undefined) {
        throw new RiskInputError(
          `market.assets.${position.underlying}.vol`,
          `a vol (or smile) for the option at ${pp}`,
          undefined,
        );
      }
      checkNotional(position, a, pp);
    }
  }
}

/** Largest notional (quote currency) of one position: scenario P&L and margins stay far from overflow. */
const MAX_NOTIONAL = 1e200;

/** Reject a position whose notional could overflow the margin arithmetic, naming the absurd factor. */
function checkNotional(p: Position, a: Market['assets'][string], pp: string): void {
  const inverse = (p.kind === 'perp' || p.kind === 'future') && p.settlement === 'inverse';
  const scale = inverse ? 1 : p.kind === 'option' ? Math.max(a.price, p.strike) : Math.max(a.price, a.mark ?? 0);
  const notional = Math.abs(p.quantity) * scale;
  const px = Math.max(a.price, a.mark ?? 0);
  if (!(px <= MAX_NOTIONAL)) {
    // a price beyond 1e200 overflows the scenario grid whatever the quantity (even 0, which is still scanned)
    throw new RiskInputError(
      `market.assets.${p.underlying}.${(a.mark ?? 0) > a.price ? 'mark' : 'price'}`,
      `a price at most ${MAX_NOTIONAL}`,
      px,
    );
  }
  if (notional <= MAX_NOTIONAL) return;
  const [path, v] =
    inverse || Math.abs(p.quantity) > 1e100
      ? [joinPath(pp, 'quantity'), p.quantity]
      : p.kind === 'option' && p.strike > a.price
        ? [joinPath(pp, 'strike'), p.strike]
        : [
            `market.assets.${p.underlying}.${(a.mark ?? 0) > a.price ? 'mark' : 'price'}`,
            Math.max(a.price, a.mark ?? 0),
          ];
  throw new RiskInputError(
    path,
    `a size whose notional |quantity|·price is at most ${MAX_NOTIONAL} at ${pp}`,
    v,
    `notional ${notional}`,
  );
}

/** Validate an account together with its market (see {@link validateAccount}); returns both normalised. */
export function validateAccountBook(account: unknown, market: unknown): { account: ValidAccount; market: Market } {
  const m = validateMarket(market, 'market');
  return { account: validateAccount(account, 'account', m), market: m };
}
