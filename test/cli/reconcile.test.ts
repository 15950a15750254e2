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
  const section = html.slice(html.indexOf('<section id="cascade">'), html.indexOf('</section>', html.indexOf('<section id="cascade">')));
  const table = section.slice(section.lastIndexOf('<table>'));
  const headers = [...table.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
  const rows = [...table.matchAll(/<tr>((?:<td[^>]*>[^<]*<\/td>)+)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]));
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
    const [before, fees, bad, covered, adl, deficit, after] = ['fund before', 'fees in', 'bad debt', 'covered by fund', 'ADL', 'deficit', 'fund after'].map(col);
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
    const total = { fees: new Decimal(0), bad: new Decimal(0), covered: new Decimal(0), adl: new Decimal(0), deficit: new Decimal(0) };
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
