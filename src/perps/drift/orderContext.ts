/**
 * The account and markets of a Drift pre-trade call: raw markets and account, or a prepared market with a raw or
 * prepared account, validated; and the order's position (an empty one added when the account has none).
 */
import { RiskInputError } from '../../core/errors.js';
import { checkStrictObject, joinPath, knownKeys, optionalEnum, ownValue } from '../../core/validate.js';
import type { MarginLines, Valued } from './marginKernel.js';
import { readPerpMarket, type DriftMarginType, type PerpMarket } from './market.js';
import type { PerpPosition } from './position.js';
import { accountIn, isPreparedAccount, keptLines, preparedMarkets } from './prepared.js';
import { readValued } from './readAccount.js';

const CTX_KEYS = knownKeys('account', 'market', 'perpMarkets', 'spotMarkets', 'quotePrice', 'quoteTwap');
const OPTS = knownKeys('mode');

/** The account and markets of a call, validated (prepared ones as kept). */
export interface Context {
  v: Valued;
  hlm: boolean;
  /** A perp market by name for an order on a market the account has no position in, or undefined. */
  market: (name: string) => PerpMarket | undefined;
  /** The prepared account's kept margin lines, if the account is prepared. */
  lines: ((type: DriftMarginType) => MarginLines) | undefined;
}

const MARKET_FIELDS = ['perpMarkets', 'spotMarkets', 'quotePrice', 'quoteTwap'] as const;

export function readContext(context: unknown, opts: unknown): Context {
  const c = checkStrictObject(context, 'context', CTX_KEYS);
  const { account, market: prepared, ...markets } = c;
  const o = checkStrictObject(opts, 'options', OPTS);
  const mode = optionalEnum(o.mode, 'options.mode', ['standard', 'highLeverage'] as const, 'standard');
  const hlm = mode === 'highLeverage';
  if (prepared === undefined) {
    if (isPreparedAccount(account)) {
      throw new RiskInputError('context.market', 'the prepared market the account was prepared against', prepared);
    }
    const v = readValued(account, markets);
    const raw = c.perpMarkets === undefined ? {} : (c.perpMarkets as Record<string, unknown>);
    const market = (name: string) => {
      const m = ownValue(raw, name);
      return m === undefined ? undefined : readPerpMarket(m, joinPath('context.perpMarkets', name));
    };
    return { v, hlm, market, lines: undefined };
  }
  const ready = preparedMarkets(prepared);
  if (ready === undefined) throw new RiskInputError('context.market', 'a market from prepareDriftMarket', prepared);
  for (const k of MARKET_FIELDS) {
    if (c[k] !== undefined)
      throw new RiskInputError(joinPath('context', k), 'absent with a prepared context.market', c[k]);
  }
  const { v, kept } = accountIn(account, ready, 'context.account');
  const market = (name: string) => (ready.perpMarkets.has(name) ? ready.perpMarkets.get(name) : undefined);
  return { v, hlm, market, lines: kept === undefined ? undefined : (type) => keptLines(kept, type, hlm, 0n) };
}

/** The position index for `market`, adding an empty position (and its market) when the account has none. */
export function withPosition(v: Valued, market: string, path: string, c: Context): { v: Valued; index: number } {
  const index = v.perps.findIndex((p) => p.market === market);
  if (index >= 0) return { v, index };
  const m = c.market(market);
  if (m === undefined) throw new RiskInputError(path, 'a key of context.perpMarkets', market);
  const perpMarkets = v.perpMarkets.get(market) === m ? v.perpMarkets : new Map(v.perpMarkets).set(market, m);
  const empty: PerpPosition = { market, base: 0n, quote: 0n, lastCum: 0n, openOrders: 0n, openBids: 0n, openAsks: 0n };
  return { v: { ...v, perpMarkets, perps: [...v.perps, empty] }, index: v.perps.length };
}
