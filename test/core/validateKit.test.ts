/**
 * The validation kit the root entry exports for riskcore's own packages and for code built on the book contract
 * (`joinPath`, `checkNumber`, `optionalNumber`, `checkEnum`, `optionalEnum`, `checkString`, `checkObject`,
 * `checkArray`, `knownKeys`, `checkKeys`, `checkStrictObject`, `ownValue`), tested directly from `riskcore`'s root
 * index: each returns the value it accepts unchanged or throws a RiskInputError whose `.path` is the path it was
 * given, never anything else. Properties (fast-check) over arbitrary values against a plain re-statement of each
 * rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkArray,
  checkEnum,
  checkKeys,
  checkNumber,
  checkObject,
  checkStrictObject,
  checkString,
  joinPath,
  knownKeys,
  optionalEnum,
  optionalNumber,
  ownValue,
  RiskInputError,
} from '../../src/index.js';

/** The outcome of `f`: its value, or the RiskInputError's path (any other throw fails the test). */
function outcome(f: () => unknown): { ok: true; value: unknown } | { ok: false; path: string; message: string } {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (!(e instanceof RiskInputError)) throw e;
    return { ok: false, path: e.path, message: e.message };
  }
}

const anything = fc.oneof(
  fc.anything(),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e308, 5e-324, null, undefined, [], {}, new Float64Array(2)),
);
const SEED = { seed: 20261207, numRuns: 400 };

describe('joinPath', () => {
  it('joins keys with a dot, indices with brackets, and an empty parent to the key alone', () => {
    expect(joinPath('positions', 3)).toBe('positions[3]');
    expect(joinPath('positions[3]', 'strike')).toBe('positions[3].strike');
    expect(joinPath('', 'market')).toBe('market');
    expect(joinPath('', 0)).toBe('[0]');
  });
});

describe('checkNumber / optionalNumber', () => {
  const bounds = fc.record(
    {
      gt: fc.double({ min: -10, max: 10, noNaN: true }),
      ge: fc.double({ min: -10, max: 10, noNaN: true }),
      lt: fc.double({ min: -10, max: 10, noNaN: true }),
      le: fc.double({ min: -10, max: 10, noNaN: true }),
      integer: fc.boolean(),
    },
    { requiredKeys: [] },
  );
  it('accepts exactly the finite numbers within every bound given, returning them unchanged (fast-check)', () => {
    fc.assert(
      fc.property(anything, bounds, (v, b) => {
        const inBounds =
          typeof v === 'number' &&
          Number.isFinite(v) &&
          (b.gt === undefined || v > b.gt) &&
          (b.ge === undefined || v >= b.ge) &&
          (b.lt === undefined || v < b.lt) &&
          (b.le === undefined || v <= b.le) &&
          (!b.integer || Number.isInteger(v));
        const o = outcome(() => checkNumber(v, 'a.b', b));
        if (inBounds) expect(o).toEqual({ ok: true, value: v });
        else expect(o).toMatchObject({ ok: false, path: 'a.b' });
      }),
      SEED,
    );
  });
  it('names the bounds in the message', () => {
    expect(outcome(() => checkNumber(7, 'x', { ge: 0, lt: 5 }))).toMatchObject({
      message: 'x must be a finite number in [0, 5), got 7',
    });
    expect(outcome(() => checkNumber(1.5, 'n', { integer: true, gt: 0 }))).toMatchObject({
      message: 'n must be a finite integer > 0, got 1.5',
    });
  });
  it('optionalNumber gives the fallback for undefined only, and checks anything else', () => {
    expect(optionalNumber(undefined, 'x', 42)).toBe(42);
    expect(optionalNumber(3, 'x', 42, { ge: 0 })).toBe(3);
    expect(outcome(() => optionalNumber(null, 'x', 42))).toMatchObject({ ok: false, path: 'x' });
    expect(outcome(() => optionalNumber(-1, 'x', 42, { ge: 0 }))).toMatchObject({ ok: false, path: 'x' });
  });
});

