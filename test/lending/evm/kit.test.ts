/**
 * The EVM fixed-point kit against the fixed values of Aave's own tests (aave-dao/aave-v3-origin at
 * fd1fbd9150426ca8ace9cee45b4acf912ae84f5b: tests/protocol/libraries/math/WadRayMath.t.sol and PercentageMath.t.sol,
 * transcribed), their revert cases, and properties of the rounding directions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BPS,
  RAY,
  RiskInputError,
  UINT256_MAX,
  WAD,
  mulDiv,
  percentDiv,
  percentMul,
  ppmDiv,
  ppmMul,
  rayDiv,
  rayMul,
  rayToWad,
  rpow,
  wTaylorCompounded,
  wadDiv,
  wadMul,
  wadToRay,
} from '../../../src/lending/index.js';

const SEED = 20261207;
const e = (m: string, k: number): bigint => {
  const [i, f = ''] = m.split('.');
  return BigInt(i + f.padEnd(k, '0').slice(0, k)) * 1n;
};

describe('Aave WadRayMath.t.sol / PercentageMath.t.sol fixed values', () => {
  it('wadMul, rayMul, wadDiv, rayDiv', () => {
    expect(wadMul(e('2.5', 18), e('0.5', 18))).toBe(e('1.25', 18));
    expect(wadMul(e('412.2', 18), WAD)).toBe(e('412.2', 18));
    expect(wadMul(6n * WAD, 2n * WAD)).toBe(12n * WAD);
    expect(rayMul(e('2.5', 27), e('0.5', 27))).toBe(e('1.25', 27));
    expect(rayMul(e('412.2', 27), RAY)).toBe(e('412.2', 27));
    expect(rayMul(6n * RAY, 2n * RAY)).toBe(12n * RAY);
    expect(wadDiv(e('2.5', 18), e('0.5', 18))).toBe(5n * WAD);
    expect(wadDiv(e('8.745', 18), e('0.67', 18))).toBe(e('13.052238805970149254', 18));
    expect(wadDiv(6n * WAD, 2n * WAD)).toBe(3n * WAD);
    expect(rayDiv(e('2.5', 27), e('0.5', 27))).toBe(5n * RAY);
    expect(rayDiv(e('8.745', 27), e('0.67', 27))).toBe(e('13.052238805970149253731343284', 27));
    expect(wadToRay(e('412.2', 18))).toBe(e('412.2', 27));
    expect(rayToWad(e('412.2', 27))).toBe(e('412.2', 18));
    expect(wadToRay(0n)).toBe(0n);
    expect(rayToWad(0n)).toBe(0n);
  });
  it('percentMul, percentDiv', () => {
    expect(percentMul(WAD, 5000n)).toBe(WAD / 2n);
    expect(percentMul(e('14.2515', 18), 7442n)).toBe(e('10.6059663', 18));
    expect(percentMul(9087312n * RAY, 1333n)).toBe(1211338689600000000000000000000000n);
    expect(percentDiv(WAD, 5000n)).toBe(2n * WAD);
    expect(percentDiv(e('14.2515', 18), 7442n)).toBe(e('19.150094060736361193', 18));
    expect(percentDiv(9087312n * RAY, 1333n)).toBe(68171882970742685671417854463615904n);
  });
  it('the reverts of the contract are RiskInputErrors naming the argument', () => {
    const path = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (err) {
        return err instanceof RiskInputError ? err.path : 'not a RiskInputError';
      }
      return undefined;
    };
    expect(path(() => wadMul(UINT256_MAX, 2n))).toBe('a');
    expect(path(() => wadDiv(WAD, 0n))).toBe('b');
    expect(path(() => wadDiv(UINT256_MAX, 1n))).toBe('a');
    expect(path(() => rayMul(UINT256_MAX, 2n))).toBe('a');
    expect(path(() => rayDiv(RAY, 0n))).toBe('b');
    expect(path(() => rayDiv(UINT256_MAX, 1n))).toBe('a');
    expect(path(() => wadToRay(UINT256_MAX))).toBe('a');
    expect(path(() => mulDiv(2n ** 128n, 2n ** 128n, 1n))).toBe('y');
    expect(path(() => mulDiv(1n, 1n, 0n))).toBe('d');
    expect(path(() => mulDiv(-1n, 1n, 1n))).toBe('x');
    expect(path(() => mulDiv(UINT256_MAX + 1n, 1n, 1n))).toBe('x');
    expect(path(() => mulDiv(UINT256_MAX, 2n, 1n, { intermediate: 'uint512' }))).toBe('y');
    expect(path(() => mulDiv(1n, 1n, 1n, { rounding: 'nearest' as 'up' }))).toBe('opts.rounding');
  });
  it("Aave's guards: a·b + half at the uint256 boundary", () => {
    // a = ⌊(max − HALF_WAD)/b⌋ passes, a + 1 reverts (the contract's `a > (max - HALF_WAD) / b`).
    const b = 3n;
    const a = (UINT256_MAX - WAD / 2n) / b;
    expect(wadMul(a, b)).toBe((a * b + WAD / 2n) / WAD);
    expect(() => wadMul(a + 1n, b)).toThrow(RiskInputError);
    // rayMulFloor checks only the product: a·b = max passes with 'down'.
    expect(rayMul(UINT256_MAX, 1n, { rounding: 'down' })).toBe(UINT256_MAX / RAY);
  });
});

describe('rounding directions (fast-check)', () => {
  const u = fc.bigInt({ min: 0n, max: 2n ** 120n });
  const d = fc.bigInt({ min: 1n, max: 2n ** 120n });
  it('down ≤ halfUp ≤ up, up − down ∈ {0, 1}, down = ⌊xy/d⌋ and exact quotients agree', () => {
    fc.assert(
      fc.property(u, u, d, (x, y, q) => {
        const lo = mulDiv(x, y, q);
        const hi = mulDiv(x, y, q, { rounding: 'up' });
        const mid = mulDiv(x, y, q, { rounding: 'halfUp' });
        expect(lo * q <= x * y && x * y < (lo + 1n) * q).toBe(true);
        expect(hi - lo).toBe((x * y) % q === 0n ? 0n : 1n);
        expect(lo <= mid && mid <= hi).toBe(true);
        // halfUp is nearest: |mid·q − xy| ≤ q/2
        const err = mid * q - x * y;
        expect(2n * (err < 0n ? -err : err) <= q).toBe(true);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
  it('scaled forms are mulDiv with their scale', () => {
    fc.assert(
      fc.property(u, d, fc.constantFrom('down' as const, 'up' as const, 'halfUp' as const), (x, y, rounding) => {
        expect(wadMul(x, y, { rounding })).toBe(mulDiv(x, y, WAD, { rounding }));
        expect(wadDiv(x, y, { rounding })).toBe(mulDiv(x, WAD, y, { rounding }));
        expect(rayMul(x, y, { rounding })).toBe(mulDiv(x, y, RAY, { rounding }));
        expect(rayDiv(x, y, { rounding })).toBe(mulDiv(x, RAY, y, { rounding }));
        expect(percentMul(x, y, { rounding })).toBe(mulDiv(x, y, BPS, { rounding }));
        expect(percentDiv(x, y, { rounding })).toBe(mulDiv(x, BPS, y, { rounding }));
        expect(ppmMul(x, y, { rounding })).toBe(mulDiv(x, y, 10n ** 6n, { rounding }));
        expect(ppmDiv(x, y, { rounding })).toBe(mulDiv(x, 10n ** 6n, y, { rounding }));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('compounding kernels', () => {
  it('wTaylorCompounded: the three floored terms of Morpho MathLib', () => {
    const x = 3170979198n;
    const n = 31_536_000n;
    const f = x * n;
    const s = (f * f) / (2n * WAD);
    expect(wTaylorCompounded(x, n)).toBe(f + s + (s * f) / (3n * WAD));
    expect(wTaylorCompounded(0n, n)).toBe(0n);
    expect(() => wTaylorCompounded(2n ** 128n, 2n ** 10n)).toThrow(RiskInputError);
  });
  it('rpow: exact powers of exact bases, half-up at each step, overflow refused', () => {
    expect(rpow(2n * RAY, 10n)).toBe(1024n * RAY);
    expect(rpow(RAY, 10n ** 12n)).toBe(RAY);
    expect(rpow(0n, 0n)).toBe(RAY);
    expect(rpow(0n, 5n)).toBe(0n);
    // 1.5² = 2.25 → 23 at scale 10 (half-up); 1.5³: x² = 23 (2.3), z = 15·23 = 345 + 5 → 35
    expect(rpow(15n, 3n, { scale: 10n })).toBe(35n);
    expect(() => rpow(10n ** 40n * RAY, 2n)).toThrow(RiskInputError);
  });
});
