/**
 * Public input and result types of {@link simulateDriftCascade} (src/stress/venueCascade/drift.ts documents the
 * model). Amounts are Drift integers: quote 10⁻⁶ USDC, base 10⁻⁹, prices 10⁻⁶.
 */
import type { Money } from '../../core/money.js';
import type { DriftAccountInput, DriftMarginContextInput } from '../../perps/index.js';
import type { VenueCascadePath } from './marketTrack.js';

/** One user of a Drift cascade. */
export interface DriftCascadeAccount {
  /** Identifier (unique): results name it; users are liquidated in id order. */
  readonly id: string;
  /** Spot balances and perp positions, as riskcore/perps takes them (funding is settled first). */
  readonly account: DriftAccountInput;
}

/** The book and price path of one perp market. */
export interface DriftCascadeBook extends VenueCascadePath {
  /** The perp market (a key of `context.market.perpMarkets`). */
  readonly market: string;
}

/** Context of {@link simulateDriftCascade}. */
export interface DriftCascadeContext {
  /** Spot and perp markets (prices at the start, ratios, fees, step sizes), as riskcore/perps takes them. */
  readonly market: DriftMarginContextInput;
  /** One book per perp market the users hold. */
  readonly books: readonly DriftCascadeBook[];
  /** Quote in the insurance fund vault at the start, 10⁶ (one unit always stays in it). */
  readonly insuranceFund: bigint | number | string;
}

/** Options of {@link simulateDriftCascade}. */
export interface DriftCascadeOptions {
  /** Rounds simulated; default max(longest path, 20). */
  readonly rounds?: number;
  /** `liquidation_margin_buffer_ratio`, 10⁴; default 0. */
  readonly marginBuffer?: bigint | number | string;
  /** Slots since the users were last active (ramps the liquidator fee past 1 500); default 0. */
  readonly slotsSinceLastActive?: bigint | number | string;
}

/** One `liquidate_perp`. */
export interface DriftCascadeLiquidation {
  readonly id: string;
  readonly market: string;
  /** The position's base before, 10⁹ (signed). */
  readonly positionBase: bigint;
  /** Base transferred to the liquidator, 10⁹ (≥ 0). */
  readonly baseAssetAmount: bigint;
  /** Its value at the oracle, 10⁶. */
  readonly baseAssetValue: bigint;
  readonly liquidatorFee: bigint;
  readonly ifFee: bigint;
  /** Maintenance shortage (with the buffer) before and after, 10⁶. */
  readonly shortageBefore: bigint;
  readonly shortageAfter: bigint;
}

/** One `resolve_perp_bankruptcy`. */
export interface DriftCascadeBankruptcy {
  readonly id: string;
  readonly market: string;
  /** The loss (−quote), 10⁶. */
  readonly loss: bigint;
  readonly insuranceFundPayment: bigint;
  /** Socialised over the market's open positions through the cumulative funding rates (0 when none is open). */
  readonly socialLoss: bigint;
  readonly cumulativeFundingRateDelta: bigint;
}

/** One round of a Drift cascade; quote 10⁶ unless stated. */
export interface DriftCascadeRound {
  readonly round: number;
  readonly marketPrices: Readonly<Record<string, Money>>;
  /** Oracle price per perp market, 10⁶. */
  readonly oraclePrices: Readonly<Record<string, bigint>>;
  readonly pricesAfter: Readonly<Record<string, Money>>;
  /** Users with a maintenance shortage at the round's oracle, in id order. */
  readonly liquidatable: readonly string[];
  readonly liquidations: readonly DriftCascadeLiquidation[];
  readonly bankruptcies: readonly DriftCascadeBankruptcy[];
  /** Σ over users of their quote spot balances and perp quote amounts, at the start and end of the round. */
  readonly collateralStart: bigint;
  readonly collateralEnd: bigint;
  /** Quote the liquidators paid (> 0) or received for the base they took, and the fees they kept. */
  readonly liquidatorQuote: bigint;
  readonly liquidatorFees: bigint;
  readonly fundStart: bigint;
  readonly fundEnd: bigint;
  /** IF fees paid in. */
  readonly fees: bigint;
  /** Bankruptcy losses the fund paid. */
  readonly covered: bigint;
  /** Losses written off and socialised. */
  readonly socialLoss: bigint;
  /** What the socialisation charged the open positions (settled funding; ≥ socialLoss by Drift's rounding up). */
  readonly adl: bigint;
  /** −collateral of bankrupt users left unresolved at the round's end (no open position to socialise over). */
  readonly deficit: bigint;
  /** covered + adl + deficit. */
  readonly badDebt: bigint;
}

/** Totals of a Drift cascade (quote 10⁶). */
export interface DriftCascadeTotals {
  readonly fees: bigint;
  readonly covered: bigint;
  readonly socialLoss: bigint;
  readonly adl: bigint;
  /** The last round's deficit. */
  readonly deficit: bigint;
  /** covered + adl + deficit. */
  readonly badDebt: bigint;
  readonly liquidatorQuote: bigint;
  readonly liquidatorFees: bigint;
}

/** Result of {@link simulateDriftCascade}. */
export interface DriftCascadeResult {
  readonly rounds: readonly DriftCascadeRound[];
  readonly totals: DriftCascadeTotals;
  readonly insuranceFund: bigint;
  /** The users at the end, in id order (funding settled). */
  readonly accounts: ReadonlyArray<{
    readonly id: string;
    readonly spotPositions: ReadonlyArray<{ readonly market: string; readonly tokenAmount: bigint }>;
    readonly perpPositions: ReadonlyArray<{
      readonly market: string;
      readonly baseAssetAmount: bigint;
      readonly quoteAssetAmount: bigint;
    }>;
  }>;
  readonly priceCapped: boolean;
}