describe('checkEnum / optionalEnum / checkString', () => {
  const allowed = ['cross', 'isolated'] as const;
  it('accepts exactly the listed strings (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(anything, fc.constantFrom('cross', 'isolated', 'Cross', '')), (v) => {
        const o = outcome(() => checkEnum(v, 'mode', allowed));
        if (v === 'cross' || v === 'isolated') expect(o).toEqual({ ok: true, value: v });
        else expect(o).toMatchObject({ ok: false, path: 'mode' });
      }),
      SEED,
    );
  });
  it('lists the allowed values in the message; optionalEnum falls back on undefined only', () => {
    expect(outcome(() => checkEnum('Cross', 'mode', allowed))).toMatchObject({
      message: "mode must be one of 'cross', 'isolated', got \"Cross\"",
    });
    expect(optionalEnum(undefined, 'mode', allowed, 'cross')).toBe('cross');
    expect(outcome(() => optionalEnum(null, 'mode', allowed, 'cross'))).toMatchObject({ ok: false, path: 'mode' });
  });
  it('checkString accepts non-empty strings only (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(anything, fc.string()), (v) => {
        const o = outcome(() => checkString(v, 's'));
        if (typeof v === 'string' && v.length > 0) expect(o).toEqual({ ok: true, value: v });
        else expect(o).toMatchObject({ ok: false, path: 's' });
      }),
      SEED,
    );
  });
});

describe('checkObject / checkArray', () => {
  it('checkObject accepts objects that are neither arrays, typed arrays nor null, as they are (fast-check)', () => {
    fc.assert(
      fc.property(anything, (v) => {
        const o = outcome(() => checkObject(v, 'o'));
        const isObject = typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
        if (isObject) expect(o.ok && o.value === v).toBe(true);
        else expect(o).toMatchObject({ ok: false, path: 'o' });
      }),
      SEED,
    );
  });
  it('checkArray accepts plain arrays of at least minLength elements, as they are (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(anything, fc.array(fc.anything(), { maxLength: 4 })), fc.nat(3), (v, min) => {
        const o = outcome(() => checkArray(v, 'xs', min));
        if (Array.isArray(v) && v.length >= min) expect(o.ok && o.value === v).toBe(true);
        else expect(o).toMatchObject({ ok: false, path: 'xs' });
      }),
      SEED,
    );
  });
});

describe('knownKeys / checkKeys / checkStrictObject', () => {
  const KNOWN = knownKeys('marginMode', 'leverage', 'positions');
  it('refuses an own key that is not known, naming its full path and the closest known key', () => {
    expect(outcome(() => checkKeys({ marginmode: 'cross' }, 'accounts[2]', KNOWN))).toEqual({
      ok: false,
      path: 'accounts[2].marginmode',
      message: 'accounts[2].marginmode is not a field; did you mean marginMode?',
    });
    expect(outcome(() => checkKeys({ zzzzzzzz: 1 }, '', KNOWN))).toEqual({
      ok: false,
      path: 'zzzzzzzz',
      message: 'zzzzzzzz is not a field',
    });
  });
  it('refuses an unknown key even when its value is undefined, and ignores inherited keys', () => {
    expect(outcome(() => checkKeys({ levrage: undefined }, 'a', KNOWN))).toMatchObject({
      ok: false,
      path: 'a.levrage',
    });
    const inherited = Object.create({ notAField: 1 }) as Record<string, unknown>;
    inherited.leverage = 5;
    expect(outcome(() => checkKeys(inherited, 'a', KNOWN))).toEqual({ ok: true, value: undefined });
  });
  it('accepts exactly the objects whose own keys are all known (fast-check)', () => {
    const key = fc.oneof(fc.constantFrom('marginMode', 'leverage', 'positions'), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.dictionary(key, fc.anything(), { maxKeys: 4 }), (obj) => {
        const bad = Object.keys(obj).find((k) => !KNOWN.has(k));
        const o = outcome(() => checkStrictObject(obj, 'root', KNOWN));
        if (bad === undefined) expect(o.ok && o.value === obj).toBe(true);
        else expect(o).toMatchObject({ ok: false, path: `root.${bad}` });
      }),
      SEED,
    );
  });
  it('checkStrictObject refuses a non-object at its own path before any key', () => {
    expect(outcome(() => checkStrictObject([1], 'cfg', KNOWN))).toMatchObject({ ok: false, path: 'cfg' });
  });
});

describe('ownValue', () => {
  it('reads own properties only: a record keyed by user data never yields a prototype member', () => {
    const prices: Record<string, number> = { BTC: 60000 };
    expect(ownValue(prices, 'BTC')).toBe(60000);
    for (const k of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'ETH']) {
      expect(ownValue(prices, k)).toBeUndefined();
    }
    const bare = Object.assign(Object.create(null) as Record<string, number>, { constructor: 3 });
    expect(ownValue(bare, 'constructor')).toBe(3);
  });
});
