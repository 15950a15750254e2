/**
 * The declarative vocabulary of the input contract: a field is a type, its bounds, its plausibility kind and its
 * default; an object is its fields plus the cross-field checks. The book model (`book.ts`) is written in this
 * vocabulary once; the runtime validators (`read.ts`) and the JSON Schema (`jsonSchema.ts`, with the descriptions
 * and rule comments of `bookDocs.ts`, typed against the specs by {@link ObjectDocs}) are both derived from it.
 * Internal.
 */
import { knownKeys } from '../validate.js';
import type { KnownKeys, NumberBounds, PlausibleKind } from '../validate.js';

/** A condition on a sibling field's raw value (an absent field never matches). */
export interface Cond {
  field: string;
  equals: string | boolean;
}

interface FieldBase {
  /** The field must be present. */
  required?: true;
  /** The value filled in when the field is absent. */
  default?: string | number;
  /** Checked on input but not copied into the normalised output (read by another module from the raw input). */
  inputOnly?: true;
  /** Validated by the owning validator in core/model.ts (a rule beyond the spec), not by the generic reader. */
  custom?: true;
}

/** A finite number (JSON Schema `number`). */
export interface NumberField extends FieldBase {
  type: 'number';
  gt?: number;
  ge?: number;
  lt?: number;
  le?: number;
  integer?: boolean;
  /** Unit-slip check (see `PLAUSIBLE` in validate.ts), waived by `allowExtreme: true` on the owning object. */
  plausible?: PlausibleKind;
  /** The bounds other than finiteness do not apply when this holds. */
  boundsUnless?: Cond;
  /** The plausibility check does not apply when this holds. */
  plausibleUnless?: Cond;
}
/** A non-empty string. */
export interface StringField extends FieldBase {
  type: 'string';
}
/** One of a few string literals. */
export interface EnumField extends FieldBase {
  type: 'enum';
  values: readonly string[];
}
/** A boolean. */
export interface BooleanField extends FieldBase {
  type: 'boolean';
}
/** An exact money amount (core/money.ts): a decimal string or a number. */
export interface MoneyField extends FieldBase {
  type: 'money';
  min?: 'nonnegative' | 'positive';
}
/** An array of one field type. */
export interface ArrayField extends FieldBase {
  type: 'array';
  items: FieldSpec;
  minItems?: number;
}
/** A nested object of a fixed type. */
export interface ObjectField extends FieldBase {
  type: 'object';
  spec: ObjectSpec;
}
/** A record keyed by user data (asset names): non-empty keys, values of one object type. */
export interface RecordField extends FieldBase {
  type: 'record';
  values: ObjectSpec;
}

export type FieldSpec =
  | NumberField
  | StringField
  | EnumField
  | BooleanField
  | MoneyField
  | ArrayField
  | ObjectField
  | RecordField;

/** A value combination refused outright: `field` must not equal `equals` when `when` holds. */
export interface Forbid {
  when: Cond;
  field: string;
  equals: string;
  expected: string;
}

export interface ObjectSpec<F extends Record<string, FieldSpec> = Record<string, FieldSpec>> {
  /** Name of the type (`OptionPosition`), the key of its documentation in `bookDocs.ts`. */
  name: string;
  fields: Readonly<F>;
  /** Field entries in declaration order (precomputed for the validators). */
  entries: readonly (readonly [string, FieldSpec])[];
  /** The same as parallel arrays, with each number field's bounds built once (the validators' hot loop). */
  names: readonly string[];
  specs: readonly FieldSpec[];
  bounds: readonly (NumberBounds | undefined)[];
  /** Every field name (precomputed for checkKeys). */
  keys: KnownKeys;
  required: readonly string[];
  forbid: readonly Forbid[];
  /** Implements the rules about this object alone that bounds cannot state, on the normalised copy. */
  check?: (out: Record<string, unknown>, path: string) => void;
}

/** Build an {@link ObjectSpec}, precomputing its key set and required list. */
export function objectSpec<F extends Record<string, FieldSpec>>(
  name: string,
  fields: F,
  extra: { forbid?: Forbid[]; check?: ObjectSpec['check'] } = {},
): ObjectSpec<F> {
  const entries = Object.entries(fields);
  return {
    name,
    fields,
    entries,
    names: entries.map(([k]) => k),
    specs: entries.map(([, f]) => f),
    bounds: entries.map(([, f]) =>
      f.type === 'number' ? { gt: f.gt, ge: f.ge, lt: f.lt, le: f.le, integer: f.integer } : undefined,
    ),
    keys: knownKeys(...Object.keys(fields)),
    required: entries.filter(([, f]) => f.required).map(([k]) => k),
    forbid: extra.forbid ?? [],
    ...(extra.check ? { check: extra.check } : {}),
  };
}

/** The field `allowExtreme`: the documented opt-out of the unit-slip checks of the object that carries it. */
export const allowExtremeField = { type: 'boolean' } as const satisfies BooleanField;

/** The documentation of a field: one line with units; for an array, also that of its items. */
export type FieldDoc<T = FieldSpec> = T extends { type: 'array'; items: infer I }
  ? { doc: string; items: FieldDoc<I> }
  : string;

/**
 * The documentation of an object type, field for field: the JSON Schema `description` of the type and of each
 * field, and the rules the library enforces that JSON Schema cannot state (cross-field or cross-object), listed in
 * the schema's `$comment`.
 */
export interface ObjectDocs<F extends Record<string, FieldSpec> = Record<string, FieldSpec>> {
  doc: string;
  fields: { readonly [K in keyof F]: FieldDoc<F[K]> };
  rules?: readonly string[];
}
