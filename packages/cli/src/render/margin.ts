/**
 * Margin, one basis per view: the comparison of the three methods (book totals), then every account under the
 * health method named in the heading, whose rows reconcile (excess = equity − maintenance; the totals row is the
 * sum of every account, the accounts not listed summed into one row; idle collateral ≤ collateral at market).
 */
import { Money } from 'riskcore';
import { groupedBarSpec } from '../charts.js';
import { fmtExact, fmtMoney, fmtNum, fmtPct, textTable } from '../format.js';
import type { MarginAccountRow } from '../results.js';
import { esc, figure, note, section, table, unavailable } from './kit.js';
import type { SectionRenderer } from './kit.js';

/** Accounts listed one by one in the health table; the rest are summed into one row. */
export const MARGIN_ACCOUNTS_LISTED = 25;

const MONEY = [
  'collateralAtMarket',
  'equity',
  'initialMargin',
  'maintenanceMargin',
  'excess',
  'idleCollateral',
] as const;

export const margin: SectionRenderer = {
  id: 'margin',
  async html({ r, q }) {
    const m = r.sections.margin;
    if (!m.available) return section('margin', 'Margin', note(m));
    const rows = m.byMethod.flatMap((x) => [
      { group: x.method, series: 'initial', value: Number(x.initialMargin) },
      { group: x.method, series: 'maintenance', value: Number(x.maintenanceMargin) },
    ]);
    let cmp = await figure(
      'margin',
      groupedBarSpec(rows, 'Margin by method', `margin (${q})`, 'requirement', {
        groups: ['standard', 'cross', 'portfolio'],
        series: ['initial', 'maintenance'],
      }),
      'Standard (isolated): every position alone; cross: delta-one positions netted per underlying; portfolio: scenario-grid full revaluation (riskcore/netting).',
    );
    cmp += table(
      ['method', `>initial (${q})`, `>maintenance (${q})`],
      m.byMethod.map((x) => [x.method, fmtExact(x.initialMargin), fmtExact(x.maintenanceMargin)]),
    );
    const e = m.efficiency;
    cmp += `<p>Netting benefit (standard − lowest initial margin, ${esc(e.lowestMethod)}): ${esc(fmtExact(e.nettingBenefit))} ${q} (${fmtPct(e.nettingBenefitPct)}) on a gross notional of ${esc(fmtExact(e.grossNotional))} ${q}.</p>`;

    const t = m.health.totals;
    const basis = esc(m.health.method);
    const listed = m.byAccount.slice(0, MARGIN_ACCOUNTS_LISTED);
    const rest = m.byAccount.slice(MARGIN_ACCOUNTS_LISTED);
    const money = (a: Pick<MarginAccountRow, (typeof MONEY)[number]>) => MONEY.map((k) => fmtExact(a[k]));
    const body = listed.map((a) => [
      a.account,
      ...money(a),
      a.marginRatio === null ? 'equity ≤ 0' : fmtNum(Number(a.marginRatio), 3),
      a.liquidatable ? 'YES' : 'no',
    ]);
    if (rest.length) {
      const sum = (k: (typeof MONEY)[number]) =>
        fmtExact(rest.reduce((acc, x) => acc.plus(x[k]), new Money(0)).toString());
      body.push([
        `${rest.length} other accounts`,
        ...MONEY.map(sum),
        '',
        String(rest.filter((x) => x.liquidatable).length),
      ]);
    }
    let health = `<p>Per account under the <b>${basis}</b> method: excess = equity − maintenance; idle collateral = equity − initial margin, floored at 0 and capped at the account's collateral at market; margin ratio = maintenance / equity, liquidatable at ≥ 1. Most stretched first.</p>`;
    health += table(
      [
        'account',
        `>collateral at market (${q})`,
        `>equity (${q})`,
        `>initial (${q})`,
        `>maintenance (${q})`,
        `>excess (${q})`,
        `>idle collateral (${q})`,
        '>margin ratio',
        'liquidatable',
      ],
      body,
      { foot: [['total, all accounts', ...money(t), '', String(m.byAccount.filter((a) => a.liquidatable).length)]] },
    );
    health += `<p>Effective leverage: gross notional / equity = ${e.effectiveLeverage.toFixed(2)}×.</p>`;
    return (
      section('margin', 'Margin requirement by method (book totals)', cmp) +
      section('margin-health', `Account health, ${basis} margin basis`, health)
    );
  },
  text(r) {
    const q = r.book.quote;
    const s = r.sections;
    const out: string[] = [];
    out.push('', 'Margin');
    out.push(
      unavailable(s.margin) ??
        (s.margin.available
          ? [
              textTable(
                ['method', `>initial (${q})`, `>maintenance (${q})`],
                s.margin.byMethod.map((m) => [m.method, fmtMoney(m.initialMargin), fmtMoney(m.maintenanceMargin)]),
              ),
              `  capital efficiency: gross notional ${fmtMoney(s.margin.efficiency.grossNotional)}, netting benefit ${fmtMoney(s.margin.efficiency.nettingBenefit)} (${fmtPct(
                s.margin.efficiency.nettingBenefitPct,
              )}), idle collateral ${fmtMoney(s.margin.efficiency.idleCollateral)}, effective leverage ${s.margin.efficiency.effectiveLeverage.toFixed(2)}x`,
            ].join('\n')
          : ''),
    );

    if (s.margin.available && s.margin.byAccount.length) {
      const rows = s.margin.byAccount.slice(0, 10);
      const t = s.margin.health.totals;
      out.push(
        `  ${s.margin.healthMethod} basis, all accounts: equity ${fmtExact(t.equity)} − maintenance ${fmtExact(t.maintenanceMargin)} = excess ${fmtExact(t.excess)} ${q}; idle collateral ${fmtExact(t.idleCollateral)} of ${fmtExact(t.collateralAtMarket)} ${q} at market`,
      );
      out.push(
        `  health by account (${s.margin.healthMethod} method; margin ratio = maintenance / equity, liquidatable at >= 1)${s.margin.byAccount.length > 10 ? ', 10 most stretched' : ''}:`,
      );
      out.push(
        textTable(
          ['account', `>equity (${q})`, '>initial', '>maintenance', '>margin ratio', 'liquidatable'],
          rows.map((a) => [
            a.account,
            fmtMoney(a.equity),
            fmtMoney(a.initialMargin),
            fmtMoney(a.maintenanceMargin),
            a.marginRatio === null ? 'equity <= 0' : fmtNum(Number(a.marginRatio), 3),
            a.liquidatable ? 'YES' : 'no',
          ]),
          '    ',
        ),
      );
    }
    return out;
  },
};
