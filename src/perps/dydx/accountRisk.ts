/**
 * Margin of a dYdX v4 position and cross-margin subaccount (`x/perpetuals/lib`, `x/subaccounts/lib/updates.go`):
 * net collateral, initial and maintenance requirements, free collateral and the collateralization flags, with the
 * unsettled funding settled first as the chain does before any update.
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, joinPath, knownKeys } from '../../core/validate.js';
import {
  type DydxPreparedMarket,
  type DydxPreparedSubaccount,
  isPreparedSub,
  preparedPerps,
  preparedSub,
} from './prepared.js';
import { type DydxRisk, accountRisk, positionRisk, settle } from './risk.js';
import {
  type DydxMarkets,
  type DydxPerpetual,
  type DydxSubaccount,
  checkInt,
  checkPerp,
  checkPerps,
  checkSubaccount,
} from './validate.js';

/** Result of {@link dydxPositionRisk}: the position's net notional (as NC) and requirements, quote quantums. */
export interface DydxPositionRiskResult extends DydxRisk {}

/**
 * Net notional and margin requirements of a position (`GetPositionNetNotionalValueAndMarginRequirements`):
 * NC = size · price (signed, truncated toward zero), IMR = ⌈|notional| · OI-adjusted IMF⌉, MMR =
 * ⌈⌈|notional| · base IMF⌉ · maintenance fraction⌉. All in quote quantums (10⁻⁶ USDC).
 *
 * @param quantums signed position size, base quantums
 * @param perpetual the market (atomic resolution, oracle price, liquidity tier, open interest)
 * @example
 * ```ts
 * import { dydxPositionRisk } from 'riskcore/perps';
 * const btc = { id: 0, atomicResolution: -10, price: 5_000_000_000n, priceExponent: -5,
 *   liquidityTier: { initialMarginPpm: 50_000, maintenanceFractionPpm: 600_000 } };
 * const r = dydxPositionRisk(100_000_000n, btc); // 0.01 BTC at $50,000
 * console.log(r.netCollateral, r.initialMargin, r.maintenanceMargin); // 500000000n 25000000n 15000000n
 * ```
 */
export function dydxPositionRisk(quantums: bigint | number | string, perpetual: DydxPerpetual): DydxPositionRiskResult {
  const q = checkInt(quantums, 'quantums');
  return positionRisk(checkPerp(perpetual, 'perpetual'), q);
}

/** Result of {@link dydxAccountRisk}, quote quantums. */
export interface DydxAccountRiskResult extends DydxRisk {
  /** Free collateral: NC − IMR (negative when the initial requirement is not covered). */
  readonly freeCollateral: bigint;
  /** Funding settled into USDC before margining (⌊Σ settlement ppm / 10⁶⌋; > 0 received, < 0 paid). */
  readonly unsettledFunding: bigint;
  /** USDC balance after the funding settlement. */
  readonly settledUsdcQuantums: bigint;
  /**
   * 'initial' when NC ≥ IMR; 'liquidatable' when MMR > 0 and MMR > NC (`IsLiquidatable`); 'maintenance' otherwise
   * (IMR not covered but not liquidatable, which includes a negative USDC balance with no positions).
   */
  readonly status: 'initial' | 'maintenance' | 'liquidatable';
}
const MARKETS_KEYS = knownKeys('perpetuals');

/**
 * Validates a subaccount and its markets (shared by the account-level functions). The markets, or their
 * `perpetuals`, may be a prepared market; the subaccount may be one prepared against that same market.
 */
export function readAccount(subaccount: unknown, markets: unknown, path = 'markets') {
  const perpsPath = joinPath(path, 'perpetuals');
  let perps = preparedPerps(markets);
  if (perps === undefined) {
    const m = checkStrictObject(markets, path, MARKETS_KEYS);
    perps = preparedPerps(m.perpetuals) ?? checkPerps(m.perpetuals, perpsPath);
  }
  const prepared = preparedSub(subaccount, perps);
  if (prepared !== undefined) return { perps, sub: prepared };
  if (isPreparedSub(subaccount)) {
    throw new RiskInputError(
      'subaccount',
      `a subaccount prepared against the market given as ${perpsPath}`,
      subaccount,
    );
  }
  return { perps, sub: checkSubaccount(subaccount, 'subaccount', perps, perpsPath) };
}

/** Status of a risk. */
export const riskStatus = (r: DydxRisk): DydxAccountRiskResult['status'] =>
  r.netCollateral >= r.initialMargin
    ? 'initial'
    : r.maintenanceMargin > 0n && r.maintenanceMargin > r.netCollateral
      ? 'liquidatable'
      : 'maintenance';

/**
 * Margin of a cross subaccount (`GetRiskForSubaccount` after `GetSettledSubaccountWithPerpetuals`): funding owed
 * since each position's index is settled into USDC (floor of the summed ppm amounts), then NC = USDC + Σ net
 * notional, IMR = Σ position IMR, MMR = Σ position MMR; free collateral NC − IMR. Quote quantums throughout.
 *
 * @param subaccount USDC balance and positions (each with the funding index it was last settled at), or a subaccount
 *   prepared against `markets` ({@link prepareDydxSubaccount})
 * @param markets the perpetuals, with their current funding indices, or a prepared market ({@link prepareDydxMarket})
 * @example
 * ```ts
 * import { dydxAccountRisk } from 'riskcore/perps';
 * const btc = { id: 0, atomicResolution: -10, price: 5_000_000_000n, priceExponent: -5, fundingIndex: 10n,
 *   liquidityTier: { initialMarginPpm: 50_000, maintenanceFractionPpm: 600_000 } };
 * const sub = { usdcQuantums: -450_000_000n, positions: [{ perpetualId: 0, quantums: 100_000_000n, fundingIndex: 0n }] };
 * const r = dydxAccountRisk(sub, { perpetuals: [btc] });
 * console.log(r.unsettledFunding, r.netCollateral, r.freeCollateral, r.status); // -1000n 49999000n 24999000n initial
 * ```
 */
export function dydxAccountRisk(
  subaccount: DydxSubaccount | DydxPreparedSubaccount,
  markets: DydxMarkets | DydxPreparedMarket,
): DydxAccountRiskResult {
  const { sub } = readAccount(subaccount, markets);
  const settled = settle(sub);
  const r = accountRisk(settled.sub);
  return {
    ...r,
    freeCollateral: r.netCollateral - r.initialMargin,
    unsettledFunding: settled.unsettledFunding,
    settledUsdcQuantums: settled.sub.usdc,
    status: riskStatus(r),
  };
}
