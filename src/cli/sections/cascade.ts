/** Liquidation cascade over the book's `cascade` accounts: riskcore/stress `simulateLiquidationCascade`. */
import { simulateLiquidationCascade } from '../../stress/index.js';
import type { CascadeParams } from '../../stress/index.js';
import type { Book } from '../book.js';
import type { CascadeSection } from '../results.js';

export function cascadeSection(book: Book): CascadeSection | null {
  const c = book.file.cascade;
  if (!c) return null;
  const { asset, accounts, ...rest } = c;
  const params: CascadeParams = { ...rest, price: String(book.market.assets[asset].price) } as CascadeParams;
  const r = simulateLiquidationCascade(accounts, params);
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
