/** The engine's events and their validation (strict, errors name `event.<field>`). Internal. */
import { RiskInputError } from '../core/errors.js';
import type { Money } from '../core/money.js';
import { toMoney } from '../core/money.js';
import {
  checkEnum,
  checkKeys,
  checkNumber,
  checkObject,
  checkStrictObject,
  checkString,
  joinPath,
  knownKeys,
  optionalEnum,
} from '../core/validate.js';

/**
 * An instrument the engine holds: spot, a linear or inverse perpetual or dated future, or a European option (an
 * option needs the engine's method `'auto'` or `'portfolio'` and a vol or smile of its underlying in the market).
 */
export interface EngineInstrument {
  kind: 'spot' | 'perp' | 'future' | 'option';
  underlying: string;
  /** Perps, futures and options; default `'linear'` (inverse: a perp's or future's quantity is USD face, as Deribit's; an option pays coin). */
  settlement?: 'linear' | 'inverse';
  /** Futures and options: time to expiry in years (≥ 0). */
  expiry?: number;
  /** Options: `'call'` or `'put'`. */
  type?: 'call' | 'put';
  /** Options: strike (quote per unit, > 0). */
  strike?: number;
  /** Options: pricing model (default `'bsm'` on spot; `'black76'` / `'bachelier'` on the forward). */
  model?: 'bsm' | 'black76' | 'bachelier';
  /**
   * Default `'cross'`. `'isolated'` (spot, perps and futures): the position is margined alone with its own
   * collateral, as riskcore/netting margins a position with `marginMode: 'isolated'`.
   */
  marginMode?: 'cross' | 'isolated';
}

/** Cash in: `amount` units of a cash asset of the engine. */
export interface DepositEvent {
  type: 'deposit';
  account: string;
  asset: string;
  amount: string | number;
  /** The instrument of an open isolated position: the cash goes to that position's own collateral. */
  isolated?: EngineInstrument;
}
/** Cash out (refused when it exceeds the balance). */
export interface WithdrawEvent {
  type: 'withdraw';
  account: string;
  asset: string;
  amount: string | number;
  /** The instrument of an open isolated position: the cash comes from that position's own collateral. */
  isolated?: EngineInstrument;
}
/** A trade: `quantity` (signed, + buys) of an instrument at `price` (quote per unit; an option's premium, paid in cash). */
export interface FillEvent {
  type: 'fill';
  account: string;
  instrument: EngineInstrument;
  quantity: number;
  price: number;
  /**
   * Isolated fills only: settlement cash (units of the first collateral asset, ≥ 0) moved from the cross pool to
   * the position's own collateral with the fill (refused, with the fill, when the cross cash does not cover it).
   */
  margin?: string | number;
}
/** A new index price (and optional perp mark) and / or implied vol of one underlying. */
export interface TickEvent {
  type: 'tick';
  underlying: string;
  /** New index price; may be omitted when `vol` is given (a vol tick keeps price and mark). */
  price?: number;
  /** Perp mark; absent with a price: the mark is the price. */
  mark?: number;
  /** New at-the-money implied vol of the underlying (0.6 = 60%); absent: unchanged. */
  vol?: number;
}
/** Funding of the perps on an underlying: each position pays `rate × quantity` (quote) — longs pay when > 0. */
export interface FundingEvent {
  type: 'funding';
  underlying: string;
  rate: number;
}
/** Any engine event. */
export type EngineEvent = DepositEvent | WithdrawEvent | FillEvent | TickEvent | FundingEvent;

/** A validated event: amounts exact, defaults filled. */
export type ValidEvent =
  | { type: 'deposit' | 'withdraw'; account: string; asset: string; amount: Money; pool: ValidInstrument | null }
  | ({ type: 'fill'; account: string; quantity: number; price: number; margin: Money | null } & ValidInstrument)
  | { type: 'tick'; underlying: string; price: number | undefined; mark: number | undefined; vol: number | undefined }
  | { type: 'funding'; underlying: string; rate: number };

const TYPES = ['deposit', 'withdraw', 'fill', 'tick', 'funding'] as const;
const KEYS = {
  deposit: knownKeys('type', 'account', 'asset', 'amount', 'isolated'),
  withdraw: knownKeys('type', 'account', 'asset', 'amount', 'isolated'),
  fill: knownKeys('type', 'account', 'instrument', 'quantity', 'price', 'margin'),
  tick: knownKeys('type', 'underlying', 'price', 'mark', 'vol'),
  funding: knownKeys('type', 'underlying', 'rate'),
};
const ALL_KEYS = knownKeys(...new Set(Object.values(KEYS).flatMap((k) => [...k])));
const INSTRUMENT_KEYS = knownKeys(
  'kind',
  'underlying',
  'settlement',
  'expiry',
  'type',
  'strike',
  'model',
  'marginMode',
);
const MAX = 1e15;
/** Prices: positive, far from the subnormals (1/price stays finite). */
export const PRICE = { ge: 1e-9, le: MAX };

