/**
 * The documentation of the book contract (`book.ts`), field for field: the descriptions and rule comments of the
 * JSON Schema. Typed against the specs ({@link ObjectDocs}), so a field without documentation, or documentation of
 * a field that does not exist, does not compile. Only `jsonSchema.ts` reads it: the validators carry no
 * documentation text. Internal.
 */
import type { ASSET_MARKET, COLLATERAL, CORRELATION, FUTURE, MARKET, OPTION, PERP, SMILE, SPOT } from './book.js';
import type { ObjectDocs } from './spec.js';

const ALLOW_EXTREME =
  'Allow values beyond the unit-slip limits (vol > 5, |rate| > 1, expiry > 10 years) on this object';
const SETTLEMENT = "'linear' pays the quote currency, 'inverse' pays the coin; default 'linear'";
const ENTRY_PRICE = 'Entry price, quote currency per unit (> 0); default the current mark';
const EXPIRY = 'Time to expiry in years (>= 0)';
const UNDERLYING_RULE = 'underlying is a key of market.assets';

/** The fields every position kind has. */
const POSITION_FIELDS = {
  kind: 'Position kind',
  id: 'Optional identifier carried into results',
  underlying: 'Key of the underlying in market.assets, e.g. "BTC"',
  quantity:
    'Signed size, long > 0: coins for spot, linear perps/futures and options; USD face for inverse perps/futures',
  marginMode: "Margin mode; default 'cross'",
  collateral: {
    doc: "Collateral posted to this position alone (only with marginMode 'isolated'; read by riskcore/netting)",
    items: 'A collateral holding',
  },
  allowExtreme: ALLOW_EXTREME,
} as const;

const COLLATERAL_DOCS: ObjectDocs<(typeof COLLATERAL)['fields']> = {
  doc: 'A collateral holding',
  fields: {
    asset: 'Key of the collateral asset in market.assets (stablecoins at price 1)',
    decimals: 'Token decimals of a bigint amount in base units (library calls only)',
    amount: 'Amount in units of the asset: a decimal string such as "1500000.25" (exact) or a number',
  },
  rules: ['asset is a key of market.assets'],
};

const SPOT_DOCS: ObjectDocs<(typeof SPOT)['fields']> = {
  doc: 'A holding of the asset itself',
  fields: POSITION_FIELDS,
  rules: [UNDERLYING_RULE],
};

const PERP_DOCS: ObjectDocs<(typeof PERP)['fields']> = {
  doc: 'A perpetual swap',
  fields: { ...POSITION_FIELDS, settlement: SETTLEMENT, entryPrice: ENTRY_PRICE },
  rules: [UNDERLYING_RULE],
};

const FUTURE_DOCS: ObjectDocs<(typeof FUTURE)['fields']> = {
  doc: 'A dated future, marked at the model forward',
  fields: { ...POSITION_FIELDS, expiry: EXPIRY, settlement: SETTLEMENT, entryPrice: ENTRY_PRICE },
  rules: [UNDERLYING_RULE],
};

const OPTION_DOCS: ObjectDocs<(typeof OPTION)['fields']> = {
  doc: 'A European option',
  fields: {
    ...POSITION_FIELDS,
    type: 'Option right',
    strike: 'Strike, quote currency per unit (> 0; any finite number for the bachelier model)',
    expiry: EXPIRY,
    settlement: SETTLEMENT,
    model: "Pricing model; default 'bsm'",
    vol: 'Implied vol override per unit (0.6 = 60%); bachelier: absolute, price units per sqrt(year)',
    premium: 'Premium per unit paid (long) or received (short), quote currency',
  },
  rules: [UNDERLYING_RULE, "an option has a vol: its own, or its asset's smile or vol"],
};

const SMILE_DOCS: ObjectDocs<(typeof SMILE)['fields']> = {
  doc: 'Implied vol by strike, linear between points, flat beyond',
  fields: {
    strikes: { doc: 'Strictly increasing strikes', items: 'Strike' },
    vols: { doc: 'Vols per unit, one per strike', items: 'Vol per unit' },
  },
  rules: ['strikes strictly increasing', 'vols has the length of strikes'],
};

const ASSET_MARKET_DOCS: ObjectDocs<(typeof ASSET_MARKET)['fields']> = {
  doc: 'Market data for one underlying',
  fields: {
    price: 'Spot/index price in quote currency',
    mark: 'Perp mark price, if different from price',
    vol: 'ATM implied vol per unit (0.6 = 60%)',
    smile: 'Implied vol by strike, linear between points, flat beyond; takes precedence over vol',
    dividendYield: 'Continuous carry yield (dividend, staking, funding) per year; default 0',
    allowExtreme: ALLOW_EXTREME,
  },
};

const CORRELATION_DOCS: ObjectDocs<(typeof CORRELATION)['fields']> = {
  doc: 'Correlation matrix between assets',
  fields: {
    assets: { doc: 'Names of the assets, keys of market.assets', items: 'Asset name' },
    matrix: { doc: 'Symmetric, unit diagonal, positive semi-definite', items: { doc: 'A row', items: 'Correlation' } },
  },
  rules: [
    'assets are keys of market.assets',
    'matrix is n×n for n assets, symmetric (to 1e-12) with a unit diagonal',
    'positive semi-definite (smallest eigenvalue >= -1e-10·n), checked by the modules that factor it and by the CLI',
  ],
};

const MARKET_DOCS: ObjectDocs<(typeof MARKET)['fields']> = {
  doc: 'Market snapshot',
  fields: {
    assets: 'Market data per asset, keyed by the names positions and collateral use',
    rate: 'Quote-currency rate, continuously compounded per year; default 0',
    correlation: 'Correlation matrix between assets (symmetric, unit diagonal, PSD)',
    quote: "Quote currency name; default 'USD' (informational)",
    allowExtreme: ALLOW_EXTREME,
  },
};

/** The documentation of every object type of the book contract, by its spec's `name`. */
export const BOOK_DOCS: Readonly<Record<string, ObjectDocs>> = {
  Collateral: COLLATERAL_DOCS,
  SpotPosition: SPOT_DOCS,
  PerpPosition: PERP_DOCS,
  FuturePosition: FUTURE_DOCS,
  OptionPosition: OPTION_DOCS,
  VolSmile: SMILE_DOCS,
  AssetMarket: ASSET_MARKET_DOCS,
  CorrelationInput: CORRELATION_DOCS,
  Market: MARKET_DOCS,
};
