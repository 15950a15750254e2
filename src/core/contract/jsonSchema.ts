/**
 * The JSON Schema (draft 2020-12) of the book model, generated from the same specs as the validators. What JSON
 * Schema can state — types, bounds, required and unknown fields, enums, unit-slip limits with the `allowExtreme`
 * opt-out, conditional bounds (the Bachelier strike), forbidden combinations (Bachelier with inverse settlement) —
 * is stated; the rest (cross-field and cross-object rules: smile strikes increasing, underlyings present in the
 * market, correlation symmetric/PSD, money range of decimal strings) is listed in each object's `$comment` and
 * enforced by the library only. Internal.
 */
import { MONEY_MAX } from '../money.js';
import { PLAUSIBLE } from '../validate.js';
import { COLLATERAL, MARKET, POSITIONS } from './book.js';
import { BOOK_DOCS } from './bookDocs.js';
import type { Cond, FieldDoc, FieldSpec, NumberField, ObjectDocs, ObjectSpec } from './spec.js';

/** A JSON Schema (2020-12) document, as a plain object. */
export type Schema = Record<string, unknown>;

/** Decimal strings as toMoney reads them (surrounding white space trimmed). */
const MONEY_PATTERN = '^\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*$';
/** The same, without a minus sign except on a zero (`-0` is >= 0). */
const NONNEGATIVE_MONEY_PATTERN = '^\\s*(\\+?(\\d+(\\.\\d*)?|\\.\\d+)|-(0+(\\.0*)?|\\.0+))([eE][+-]?\\d+)?\\s*$';

const condSchema = (c: Cond): Schema => ({ required: [c.field], properties: { [c.field]: { const: c.equals } } });

function bounds(f: NumberField): Schema {
  const s: Schema = {};
  if (f.gt !== undefined) s.exclusiveMinimum = f.gt;
  if (f.ge !== undefined) s.minimum = f.ge;
  if (f.lt !== undefined) s.exclusiveMaximum = f.lt;
  if (f.le !== undefined) s.maximum = f.le;
  return s;
}

/** The documentation of an object type (bookDocs.ts); every spec of the contract has one. */
function docsOf(spec: ObjectSpec): ObjectDocs {
  const d = BOOK_DOCS[spec.name];
  if (d === undefined) throw new Error(`no documentation for the contract type ${spec.name}`);
  return d;
}

function withDoc(s: Schema, f: FieldSpec, doc: FieldDoc): Schema {
  const description = typeof doc === 'string' ? doc : doc.doc;
  return { ...s, description, ...(f.default !== undefined ? { default: f.default } : {}) };
}

/** The documentation of an array field's items. */
function itemsDoc(doc: FieldDoc): FieldDoc {
  if (typeof doc === 'string') throw new Error(`no documentation for the items of the array field '${doc}'`);
  return doc.items;
}

/** The schema of one field (bounds that depend on a sibling are stated by the owning object). */
export function fieldSchema(f: FieldSpec, doc: FieldDoc): Schema {
  switch (f.type) {
    case 'number':
      return withDoc({ type: f.integer ? 'integer' : 'number', ...(f.boundsUnless ? {} : bounds(f)) }, f, doc);
    case 'string':
      return withDoc({ type: 'string', minLength: 1 }, f, doc);
    case 'enum':
      return withDoc(
        f.values.length === 1 ? { type: 'string', const: f.values[0] } : { type: 'string', enum: [...f.values] },
        f,
        doc,
      );
    case 'boolean':
      return withDoc({ type: 'boolean' }, f, doc);
    case 'money': {
      const lo = f.min === 'positive' ? { exclusiveMinimum: 0 } : { minimum: f.min === 'nonnegative' ? 0 : -MONEY_MAX };
      const pattern = f.min === undefined ? MONEY_PATTERN : NONNEGATIVE_MONEY_PATTERN;
      return withDoc(
        {
          anyOf: [
            { type: 'string', pattern },
            { type: 'number', ...lo, maximum: MONEY_MAX },
          ],
        },
        f,
        doc,
      );
    }
    case 'array':
      return withDoc(
        { type: 'array', ...(f.minItems ? { minItems: f.minItems } : {}), items: fieldSchema(f.items, itemsDoc(doc)) },
        f,
        doc,
      );
    case 'object':
      return withDoc(objectSchema(f.spec), f, doc);
    case 'record':
      return withDoc(
        { type: 'object', propertyNames: { minLength: 1 }, additionalProperties: objectSchema(f.values) },
        f,
        doc,
      );
  }
}