/** A validated instrument: defaults filled (`put`, `strike`, `model` only meaningful for options). */
export interface ValidInstrument {
  kind: 'spot' | 'perp' | 'future' | 'option';
  underlying: string;
  inverse: boolean;
  expiry: number;
  put: boolean;
  strike: number;
  model: 'bsm' | 'black76' | 'bachelier';
  /** True for `marginMode: 'isolated'`. */
  isolated: boolean;
}

/** Validate an instrument against the engine's underlyings. */
export function validateInstrument(
  value: unknown,
  path: string,
  hasUnderlying: (u: string) => boolean,
): ValidInstrument {
  const o = checkStrictObject(value, path, INSTRUMENT_KEYS);
  const kind = checkEnum(o.kind, joinPath(path, 'kind'), ['spot', 'perp', 'future', 'option'] as const);
  const mode = optionalEnum(o.marginMode, joinPath(path, 'marginMode'), ['cross', 'isolated'] as const, 'cross');
  if (mode === 'isolated' && kind === 'option')
    throw new RiskInputError(
      joinPath(path, 'marginMode'),
      "'cross' for an option (the engine isolates spot, perp and future positions)",
      o.marginMode,
    );
  const underlying = checkString(o.underlying, joinPath(path, 'underlying'));
  if (!hasUnderlying(underlying))
    throw new RiskInputError(joinPath(path, 'underlying'), 'an asset of the engine market', underlying);
  if (kind === 'spot' && o.settlement !== undefined)
    throw new RiskInputError(joinPath(path, 'settlement'), 'no settlement for spot', o.settlement);
  const settlement = optionalEnum(o.settlement, joinPath(path, 'settlement'), ['linear', 'inverse'] as const, 'linear');
  const dated = kind === 'future' || kind === 'option';
  if (!dated && o.expiry !== undefined)
    throw new RiskInputError(joinPath(path, 'expiry'), 'an expiry only on a future or an option', o.expiry);
  for (const k of ['type', 'strike', 'model'] as const)
    if (kind !== 'option' && o[k] !== undefined)
      throw new RiskInputError(joinPath(path, k), `no ${k} but on an option`, o[k]);
  const expiry = dated ? checkNumber(o.expiry, joinPath(path, 'expiry'), { ge: 0, le: 10 }) + 0 : 0;
  const opt = kind === 'option';
  const model = opt
    ? optionalEnum(o.model, joinPath(path, 'model'), ['bsm', 'black76', 'bachelier'] as const, 'bsm')
    : 'bsm';
  if (model === 'bachelier' && settlement === 'inverse')
    throw new RiskInputError(joinPath(path, 'settlement'), "'linear' for the bachelier model", o.settlement);
  return {
    kind,
    underlying,
    inverse: settlement === 'inverse',
    expiry,
    put: opt && checkEnum(o.type, joinPath(path, 'type'), ['call', 'put'] as const) === 'put',
    strike: opt ? checkNumber(o.strike, joinPath(path, 'strike'), PRICE) : 0,
    model: opt
      ? optionalEnum(o.model, joinPath(path, 'model'), ['bsm', 'black76', 'bachelier'] as const, 'bsm')
      : 'bsm',
    isolated: mode === 'isolated',
  };
}

