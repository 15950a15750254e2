/**
 * The book file format read by `riskcore report`: accounts (with sub-accounts), positions, collateral, market data,
 * price history and report parameters. One zod schema is the single source: the CLI validates with it and
 * `riskcore schema` prints the JSON Schema generated from it (committed as `schema/book.schema.json`).
 *
 * Positions and market data follow the shared model of `src/core/model.ts` (same field names and units).
 */
import { z } from 'zod';

/** zod 4 numbers are finite (NaN and ±Infinity are rejected). */
const finite = () => z.number();
const positive = (d: string) => z.number().gt(0).describe(d);
const nonNegative = (d: string) => z.number().gte(0).describe(d);

/** A money amount: a decimal string (exact) or a JSON number. */
export const MoneySchema = z
  .union([z.string().regex(/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/), z.number()])
  .describe('Amount in units of the asset: a decimal string such as "1500000.25" (exact) or a number');

const base = {
  id: z.string().min(1).optional().describe('Optional identifier carried into the report'),
  underlying: z.string().min(1).describe('Key of the underlying in market.assets, e.g. "BTC"'),
  quantity: finite().describe('Signed size, long > 0: coins for spot, linear perps/futures and options; USD face for inverse perps/futures'),
  marginMode: z.enum(['cross', 'isolated']).optional().describe("Margin mode; default 'cross'"),
  collateral: z.lazy(() => z.array(CollateralSchema)).optional().describe("Collateral posted to this position alone (only with marginMode 'isolated')"),
};
const settlement = z.enum(['linear', 'inverse']).optional().describe("'linear' pays USD, 'inverse' pays the coin; default 'linear'");

export const SpotSchema = z.strictObject({ kind: z.literal('spot'), ...base }).describe('A holding of the asset itself');
export const PerpSchema = z
  .strictObject({ kind: z.literal('perp'), ...base, settlement, entryPrice: positive('Entry price, quote currency per unit').optional() })
  .describe('A perpetual swap');
export const FutureSchema = z
  .strictObject({
    kind: z.literal('future'),
    ...base,
    expiry: nonNegative('Time to expiry in years'),
    settlement,
    entryPrice: positive('Entry price, quote currency per unit').optional(),
  })
  .describe('A dated future');
export const OptionSchema = z
  .strictObject({
    kind: z.literal('option'),
    ...base,
    type: z.enum(['call', 'put']),
    strike: finite().describe('Strike, quote currency per unit (> 0 except for the bachelier model)'),
    expiry: nonNegative('Time to expiry in years'),
    settlement,
    model: z.enum(['bsm', 'black76', 'bachelier']).optional().describe("Pricing model; default 'bsm'"),
    vol: nonNegative('Implied vol override, per unit (0.6 = 60%)').optional(),
    premium: nonNegative('Premium per unit paid (long) or received (short), quote currency').optional(),
  })
  .describe('A European option');
export const PositionSchema = z.discriminatedUnion('kind', [SpotSchema, PerpSchema, FutureSchema, OptionSchema]);

export const CollateralSchema = z
  .strictObject({
    asset: z.string().min(1).describe('Key of the collateral asset in market.assets (stablecoins at price 1)'),
    amount: MoneySchema,
  })
  .describe('A collateral holding');

export const SubAccountSchema = z
  .strictObject({
    id: z.string().min(1),
    marginMode: z.enum(['cross', 'isolated']).optional().describe("'isolated' sub-accounts are margined alone on their own collateral; default 'cross'"),
    collateral: z.array(CollateralSchema).optional(),
    positions: z.array(PositionSchema).optional(),
  })
  .describe('A sub-account');

export const AccountSchema = z
  .strictObject({
    id: z.string().min(1),
    collateral: z.array(CollateralSchema).optional(),
    positions: z.array(PositionSchema).optional(),
    subAccounts: z.array(SubAccountSchema).optional(),
  })
  .describe('A margin account');

export const AssetMarketSchema = z.strictObject({
  price: positive('Spot/index price in quote currency'),
  mark: positive('Perp mark price, if different from price').optional(),
  vol: nonNegative('ATM implied vol per unit (0.6 = 60%)').optional(),
  smile: z
    .strictObject({ strikes: z.array(positive('Strike')).min(1), vols: z.array(nonNegative('Vol per unit')).min(1) })
    .optional()
    .describe('Implied vol by strike, linear between points, flat beyond'),
  dividendYield: finite().optional().describe('Continuous carry yield per year'),
});

export const MarketSchema = z
  .strictObject({
    assets: z.record(z.string().min(1), AssetMarketSchema).describe('Market data per asset, keyed by the names positions and collateral use'),
    rate: finite().optional().describe('Quote-currency rate, continuously compounded per year; default 0'),
    correlation: z
      .strictObject({ assets: z.array(z.string().min(1)).min(1), matrix: z.array(z.array(z.number().gte(-1).lte(1))).min(1) })
      .optional()
      .describe('Correlation matrix between assets (symmetric, unit diagonal)'),
    quote: z.string().min(1).optional().describe("Quote currency name; default 'USD'"),
  })
  .describe('Market snapshot');

