/** Collateral after haircuts: every holding valued by riskcore/haircuts `collateralValue` with the book's fixed haircuts. */
import type { Market } from 'riskcore';
import { Money } from 'riskcore';
import { collateralValue, fixedHaircut } from 'riskcore/haircuts';
import type { Book } from '../book.js';
import type { CollateralSection } from '../results.js';

export function collateralSection(book: Book, market: Market, haircuts: Record<string, number>): CollateralSection {
  const model = fixedHaircut(haircuts, { default: 0 });
  const prices: Record<string, string> = {};
  for (const [k, a] of Object.entries(market.assets)) prices[k] = String(a.price);
  const rows: CollateralSection['rows'] = [];
  let total = new Money(0);
  let after = new Money(0);
  const add = (id: string, list: { asset: string; amount: string | number }[] | undefined) => {
    if (!list || list.length === 0) return;
    const v = collateralValue(
      list.map((c) => ({ asset: c.asset, amount: c.amount })),
      prices,
      model,
    );
    for (const line of v.byAsset) {
      rows.push({
        account: id,
        asset: line.asset,
        amount: line.amount.toString(),
        price: line.price.toNumber(),
        haircut: line.haircut,
        value: line.marketValue.toString(),
        valueAfterHaircut: line.value.toString(),
      });
    }
    total = total.plus(v.marketValue);
    after = after.plus(v.value);
  };
  for (const a of book.file.accounts) {
    add(a.id, a.collateral);
    for (const s of a.subAccounts ?? []) add(`${a.id}/${s.id}`, s.collateral);
    for (const p of a.positions ?? [])
      add(
        `${a.id}/${p.id ?? 'position'}`,
        (p as { collateral?: { asset: string; amount: string | number }[] }).collateral,
      );
  }
  return { rows, totalValue: total.toString(), totalAfterHaircut: after.toString() };
}
