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

/** An instrument the engine holds: spot, or a linear or inverse perpetual or dated future. */
export interface EngineInstrument {
  kind: 'spot' | 'perp' | 'future';
  underlying: string;
  /** Perps and futures; default `'linear'` (inverse: quantity is USD face, as Deribit's). */
  settlement?: 'linear' | 'inverse';
  /** Futures: time to expiry in years (≥ 0). */
  expiry?: number;
  /** Only `'cross'`: the engine holds one cross pool per account. */
  marginMode?: 'cross';
}

/** Cash in: `amount` units of a cash asset of the engine. */
export interface DepositEvent {
  type: 'deposit';
  account: string;
  asset: string;
  amount: string | number;
}
/** Cash out (refused when it exceeds the balance). */
export interface WithdrawEvent {
  type: 'withdraw';
  account: string;
  asset: string;
  amount: string | number;
}
/** A trade: `quantity` (signed, + buys) of an instrument at `price` (quote per unit). */
export interface FillEvent {
  type: 'fill';
  account: string;
  instrument: EngineInstrument;
  quantity: number;
  price: number;
}
/** A new index price (and optional perp mark) of one underlying. */
export interface TickEvent {
  type: 'tick';
  underlying: string;
  price: number;
  /** Perp mark; absent: the mark is the price. */
  mark?: number;
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
  | { type: 'deposit' | 'withdraw'; account: string; asset: string; amount: Money }
  | {
      type: 'fill';
      account: string;
      kind: 'spot' | 'perp' | 'future';
      underlying: string;
      inverse: boolean;
      expiry: number;
      quantity: number;
      price: number;
    }
  | { type: 'tick'; underlying: string; price: number; mark: number | undefined }
  | { type: 'funding'; underlying: string; rate: number };

const TYPES = ['deposit', 'withdraw', 'fill', 'tick', 'funding'] as const;
const KEYS = {
  deposit: knownKeys('type', 'account', 'asset', 'amount'),
  withdraw: knownKeys('type', 'account', 'asset', 'amount'),
  fill: knownKeys('type', 'account', 'instrument', 'quantity', 'price'),
  tick: knownKeys('type', 'underlying', 'price', 'mark'),
  funding: knownKeys('type', 'underlying', 'rate'),
};
const ALL_KEYS = knownKeys(...new Set(Object.values(KEYS).flatMap((k) => [...k])));
const INSTRUMENT_KEYS = knownKeys('kind', 'underlying', 'settlement', 'expiry', 'marginMode');
const MAX = 1e15;
/** Prices: positive, far from the subnormals (1/price stays finite). */
export const PRICE = { ge: 1e-9, le: MAX };

/** Validate an instrument against the engine's underlyings. */
export function validateInstrument(
  value: unknown,
  path: string,
  hasUnderlying: (u: string) => boolean,
): { kind: 'spot' | 'perp' | 'future'; underlying: string; inverse: boolean; expiry: number } {
  const o = checkStrictObject(value, path, INSTRUMENT_KEYS);
  if (o.marginMode !== undefined && o.marginMode !== 'cross')
    throw new RiskInputError(
      joinPath(path, 'marginMode'),
      "'cross' (the engine margins one cross pool per account; isolated positions and sub-accounts are margined by riskcore/netting's accountMargin)",
      o.marginMode,
    );
  const kind = checkEnum(o.kind, joinPath(path, 'kind'), ['spot', 'perp', 'future'] as const);
  const underlying = checkString(o.underlying, joinPath(path, 'underlying'));
  if (!hasUnderlying(underlying))
    throw new RiskInputError(joinPath(path, 'underlying'), 'an asset of the engine market', underlying);
  if (kind === 'spot' && o.settlement !== undefined)
    throw new RiskInputError(joinPath(path, 'settlement'), 'no settlement for spot', o.settlement);
  const settlement = optionalEnum(o.settlement, joinPath(path, 'settlement'), ['linear', 'inverse'] as const, 'linear');
  if (kind !== 'future' && o.expiry !== undefined)
    throw new RiskInputError(joinPath(path, 'expiry'), 'an expiry only on a future', o.expiry);
  const expiry = kind === 'future' ? checkNumber(o.expiry, joinPath(path, 'expiry'), { ge: 0, le: 10 }) : 0;
  return { kind, underlying, inverse: settlement === 'inverse', expiry };
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
      return { type, account, asset, amount };
    }
    case 'fill': {
      const account = checkString(o.account, joinPath(path, 'account'));
      const ins = validateInstrument(o.instrument, joinPath(path, 'instrument'), hasUnderlying);
      const quantity = checkNumber(o.quantity, joinPath(path, 'quantity'), { ge: -MAX, le: MAX });
      if (quantity === 0) throw new RiskInputError(joinPath(path, 'quantity'), 'a non-zero quantity', quantity);
      const price = checkNumber(o.price, joinPath(path, 'price'), PRICE);
      return { type, account, ...ins, quantity, price };
    }
    case 'tick': {
      const underlying = und();
      const price = checkNumber(o.price, joinPath(path, 'price'), PRICE);
      const mark = o.mark === undefined ? undefined : checkNumber(o.mark, joinPath(path, 'mark'), PRICE);
      return { type, underlying, price, mark };
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
      return { type: e.type, account: e.account, asset: e.asset, amount: e.amount.toString() };
    case 'fill': {
      const instrument: EngineInstrument = { kind: e.kind, underlying: e.underlying };
      if (e.kind !== 'spot') instrument.settlement = e.inverse ? 'inverse' : 'linear';
      if (e.kind === 'future') instrument.expiry = e.expiry;
      return { type: 'fill', account: e.account, instrument, quantity: e.quantity, price: e.price };
    }
    case 'tick':
      return e.mark === undefined
        ? { type: 'tick', underlying: e.underlying, price: e.price }
        : { type: 'tick', underlying: e.underlying, price: e.price, mark: e.mark };
    case 'funding':
      return { type: 'funding', underlying: e.underlying, rate: e.rate };
  }
}
