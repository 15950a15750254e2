/**
 * The report's cascade reconciles, on the numbers a risk manager reads: in the rendered HTML table and in --json,
 * per round `fund before + fees − covered = fund after` and `bad debt = covered + ADL + deficit`, each round's fund
 * before is the previous round's fund after, the first is the book's starting fund, and the totals add up the same
 * way. HTML figures are rounded half-even to the cent, so each identity holds there within a cent per term; --json
 * carries exact decimals and holds exactly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import DecimalBase from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { root, runCli, tmp } from './helpers.js';

/** Exact sums of the report's decimal strings (decimal.js rounds to 20 digits by default). */
const Decimal = DecimalBase.clone({ precision: 200 });
const book = join(root, 'examples', 'book.json');
const startingFund = JSON.parse(readFileSync(book, 'utf8')).cascade.insuranceFund as string;

function cascadeTable(html: string): { headers: string[]; rows: string[][] } {
  const section = html.slice(
    html.indexOf('<section id="cascade">'),
    html.indexOf('</section>', html.indexOf('<section id="cascade">')),
  );
  const table = section.slice(section.lastIndexOf('<table>'));
  const headers = [...table.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
  const rows = [...table.matchAll(/<tr>((?:<td[^>]*>[^<]*<\/td>)+)<\/tr>/g)].map((m) =>
    [...m[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]),
  );
  return { headers, rows };
}
const num = (s: string) => new Decimal(s.replace(/,/g, ''));

describe('report: the liquidation cascade reconciles', () => {
  it('in the rendered HTML, per round and from the starting fund, to the cent', async () => {
    const out = join(tmp, 'reconcile.html');
    const r = await runCli(['report', book, '--html', out, '--paths', '2000']);
    expect(r.code).toBe(0);
    const { headers, rows } = cascadeTable(readFileSync(out, 'utf8'));
    const col = (name: string) => {
      const i = headers.findIndex((h) => h.startsWith(name));
      expect(i, `column ${name} in ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const [before, fees, bad, covered, adl, deficit, after] = [
      'fund before',
      'fees in',
      'bad debt',
      'covered by fund',
      'ADL',
      'deficit',
      'fund after',
    ].map(col);
    for (const h of headers.slice(1, -1)) expect(h, 'money headers carry their unit').toMatch(/\(USD\)$/);
    expect(rows.length).toBeGreaterThan(1);
    const cent = new Decimal('0.01');
    expect(num(rows[0][before]).minus(startingFund).abs().lte(cent)).toBe(true);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const fundGap = num(row[before]).plus(num(row[fees])).minus(num(row[covered])).minus(num(row[after]));
      expect(fundGap.abs().lte(cent.times(2)), `round ${row[0]} fund: ${fundGap}`).toBe(true);
      const debtGap = num(row[bad]).minus(num(row[covered])).minus(num(row[adl])).minus(num(row[deficit]));
      expect(debtGap.abs().lte(cent.times(2)), `round ${row[0]} bad debt: ${debtGap}`).toBe(true);
      if (i > 0) expect(row[before]).toBe(rows[i - 1][after]);
    }
  }, 120_000);

  it('in --json, exactly, per round and in total', async () => {
    const r = await runCli(['report', book, '--json', '--paths', '2000']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout).sections.cascade;
    expect(c.available).toBe(true);
    expect(c.startingFund).toBe(new Decimal(startingFund).toString());
    let fund = new Decimal(c.startingFund);
    const total = {
      fees: new Decimal(0),
      bad: new Decimal(0),
      covered: new Decimal(0),
      adl: new Decimal(0),
      deficit: new Decimal(0),
    };
    for (const x of c.rounds) {
      expect(x.fundBefore).toBe(fund.toString());
      expect(new Decimal(x.fundBefore).plus(x.fees).minus(x.covered).eq(x.insuranceFund)).toBe(true);
      expect(new Decimal(x.covered).plus(x.adl).plus(x.deficit).eq(x.badDebt)).toBe(true);
      fund = new Decimal(x.insuranceFund);
      total.fees = total.fees.plus(x.fees);
      total.bad = total.bad.plus(x.badDebt);
      total.covered = total.covered.plus(x.covered);
      total.adl = total.adl.plus(x.adl);
      total.deficit = total.deficit.plus(x.deficit);
    }
    expect(fund.toString()).toBe(c.finalFund);
    expect(total.bad.eq(c.totalBadDebt)).toBe(true);
    expect(total.covered.plus(total.adl).plus(total.deficit).eq(c.totalBadDebt)).toBe(true);
    expect(total.deficit.eq(c.deficit)).toBe(true);
    expect(new Decimal(c.startingFund).plus(c.totalFees).minus(c.totalCovered).eq(c.finalFund)).toBe(true);
  }, 120_000);
});

function sectionTable(html: string, id: string): { headers: string[]; rows: string[][]; foot: string[][] } {
  const start = html.indexOf(`<section id="${id}">`);
  const sec = html.slice(start, html.indexOf('</section>', start));
  const t = sec.slice(sec.lastIndexOf('<table>'));
  const cells = (x: string) =>
    [...x.matchAll(/<tr>((?:<td[^>]*>[^<]*<\/td>)+)<\/tr>/g)].map((m) =>
      [...m[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]),
    );
  const body = t.slice(t.indexOf('<tbody>'), t.indexOf('</tbody>'));
  const foot = t.includes('<tfoot>') ? t.slice(t.indexOf('<tfoot>'), t.indexOf('</tfoot>')) : '';
  return { headers: [...t.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]), rows: cells(body), foot: cells(foot) };
}

describe('report: the margin health view reconciles', () => {
  it('in the rendered HTML: excess = equity − maintenance, totals = sums of the rows, idle ≤ collateral at market', async () => {
    const out = join(tmp, 'margin.html');
    const r = await runCli(['report', book, '--html', out, '--paths', '2000']);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<h2>Account health, cross margin basis<\/h2>/);
    const { headers, rows, foot } = sectionTable(html, 'margin-health');
    const col = (name: string) => headers.findIndex((h) => h.startsWith(name));
    const [cm, eq, im, mm, ex, idle] = [
      'collateral at market',
      'equity',
      'initial',
      'maintenance',
      'excess',
      'idle collateral',
    ].map(col);
    expect(Math.min(cm, eq, im, mm, ex, idle)).toBeGreaterThanOrEqual(0);
    for (const h of [cm, eq, im, mm, ex, idle]) expect(headers[h]).toMatch(/\(USD\)$/);
    const cent = new Decimal('0.01');
    for (const row of rows) {
      expect(num(row[eq]).minus(num(row[mm])).minus(num(row[ex])).abs().lte(cent.times(2)), row[0]).toBe(true);
      expect(num(row[idle]).lte(num(row[cm])), row[0]).toBe(true);
    }
    expect(foot).toHaveLength(1);
    for (const c of [cm, eq, im, mm, ex, idle]) {
      const sum = rows.reduce((s, row) => s.plus(num(row[c])), new Decimal(0));
      expect(sum.minus(num(foot[0][c])).abs().lte(cent.times(rows.length)), headers[c]).toBe(true);
    }
    expect(num(foot[0][idle]).lte(num(foot[0][cm]))).toBe(true);
  }, 120_000);

  it('in --json, exactly: per account and in total, and idle ≤ collateral at market', async () => {
    const r = await runCli(['report', book, '--json', '--paths', '2000']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout).sections.margin;
    expect(m.health.method).toBe(m.healthMethod);
    const keys = ['collateralAtMarket', 'equity', 'initialMargin', 'maintenanceMargin', 'excess', 'idleCollateral'];
    const sum: Record<string, InstanceType<typeof Decimal>> = Object.fromEntries(keys.map((k) => [k, new Decimal(0)]));
    for (const a of m.byAccount) {
      expect(new Decimal(a.equity).minus(a.maintenanceMargin).eq(a.excess), a.account).toBe(true);
      expect(new Decimal(a.idleCollateral).lte(a.collateralAtMarket)).toBe(true);
      expect(new Decimal(a.idleCollateral).gte(0)).toBe(true);
      for (const k of keys) sum[k] = sum[k].plus(a[k]);
    }
    for (const k of keys) expect(sum[k].eq(m.health.totals[k]), k).toBe(true);
    expect(new Decimal(m.efficiency.idleCollateral).eq(m.health.totals.idleCollateral)).toBe(true);
    const cross = m.byMethod.find((x: any) => x.method === m.healthMethod);
    expect(new Decimal(cross.initialMargin).eq(m.health.totals.initialMargin)).toBe(true);
    expect(new Decimal(cross.maintenanceMargin).eq(m.health.totals.maintenanceMargin)).toBe(true);
  }, 120_000);
});
