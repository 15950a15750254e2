/**
 * The shape of a report's results: what `--json` prints, what the terminal summary and the HTML are drawn from.
 * Money is printed as decimal strings; risk figures as numbers in quote currency.
 */

/** A section either has results or says why it has none (a module missing, no price history, ...). */
export type Section<T> = ({ available: true } & T) | { available: false; reason: string };

export interface CompositionRow {
  underlying: string;
  price: number;
  positions: number;
  /** Gross notional in quote currency: |q|·S for spot, linear perps/futures and options; |q| (USD face) for inverse perps/futures. */
  grossNotional: number;
  /** Gross notional by position kind. */
  byKind: Record<string, number>;
}

export interface CollateralRow {
  account: string;
  asset: string;
  amount: string;
  price: number;
  /** amount × price, before haircuts (decimal string). */
  marketValue: string;
}

export interface ReportResults {
  tool: { name: 'riskcore'; version: string };
  book: {
    file: string;
    name: string | null;
    asOf: string | null;
    quote: string;
    accounts: number;
    subAccounts: number;
    positions: number;
    assets: string[];
    historyObservations: number;
    /** The book says its price history is synthetic (`history.synthetic: true`). */
    syntheticHistory: boolean;
  };
  /** The parameters the figures were computed with (flags over the book's `parameters` over defaults). */
  parameters: { confidence: number; horizonDays: number; paths: number; seed: number; marginMethod: string };
  composition: { byUnderlying: CompositionRow[]; collateral: CollateralRow[]; collateralMarketValue: string };
  /** Sections computed by the library modules, in report order. */
  sections: ReportSections;
  /** The book's limits and their utilisation. */
  limits: Section<LimitsSection>;
}

/** Every risk section of the report. */
export interface ReportSections {
  greeks: Section<GreeksSection>;
  margin: Section<MarginSection>;
  collateral: Section<CollateralSection>;
  risk: Section<RiskSection>;
  stress: Section<StressSection>;
  reverseStress: Section<ReverseStressSection>;
  hedge: Section<HedgeSection>;
  cascade: Section<CascadeSection>;
}

/** Historical ES attribution (Euler contributions; they sum to `es`). */
export interface AttributionSection {
  method: string;
  var: number;
  es: number;
  /** The positions with the largest |contribution|, largest first. */
  byPosition: { position: string; underlying: string; esContribution: number }[];
  /** The remaining positions, summed (null when all are listed). */
  otherPositions: { count: number; esContribution: number } | null;
  /** Sums by underlying, with the delta-normal component VaR beside them (null: no delta exposure there). */
  byUnderlying: { underlying: string; esContribution: number; componentVaR: number | null }[];
}

/** Rolling backtest of VaR models on the book's historical P&L. */
export interface BacktestSection {
  window: number;
  confidence: number;
  rows: {
    model: string;
    observations: number;
    expected: number;
    exceedances: number;
    kupiecPValue: number;
    independencePValue: number;
    trafficLight: 'green' | 'yellow' | 'red';
  }[];
}

/** The book's limits and their utilisation (figure / limit). */
export interface LimitsSection {
  rows: {
    limit: string;
    measure: string;
    value: number | null;
    amount: number;
    utilisation: number | null;
    breached: boolean;
    note: string;
  }[];
}

export interface GreeksRow {
  underlying: string;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
  cashDelta: number;
  cashGamma: number;
}
export interface GreeksSection {
  byUnderlying: GreeksRow[];
}

export interface MarginMethodRow {
  /** `standard`: every position alone (isolated); `cross`: delta-one netted per underlying; `portfolio`: scenario grid. */
  method: 'standard' | 'cross' | 'portfolio';
  initialMargin: string;
  maintenanceMargin: string;
}
export interface MarginAccountRow {
  account: string;
  /** Account collateral (cross, sub-accounts, isolated positions) at market, before haircuts. */
  collateralAtMarket: string;
  equity: string;
  initialMargin: string;
  maintenanceMargin: string;
  /** equity − maintenanceMargin: the loss the account absorbs before liquidation (negative: liquidatable). */
  excess: string;
  /** Free collateral (equity − initial margin) floored at 0 and capped at `collateralAtMarket`. */
  idleCollateral: string;
  marginRatio: string | null;
  liquidatable: boolean;
}
/** Sums of the {@link MarginAccountRow}s over every account (exact decimals). */
export interface MarginTotals {
  collateralAtMarket: string;
  equity: string;
  initialMargin: string;
  maintenanceMargin: string;
  excess: string;
  idleCollateral: string;
}
export interface MarginSection {
  /** Book totals under each method. */
  byMethod: MarginMethodRow[];
  /** Method of the per-account health figures: the report's `marginMethod` (the one that decides liquidation). */
  healthMethod: string;
  /** Per account under `healthMethod`, most stretched (highest margin ratio) first. */
  byAccount: MarginAccountRow[];
  /** Totals of `byAccount` (every account), all under `healthMethod`. */
  health: { method: string; totals: MarginTotals };
  /**
   * Capital efficiency. `grossNotional` and `nettingBenefit` (standard − the lowest initial margin of the three
   * methods, `lowestMethod`'s; never negative; `nettingBenefitPct` is it over standard, a fraction) compare methods;
   * `idleCollateral` is `health.totals.idleCollateral` (health method) and `effectiveLeverage` gross notional over
   * the health-method equity.
   */
  efficiency: {
    grossNotional: string;
    lowestMethod: 'standard' | 'cross' | 'portfolio';
    nettingBenefit: string;
    nettingBenefitPct: number;
    idleCollateral: string;
    effectiveLeverage: number;
  };
}

