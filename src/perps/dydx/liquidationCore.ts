/**
 * Kernels of the liquidation prices of dYdX v4 (`protocol/x/clob/keeper/liquidations.go`) on validated, funding
 * settled subaccounts. Internal to `src/perps/dydx`.
 */
import { RiskInputError } from '../../core/errors.js';
import {
  type DydxRational,
  ONE_MILLION,
  bigAbs,
  bigMin,
  divEuclid,
  pow10,
  rat,
  ratClamp,
  ratMul,
  ratSub,
} from './bigMath.js';
import { accountRisk, positionRisk } from './risk.js';
import type { Pos, Sub } from './validate.js';

/** The position of `perpetualId`, checking that `delta` reduces it without flipping it. */
export function closingPosition(s: Sub, perpetualId: number, delta: bigint, path: string): Pos {
  const pos = s.positions.find((p) => p.perp.id === perpetualId);
  const size = pos?.quantums ?? 0n;
  if (pos === undefined || size === 0n || size > 0n === delta > 0n || delta === 0n || bigAbs(delta) > bigAbs(size)) {
    throw new RiskInputError(
      path,
      `a non-zero delta of opposite sign to the position, at most its size (${size})`,
      delta,
    );
  }
  return pos;
}

/** `GetBankruptcyPriceInQuoteQuantums`: −DNNV − ⌊TNC·|DMMR| / TMMR⌋. */
export function bankruptcyQuote(s: Sub, pos: Pos, delta: bigint): bigint {
  const total = accountRisk(s);
  if (total.maintenanceMargin === 0n) {
    throw new RiskInputError(
      'subaccount',
      'a subaccount with a maintenance margin requirement > 0',
      total.maintenanceMargin,
    );
  }
  const before = positionRisk(pos.perp, pos.quantums);
  const after = positionRisk(pos.perp, pos.quantums + delta);
  const dNc = after.netCollateral - before.netCollateral;
  const dMmr = after.maintenanceMargin - before.maintenanceMargin;
  return -dNc - divEuclid(total.netCollateral * bigAbs(dMmr), total.maintenanceMargin);
}

/** `GetFillablePrice`: (PNNV − ABR·SMMR·PMMR) / PS, ABR = clamp(BA·(1 − TNC/TMMR), 0, 1). */
export function fillablePrice(s: Sub, pos: Pos, baPpm: bigint, smmrPpm: bigint): DydxRational {
  const total = accountRisk(s);
  if (total.maintenanceMargin === 0n) {
    throw new RiskInputError(
      'subaccount',
      'a subaccount with a maintenance margin requirement > 0',
      total.maintenanceMargin,
    );
  }
  const p = positionRisk(pos.perp, pos.quantums);
  const one = rat(1n, 1n);
  const unbounded = ratMul(ratSub(one, rat(total.netCollateral, total.maintenanceMargin)), rat(baPpm, ONE_MILLION));
  const abr = ratClamp(unbounded, rat(0n, 1n), one);
  const spread = rat(p.maintenanceMargin * smmrPpm, ONE_MILLION);
  const q = ratSub(rat(p.netCollateral, 1n), ratMul(abr, spread));
  return rat(q.numerator, q.denominator * pos.quantums);
}

/** `FillAmountToQuoteQuantums`: subticks · quantums · 10^exponent (floored for a negative exponent). */
export const fillQuote = (subticks: bigint, quantums: bigint, qce: number): bigint =>
  qce < 0 ? divEuclid(subticks * quantums, pow10(qce)) : subticks * quantums * pow10(qce);

/** `GetLiquidationInsuranceFundDelta` on a settled subaccount. */
export function insuranceFundDelta(
  s: Sub,
  pos: Pos,
  side: 'buy' | 'sell',
  fillAmount: bigint,
  subticks: bigint,
  qce: number,
  maxFeePpm: bigint,
): bigint {
  const quote = fillQuote(subticks, fillAmount, qce);
  const dQuote = side === 'buy' ? -quote : quote;
  const dBase = side === 'buy' ? fillAmount : -fillAmount;
  const delta = dQuote - bankruptcyQuote(s, pos, dBase);
  if (delta <= 0n) return delta;
  return bigMin(divEuclid(bigAbs(dQuote) * maxFeePpm, ONE_MILLION), delta);
}
