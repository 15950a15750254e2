/**
 * Liquidation cascade, reconcilable: the insurance fund and the bad debt identities in exact decimals
 * (`fmtExact`, half-even to the cent), per round and in total (test/cli/reconcile.test.ts).
 */
import { lineSpec } from '../charts.js';
import { fmtExact, fmtMoney, textTable } from '../format.js';
import { esc, figure, note, section, table, unavailable } from './kit.js';
import type { SectionRenderer } from './kit.js';

export const cascade: SectionRenderer = {
  id: 'cascade',
  async html({ r, q }) {
    let body = note(r.sections.cascade);
    if (r.sections.cascade.available) {
      const c = r.sections.cascade;
      const rows = c.rounds.flatMap((x) => [
        { x: x.round, series: 'liquidated notional', y: Number(x.liquidatedNotional) },
        { x: x.round, series: 'bad debt', y: Number(x.badDebt) },
        { x: x.round, series: 'insurance fund', y: Number(x.insuranceFund) },
      ]);
      body += `<p>${c.accounts} accounts on ${esc(c.asset)}: ${c.liquidated} liquidated, ${esc(fmtExact(c.totalLiquidatedNotional))} ${q} sold; final price ${esc(fmtMoney(c.finalPrice, 2))} ${q}.</p>`;
      body += `<p class="reconcile">Insurance fund: ${esc(fmtExact(c.startingFund))} ${q} at the start + ${esc(fmtExact(c.totalFees))} ${q} liquidation fees − ${esc(fmtExact(c.totalCovered))} ${q} bad debt covered = ${esc(fmtExact(c.finalFund))} ${q} at the end. Bad debt ${esc(fmtExact(c.totalBadDebt))} ${q} = ${esc(fmtExact(c.totalCovered))} covered by the fund + ${esc(fmtExact(c.totalAdl))} charged to profitable accounts (ADL) + ${esc(fmtExact(c.deficit))} protocol deficit.</p>`;
      if (rows.length)
        body += await figure(
          'cascade',
          lineSpec(rows, `Liquidation cascade over ${c.accounts} accounts on ${c.asset}`, 'round', q),
          `Per round: notional liquidated, bad debt and the insurance fund balance at the end of the round (${q}).`,
        );
      body += table(
        [
          '>round',
          `>market (${q})`,
          `>oracle (${q})`,
          `>liquidated (${q})`,
          `>fund before (${q})`,
          `>fees in (${q})`,
          `>bad debt (${q})`,
          `>covered by fund (${q})`,
          `>ADL (${q})`,
          `>deficit (${q})`,
          `>fund after (${q})`,
          '>accounts',
        ],
        c.rounds.map((x) => [
          String(x.round),
          fmtMoney(x.marketPrice, 2),
          fmtMoney(x.oraclePrice, 2),
          fmtExact(x.liquidatedNotional),
          fmtExact(x.fundBefore),
          fmtExact(x.fees),
          fmtExact(x.badDebt),
          fmtExact(x.covered),
          fmtExact(x.adl),
          fmtExact(x.deficit),
          fmtExact(x.insuranceFund),
          String(x.accountsLiquidated),
        ]),
      );
    }
    return section('cascade', 'Liquidation cascade', body);
  },
  text(r) {
    const q = r.book.quote;
    const s = r.sections;
    const out: string[] = [];
    if (s.cascade.available) {
      const c = s.cascade;
      out.push('', `Liquidation cascade (${c.accounts} accounts on ${c.asset})`);
      out.push(
        `  ${c.liquidated} liquidated, ${fmtExact(c.totalLiquidatedNotional)} ${q} sold, final price ${fmtMoney(c.finalPrice, 2)} ${q}`,
      );
      out.push(
        `  insurance fund ${fmtExact(c.startingFund)} + fees ${fmtExact(c.totalFees)} − covered ${fmtExact(c.totalCovered)} = ${fmtExact(c.finalFund)} ${q}`,
      );
      out.push(
        `  bad debt ${fmtExact(c.totalBadDebt)} = covered ${fmtExact(c.totalCovered)} + ADL ${fmtExact(c.totalAdl)} + deficit ${fmtExact(c.deficit)} ${q}`,
      );
      out.push(
        textTable(
          [
            '>round',
            '>market',
            '>oracle',
            '>liquidated',
            '>fund before',
            '>fees',
            '>bad debt',
            '>covered',
            '>ADL',
            '>deficit',
            '>fund after',
            '>accounts',
          ],
          s.cascade.rounds
            .filter((x) => x.accountsLiquidated > 0 || x.round === 0)
            .map((x) => [
              String(x.round),
              fmtMoney(x.marketPrice, 2),
              fmtMoney(x.oraclePrice, 2),
              fmtExact(x.liquidatedNotional),
              fmtExact(x.fundBefore),
              fmtExact(x.fees),
              fmtExact(x.badDebt),
              fmtExact(x.covered),
              fmtExact(x.adl),
              fmtExact(x.deficit),
              fmtExact(x.insuranceFund),
              String(x.accountsLiquidated),
            ]),
        ),
      );
    } else {
      out.push('', 'Liquidation cascade', unavailable(s.cascade)!);
    }
    return out;
  },
};
