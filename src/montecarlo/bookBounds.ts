/**
 * Magnitude guard for a compiled book: rejects, at the boundary and naming the field, books whose simulated P&L
 * could overflow a double (a quantity of 1e308, an expiry or rate making exp((r − q)·T) infinite, a vol whose
 * shocks overflow exp). Internal.
 */
import { RiskInputError } from '../core/errors.js';
import { validateBook } from '../core/model.js';
import { ownValue } from '../core/validate.js';
import type { CompiledBook } from './book.js';

/**
 * Largest |normal shock| the generators can produce is below 14 (ziggurat tail from 53-bit uniforms); the
 * multivariate t rescales it by √((ν − 2)/χ²), unbounded in principle: 60 leaves room for that scale up to ≈ 4.
 */
const SHOCK_BOUND = 60;
/** Largest exponent allowed for a simulated price relative (e^700 ≈ 1e304). */
const EXP_BOUND = 700;
/** Largest bound on |P&L| accepted (leaves a factor 1e8 below the largest double for sums of paths). */
const PNL_BOUND = 1e300;

const bad = (x: number, limit = PNL_BOUND): boolean => !(Math.abs(x) <= limit);

/**
 * Throw a {@link RiskInputError} naming the field when a path's P&L could overflow. `positions`/`market` are the
 * caller's (already validated by compileBook) inputs; `book` their compiled form; `optionsPath` the options' path.
 */
export function checkBookMagnitudes(
  positions: unknown,
  market: unknown,
  options: Record<string, unknown>,
  book: CompiledBook,
  optionsPath = 'options',
): void {
  const { positions: ps, market: m } = validateBook(positions, market);
  const r = m.rate ?? 0;
  // per-underlying growth bound of the simulated price: exp(|μ| + shock·σ√h) (vol shocks scale option vols only)
  const growth = new Float64Array(book.n);
  for (let a = 0; a < book.n; a++) {
    const u = book.names[a];
    const e = Math.abs(book.mu[a]) + SHOCK_BOUND * book.sig[a];
    if (!(e <= EXP_BOUND)) {
      const vols = options.vols as Record<string, unknown> | undefined;
      const drift = options.drift as Record<string, unknown> | undefined;
      const vol0 = vols === undefined ? undefined : ownValue(vols, u);
      const drift0 = drift === undefined ? undefined : ownValue(drift, u);
      // blame the absurd factor: a drift, a vol above 1000% a year, else the horizon
      const h = Number(options.horizon);
      const vol = Number(vol0 ?? ownValue(m.assets, u)!.vol);
      const [path, value] =
        drift0 !== undefined && Math.abs(Number(drift0)) > 10
          ? [`${optionsPath}.drift.${u}`, drift0]
          : vol > 10
            ? [vol0 !== undefined ? `${optionsPath}.vols.${u}` : `market.assets.${u}.vol`, vol]
            : [`${optionsPath}.horizon`, h];
      throw new RiskInputError(
        path,
        'a vol, drift and horizon whose simulated shocks stay finite',
        value,
        `exp(|(μ − σ²/2)h| + ${SHOCK_BOUND}·σ√h) overflows for ${u}`,
      );
    }
    growth[a] = Math.exp(e);
  }
  let total = 0;
  ps.forEach((p, i) => {
    if (p.quantity === 0) return;
    const a = book.names.indexOf(p.underlying);
    const asset = ownValue(m.assets, p.underlying)!;
    const S = asset.price * growth[a];
    const y = asset.dividendYield ?? 0;
    const at = `positions[${i}]`;
    let size = 0;
    if (p.kind === 'future' || p.kind === 'option') {
      // carry and discount factors over the expiry: exp((r − q)·T), exp(−r·T)
      const T = p.expiry;
      if (bad((r - y) * T, EXP_BOUND) || bad(r * T, EXP_BOUND)) {
        const path =
          Math.abs(r) > 10
            ? 'market.rate'
            : Math.abs(y) > 10
              ? `market.assets.${p.underlying}.dividendYield`
              : `${at}.expiry`;
        throw new RiskInputError(
          path,
          'a rate, carry and expiry whose exp((rate − dividendYield)·expiry) is finite',
          path === 'market.rate' ? r : path.endsWith('dividendYield') ? y : T,
        );
      }
      const cf = Math.exp((r - y) * T);
      const D = Math.exp(-r * T);
      if (p.kind === 'future') {
        const E = p.entryPrice ?? asset.price * cf;
        size = Math.abs(p.quantity) * (p.settlement === 'inverse' ? 1 / E : 1) * (S * cf + asset.price * cf);
      } else {
        size = Math.abs(p.quantity) * D * (S * cf + p.strike) * 2;
      }
    } else if (p.kind === 'perp') {
      const E = p.entryPrice ?? asset.mark ?? asset.price;
      size = Math.abs(p.quantity) * (p.settlement === 'inverse' ? 1 / E : 1) * (S + (asset.mark ?? asset.price)) * 2;
    } else {
      size = Math.abs(p.quantity) * (S + asset.price);
    }
    if (bad(size)) {
      // name the absurd factor: the quantity, else the strike, the entry price (inverse: 1/E), the price
      const e = p.kind === 'perp' || p.kind === 'future' ? p.entryPrice : undefined;
      const [path, v] =
        Math.abs(p.quantity) > 1e100
          ? [`${at}.quantity`, p.quantity]
          : p.kind === 'option' && p.strike > 1e100
            ? [`${at}.strike`, p.strike]
            : e !== undefined && (e < 1e-100 || e > 1e100)
              ? [`${at}.entryPrice`, e]
              : asset.price > 1e100 || (asset.mark ?? 0) > 1e100
                ? [`market.assets.${p.underlying}.${asset.price > 1e100 ? 'price' : 'mark'}`, asset.price]
                : [`${at}.quantity`, p.quantity];
      throw new RiskInputError(
        path,
        'a size whose simulated P&L is a finite double',
        v,
        `|P&L| of ${at} could reach ${size}`,
      );
    }
    total += size;
    if (bad(total))
      throw new RiskInputError(
        `${at}.quantity`,
        "a quantity with which the book's simulated P&L is a finite double",
        p.quantity,
        'the sum over positions overflows',
      );
  });
}
