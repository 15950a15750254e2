/**
 * An account's cross margin as Drift v2 computes it (math/margin.rs
 * `calculate_margin_requirement_and_total_collateral_and_liability_info`, state/margin_calculation.rs): spot
 * deposits weighted into collateral and borrows into requirement at the strict price, perp positions' margin
 * requirements and weighted unrealized P&L, an optional liquidation margin buffer, and free collateral.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, knownKeys } from '../../core/validate.js';
import { readOptInt, type DriftInt } from './int.js';
import { accountMargin, marginOf, type DriftAccountMarginResult } from './marginKernel.js';
import type { DriftMarginType } from './market.js';
import {
  accountIn,
  isPreparedAccount,
  keptLines,
  preparedMarkets,
  type DriftPreparedAccount,
  type DriftPreparedMarket,
} from './prepared.js';
import { readMarginOptions, type DriftMarginMode } from './ratios.js';
import { readValued, type DriftAccountInput, type DriftMarginContextInput } from './readAccount.js';

/** Options of {@link driftAccountMargin}. */
export interface DriftAccountMarginOptions {
  /** Margin requirement type (default `'initial'`). */
  type?: DriftMarginType;
  /** The user's margin mode (default `'standard'`). */
  mode?: DriftMarginMode;
  /** Liquidation margin buffer, 10⁴ (Drift's `liquidation_margin_buffer_ratio`; default 0). */
  marginBuffer?: DriftInt;
}

const OPTS = knownKeys('type', 'mode', 'marginBuffer');

export type { DriftAccountInput, DriftMarginContextInput, DriftSpotPositionInput } from './readAccount.js';
export { readValued } from './readAccount.js';

export type { DriftAccountMarginResult, DriftSpotMarginLine, SpotPosition, Valued } from './marginKernel.js';
export { accountMargin, strictTokenValue } from './marginKernel.js';

export function readAccountOptions(options: unknown): { type: DriftMarginType; hlm: boolean; buffer: bigint } {
  const o = checkStrictObject(options, 'options', OPTS);
  const { type, hlm } = readMarginOptions({ type: o.type, mode: o.mode }, 'options');
  return { type, hlm, buffer: readOptInt(o.marginBuffer, 'options.marginBuffer', 'u32', 0n, 10_000n) };
}

/**
 * An account's total collateral, margin requirement and free collateral as Drift computes them: deposits weighted
 * by asset weight at the lower of price and TWAP, borrows by liability weight at the higher, each perp position's
 * requirement on the worst case of its open orders filling plus $0.01 per order, and its unrealized P&L with
 * unsettled funding weighted as collateral. With `marginBuffer` (liquidation), the shortage includes the buffer on
 * every liability and negative P&L.
 *
 * @param account spot balances and perp positions, or an account prepared against `context`
 * @param context the markets, keyed by name, and the quote price, or a prepared market (`prepareDriftMarket`)
 * @example
 * ```ts
 * import { driftAccountMargin } from 'riskcore/perps';
 * const usdc = {
 *   marketIndex: 0, decimals: 6, oraclePrice: 1_000_000, initialAssetWeight: 10000, maintenanceAssetWeight: 10000,
 *   initialLiabilityWeight: 10000, maintenanceLiabilityWeight: 10000,
 * };
 * const sol = { marginRatioInitial: 1000, marginRatioMaintenance: 500, oraclePrice: 100_000_000n };
 * const r = driftAccountMargin(
 *   {
 *     spotPositions: [{ market: 'USDC', tokenAmount: 1_000_000_000n }],
 *     perpPositions: [{ market: 'SOL-PERP', baseAssetAmount: 50_000_000_000n, quoteAssetAmount: -5_000_000_000n }],
 *   },
 *   { spotMarkets: { USDC: usdc }, perpMarkets: { 'SOL-PERP': sol } },
 * );
 * console.log(r.totalCollateral); // 1000000000n
 * console.log(r.marginRequirement); // 500000000n
 * console.log(r.freeCollateral); // 500000000n
 * ```
 */
export function driftAccountMargin(
  account: DriftAccountInput | DriftPreparedAccount,
  context: DriftMarginContextInput | DriftPreparedMarket,
  options: DriftAccountMarginOptions = {},
): DriftAccountMarginResult {
  const markets = preparedMarkets(context);
  if (markets === undefined) {
    if (isPreparedAccount(account)) {
      throw new RiskInputError('context', 'the prepared market the account was prepared against', context);
    }
    const v = readValued(account, context);
    const o = readAccountOptions(options);
    return accountMargin(v, o.type, o.hlm, o.buffer);
  }
  const { v, kept } = accountIn(account, markets, 'account');
  const o = readAccountOptions(options);
  return kept === undefined
    ? accountMargin(v, o.type, o.hlm, o.buffer)
    : marginOf(keptLines(kept, o.type, o.hlm, o.buffer));
}
