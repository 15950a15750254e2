/**
 * The figures of a pre-trade check as exact money, built when first read: the check decides in floats and keeps
 * what the exact figures are made of (the cash in base units after the fill, the two-summed position values, the
 * float IM and MM), so a caller reading only `accepted` builds no Decimal. The values are those the engine's
 * `margin` reports after the fill. Internal file of riskcore/engine.
 */
import { Money } from '../core/money.js';
import type { FloatSum } from '../netting/internal.js';
import type { PreTradeResult } from './types.js';

/** The engine's collateral terms: per cash asset 1 − haircut, and the base unit scale `10^decimals`. */
export interface CashTerms {
  cuts: readonly Money[];
  scale: Money;
}

const money = (x: number): Money => new Money(x === 0 ? 0 : x);

/** What the exact figures of one check are built from (fixed at the check: the engine may move on). */
export class PreTradeFigures {
  private eq: Money | null = null;
  private imM: Money | null = null;

  constructor(
    private readonly terms: CashTerms,
    /** Cash per collateral asset after the fill, base units. */
    private readonly units: readonly bigint[],
    private readonly value: FloatSum,
    private readonly im: number,
    private readonly mm: number,
  ) {}

  /** Collateral after haircuts + Σ position value, as `collateralExact` and `FloatSum.decimal` make them. */
  equity(): Money {
    if (this.eq === null) {
      let v = new Money(0);
      for (let k = 0; k < this.units.length; k++) {
        const u = this.units[k];
        if (u !== 0n) v = v.plus(new Money(u.toString()).div(this.terms.scale).mul(this.terms.cuts[k]));
      }
      this.eq = v.plus(this.value.decimal());
    }
    return this.eq;
  }

  initialMargin(): Money {
    if (this.imM === null) this.imM = money(this.im);
    return this.imM;
  }

  maintenanceMargin(): Money {
    return money(this.mm);
  }

  freeCollateral(): Money {
    return this.equity().minus(this.initialMargin());
  }
}

/** Replace the accessor `key` of `o` by a plain data property holding `v` (as the field of a plain object). */
function settle<K extends keyof PreTradeResult>(o: PreTradeResult, key: K, v: PreTradeResult[K]): PreTradeResult[K] {
  Object.defineProperty(o, key, { value: v, writable: true, enumerable: true, configurable: true });
  return v;
}

/**
 * The public result: `accepted` (and `reason`) plain, the money fields own enumerable properties built on first
 * read (then plain data properties), so the object reads, spreads, compares and serialises as one with plain fields.
 */
export function preTradeResult(accepted: boolean, reason: string | undefined, f: PreTradeFigures): PreTradeResult {
  const res: PreTradeResult = {
    accepted,
    get initialMargin() {
      return settle(this, 'initialMargin', f.initialMargin());
    },
    set initialMargin(v: Money) {
      settle(this, 'initialMargin', v);
    },
    get maintenanceMargin() {
      return settle(this, 'maintenanceMargin', f.maintenanceMargin());
    },
    set maintenanceMargin(v: Money) {
      settle(this, 'maintenanceMargin', v);
    },
    get equity() {
      return settle(this, 'equity', f.equity());
    },
    set equity(v: Money) {
      settle(this, 'equity', v);
    },
    get freeCollateral() {
      return settle(this, 'freeCollateral', f.freeCollateral());
    },
    set freeCollateral(v: Money) {
      settle(this, 'freeCollateral', v);
    },
  };
  if (reason !== undefined) res.reason = reason;
  return res;
}