/** The unit-slip limits of a field as a schema fragment, or undefined (objects with their own flag state theirs). */
function plausibleFragment(f: FieldSpec): Schema | undefined {
  switch (f.type) {
    case 'number': {
      if (f.plausible === undefined) return undefined;
      const max = PLAUSIBLE[f.plausible].max;
      return { minimum: -max, maximum: max };
    }
    case 'array': {
      const items = plausibleFragment(f.items);
      return items && { items };
    }
    case 'object': {
      if (f.spec.keys.has('allowExtreme')) return undefined;
      const parts = plausibleParts(f.spec);
      return parts.length > 0 ? { allOf: parts } : undefined;
    }
    default:
      return undefined;
  }
}

function plausibleParts(spec: ObjectSpec): Schema[] {
  const parts: Schema[] = [];
  for (const [key, f] of spec.entries) {
    const frag = plausibleFragment(f);
    if (!frag) continue;
    const p = { properties: { [key]: frag } };
    parts.push(f.type === 'number' && f.plausibleUnless ? { if: condSchema(f.plausibleUnless), else: p } : p);
  }
  return parts;
}

/** The schema of an object type: its fields, strict, with its conditional rules. */
export function objectSchema(spec: ObjectSpec): Schema {
  const docs = docsOf(spec);
  const rules = docs.rules ?? [];
  const properties: Schema = {};
  const allOf: Schema[] = [];
  for (const [key, f] of spec.entries) {
    properties[key] = fieldSchema(f, docs.fields[key]);
    if (f.type === 'number' && f.boundsUnless)
      allOf.push({ if: condSchema(f.boundsUnless), else: { properties: { [key]: bounds(f) } } });
  }
  for (const r of spec.forbid) {
    allOf.push({
      if: condSchema(r.when),
      // biome-ignore lint/suspicious/noThenProperty: `then` is JSON Schema's conditional keyword, not a thenable
      then: { not: { required: [r.field], properties: { [r.field]: { const: r.equals } } } },
    });
  }
  if (spec.keys.has('allowExtreme')) {
    const parts = plausibleParts(spec);
    if (parts.length > 0)
      allOf.push({ if: condSchema({ field: 'allowExtreme', equals: true }), else: { allOf: parts } });
  }
  return {
    type: 'object',
    description: docs.doc,
    ...(rules.length > 0 ? { $comment: `Also enforced by the library: ${rules.join('; ')}.` } : {}),
    properties,
    ...(spec.required.length > 0 ? { required: [...spec.required] } : {}),
    additionalProperties: false,
    ...(allOf.length > 0 ? { allOf } : {}),
  };
}

/**
 * JSON Schema (2020-12) of a position: one of the four kinds, told apart by `kind`. Generated from the contract the
 * validators read, so a document it accepts is one `validatePosition` accepts (the rules JSON Schema cannot express
 * are listed in `$comment`).
 *
 * @example
 * ```ts
 * import { positionJsonSchema } from 'riskcore';
 * console.log(Array.isArray(positionJsonSchema().oneOf)); // true
 * ```
 */
export function positionJsonSchema(): Schema {
  return { oneOf: Object.values(POSITIONS).map(objectSchema) };
}

/**
 * JSON Schema (2020-12) of a market snapshot, from the same contract as `validateMarket`.
 *
 * @example
 * ```ts
 * import { marketJsonSchema } from 'riskcore';
 * console.log(marketJsonSchema().additionalProperties); // false
 * ```
 */
export function marketJsonSchema(): Schema {
  return objectSchema(MARKET);
}

/**
 * JSON Schema (2020-12) of a collateral holding, from the same contract as `validateCollateral`.
 *
 * @example
 * ```ts
 * import { collateralJsonSchema } from 'riskcore';
 * console.log(collateralJsonSchema().required); // [ 'asset', 'amount' ]
 * ```
 */
export function collateralJsonSchema(): Schema {
  return objectSchema(COLLATERAL);
}
