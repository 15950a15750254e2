/**
 * The TS types of the book model (core/model.ts) agree with the contract (core/contract/book.ts): the same field
 * names, and the same required fields. A drift is a compile error (`npx tsc -p tsconfig.test.json`); the runtime
 * assertions below only restate it for the test report.
 */
import { describe, expect, it } from 'vitest';
import type {
  AssetMarket,
  Collateral,
  CorrelationInput,
  FuturePosition,
  Market,
  OptionPosition,
  PerpPosition,
  SpotPosition,
  VolSmile,
} from '../../src/core/model.js';
import {
  type ASSET_MARKET,
  type COLLATERAL,
  type CORRELATION,
  type FUTURE,
  type MARKET,
  OPTION,
  type PERP,
  type SMILE,
  type SPOT,
} from '../../src/core/contract/book.js';
import type { FieldSpec, ObjectSpec } from '../../src/core/contract/spec.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Fields<S> = S extends ObjectSpec<infer F> ? F : never;
/** Field names of a spec, without the input-only ones (not in the normalised type). */
type SpecKeys<S> = { [K in keyof Fields<S>]: Fields<S>[K] extends { inputOnly: true } ? never : K }[keyof Fields<S>];
type SpecRequired<S> = { [K in keyof Fields<S>]: Fields<S>[K] extends { required: true } ? K : never }[keyof Fields<S>];
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type Agrees<T, S> = Equal<keyof T, SpecKeys<S>> extends true ? Equal<RequiredKeys<T>, SpecRequired<S>> : false;

const agreements: {
  spot: Agrees<SpotPosition, typeof SPOT>;
  perp: Agrees<PerpPosition, typeof PERP>;
  future: Agrees<FuturePosition, typeof FUTURE>;
  option: Agrees<OptionPosition, typeof OPTION>;
  asset: Agrees<AssetMarket, typeof ASSET_MARKET>;
  smile: Agrees<VolSmile, typeof SMILE>;
  correlation: Agrees<CorrelationInput, typeof CORRELATION>;
  market: Agrees<Market, typeof MARKET>;
  collateral: Agrees<Collateral, typeof COLLATERAL>;
} = {
  spot: true,
  perp: true,
  future: true,
  option: true,
  asset: true,
  smile: true,
  correlation: true,
  market: true,
  collateral: true,
};

describe('the book model types agree with the contract', () => {
  it('field names and required fields match (checked at compile time)', () => {
    expect(Object.values(agreements).every(Boolean)).toBe(true);
    const fields: FieldSpec[] = Object.values(OPTION.fields);
    expect(fields.length).toBe(OPTION.keys.size);
  });
});
