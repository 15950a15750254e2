import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { RiskInputError, toMoney, toBaseUnits } from '../../src/index.js';

describe('toMoney', () => {
  it('is exact where binary floats drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toMoney('0.1', 'a').plus(toMoney('0.2', 'b')).eq(toMoney('0.3', 'c'))).toBe(true);
    expect(toMoney(0.1, 'a').toString()).toBe('0.1');
    expect(toMoney(new Decimal('1e-18'), 'a').toFixed()).toBe('0.000000000000000001');
  });

  it('reads bigint base units with the token decimals', () => {
    expect(toMoney(1n, 'a', { decimals: 18 }).toFixed()).toBe('0.000000000000000001');
    expect(toMoney(123456789012345678901234567890n, 'a', { decimals: 18 }).toFixed()).toBe(
      '123456789012.34567890123456789',
    );
    expect(toMoney(5n, 'a').toString()).toBe('5');
  });

  it('round-trips wei exactly (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.integer({ min: 0, max: 24 }), (wei, decimals) => {
        return toBaseUnits(toMoney(wei, 'amount', { decimals }), decimals) === wei;
      }),
    );
  });

  it('rejects non-amounts with the path', () => {
    expect(() => toMoney('12,5', 'collateral[0].amount')).toThrow(
      'collateral[0].amount must be a decimal string such as "1234.56", got "12,5"',
    );
    expect(() => toMoney(NaN, 'x')).toThrow(RiskInputError);
    expect(() => toMoney(new Decimal(Infinity), 'x')).toThrow(RiskInputError);
    expect(() => toMoney('-1', 'debt[2].amount', { min: 'nonnegative' })).toThrow(
      'debt[2].amount must be an amount >= 0, got "-1"',
    );
    expect(() => toMoney('0', 'price', { min: 'positive' })).toThrow(RiskInputError);
    expect(() => toMoney(1n, 'x', { decimals: 1.5 })).toThrow(RiskInputError);
    expect(() => toMoney({}, 'x')).toThrow(RiskInputError);
  });

  it('rounds to base units half-even, down or up', () => {
    const m = toMoney('0.25', 'a');
    expect(toBaseUnits(m, 1)).toBe(2n);
    expect(toBaseUnits(toMoney('0.35', 'a'), 1)).toBe(4n);
    expect(toBaseUnits(toMoney('0.35', 'a'), 1, 'down')).toBe(3n);
    expect(toBaseUnits(toMoney('0.31', 'a'), 1, 'up')).toBe(4n);
  });
});
