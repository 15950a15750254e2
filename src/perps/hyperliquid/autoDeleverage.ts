/** Auto-deleveraging: counterparties picked from the queue, sizes closed and amounts moved. */
import { RiskInputError } from '../../core/errors.js';
import { Money, toMoney, type MoneyInput } from '../../core/money.js';
import { checkStrictObject, checkString, knownKeys, optionalEnum } from '../../core/validate.js';
import { type HyperliquidAdlCandidate, parseAdl, rankAdl } from './adlRanking.js';

const POSITION_KEYS = knownKeys('account', 'size', 'accountValue');
const CONTEXT_KEYS = knownKeys('markPrice', 'candidates');
const OPTION_KEYS = knownKeys('badDebt');
const ZERO = new Money(0);

/** The underwater position. */
export interface HyperliquidAdlPosition {
  account: string;
  /** Signed size (coins). */
  size: MoneyInput;
  /** Account value of its margin pool at the mark (USDC; negative when underwater). */
  accountValue: MoneyInput;
}

/** Mark and the positions that may be deleveraged. */
export interface HyperliquidAutoDeleverageContext {
  markPrice: MoneyInput;
  candidates: readonly HyperliquidAdlCandidate[];
}

/** Options of {@link hyperliquidAutoDeleverage}. */
export interface HyperliquidAutoDeleverageOptions {
  /**
   * 'counterparties' (default): close at the bankruptcy price, the shortfall (−account value) charged to the
   * counterparties pro rata to the size each closes, summing to it exactly; 'vault': close at the mark, the shortfall
   * left as bad debt for the liquidator vault.
   */
  badDebt?: 'counterparties' | 'vault';
}

/** One counterparty closed. */
export interface HyperliquidAdlFill {
  account: string;
  /** Change of the counterparty's position (signed, towards zero). */
  size: Money;
  /** Pnl realised by the counterparty on the closed size (USDC), after its share of the shortfall. */
  realizedPnl: Money;
  /** Its share of the shortfall (USDC, ≥ 0). */
  shortfallShare: Money;
}

/** Outcome of auto-deleveraging one position. */
export interface HyperliquidAutoDeleverageResult {
  /** mark − account value / size: the price at which the pool is worth 0. */
  bankruptcyPrice: Money;
  fills: HyperliquidAdlFill[];
  /** Size of the underwater position left open (signed), when the queue is too short. */
  unfilledSize: Money;
  /** max(0, −account value). */
  shortfall: Money;
  /** Shortfall not charged to counterparties (USDC): the vault's, or the unfilled part's. */
  badDebt: Money;
}

/**
 * Auto-deleverages an underwater position (Hyperliquid's Auto-deleveraging page): the opposite-side positions in
 * profit are taken in the order of {@link hyperliquidAdlRanking} and closed against it until its size is matched.
 * With `badDebt: 'counterparties'` the fills are at the bankruptcy price, so each counterparty gives up a share of
 * the shortfall proportional to the size it closes (the last fill takes the remainder, so the shares add up to the
 * shortfall exactly); with `'vault'` the fills are at the mark and the shortfall stays with the liquidator vault.
 *
 * @example
 * ```ts
 * import { hyperliquidAutoDeleverage } from 'riskcore/perps';
 * const r = hyperliquidAutoDeleverage(
 *   { account: 'u', size: '3', accountValue: '-30' },
 *   {
 *     markPrice: '100',
 *     candidates: [
 *       { account: 'a', size: '-2', entryPrice: '110', accountValue: '100' },
 *       { account: 'b', size: '-2', entryPrice: '120', accountValue: '20' },
 *     ],
 *   },
 * );
 * console.log(r.bankruptcyPrice.toString(), r.fills.map((f) => `${f.account}:${f.size}:${f.shortfallShare}`).join(' ')); // '110 b:2:20 a:1:10'
 * ```
 */
export function hyperliquidAutoDeleverage(
  position: HyperliquidAdlPosition,
  context: HyperliquidAutoDeleverageContext,
  options: HyperliquidAutoDeleverageOptions = {},
): HyperliquidAutoDeleverageResult {
  const o = checkStrictObject(options, 'options', OPTION_KEYS);
  const mode = optionalEnum(o.badDebt, 'options.badDebt', ['counterparties', 'vault'] as const, 'counterparties');
  const p = checkStrictObject(position, 'position', POSITION_KEYS);
  checkString(p.account, 'position.account');
  const size = toMoney(p.size, 'position.size');
  if (size.isZero()) throw new RiskInputError('position.size', 'a non-zero size', p.size);
  const accountValue = toMoney(p.accountValue, 'position.accountValue');
  const c = checkStrictObject(context, 'context', CONTEXT_KEYS);
  const parsed = parseAdl(
    c.candidates,
    { side: size.isPos() ? 'long' : 'short', markPrice: c.markPrice },
    'context.candidates',
  );
  const mark = parsed.mark;
  const { queue } = rankAdl(parsed);
  const shortfall = Money.max(accountValue.neg(), ZERO);
  const total = size.abs();
  const fills: HyperliquidAdlFill[] = [];
  let remaining = total;
  let charged = ZERO;
  for (const q of queue) {
    if (remaining.isZero()) break;
    const closed = Money.min(remaining, q.size.abs());
    remaining = remaining.minus(closed);
    let share = ZERO;
    if (mode === 'counterparties') {
      share = remaining.isZero() ? shortfall.minus(charged) : shortfall.times(closed).div(total);
      charged = charged.plus(share);
    }
    const sign = q.size.isPos() ? 1 : -1;
    const pnlAtMark = closed.times(mark.minus(q.entryPrice)).times(sign);
    fills.push({
      account: q.account,
      size: closed.times(-sign),
      realizedPnl: pnlAtMark.minus(share),
      shortfallShare: share,
    });
  }
  return {
    bankruptcyPrice: mark.minus(accountValue.div(size)),
    fills,
    unfilledSize: size.isPos() ? remaining : remaining.neg(),
    shortfall,
    badDebt: shortfall.minus(charged),
  };
}
