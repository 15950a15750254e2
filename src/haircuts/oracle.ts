/**
 * Oracle risk: a price older than a staleness limit, or off a reference price by more than a limit, is flagged in
 * the result, or refused with {@link RiskInputError} when `refuse` is set.
 */
import { RiskInputError } from '../core/errors.js';
import { Money, toMoney } from '../core/money.js';
import type { MoneyInput } from '../core/money.js';
import { checkNumber, checkStrictObject, checkString, knownKeys } from '../core/validate.js';

const POLICY_KEYS = knownKeys('now', 'maxAge', 'maxDeviation', 'refuse');
const STAMP_KEYS = knownKeys('updatedAt', 'referencePrice');

/** Oracle limits. Times are in seconds (e.g. unix time); deviation is relative (0.02 = 2%). */
export interface OraclePolicy {
  /** Current time, same clock as each price's `updatedAt`. */
  now: number;
  /** A price with `now − updatedAt > maxAge` seconds is stale. */
  maxAge?: number;
  /** A price with |price / referencePrice − 1| > maxDeviation is flagged. */
  maxDeviation?: number;
  /** Throw RiskInputError at the first flagged price instead of reporting it. Default false. */
  refuse?: boolean;
}

/** The oracle data that may come with a price. */
export interface PriceStamp {
  /** When the price was last updated, in seconds on the policy's clock. */
  updatedAt?: number;
  /** An independent reference (e.g. a second oracle, a TWAP) in the same unit as the price. */
  referencePrice?: MoneyInput;
}

/** One flagged price. */
export interface OracleFlag {
  /** Path of the price, e.g. `collateral[1].price`. */
  path: string;
  asset: string;
  kind: 'stale' | 'deviation';
  /** Age in seconds (stale; null when the price has no timestamp) or relative deviation |p/ref − 1| (deviation). */
  measured: number | null;
  /** The limit it broke. */
  limit: number;
}

/** Validate an oracle policy once. */
export function checkOraclePolicy(value: unknown, path = 'oracle'): OraclePolicy {
  const o = checkStrictObject(value, path, POLICY_KEYS);
  const now = checkNumber(o.now, `${path}.now`);
  const maxAge = o.maxAge === undefined ? undefined : checkNumber(o.maxAge, `${path}.maxAge`, { ge: 0 });
  const maxDeviation =
    o.maxDeviation === undefined ? undefined : checkNumber(o.maxDeviation, `${path}.maxDeviation`, { ge: 0 });
  if (o.refuse !== undefined && typeof o.refuse !== 'boolean')
    throw new RiskInputError(`${path}.refuse`, 'a boolean', o.refuse);
  return { now, maxAge, maxDeviation, refuse: o.refuse === true };
}

/**
 * Check one price against the policy; returns the flags (possibly empty), or throws when `policy.refuse`.
 * `pricePath` names the price field in errors and flags (`collateral[0].price`); the stamp's fields are named
 * next to it (`collateral[0].updatedAt`).
 *
 * @example
 * ```ts
 * import { checkPrice } from 'riskcore/haircuts';
 * const flags = checkPrice('ETH', '3000', { updatedAt: 1000, referencePrice: '3100' }, 'prices.ETH', { now: 5000, maxAge: 3600, maxDeviation: 0.02 });
 * console.log(flags.map((f) => f.kind).join(',')); // 'stale,deviation'
 * ```
 */
export function checkPrice(
  asset: string,
  price: MoneyInput | Money,
  stamp: PriceStamp,
  pricePath: string,
  policy: OraclePolicy,
): OracleFlag[] {
  checkString(asset, 'asset');
  checkString(pricePath, 'pricePath');
  toMoney(price, pricePath, { min: 'positive' });
  checkStrictObject(stamp, 'stamp', STAMP_KEYS);
  return flagPrice(asset, price, stamp, pricePath, checkOraclePolicy(policy, 'policy'));
}

/**
 * {@link checkPrice} for callers that validated the price and hold the stamp's fields on a larger object (a
 * collateral line, a price record): reads only `updatedAt` and `referencePrice` of `stamp`. Internal.
 */
export function flagPrice(
  asset: string,
  price: MoneyInput | Money,
  stamp: PriceStamp,
  pricePath: string,
  policy: OraclePolicy,
): OracleFlag[] {
  const flags: OracleFlag[] = [];
  const base = pricePath.endsWith('.price') ? pricePath.slice(0, -'.price'.length) : pricePath;
  const field = (f: string) => (base === pricePath ? `${pricePath}.${f}` : `${base}.${f}`);
  if (policy.maxAge !== undefined) {
    if (stamp.updatedAt === undefined) {
      if (policy.refuse)
        throw new RiskInputError(field('updatedAt'), 'a timestamp (the oracle policy has maxAge)', undefined);
      flags.push({ path: pricePath, asset, kind: 'stale', measured: null, limit: policy.maxAge });
    } else {
      const t = checkNumber(stamp.updatedAt, field('updatedAt'));
      const age = Math.min(policy.now - t, Number.MAX_VALUE); // two timestamps near ±1e308 differ by more than a double holds
      if (age > policy.maxAge) {
        if (policy.refuse)
          throw new RiskInputError(
            pricePath,
            `a price at most ${policy.maxAge}s old`,
            String(price),
            `stale oracle: updated ${age}s ago`,
          );
        flags.push({ path: pricePath, asset, kind: 'stale', measured: age, limit: policy.maxAge });
      }
    }
  }
  if (policy.maxDeviation !== undefined && stamp.referencePrice !== undefined) {
    const ref = toMoney(stamp.referencePrice, field('referencePrice'), { min: 'positive' });
    const p = new Money(price.toString());
    const dev = p.div(ref).minus(1).abs();
    if (dev.gt(policy.maxDeviation)) {
      if (policy.refuse) {
        throw new RiskInputError(
          pricePath,
          `a price within ${policy.maxDeviation} of the reference ${ref.toString()}`,
          String(price),
          `oracle deviation ${dev.toSignificantDigits(6).toString()}`,
        );
      }
      flags.push({
        path: pricePath,
        asset,
        kind: 'deviation',
        measured: Math.min(dev.toNumber(), Number.MAX_VALUE),
        limit: policy.maxDeviation,
      });
    }
  }
  return flags;
}
