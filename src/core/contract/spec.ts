/**
 * The declarative vocabulary of the input contract: a field is a type, its bounds, its plausibility kind, its
 * default and its documentation; an object is its fields plus the cross-field rules. The book model
 * (`book.ts`) is written in this vocabulary once; the runtime validators (`read.ts`) and the JSON Schema
 * (`jsonSchema.ts`) are both derived from it. Internal.
 */
import { knownKeys } from '../validate.js';
import type { KnownKeys, NumberBounds, PlausibleKind } from '../validate.js';

/** A condition on a sibling field's raw value (an absent field never matches). */
export interface Cond {
  field: string;
  equals: string | boolean;
}

interface FieldBase {
  /** One line of documentation with units; becomes the JSON Schema `description`. */
  doc: string;
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
  /** Name of the type (`OptionPosition`). */
  name: string;
  doc: string;
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
  /**
   * Rules the library enforces that JSON Schema cannot state (cross-field or cross-object), documented here and in
   * the schema's `$comment`.
   */
  rules: readonly string[];
  /** Implements the part of `rules` about this object alone, on the normalised copy. */
  check?: (out: Record<string, unknown>, path: string) => void;
}

/** Build an {@link ObjectSpec}, precomputing its key set and required list. */
export function objectSpec<F extends Record<string, FieldSpec>>(
  name: string,
  doc: string,
  fields: F,
  extra: { forbid?: Forbid[]; rules?: string[]; check?: ObjectSpec['check'] } = {},
): ObjectSpec<F> {
  const entries = Object.entries(fields);
  return {
    name,
    doc,
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
    rules: extra.rules ?? [],
    ...(extra.check ? { check: extra.check } : {}),
  };
}

/** The field `allowExtreme`: the documented opt-out of the unit-slip checks of the object that carries it. */
export const allowExtremeField = {
  type: 'boolean',
  doc: 'Allow values beyond the unit-slip limits (vol > 5, |rate| > 1, expiry > 10 years) on this object',
} as const satisfies BooleanField;
