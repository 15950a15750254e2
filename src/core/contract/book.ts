/**
 * The book model's input contract, written once: positions (spot, perp, future, option), collateral, asset
 * market data, correlation and the market. The validators of `core/model.ts`, the TS types (checked against
 * these specs by test/core/contract.types.test.ts) and the JSON Schema of `schema/book.schema.json` all come
 * from here; the schema's descriptions and rule comments come from `bookDocs.ts`, typed field for field against
 * these specs (kept apart so that a validator does not carry the documentation text).
 *
 * Units: prices in the quote currency per unit of the underlying; vols per unit (0.2 = 20%); expiry in years;
 * rates and yields continuously compounded per year; quantities signed (long > 0).
 */
import { RiskInputError } from '../errors.js';
import { joinPath } from '../validate.js';
import { allowExtremeField, objectSpec } from './spec.js';
import type { FieldSpec } from './spec.js';

export const SETTLEMENTS = ['linear', 'inverse'] as const;
export const MODELS = ['bsm', 'black76', 'bachelier'] as const;
export const MARGIN_MODES = ['cross', 'isolated'] as const;
export const KINDS = ['spot', 'perp', 'future', 'option'] as const;
export const OPTION_TYPES = ['call', 'put'] as const;

/** A collateral holding: an amount of an asset of the market. */
export const COLLATERAL = objectSpec('Collateral', {
  asset: { type: 'string', required: true },
  decimals: { type: 'number', ge: 0, le: 36, integer: true },
  amount: { type: 'money', min: 'nonnegative', required: true },
});

const settlement = { type: 'enum', values: SETTLEMENTS, default: 'linear' } as const satisfies FieldSpec;
const entryPrice = { type: 'number', gt: 0 } as const satisfies FieldSpec;
const expiry = { type: 'number', ge: 0, plausible: 'expiry', required: true } as const satisfies FieldSpec;

function position<F extends Record<string, FieldSpec>>(
  kind: (typeof KINDS)[number],
  own: F,
  extra: Parameters<typeof objectSpec>[2] = {},
) {
  return objectSpec(
    `${kind[0].toUpperCase()}${kind.slice(1)}Position`,
    {
      kind: { type: 'enum', values: [kind], required: true },
      id: { type: 'string' },
      underlying: { type: 'string', required: true },
      quantity: { type: 'number', required: true },
      marginMode: { type: 'enum', values: MARGIN_MODES, default: 'cross' },
      ...own,
      collateral: { type: 'array', items: { type: 'object', spec: COLLATERAL }, inputOnly: true },
      allowExtreme: allowExtremeField,
    },
    extra,
  );
}

export const SPOT = position('spot', {});
export const PERP = position('perp', { settlement, entryPrice });
export const FUTURE = position('future', { expiry, settlement, entryPrice });
const bachelier = { field: 'model', equals: 'bachelier' } as const;
export const OPTION = position(
  'option',
  {
    type: { type: 'enum', values: OPTION_TYPES, required: true },
    strike: { type: 'number', gt: 0, boundsUnless: bachelier, required: true },
    expiry,
    settlement,
    model: { type: 'enum', values: MODELS, default: 'bsm' },
    vol: { type: 'number', ge: 0, plausible: 'vol', plausibleUnless: bachelier },
    premium: { type: 'number', ge: 0 },
  },
  {
    forbid: [{ when: bachelier, field: 'settlement', equals: 'inverse', expected: "'linear' for the bachelier model" }],
  },
);

/** The position specs by kind. */
export const POSITIONS = { spot: SPOT, perp: PERP, future: FUTURE, option: OPTION } as const;

export const SMILE = objectSpec(
  'VolSmile',
  {
    strikes: { type: 'array', items: { type: 'number', gt: 0 }, minItems: 1, required: true },
    vols: { type: 'array', items: { type: 'number', ge: 0, plausible: 'vol' }, minItems: 1, required: true },
  },
  { check: checkSmile },
);

function checkSmile(out: Record<string, unknown>, path: string): void {
  const ks = out.strikes as number[];
  const vs = out.vols as number[];
  if (vs.length !== ks.length)
    throw new RiskInputError(joinPath(path, 'vols'), `an array of length ${ks.length} (one per strike)`, vs);
  for (let i = 1; i < ks.length; i++) {
    if (!(ks[i] > ks[i - 1]))
      throw new RiskInputError(`${joinPath(path, 'strikes')}[${i}]`, `a finite number > ${ks[i - 1]}`, ks[i]);
  }
}

export const ASSET_MARKET = objectSpec('AssetMarket', {
  price: { type: 'number', gt: 0, required: true },
  mark: { type: 'number', gt: 0 },
  vol: { type: 'number', ge: 0, plausible: 'vol' },
  smile: { type: 'object', spec: SMILE },
  dividendYield: { type: 'number', plausible: 'rate' },
  allowExtreme: allowExtremeField,
});

export const CORRELATION = objectSpec('CorrelationInput', {
  assets: { type: 'array', items: { type: 'string' }, minItems: 1, required: true },
  matrix: {
    type: 'array',
    minItems: 1,
    required: true,
    items: { type: 'array', minItems: 1, items: { type: 'number', ge: -1, le: 1 } },
  },
});

export const MARKET = objectSpec('Market', {
  assets: { type: 'record', values: ASSET_MARKET, required: true },
  rate: { type: 'number', plausible: 'rate', default: 0 },
  correlation: { type: 'object', spec: CORRELATION, custom: true },
  quote: { type: 'string', default: 'USD' },
  allowExtreme: allowExtremeField,
});
