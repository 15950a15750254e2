/**
 * The book model's input contract, written once: positions (spot, perp, future, option), collateral, asset
 * market data, correlation and the market. The validators of `core/model.ts`, the TS types (checked against
 * these specs by test/core/contract.types.test.ts) and the JSON Schema of `schema/book.schema.json` all come
 * from here.
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
export const COLLATERAL = objectSpec(
  'Collateral',
  'A collateral holding',
  {
    asset: {
      type: 'string',
      required: true,
      doc: 'Key of the collateral asset in market.assets (stablecoins at price 1)',
    },
    decimals: {
      type: 'number',
      ge: 0,
      le: 36,
      integer: true,
      doc: 'Token decimals of a bigint amount in base units (library calls only)',
    },
    amount: {
      type: 'money',
      min: 'nonnegative',
      required: true,
      doc: 'Amount in units of the asset: a decimal string such as "1500000.25" (exact) or a number',
    },
  },
  { rules: ['asset is a key of market.assets'] },
);

const settlement = {
  type: 'enum',
  values: SETTLEMENTS,
  default: 'linear',
  doc: "'linear' pays the quote currency, 'inverse' pays the coin; default 'linear'",
} as const satisfies FieldSpec;
const entryPrice = {
  type: 'number',
  gt: 0,
  doc: 'Entry price, quote currency per unit (> 0); default the current mark',
} as const satisfies FieldSpec;
const expiry = {
  type: 'number',
  ge: 0,
  plausible: 'expiry',
  required: true,
  doc: 'Time to expiry in years (>= 0)',
} as const satisfies FieldSpec;

function position<F extends Record<string, FieldSpec>>(
  kind: (typeof KINDS)[number],
  doc: string,
  own: F,
  extra: Parameters<typeof objectSpec>[3] = {},
) {
  return objectSpec(
    `${kind[0].toUpperCase()}${kind.slice(1)}Position`,
    doc,
    {
      kind: { type: 'enum', values: [kind], required: true, doc: 'Position kind' },
      id: { type: 'string', doc: 'Optional identifier carried into results' },
      underlying: { type: 'string', required: true, doc: 'Key of the underlying in market.assets, e.g. "BTC"' },
      quantity: {
        type: 'number',
        required: true,
        doc: 'Signed size, long > 0: coins for spot, linear perps/futures and options; USD face for inverse perps/futures',
      },
      marginMode: { type: 'enum', values: MARGIN_MODES, default: 'cross', doc: "Margin mode; default 'cross'" },
      ...own,
      collateral: {
        type: 'array',
        items: { type: 'object', spec: COLLATERAL, doc: 'A collateral holding' },
        inputOnly: true,
        doc: "Collateral posted to this position alone (only with marginMode 'isolated'; read by riskcore/netting)",
      },
      allowExtreme: allowExtremeField,
    },
    { ...extra, rules: ['underlying is a key of market.assets', ...(extra.rules ?? [])] },
  );
}

export const SPOT = position('spot', 'A holding of the asset itself', {});
export const PERP = position('perp', 'A perpetual swap', { settlement, entryPrice });
export const FUTURE = position('future', 'A dated future, marked at the model forward', {
  expiry,
  settlement,
  entryPrice,
});
const bachelier = { field: 'model', equals: 'bachelier' } as const;
export const OPTION = position(
  'option',
  'A European option',
  {
    type: { type: 'enum', values: OPTION_TYPES, required: true, doc: 'Option right' },
    strike: {
      type: 'number',
      gt: 0,
      boundsUnless: bachelier,
      required: true,
      doc: 'Strike, quote currency per unit (> 0; any finite number for the bachelier model)',
    },
    expiry,
    settlement,
    model: { type: 'enum', values: MODELS, default: 'bsm', doc: "Pricing model; default 'bsm'" },
    vol: {
      type: 'number',
      ge: 0,
      plausible: 'vol',
      plausibleUnless: bachelier,
      doc: 'Implied vol override per unit (0.6 = 60%); bachelier: absolute, price units per sqrt(year)',
    },
    premium: { type: 'number', ge: 0, doc: 'Premium per unit paid (long) or received (short), quote currency' },
  },
  {
    forbid: [{ when: bachelier, field: 'settlement', equals: 'inverse', expected: "'linear' for the bachelier model" }],
    rules: ["an option has a vol: its own, or its asset's smile or vol"],
  },
);

/** The position specs by kind. */
export const POSITIONS = { spot: SPOT, perp: PERP, future: FUTURE, option: OPTION } as const;

export const SMILE = objectSpec(
  'VolSmile',
  'Implied vol by strike, linear between points, flat beyond',
  {
    strikes: {
      type: 'array',
      items: { type: 'number', gt: 0, doc: 'Strike' },
      minItems: 1,
      required: true,
      doc: 'Strictly increasing strikes',
    },
    vols: {
      type: 'array',
      items: { type: 'number', ge: 0, plausible: 'vol', doc: 'Vol per unit' },
      minItems: 1,
      required: true,
      doc: 'Vols per unit, one per strike',
    },
  },
  { rules: ['strikes strictly increasing', 'vols has the length of strikes'], check: checkSmile },
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

export const ASSET_MARKET = objectSpec('AssetMarket', 'Market data for one underlying', {
  price: { type: 'number', gt: 0, required: true, doc: 'Spot/index price in quote currency' },
  mark: { type: 'number', gt: 0, doc: 'Perp mark price, if different from price' },
  vol: { type: 'number', ge: 0, plausible: 'vol', doc: 'ATM implied vol per unit (0.6 = 60%)' },
  smile: {
    type: 'object',
    spec: SMILE,
    doc: 'Implied vol by strike, linear between points, flat beyond; takes precedence over vol',
  },
  dividendYield: {
    type: 'number',
    plausible: 'rate',
    doc: 'Continuous carry yield (dividend, staking, funding) per year; default 0',
  },
  allowExtreme: allowExtremeField,
});

export const CORRELATION = objectSpec(
  'CorrelationInput',
  'Correlation matrix between assets',
  {
    assets: {
      type: 'array',
      items: { type: 'string', doc: 'Asset name' },
      minItems: 1,
      required: true,
      doc: 'Names of the assets, keys of market.assets',
    },
    matrix: {
      type: 'array',
      minItems: 1,
      required: true,
      doc: 'Symmetric, unit diagonal, positive semi-definite',
      items: { type: 'array', minItems: 1, items: { type: 'number', ge: -1, le: 1, doc: 'Correlation' }, doc: 'A row' },
    },
  },
  {
    rules: [
      'assets are keys of market.assets',
      'matrix is n×n for n assets, symmetric (to 1e-12) with a unit diagonal',
      'positive semi-definite (smallest eigenvalue >= -1e-10·n), checked by the modules that factor it and by the CLI',
    ],
  },
);

export const MARKET = objectSpec('Market', 'Market snapshot', {
  assets: {
    type: 'record',
    values: ASSET_MARKET,
    required: true,
    doc: 'Market data per asset, keyed by the names positions and collateral use',
  },
  rate: {
    type: 'number',
    plausible: 'rate',
    default: 0,
    doc: 'Quote-currency rate, continuously compounded per year; default 0',
  },
  correlation: {
    type: 'object',
    spec: CORRELATION,
    custom: true,
    doc: 'Correlation matrix between assets (symmetric, unit diagonal, PSD)',
  },
  quote: { type: 'string', default: 'USD', doc: "Quote currency name; default 'USD' (informational)" },
  allowExtreme: allowExtremeField,
});
