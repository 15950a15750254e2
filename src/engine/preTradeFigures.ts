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

/** Own accessor properties of a result: the figure, or what was assigned to the field. */
const FIELDS: [keyof PreTradeResult, PropertyDescriptor][] = [];

/** A base whose constructor yields the object it is given, so a subclass stamps its private fields on that object. */
class Stamp {
  constructor(o: object) {
    // biome-ignore lint/correctness/noConstructorReturn: returning `o` is the point: private fields on a plain object
    return o;
  }
}

/**
 * The private state of a result (its figures, and the money built or assigned per field), stamped on the plain
 * result object; the accessors of {@link FIELDS} read it.
 */
class Figures extends Stamp {
  #f: PreTradeFigures;
  #im: Money | undefined = undefined;
  #mm: Money | undefined = undefined;
  #eq: Money | undefined = undefined;
  #free: Money | undefined = undefined;

  constructor(o: object, f: PreTradeFigures) {
    super(o);
    this.#f = f;
  }

  static {
    const field = (
      key: keyof PreTradeResult,
      get: (o: Figures) => Money,
      set: (o: Figures, v: Money) => void,
    ): void => {
      FIELDS.push([
        key,
        {
          get(this: Figures) {
            return get(this);
          },
          set(this: Figures, v: Money) {
            set(this, v);
          },
          enumerable: true,
          configurable: true,
        },
      ]);
    };
    field(
      'initialMargin',
      (o) => (o.#im ??= o.#f.initialMargin()),
      (o, v) => {
        o.#im = v;
      },
    );
    field(
      'maintenanceMargin',
      (o) => (o.#mm ??= o.#f.maintenanceMargin()),
      (o, v) => {
        o.#mm = v;
      },
    );
    field(
      'equity',
      (o) => (o.#eq ??= o.#f.equity()),
      (o, v) => {
        o.#eq = v;
      },
    );
    field(
      'freeCollateral',
      (o) => (o.#free ??= o.#f.freeCollateral()),
      (o, v) => {
        o.#free = v;
      },
    );
  }
}

/**
 * The public result: a plain object, `accepted` (and `reason`) data properties, the money fields own enumerable
 * accessor properties built on first read (and assignable), so it reads, spreads, compares and serialises as an
 * object of plain fields.
 */
export function preTradeResult(accepted: boolean, reason: string | undefined, f: PreTradeFigures): PreTradeResult {
  const res = { accepted } as PreTradeResult;
  new Figures(res, f);
  for (let i = 0; i < FIELDS.length; i++) Object.defineProperty(res, FIELDS[i][0], FIELDS[i][1]);
  if (reason !== undefined) res.reason = reason;
  return res;
}
