/** Auto-deleveraging queue: the documented sorting index and a total order over the counterparties. */
import { RiskInputError } from '../../core/errors.js';
import { type Money, toMoney, type MoneyInput } from '../../core/money.js';
import { checkArray, checkEnum, checkStrictObject, checkString, joinPath, knownKeys } from '../../core/validate.js';

const CANDIDATE_KEYS = knownKeys('account', 'size', 'entryPrice', 'accountValue');
const CONTEXT_KEYS = knownKeys('side', 'markPrice');

/** A position that may be auto-deleveraged. */
export interface HyperliquidAdlCandidate {
  /** Unique account id (the final tie-break, by code units). */
  account: string;
  /** Signed size (coins). */
  size: MoneyInput;
  entryPrice: MoneyInput;
  /** Account value backing the position (cross account value, or the isolated position value), USDC. */
  accountValue: MoneyInput;
}

/** The side being deleveraged against and the mark. */
export interface HyperliquidAdlContext {
  /** Side of the underwater position; candidates on the other side are ranked. */
  side: 'long' | 'short';
  markPrice: MoneyInput;
}

/** One ranked counterparty. */
export interface HyperliquidAdlRank {
  account: string;
  size: Money;
  entryPrice: Money;
  notional: Money;
  unrealizedPnl: Money;
  /** (pnl factor) × notional / account value; pnl factor mark/entry for a long, entry/mark for a short. */
  index: Money;
}

/** Ranked queue, first deleveraged first. */
export interface HyperliquidAdlRankingResult {
  queue: HyperliquidAdlRank[];
  /** Accounts left out (sorted): same side as the underwater position, flat, not in profit, or value ≤ 0. */
  excluded: string[];
}

/** Validated candidates and mark (internal). */
export interface ParsedAdl {
  side: 'long' | 'short';
  mark: Money;
  candidates: Array<{ account: string; size: Money; entryPrice: Money; accountValue: Money }>;
}

/** Validates an ADL context and its candidates (internal). */
export function parseAdl(candidates: unknown, context: unknown, path: string): ParsedAdl {
  const c = checkStrictObject(context, 'context', CONTEXT_KEYS);
  const side = checkEnum(c.side, 'context.side', ['long', 'short'] as const);
  const mark = toMoney(c.markPrice, 'context.markPrice', { min: 'positive' });
  const seen = new Set<string>();
  const list = checkArray(candidates, path).map((v, i) => {
    const p = joinPath(path, i);
    const o = checkStrictObject(v, p, CANDIDATE_KEYS);
    const account = checkString(o.account, joinPath(p, 'account'));
    if (seen.has(account)) throw new RiskInputError(joinPath(p, 'account'), 'a unique account id', account);
    seen.add(account);
    return {
      account,
      size: toMoney(o.size, joinPath(p, 'size')),
      entryPrice: toMoney(o.entryPrice, joinPath(p, 'entryPrice'), { min: 'positive' }),
      accountValue: toMoney(o.accountValue, joinPath(p, 'accountValue')),
    };
  });
  return { side, mark, candidates: list };
}

/** Strict total order of the queue: index descending, then notional descending, then account id ascending. */
export function compareAdl(a: HyperliquidAdlRank, b: HyperliquidAdlRank): number {
  const byIndex = b.index.comparedTo(a.index);
  if (byIndex !== 0) return byIndex;
  const byNotional = b.notional.comparedTo(a.notional);
  if (byNotional !== 0) return byNotional;
  return a.account < b.account ? -1 : a.account > b.account ? 1 : 0;
}

/** Kernel: ranks validated candidates. */
export function rankAdl(parsed: ParsedAdl): HyperliquidAdlRankingResult {
  const queue: HyperliquidAdlRank[] = [];
  const excluded: string[] = [];
  const wantLong = parsed.side === 'short';
  for (const c of parsed.candidates) {
    const unrealizedPnl = c.size.times(parsed.mark.minus(c.entryPrice));
    const eligible = !c.size.isZero() && c.size.isPos() === wantLong && unrealizedPnl.gt(0) && c.accountValue.gt(0);
    if (!eligible) {
      excluded.push(c.account);
      continue;
    }
    const notional = c.size.abs().times(parsed.mark);
    const factor = wantLong ? parsed.mark.div(c.entryPrice) : c.entryPrice.div(parsed.mark);
    const index = factor.times(notional).div(c.accountValue);
    queue.push({ account: c.account, size: c.size, entryPrice: c.entryPrice, notional, unrealizedPnl, index });
  }
  queue.sort(compareAdl);
  excluded.sort();
  return { queue, excluded };
}

/**
 * The auto-deleveraging queue against an underwater position of side `context.side`: the profitable positions on the
 * other side, ranked by the sorting index of Hyperliquid's Auto-deleveraging page, (mark_price / entry_price) ×
 * (notional_position / account_value) — written there for a long; for a short the pnl factor is entry / mark, so
 * that a larger profit ranks higher on both sides. Ties are broken by larger notional, then by account id, so the
 * order is total and does not depend on the input order (account ids must be unique).
 *
 * @example
 * ```ts
 * import { hyperliquidAdlRanking } from 'riskcore/perps';
 * const r = hyperliquidAdlRanking(
 *   [
 *     { account: 'a', size: '-2', entryPrice: '110', accountValue: '100' },
 *     { account: 'b', size: '-1', entryPrice: '120', accountValue: '20' },
 *     { account: 'c', size: '3', entryPrice: '90', accountValue: '50' },
 *   ],
 *   { side: 'long', markPrice: '100' },
 * );
 * console.log(r.queue.map((q) => `${q.account}:${q.index}`).join(' '), r.excluded); // 'b:6 a:2.2' [ 'c' ]
 * ```
 */
export function hyperliquidAdlRanking(
  candidates: readonly HyperliquidAdlCandidate[],
  context: HyperliquidAdlContext,
): HyperliquidAdlRankingResult {
  return rankAdl(parseAdl(candidates, context, 'candidates'));
}
