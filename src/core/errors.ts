/**
 * The one error type every public riskcore function throws on bad input.
 *
 * `path` names the offending field the way a user would write it (`"strike"`,
 * `"positions[3].quantity"`, `"market.assets.BTC.vol"`), `value` is what came, and the
 * message says what was expected and what came:
 * `positions[3].strike must be a finite number > 0, got -5`.
 *
 * @example
 * ```ts
 * import { RiskInputError } from 'riskcore';
 * try {
 *   throw new RiskInputError('strike', 'a finite number > 0', -5);
 * } catch (e) {
 *   if (e instanceof RiskInputError) console.log(e.path, e.value, e.message);
 *   // strike -5 strike must be a finite number > 0, got -5
 * }
 * ```
 */
/** Marks every RiskInputError, whichever copy of the library (ESM, CJS, another entry's bundle) made it. */
const RISK_INPUT_ERROR = Symbol.for('riskcore.RiskInputError');

export class RiskInputError extends Error {
  /**
   * `instanceof RiskInputError` holds for an error made by any copy of riskcore loaded in the process (each
   * subpath bundle, ESM and CJS, the CLI and scale-out packages): they share the brand, not the class object.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (value as Record<symbol, unknown> | null | undefined)?.[RISK_INPUT_ERROR] === true;
  }

  /**
   * The error for a key that the input's type does not have: `positions[2].marginmode is not a field; did you
   * mean marginMode?`. `path` is the full path of the unknown key; `suggestion` the closest known key, if any.
   */
  static unknownField(path: string, value: unknown, suggestion?: string): RiskInputError {
    const hint = suggestion ? `; did you mean ${suggestion}?` : '';
    const e = new RiskInputError(path, `absent (not a field${hint})`, value);
    e.message = `${path} is not a field${hint}`;
    return e;
  }

  /** Path of the offending field, e.g. `positions[3].strike`; `''` when the whole input is at fault. */
  declare readonly path: string;
  /** The value that was received. */
  declare readonly value: unknown;
  /** What was expected, e.g. `a finite number > 0`. */
  declare readonly expected: string;

  constructor(path: string, expected: string, value: unknown, detail?: string) {
    super(`${path || 'input'} must be ${expected}, got ${describeValue(value)}${detail ? ` (${detail})` : ''}`);
    // own properties in the order of declared class fields: path, value, expected, then name
    this.path = path;
    this.value = value;
    this.expected = expected;
    this.name = 'RiskInputError';
    Object.defineProperty(this, RISK_INPUT_ERROR, { value: true });
  }
}

/** Short, human-readable rendering of a received value for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value))
    return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value) {
    const name = value.constructor?.name;
    return name && name !== 'Object' ? `a ${name}` : 'an object';
  }
  return String(value); // undefined, null, a boolean, a symbol or a number (NaN, ±Infinity, −0 as 0)
}
