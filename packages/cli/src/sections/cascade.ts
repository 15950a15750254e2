/** Liquidation cascade over the book's `cascade` accounts: riskcore/stress `simulateLiquidationCascade`. */
import { RiskInputError, toMoney } from 'riskcore';
import type { Money } from 'riskcore';
import { simulateLiquidationCascade } from 'riskcore/stress';
import type { CascadeParams, CascadeResult } from 'riskcore/stress';
import type { Book } from '../book.js';
import type { CascadeSection } from '../results.js';

export function cascadeSection(book: Book): CascadeSection | null {
  const c = book.file.cascade;
  if (!c) return null;
  const { asset, accounts, ...rest } = c;
  const params: CascadeParams = { ...rest, price: String(book.market.assets[asset].price) } as CascadeParams;
  let r: CascadeResult;
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
  const startingFund = toMoney(params.insuranceFund ?? 0, 'cascade.insuranceFund');
  let fundBefore = startingFund;
  const rounds = r.rounds.map((x) => {
    const row = {
      round: x.round,
      marketPrice: x.marketPrice.toNumber(),
      oraclePrice: x.oraclePrice.toNumber(),
      liquidatedNotional: x.liquidatedNotional.toString(),
      fundBefore: fundBefore.toString(),
      fees: x.fees.toString(),
      badDebt: x.badDebt.toString(),
      covered: x.covered.toString(),
      adl: x.adl.toString(),
      deficit: x.deficit.toString(),
      insuranceFund: x.insuranceFund.toString(),
      accountsLiquidated: x.accountsLiquidated.length,
    };
    fundBefore = x.insuranceFund;
    return row;
  });
  const sum = (pick: (x: (typeof r.rounds)[number]) => Money) =>
    r.rounds.reduce((acc, x) => acc.plus(pick(x)), toMoney(0, 'zero'));
  return {
    asset,
    accounts: accounts.length,
    liquidated: r.liquidated.length,
    startingFund: startingFund.toString(),
    totalBadDebt: r.totalBadDebt.toString(),
    totalFees: sum((x) => x.fees).toString(),
    totalCovered: sum((x) => x.covered).toString(),
    totalAdl: sum((x) => x.adl).toString(),
    totalLiquidatedNotional: r.totalLiquidatedNotional.toString(),
    finalPrice: r.finalPrice.toNumber(),
    deficit: r.deficit.toString(),
    finalFund: fundBefore.toString(),
    rounds,
  };
}