export interface CollateralHaircutRow {
  account: string;
  asset: string;
  amount: string;
  price: number;
  haircut: number;
  value: string;
  valueAfterHaircut: string;
}
export interface CollateralSection {
  rows: CollateralHaircutRow[];
  totalValue: string;
  totalAfterHaircut: string;
}

export interface VaRFigure {
  var: number;
  es: number;
}
export interface RiskSection {
  confidence: number;
  horizonDays: number;
  historical: Section<VaRFigure & { observations: number }>;
  parametric: Section<
    VaRFigure & { method: string; stdev: number; components: { underlying: string; componentVaR: number }[] }
  >;
  monteCarlo: Section<
    VaRFigure & {
      paths: number;
      seed: number;
      varStdError: number | null;
      esStdError: number | null;
      histogram: { x0: number; x1: number; count: number }[];
    }
  >;
  /** One line on why the methods differ for this book. */
  methodsNote: string;
  attribution: Section<AttributionSection>;
  backtest: Section<BacktestSection>;
}

export interface StressSection {
  /** Margin method the accounts are re-margined with after each move. */
  method: string;
  priceMoves: number[];
  volShifts: number[];
  /** Assets the price × vol grid moves together. */
  gridAssets: string[];
  /** Equity change summed over the accounts (positions revalued, collateral at shocked prices after haircuts). */
  grid: { priceMove: number; volShift: number; pnl: number; liquidatable: number }[];
  /** The worst scenarios (the worst grid cell, historical events, hypothetical depegs), worst first. */
  worst: { scenario: string; pnl: number; liquidatable: number; window: string | null; source: string | null }[];
}
export interface ReverseStressRow {
  account: string;
  underlying: string;
  /** `ok`, or `liquidatable` already (then no prices are searched). */
  status: 'ok' | 'liquidatable';
  price: number;
  /** Highest price below today's at which the cross pool's equity meets maintenance margin (others fixed); null: none in range. */
  below: number | null;
  /** below/price − 1. */
  distanceBelow: number | null;
  above: number | null;
  distanceAbove: number | null;
}
export interface ReverseStressCombined {
  account: string;
  target: 'liquidation' | 'insolvency';
  /** Smallest fall of every underlying together (0.25 = all down 25%) that breaks the target; null: none in range. */
  shock: number | null;
  brokenAtBase: boolean;
  note: string;
}
export interface ReverseStressSection {
  /** Margin method deciding liquidation. */
  method: string;
  /** Accounts analysed: the `analysed` highest margin ratios of `of` accounts (at most `limit`, see REVERSE_STRESS_ACCOUNTS). */
  scope: { analysed: number; of: number; limit: number };
  rows: ReverseStressRow[];
  /** riskcore/stress `reverseStressTest` with every underlying falling together. */
  combined: ReverseStressCombined[];
}
export interface HedgeSection {
  target: string[];
  /** How riskcore/stress `hedge` solved: 'exact', 'least-squares' or 'minimum-norm'. */
  method: string;
  /** Every targeted Greek is 0 after the hedge (to 1e-9 of its scale). */
  neutral: boolean;
  trades: { instrument: string; quantity: number }[];
  byUnderlying: { underlying: string; deltaBefore: number; deltaAfter: number }[];
  /** Worst P&L of the positions on the stress grid before and after adding the trades (hedgeEffect). */
  stress: { worstBefore: number; worstScenarioBefore: string; worstAfter: number; worstScenarioAfter: string } | null;
}
/**
 * A liquidation cascade, reconcilable: money fields are exact decimal strings in the quote currency. Per round,
 * `fundBefore + fees − covered = insuranceFund` (the fund after the round) and `badDebt = covered + adl + deficit`;
 * over the run the same with the totals, `startingFund` the fund before round 0 and `finalFund` after the last.
 */
export interface CascadeSection {
  asset: string;
  accounts: number;
  liquidated: number;
  startingFund: string;
  totalBadDebt: string;
  totalFees: string;
  totalCovered: string;
  totalAdl: string;
  totalLiquidatedNotional: string;
  finalPrice: number;
  deficit: string;
  finalFund: string;
  rounds: {
    round: number;
    marketPrice: number;
    oraclePrice: number;
    liquidatedNotional: string;
    fundBefore: string;
    fees: string;
    badDebt: string;
    covered: string;
    adl: string;
    deficit: string;
    insuranceFund: string;
    accountsLiquidated: number;
  }[];
}
