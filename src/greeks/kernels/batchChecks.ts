/**
 * The checks of the batch Greeks: the row whose input is bad (named by column and index) and the row whose figures
 * overflow. Called only off the hot path, when a block's screen fails. Guarded by bench/workloads/greeks.ts.
 */
import { RiskInputError } from '../../core/errors.js';
import type { GreeksColumns, Prepared } from '../batchInput.js';
import { checkPlausible, type PlausibleKind } from '../../core/validate.js';
import { BACHELIER, BSM, GREEK_NAMES, overflowingField, type NormalisedOption } from '../price.js';

/**
 * Throws naming the first bad field of row i, in the order of {@link optionPrice}'s checks (underlying, strike,
 * expiry, vol, rate, dividend yield; then isCall), if the row has one: the same {@link RiskInputError} as the
 * single-option function gives (domain, then the unit-slip bounds of `PLAUSIBLE` unless `allowExtreme`; no vol
 * bound for bachelier's absolute vols), at `cols.<column>[i]`.
 */
export function checkRow(p: Prepared, i: number): void {
  const lognormal = p.model !== BACHELIER;
  const pos = lognormal ? 'a finite number > 0' : 'a finite number';
  const ok = (a: number, lo: number | undefined, strict: boolean) =>
    Number.isFinite(a) && (lo === undefined || (strict ? a > lo : a >= lo));
  const checks: Array<[string, number, string, number | undefined, boolean, PlausibleKind | null]> = [
    [p.xName, p.x[i], pos, lognormal ? 0 : undefined, true, null],
    ['strike', p.k[i], pos, lognormal ? 0 : undefined, true, null],
    ['expiry', p.t[i], 'a finite number >= 0', 0, false, 'expiry'],
    ['vol', p.v[i], 'a finite number >= 0', 0, false, lognormal ? 'vol' : null],
  ];
  if (p.r !== null) checks.push(['rate', p.r[i], 'a finite number', undefined, false, 'rate']);
  if (p.q !== null && p.model === BSM)
    checks.push(['dividendYield', p.q[i], 'a finite number', undefined, false, 'rate']);
  for (const [name, a, what, lo, strict, kind] of checks) {
    if (!ok(a, lo, strict)) throw new RiskInputError(`cols.${name}[${i}]`, what, a);
    if (kind !== null) checkPlausible(a, `cols.${name}[${i}]`, kind, p.extreme);
  }
  if (p.c[i] !== 0 && p.c[i] !== 1) throw new RiskInputError(`cols.isCall[${i}]`, '0 (put) or 1 (call)', p.c[i]);
}

/**
 * Throws if a figure of row i (`o`'s nine columns, or `price` alone) is not finite: at the row's field most
 * responsible, as {@link optionGreeks} names it (`cols.expiry[i]`, or `cols.rate` for a rate given as one number),
 * with that field's value and the figure that overflows.
 */
export function checkRowFinite(p: Prepared, o: GreeksColumns | null, price: Float64Array, i: number): void {
  const vals = o
    ? [o.price[i], o.delta[i], o.gamma[i], o.vega[i], o.theta[i], o.rho[i], o.vanna[i], o.volga[i], o.charm[i]]
    : [price[i]];
  for (let j = 0; j < vals.length; j++) {
    if (Number.isFinite(vals[j])) continue;
    const row: NormalisedOption = {
      model: p.model,
      isCall: p.c[i] === 1,
      x: p.x[i],
      strike: p.k[i],
      expiry: p.t[i],
      vol: p.v[i],
      rate: p.r === null ? p.rScalar : p.r[i],
      dividendYield: p.q === null ? p.qScalar : p.q[i],
      inverse: p.inverse,
    };
    const field = overflowingField(row);
    const scalar = (field === 'rate' && p.r === null) || (field === 'dividendYield' && p.q === null);
    throw new RiskInputError(
      scalar ? `cols.${field}` : `cols.${field}[${i}]`,
      'a value whose option price and Greeks are finite doubles',
      row[field],
      `${GREEK_NAMES[j]} overflows`,
    );
  }
}

export function checkAllFinite(p: Prepared, out: GreeksColumns, s: number, e: number): void {
  for (let i = s; i < e; i++) {
    const a =
      out.price[i] +
      out.delta[i] +
      out.gamma[i] +
      out.vega[i] +
      out.theta[i] +
      out.rho[i] +
      out.vanna[i] +
      out.volga[i] +
      out.charm[i];
    if (!(a - a === 0)) checkRowFinite(p, out, out.price, i);
  }
}
