/**
 * Reading a decimal amount from its text (or a number) into a scaled integer for the pre-trade check on scaled
 * integers: the amount's canonical text (as `Money` prints it), its places, and its digits as a safe integer when
 * they fit.
 */
import type { Scaled } from './scaledDecimal.js';
import type { SafeScaled } from './scaledNumber.js';

/**
 * An amount read from its text: its value (also as a safe integer when it has at most 15 digits: then `safe` is the
 * amount itself, n × 10^−s) and its text.
 */
export interface Amount extends SafeScaled {
  /** Decimal places. */
  readonly s: number;
  /** The digits as a safe integer, signed (0 when they are not one). */
  readonly n: number;
  safe: SafeScaled | undefined;
  big: Scaled | undefined;
  readonly text: string;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Kernel: the amount of a decimal string or number in plain form (optional '-', 1 to 39 integer digits, optionally
 * '.' and 1 to 28 digits; not a negative zero), or undefined for any other input.
 */
export function readAmount(value: unknown): Amount | undefined {
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  if (text === undefined) return undefined;
  const len = text.length;
  const negative = len > 0 && text.charCodeAt(0) === 45;
  const intStart = negative ? 1 : 0;
  let i = intStart;
  while (i < len && isDigit(text.charCodeAt(i))) i++;
  const intEnd = i;
  if (intEnd === intStart || intEnd - intStart > 39) return undefined;
  let end = intEnd;
  if (i < len) {
    if (text.charCodeAt(i) !== 46) return undefined;
    i++;
    while (i < len && isDigit(text.charCodeAt(i))) i++;
    if (i !== len || i === intEnd + 1 || i - intEnd - 1 > 28) return undefined;
    end = len;
    while (end > intEnd + 1 && text.charCodeAt(end - 1) === 48) end--; // trailing zeros of the fraction
    if (end === intEnd + 1) end = intEnd;
  }
  let lead = intStart;
  while (lead < intEnd - 1 && text.charCodeAt(lead) === 48) lead++;
  const s = end > intEnd ? end - intEnd - 1 : 0;
  const zero = s === 0 && intEnd - lead === 1 && text.charCodeAt(lead) === 48;
  if (negative && zero) return undefined; // negative zero: left to Money
  const canonical = lead === intStart && end === len ? text : `${negative ? '-' : ''}${text.slice(lead, end)}`;
  const out: Amount = { text: canonical, s, n: 0, safe: undefined, big: undefined };
  if (intEnd - lead + s <= 15) {
    let n = 0;
    for (let k = lead; k < end; k++) if (k !== intEnd) n = n * 10 + (text.charCodeAt(k) - 48);
    (out as { n: number }).n = negative ? -n : n;
    out.safe = out; // no second object: the amount is its own safe form
  }
  return out;
}

/** The amount as a bigint scaled value (built on first use). */
export function bigOf(a: Amount): Scaled {
  if (a.big === undefined) a.big = { n: BigInt(a.text.replace('.', '')), s: a.s };
  return a.big;
}
