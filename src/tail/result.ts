/** The one result shape of every tail-risk method. */

/** Value at Risk and Expected Shortfall of one method at one confidence, both positive losses in P&L units. */
export interface TailRiskResult {
  /** VaR: the α-quantile of the loss L = −P&L (negative when even that quantile is a gain). */
  var: number;
  /** ES: the mean loss in the worst (1 − α) of the distribution; ES ≥ VaR. */
  es: number;
  /** The confidence α in (0, 1) both figures are at. */
  confidence: number;
  /** Standard errors of the two estimates, in P&L units, for methods that estimate them (Monte Carlo). */
  standardError?: { var: number; es: number };
}
