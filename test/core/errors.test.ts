import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../../src/index.js';
import { describeValue } from '../../src/core/errors.js';
import {
  checkFiniteArray,
  checkNumber,
  checkConfidence,
  checkEnum,
  checkSquareMatrix,
} from '../../src/core/validate.js';

describe('RiskInputError', () => {
  it('carries path, value, expected and a readable message', () => {
    const e = new RiskInputError('positions[3].strike', 'a finite number > 0', -5);
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(RiskInputError);
    expect(e.name).toBe('RiskInputError');
    expect(e.path).toBe('positions[3].strike');
    expect(e.value).toBe(-5);
    expect(e.message).toBe('positions[3].strike must be a finite number > 0, got -5');
  });

  it('describes received values', () => {
    expect(describeValue(NaN)).toBe('NaN');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue('abc')).toBe('"abc"');
    expect(describeValue([1, 2])).toBe('an array of length 2');
    expect(describeValue(new Float64Array(3))).toBe('a Float64Array of length 3');
    expect(describeValue(10n)).toBe('10n');
    expect(describeValue({})).toBe('an object');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(true)).toBe('true');
    expect(describeValue(-Infinity)).toBe('-Infinity');
    expect(describeValue(-0)).toBe('0');
    expect(describeValue(Symbol('s'))).toBe('Symbol(s)');
    expect(describeValue(() => 1)).toBe('a function');
    expect(describeValue(new Map())).toBe('a Map');
    expect(describeValue(Object.create(null))).toBe('an object');
    expect(describeValue('x'.repeat(41))).toBe(`"${'x'.repeat(40)}…"`);
  });

  it('an unknown field names the key and the closest known one', () => {
    const e = RiskInputError.unknownField('options.confidnce', 0.9, 'confidence');
    expect(e.message).toBe('options.confidnce is not a field; did you mean confidence?');
    expect(e.expected).toBe('absent (not a field; did you mean confidence?)');
    expect(RiskInputError.unknownField('options.zzz', 1).message).toBe('options.zzz is not a field');
  });
});

describe('validation helpers', () => {
  it('checkNumber states the bounds', () => {
    expect(() => checkNumber(-5, 'strike', { gt: 0 })).toThrow('strike must be a finite number > 0, got -5');
    expect(() => checkNumber(Infinity, 'vol', { ge: 0 })).toThrow('vol must be a finite number >= 0, got Infinity');
    expect(() => checkNumber('1', 'x')).toThrow('x must be a finite number, got "1"');
    expect(checkNumber(0, 'vol', { ge: 0 })).toBe(0);
    expect(() => checkNumber(1.5, 'n', { integer: true, ge: 1 })).toThrow('n must be a finite integer >= 1, got 1.5');
  });

  it('checkConfidence is the open interval (0, 1)', () => {
    expect(() => checkConfidence(1)).toThrow('confidence must be a finite number in (0, 1), got 1');
    expect(() => checkConfidence(0)).toThrow(RiskInputError);
    expect(checkConfidence(0.99)).toBe(0.99);
    // the same refusals and messages as the general bounds check it writes out
    for (const v of [
      0,
      1,
      -0,
      -1,
      2,
      1e-320,
      0.5,
      NaN,
      Infinity,
      -Infinity,
      '0.5',
      null,
      undefined,
      [0.5],
      1 - 2 ** -53,
    ]) {
      let general: unknown;
      let own: unknown;
      try {
        general = checkNumber(v, 'options.confidence', { gt: 0, lt: 1 });
      } catch (e) {
        general = (e as Error).message;
      }
      try {
        own = checkConfidence(v, 'options.confidence');
      } catch (e) {
        own = (e as Error).message;
      }
      expect(own).toBe(general);
    }
  });

  it('checkFiniteArray names the bad index and accepts typed arrays', () => {
    expect(() => checkFiniteArray([1, 2, NaN], 'pnl')).toThrow('pnl[2] must be a finite number, got NaN');
    expect(() => checkFiniteArray([], 'pnl')).toThrow(/pnl must be a non-empty array/);
    expect(checkFiniteArray(new Float64Array([1, 2]), 'pnl').length).toBe(2);
    try {
      checkFiniteArray(new Float64Array([1, Infinity]), 'pnl');
      expect.unreachable();
    } catch (e) {
      expect((e as RiskInputError).path).toBe('pnl[1]');
    }
  });

  it('checkEnum lists the allowed values', () => {
    expect(() => checkEnum('straddle', 'type', ['call', 'put'])).toThrow(
      "type must be one of 'call', 'put', got \"straddle\"",
    );
  });

  it('checkSquareMatrix rejects ragged rows', () => {
    expect(() => checkSquareMatrix([[1, 0], [0]], 'corr')).toThrow('corr[1] must be a row of length 2');
    expect(
      checkSquareMatrix(
        [
          [1, 0],
          [0, 1],
        ],
        'corr',
      ),
    ).toBe(2);
  });
});