/** Validate one event. */
export function validateEvent(
  value: unknown,
  path: string,
  hasUnderlying: (u: string) => boolean,
  hasCash: (a: string) => boolean,
): ValidEvent {
  const raw = checkObject(value, path);
  // an unknown type: a misspelt key is reported as the misspelling first (as core's validatePosition does)
  if (!TYPES.includes(raw.type as never)) checkKeys(raw, path, ALL_KEYS);
  const type = checkEnum(raw.type, joinPath(path, 'type'), TYPES);
  const o = checkStrictObject(value, path, KEYS[type]);
  const und = (): string => {
    const u = checkString(o.underlying, joinPath(path, 'underlying'));
    if (!hasUnderlying(u)) throw new RiskInputError(joinPath(path, 'underlying'), 'an asset of the engine market', u);
    return u;
  };
  switch (type) {
    case 'deposit':
    case 'withdraw': {
      const account = checkString(o.account, joinPath(path, 'account'));
      const asset = checkString(o.asset, joinPath(path, 'asset'));
      if (!hasCash(asset)) throw new RiskInputError(joinPath(path, 'asset'), 'a collateral asset of the engine', asset);
      const amount = toMoney(o.amount, joinPath(path, 'amount'), { min: 'positive' });
      if (amount.gt(MAX)) throw new RiskInputError(joinPath(path, 'amount'), `at most ${MAX}`, o.amount);
      const ip = joinPath(path, 'isolated');
      const pool = o.isolated === undefined ? null : validateInstrument(o.isolated, ip, hasUnderlying);
      if (pool?.kind === 'option')
        throw new RiskInputError(joinPath(ip, 'kind'), 'spot, perp or future (options are never isolated)', pool.kind);
      return { type, account, asset, amount, pool: pool && { ...pool, isolated: true } };
    }
    case 'fill': {
      const account = checkString(o.account, joinPath(path, 'account'));
      const ins = validateInstrument(o.instrument, joinPath(path, 'instrument'), hasUnderlying);
      const quantity = checkNumber(o.quantity, joinPath(path, 'quantity'), { ge: -MAX, le: MAX });
      if (quantity === 0) throw new RiskInputError(joinPath(path, 'quantity'), 'a non-zero quantity', quantity);
      const price = checkNumber(o.price, joinPath(path, 'price'), PRICE);
      const mp = joinPath(path, 'margin');
      if (o.margin !== undefined && !ins.isolated)
        throw new RiskInputError(mp, "no margin but on an isolated fill (instrument.marginMode: 'isolated')", o.margin);
      const margin = o.margin === undefined ? null : toMoney(o.margin, mp, { min: 'nonnegative' });
      if (margin?.gt(MAX)) throw new RiskInputError(mp, `at most ${MAX}`, o.margin);
      return { type, account, ...ins, quantity, price, margin };
    }
    case 'tick': {
      const underlying = und();
      const vol = o.vol === undefined ? undefined : checkNumber(o.vol, joinPath(path, 'vol'), { ge: 0, le: 1e6 });
      const price =
        o.price === undefined && vol !== undefined ? undefined : checkNumber(o.price, joinPath(path, 'price'), PRICE);
      if (price === undefined && o.mark !== undefined)
        throw new RiskInputError(joinPath(path, 'mark'), 'a mark only with a price', o.mark);
      const mark = o.mark === undefined ? undefined : checkNumber(o.mark, joinPath(path, 'mark'), PRICE);
      return { type, underlying, price, mark, vol };
    }
    case 'funding': {
      const underlying = und();
      const rate = checkNumber(o.rate, joinPath(path, 'rate'), { ge: -MAX, le: MAX });
      return { type, underlying, rate };
    }
  }
}

/** The compact, JSON-serialisable log record of a validated event (replayed by `restoreMarginEngine`). */
export type EventRecord = EngineEvent;

/** The record of a validated event. */
export function recordOf(e: ValidEvent): EventRecord {
  switch (e.type) {
    case 'deposit':
    case 'withdraw':
      return {
        type: e.type,
        account: e.account,
        asset: e.asset,
        amount: e.amount.toString(),
        ...(e.pool ? { isolated: instrumentRecord({ ...e.pool, isolated: false }) } : {}),
      };
    case 'fill':
      return {
        type: 'fill',
        account: e.account,
        instrument: instrumentRecord(e),
        quantity: e.quantity,
        price: e.price,
        ...(e.margin ? { margin: e.margin.toString() } : {}),
      };
    case 'tick': {
      const t: TickEvent = { type: 'tick', underlying: e.underlying };
      if (e.price !== undefined) t.price = e.price;
      if (e.mark !== undefined) t.mark = e.mark;
      if (e.vol !== undefined) t.vol = e.vol;
      return t;
    }
    case 'funding':
      return { type: 'funding', underlying: e.underlying, rate: e.rate };
  }
}

/** The instrument of a validated fill as {@link EngineInstrument} input (defaults written out). */
export function instrumentRecord(e: ValidInstrument): EngineInstrument {
  const instrument: EngineInstrument = { kind: e.kind, underlying: e.underlying };
  if (e.kind !== 'spot') instrument.settlement = e.inverse ? 'inverse' : 'linear';
  if (e.kind === 'future' || e.kind === 'option') instrument.expiry = e.expiry;
  if (e.kind === 'option') {
    instrument.type = e.put ? 'put' : 'call';
    instrument.strike = e.strike;
    instrument.model = e.model;
  }
  if (e.isolated) instrument.marginMode = 'isolated';
  return instrument;
}
