/** Exact collateral value of a margin pool: market prices or cash at 1, haircuts, or a caller's valuer. Internal. */
import { RiskInputError } from '../core/errors.js';
import { Money } from '../core/money.js';
import { ownValue } from '../core/validate.js';
import type { CollateralHolding, ValidCollateral } from './account.js';
import type { MarginContext } from './engine.js';
import { setOwn } from './ownRecord.js';

/** Prices handed to a collateral valuer: exact decimals per asset. */
export type CollateralPrices = Record<string, Money>;

/**
 * A collateral valuer: exact value of a pool's holdings. Plug in `riskcore/haircuts`:
 * `(h, p) => collateralValue(h, p, fixedHaircut({ ETH: 0.1 })).value`.
 */
export type CollateralValuer = (holdings: CollateralHolding[], prices: CollateralPrices) => Money | { value: Money };

/**
 * Exact price of a collateral asset: 1 for the quote currency; the market price when the market prices the asset
 * (so a depegged stablecoin is valued at its depegged price); 1 for a `cashAssets` entry the market does not price.
 */
function collateralPrice(ctx: MarginContext, c: ValidCollateral): Money {
  const quote = ctx.market.quote ?? 'USD';
  if (c.asset === quote) return new Money(1);
  const a = ownValue(ctx.market.assets, c.asset);
  if (a) return new Money(a.price);
  if (ctx.params.cashAssets.includes(c.asset)) return new Money(1);
  throw new RiskInputError(
    `${c.path}.asset`,
    `a cash asset (${[quote, ...ctx.params.cashAssets].join(', ')}) or an asset priced in market.assets`,
    c.asset,
  );
}

/** Exact value of a pool's collateral. Internal. */
export function poolCollateral(
  ctx: MarginContext,
  collateral: readonly ValidCollateral[],
  valuer?: CollateralValuer,
): Money {
  if (collateral.length === 0) return new Money(0);
  if (valuer) {
    const prices: CollateralPrices = {};
    for (const c of collateral) setOwn(prices, c.asset, collateralPrice(ctx, c));
    const out = valuer(
      collateral.map((c) => ({ asset: c.asset, amount: c.amount })),
      prices,
    );
    const v = Money.isDecimal(out) ? (out as Money) : (out as { value: Money } | null)?.value;
    if (!Money.isDecimal(v) || !(v as Money).isFinite())
      throw new RiskInputError(
        'options.collateralValuer',
        'a function returning a finite Decimal (or { value: Decimal })',
        out,
      );
    return new Money(v as Money);
  }
  let total = new Money(0);
  const h = ctx.params.haircuts;
  for (const c of collateral) {
    const cut = ownValue(h, c.asset) ?? ownValue(h, '*') ?? 0;
    total = total.plus(c.amount.mul(collateralPrice(ctx, c)).mul(new Money(1).minus(String(cut))));
  }
  return total;
}
