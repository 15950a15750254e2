/**
 * The book file format read by `riskcore report`: accounts (with sub-accounts), positions, collateral, market data,
 * price history and report parameters.
 *
 * Positions, collateral and market data are the library's contract (`src/core/contract/book.ts`): the CLI validates
 * them with the library's validators (in `book.ts`), and their part of the JSON Schema is generated from the same
 * contract. This file keeps a small zod schema for the CLI-only parts of the file (accounts, history, parameters,
 * cascade), in which the library's parts are opaque placeholders. `riskcore schema` prints the JSON Schema of the
 * whole file (committed as `schema/book.schema.json`; regenerate with `node scripts/gen-book-schema.mjs`).
 */
import { z } from 'zod';
import { collateralJsonSchema, marketJsonSchema, positionJsonSchema } from 'riskcore';
import type { CollateralInput, Market, Position } from 'riskcore';

/** zod 4 numbers are finite (NaN and ±Infinity are rejected). */
const finite = () => z.number();
const positive = (d: string) => z.number().gt(0).describe(d);

/** A money amount: a decimal string (exact) or a JSON number. */
export const MoneySchema = z
  .union([z.string().regex(/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/), z.number()])
  .describe('Amount in units of the asset: a decimal string such as "1500000.25" (exact) or a number');

/**
 * A part of the book owned by the library: passed through by zod (the library validates it, with its own paths and
 * messages) and replaced in the JSON Schema by the schema generated from the library's contract.
 */
const libraryPart = <T>() => z.custom<T>(() => true);
/** A collateral holding in a book file (JSON: the amount is a decimal string or a number). */
type CollateralInFile = Omit<CollateralInput, 'amount'> & { amount: string | number };
/** A collateral holding (library contract; validated by validateCollateral). */
export const CollateralSchema = libraryPart<CollateralInFile>();
/** A position (library contract; validated by validatePosition), with its isolated collateral if any. */
export const PositionSchema = libraryPart<Position & { collateral?: CollateralInFile[] }>();
/** The market snapshot (library contract; validated by validateMarket). */
export const MarketSchema = libraryPart<Market>();

const LIBRARY_PARTS = new Map<unknown, () => Record<string, unknown>>([
  [PositionSchema, positionJsonSchema],
  [CollateralSchema, collateralJsonSchema],
  [MarketSchema, marketJsonSchema],
]);

export const SubAccountSchema = z
  .strictObject({
    id: z.string().min(1),
    marginMode: z
      .enum(['cross', 'isolated'])
      .optional()
      .describe("'isolated' sub-accounts are margined alone on their own collateral; default 'cross'"),
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

export const HistorySchema = z
  .strictObject({
    interval: positive('Years between observations (1/365 for daily closes)').optional(),
    prices: z
      .record(z.string().min(1), z.array(positive('Price')).min(2))
      .describe('Price history per asset, oldest first, equal lengths'),
    synthetic: z
      .boolean()
      .optional()
      .describe('The history is generated sample data, not market prices; the report labels it'),
  })
  .describe("Price history used for historical VaR/ES (relative moves applied to today's prices)");

export const ParametersSchema = z
  .strictObject({
    confidence: z.number().gt(0).lt(1).optional().describe('VaR/ES confidence level; default 0.99'),
    horizonDays: positive('Risk horizon in days; default 1').optional(),
    paths: z
      .number()
      .int()
      .gte(100)
      .lte(2 ** 27)
      .optional()
      .describe(
        'Monte Carlo paths, at most 2^27 = 134,217,728 (larger runs: riskcore/montecarlo/node or @riskcore/distributed); default 20000',
      ),
    seed: z.number().int().gte(0).optional().describe('Monte Carlo seed; default 1'),
    priceMoves: z
      .array(z.number().gt(-1))
      .min(1)
      .optional()
      .describe('Relative price moves of the stress grid, e.g. [-0.3, ..., 0.3]'),
    volShifts: z
      .array(finite())
      .min(1)
      .optional()
      .describe('Absolute vol shifts of the stress grid, e.g. [-0.2, 0, 0.2]'),
    hedgeInstruments: z
      .array(PositionSchema)
      .min(1)
      .optional()
      .describe(
        'Instruments the delta hedge may trade (quantity ignored: per unit); default one linear perp per underlying',
      ),
    marginMethod: z
      .enum(['standard', 'cross', 'portfolio'])
      .optional()
      .describe("Margin method that decides liquidation in the reverse stress; default 'cross'"),
    gridAssets: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe("Assets the price × vol grid moves together; default the positions' underlyings"),
    haircuts: z
      .record(z.string().min(1), z.number().gte(0).lte(1))
      .optional()
      .describe('Collateral haircut per asset, fraction in [0, 1]'),
  })
  .describe('Report parameters (command-line flags override)');

export const CascadeAccountSchema = z
  .strictObject({
    id: z.string().min(1).optional(),
    collateral: MoneySchema.optional().describe('Collateral in units of the cascade asset'),
    cash: MoneySchema.optional().describe('Quote-currency cash (margin) balance'),
    debt: MoneySchema.optional().describe('Quote-currency debt'),
    perp: z
      .strictObject({
        size: MoneySchema.describe('Signed size in units of the asset (long > 0)'),
        entryPrice: MoneySchema.describe('Entry price (> 0)'),
      })
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
    penalty: z
      .number()
      .gte(0)
      .lt(1)
      .optional()
      .describe('Liquidation penalty paid to the insurance fund; default 0.05'),
    depth: MoneySchema.optional().describe(
      'Quote notional that would move the price 100% (linear impact); absent: no impact',
    ),
    insuranceFund: MoneySchema.optional().describe('Insurance fund at the start, quote currency'),
    oracle: z
      .strictObject({
        latency: z.number().gte(0).optional().describe('Oracle lag in rounds'),
        latencySeconds: z.number().gte(0).optional(),
        roundSeconds: z.number().gt(0).optional(),
        stale: z
          .tuple([z.number().int().gte(0), z.number().int().gte(0)])
          .optional()
          .describe('Rounds [from, to] with a frozen oracle'),
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
    limits: z
      .record(z.string(), z.number())
      .optional()
      .describe(
        'Risk limits in the quote currency (var, es, historicalVar, initialMargin, grossNotional, stressLoss); validated by the report',
      ),
  })
  .describe('A riskcore book: accounts, positions, collateral, market data and report parameters');

/** A parsed (structurally valid) book file. */
export type BookFile = z.infer<typeof BookSchema>;
export type AccountFile = z.infer<typeof AccountSchema>;
export type SubAccountFile = z.infer<typeof SubAccountSchema>;
export type CollateralFile = z.infer<typeof CollateralSchema>;

/** The JSON Schema (draft 2020-12) of the book file, generated from {@link BookSchema}. */
export function bookJsonSchema(): Record<string, unknown> {
  const s = z.toJSONSchema(BookSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const part = LIBRARY_PARTS.get(ctx.zodSchema);
      if (part) Object.assign(ctx.jsonSchema, part());
    },
  }) as Record<string, unknown>;
  return { ...s, title: 'riskcore book' };
}