export const HistorySchema = z
  .strictObject({
    interval: positive('Years between observations (1/365 for daily closes)').optional(),
    prices: z.record(z.string().min(1), z.array(positive('Price')).min(2)).describe('Price history per asset, oldest first, equal lengths'),
    synthetic: z.boolean().optional().describe('The history is generated sample data, not market prices; the report labels it'),
  })
  .describe('Price history used for historical VaR/ES (relative moves applied to today\'s prices)');

export const ParametersSchema = z
  .strictObject({
    confidence: z.number().gt(0).lt(1).optional().describe('VaR/ES confidence level; default 0.99'),
    horizonDays: positive('Risk horizon in days; default 1').optional(),
    paths: z.number().int().gte(100).optional().describe('Monte Carlo paths; default 20000'),
    seed: z.number().int().gte(0).optional().describe('Monte Carlo seed; default 1'),
    priceMoves: z.array(z.number().gt(-1)).min(1).optional().describe('Relative price moves of the stress grid, e.g. [-0.3, ..., 0.3]'),
    volShifts: z.array(finite()).min(1).optional().describe('Absolute vol shifts of the stress grid, e.g. [-0.2, 0, 0.2]'),
    hedgeInstruments: z.array(PositionSchema).min(1).optional().describe('Instruments the delta hedge may trade (quantity ignored: per unit); default one linear perp per underlying'),
    marginMethod: z.enum(['standard', 'cross', 'portfolio']).optional().describe("Margin method that decides liquidation in the reverse stress; default 'cross'"),
    gridAssets: z.array(z.string().min(1)).min(1).optional().describe("Assets the price × vol grid moves together; default the positions' underlyings"),
    haircuts: z.record(z.string().min(1), z.number().gte(0).lte(1)).optional().describe('Collateral haircut per asset, fraction in [0, 1]'),
  })
  .describe('Report parameters (command-line flags override)');

export const CascadeAccountSchema = z
  .strictObject({
    id: z.string().min(1).optional(),
    collateral: MoneySchema.optional().describe('Collateral in units of the cascade asset'),
    cash: MoneySchema.optional().describe('Quote-currency cash (margin) balance'),
    debt: MoneySchema.optional().describe('Quote-currency debt'),
    perp: z
      .strictObject({ size: MoneySchema.describe('Signed size in units of the asset (long > 0)'), entryPrice: MoneySchema.describe('Entry price (> 0)') })
      .optional()
      .describe('A linear perp on the cascade asset'),
  })
  .describe('An account in the liquidation cascade: lending-style (collateral + debt) or a perp on cash margin');

export const CascadeSchema = z
  .strictObject({
    asset: z.string().min(1).describe('The asset that falls: a key of market.assets (its price starts the cascade)'),
    accounts: z.array(CascadeAccountSchema).min(1),
    path: z.array(z.number().gt(-1)).min(1).optional().describe('Exogenous relative price move per round'),
    shock: z.number().gt(-1).optional().describe('A single move in round 0 (when path is absent)'),
    rounds: z.number().int().gte(1).optional().describe('Rounds simulated; default max(path length, 20)'),
    liquidationThreshold: z.number().gt(0).lte(1).optional().describe('Collateral liquidation threshold; default 0.8'),
    maintenanceMargin: z.number().gte(0).lt(1).optional().describe('Perp maintenance margin fraction; default 0.05'),
    penalty: z.number().gte(0).lt(1).optional().describe('Liquidation penalty paid to the insurance fund; default 0.05'),
    depth: MoneySchema.optional().describe('Quote notional that would move the price 100% (linear impact); absent: no impact'),
    insuranceFund: MoneySchema.optional().describe('Insurance fund at the start, quote currency'),
    oracle: z
      .strictObject({
        latency: z.number().gte(0).optional().describe('Oracle lag in rounds'),
        latencySeconds: z.number().gte(0).optional(),
        roundSeconds: z.number().gt(0).optional(),
        stale: z.tuple([z.number().int().gte(0), z.number().int().gte(0)]).optional().describe('Rounds [from, to] with a frozen oracle'),
        jumps: z.array(z.strictObject({ round: z.number().int().gte(0), move: z.number().gt(-1) })).optional(),
      })
      .optional(),
    adl: z.boolean().optional().describe('Auto-deleverage when the fund is exhausted; default true'),
  })
  .describe('Liquidation cascade over many accounts on one asset (riskcore/stress simulateLiquidationCascade)');

export const BookSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().optional().describe('Name of the book'),
    asOf: z.string().optional().describe('Valuation date, informational'),
    market: MarketSchema,
    accounts: z.array(AccountSchema).min(1),
    history: HistorySchema.optional(),
    cascade: CascadeSchema.optional(),
    parameters: ParametersSchema.optional(),
    limits: z.record(z.string(), z.number()).optional().describe('Risk limits in the quote currency (var, es, historicalVar, initialMargin, grossNotional, stressLoss); validated by the report'),
  })
  .describe('A riskcore book: accounts, positions, collateral, market data and report parameters');

/** A parsed (structurally valid) book file. */
export type BookFile = z.infer<typeof BookSchema>;
export type AccountFile = z.infer<typeof AccountSchema>;
export type SubAccountFile = z.infer<typeof SubAccountSchema>;
export type CollateralFile = z.infer<typeof CollateralSchema>;

/** The JSON Schema (draft 2020-12) of the book file, generated from {@link BookSchema}. */
export function bookJsonSchema(): Record<string, unknown> {
  const s = z.toJSONSchema(BookSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...s, title: 'riskcore book' };
}
