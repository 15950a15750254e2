/** Liquidation cascade over the book's `cascade` accounts: riskcore/stress `simulateLiquidationCascade`. */
import { RiskInputError } from 'riskcore';
import { simulateLiquidationCascade } from 'riskcore/stress';
import type { CascadeParams } from 'riskcore/stress';
import type { Book } from '../book.js';
import type { CascadeSection } from '../results.js';

export function cascadeSection(book: Book): CascadeSection | null {
  const c = book.file.cascade;
  if (!c) return null;
  const { asset, accounts, ...rest } = c;
  const params: CascadeParams = { ...rest, price: String(book.market.assets[asset].price) } as CascadeParams;
  let r;
  try {
    r = simulateLiquidationCascade(accounts, params);
  } catch (e) {
    // Name the field as the book spells it: accounts[3].debt → cascade.accounts[3].debt, params.depth → cascade.depth.
    if (e instanceof RiskInputError) {
      const path = e.path.startsWith('accounts') ? `cascade.${e.path}` : e.path.replace(/^params\./, 'cascade.');
      throw new RiskInputError(path, e.expected, e.value);
    }
    throw e;
  }
  return {
    asset,
    accounts: accounts.length,
    liquidated: r.liquidated.length,
    totalBadDebt: r.totalBadDebt.toString(),
    totalLiquidatedNotional: r.totalLiquidatedNotional.toString(),
    finalPrice: r.finalPrice.toNumber(),
    deficit: r.deficit.toString(),
    rounds: r.rounds.map((x) => ({
      round: x.round,
      marketPrice: x.marketPrice.toNumber(),
      oraclePrice: x.oraclePrice.toNumber(),
      liquidatedNotional: x.liquidatedNotional.toString(),
      badDebt: x.badDebt.toString(),
      insuranceFund: x.insuranceFund.toString(),
      accountsLiquidated: x.accountsLiquidated.length,
    })),
  };
}
