/**
 * Internal: the cap grid of {@link recommendCap} on the lending form `{ positions, lending }`. A cap of C on the
 * supply (collateral) or borrow (debt) of an asset scales every position holding that asset on that side by
 * k = C / S (S the book's current amount; ./lendingBook.ts scales the balances and the market totals), on the
 * protocol's own rules ({@link simulateLendingCascade} per path); everything else (other positions, oracle, depth,
 * liquidators, market parameters) is unchanged.
 */
import { RiskInputError } from '../../core/errors.js';
import { Money } from '../../core/money.js';
import { type LendingCapSide, bookAmount, scaleLendingBook } from './lendingBook.js';
import { readLendingModel, runLendingModel } from './lendingRisk.js';
import type { RunOptions } from './inputs.js';

/** What the cap search needs of a form: the current amount, the run options and the losses at grid point j. */
export interface CapSetup {
  current: Money;
  o: RunOptions;
  loss: (j: number) => Float64Array;
}

/** The scale factor j·step as an exact fraction num/den of bigints. */
export function gridFraction(step: Money, j: number): { num: bigint; den: bigint } {
  const f = step.mul(j);
  const dp = f.decimalPlaces();
  return { num: BigInt(f.mul(new Money(10).pow(dp)).toFixed(0)), den: 10n ** BigInt(dp) };
}

/** The cap setup of the lending form (validated here: protocol, market and options as simulateProtocolRisk). */
export function lendingCapSetup(
  protocol: unknown,
  market: unknown,
  sim: unknown,
  asset: string,
  capOn: unknown,
  step: Money,
): CapSetup {
  if (capOn !== undefined && capOn !== 'supply' && capOn !== 'borrow') {
    throw new RiskInputError('options.capOn', "'supply' or 'borrow' on the lending form", capOn);
  }
  const side: LendingCapSide = capOn ?? 'supply';
  const m = readLendingModel(protocol, market, sim);
  const name = m.probe.state.protocol;
  const current = bookAmount(name, m.positions, asset, side);
  return {
    current: new Money(current.toString()),
    o: m.o,
    loss: (j) => {
      const { num, den } = gridFraction(step, j);
      const b = scaleLendingBook(name, m.positions, m.ctx, asset, side, num, den);
      return runLendingModel(m, b.positions, b.ctx, { ...m.o, detail: 0 }).loss;
    },
  };
}
