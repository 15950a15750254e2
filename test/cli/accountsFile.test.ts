/**
 * Accounts from a JSON Lines file (`riskcore report book.json --accounts accounts.jsonl`): lines read in bounded
 * chunks (CRLF, byte-order mark, blank lines, a last line without a break, a character split across chunks, the
 * line limit on a never-ending device), every line validated with the line and field in the error, 5,000 generated
 * accounts streamed through the CLI with each account's figures equal to the library's, the same report as the
 * accounts written inline in the book, and the historical P&L of shared instruments equal to pricing every position.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { exampleBookHead, generateAccounts } from '../../examples/gen_accounts.js';
import { readAccountsFile, readLines } from '../../packages/cli/src/accountsFile.js';
import { parseBook } from '../../packages/cli/src/book.js';
import type { Book } from '../../packages/cli/src/book.js';
import { historicalPnLByPosition } from '../../packages/cli/src/sections/risk.js';
import type { Market, Position } from '../../src/core/model.js';
import { positionValue, withEntryPrices } from '../../src/greeks/index.js';
import { collateralValue, fixedHaircut } from '../../src/haircuts/index.js';
import { DEFAULT_MARGIN_PARAMS, accountMargin, marginParams, prepareMargin } from '../../src/netting/index.js';
import type { Account, CollateralValuer } from '../../src/netting/index.js';
import { historicalScenarios, prepareStress, priceVolGrid, stressTest } from '../../src/stress/index.js';
import { runCli, tmp } from './helpers.js';

afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.RISKCORE_MAX_ACCOUNT_LINE_BYTES;
  delete process.env.RISKCORE_MAX_ACCOUNTS;
});
const file = (name: string, text: string | Buffer) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const jsonl = (accounts: unknown[]) => `${accounts.map((a) => JSON.stringify(a)).join('\n')}\n`;

/** A fast book head: the example market, a 2-cell grid, few Monte Carlo paths, no history. */
function head(): Record<string, unknown> {
  const h = exampleBookHead();
  return {
    market: h.market,
    parameters: { paths: 200, seed: 3, priceMoves: [-0.25, 0.1], volShifts: [0.1], haircuts: { BTC: 0.1, ETH: 0.12 } },
  };
}

describe('readLines', () => {
  it('splits on LF and CRLF, skips a BOM, keeps blank lines and a last line without a break, across chunks', () => {
    const text = '\uFEFF{"a":"é€😀"}\r\n\n  \n{"b":2}\n{"c":"ü"}';
    const p = file('lines.txt', text);
    for (const chunk of [1, 2, 3, 7, 1 << 20]) {
      expect([...readLines(p, 100, chunk)]).toEqual([
        { line: 1, text: '{"a":"é€😀"}' },
        { line: 2, text: '' },
        { line: 3, text: '  ' },
        { line: 4, text: '{"b":2}' },
        { line: 5, text: '{"c":"ü"}' },
      ]);
    }
  });

  it('refuses a line over the limit, naming it, and stops on a device that never ends', () => {
    const p = file('long.txt', `{"a":1}\n${'x'.repeat(50)}\n`);
    expect(() => [...readLines(p, 40, 8)]).toThrow(/line 2 is longer than 40 bytes.*RISKCORE_MAX_ACCOUNT_LINE_BYTES/);
    expect([...readLines(p, 50, 8)].map((l) => l.line)).toEqual([1, 2]);
    const t0 = performance.now();
    expect(() => [...readLines('/dev/zero', 1 << 20)]).toThrow(/line 1 is longer than 1048576 bytes/);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe('readAccountsFile', () => {
  const book = (): Book => parseBook(head(), { accountsFile: true });
  const good = generateAccounts(3, 5);

  it('appends the accounts and their positions after the book’s own, skipping blank lines', () => {
    const b = parseBook({ ...head(), accounts: [{ id: 'own', collateral: [{ asset: 'USDC', amount: '1' }] }] }, {});
    const p = file('ok.jsonl', `\n${jsonl(good)}\n\n`);
    expect(readAccountsFile(p, b)).toBe(3);
    expect(b.file.accounts.map((a) => a.id)).toEqual(['own', 'acct-0', 'acct-1', 'acct-2']);
    const n = good.reduce((t, a) => t + (a.positions as unknown[]).length, 0);
    expect(b.entries.filter((e) => e.account === 1).length).toBe((good[0].positions as unknown[]).length);
    expect(b.entries.length).toBeGreaterThanOrEqual(n);
    expect(b.entries[0].path).toBe('line 2: positions[0]');
  });

  it('names the line and the field of a bad account', () => {
    const cases: [string, RegExp][] = [
      [
        '{"id":"x","positions":[{"kind":"option","underlying":"BTC","type":"call","strike":-5,"expiry":0.1,"quantity":1}]}',
        /^line 2: positions\[0\]\.strike must be a finite number > 0, got -5$/,
      ],
      ['{"id":"x","collateral":[{"asset":"DOGE","amount":"1"}]}', /^line 2: collateral\[0\]\.asset must be an asset/],
      ['{"id":"x","positons":[]}', /^line 2: positons must be absent \(not a field of the book format/],
      ['{"id":"acct-0"}', /^line 2: id must be unique among accounts, got "acct-0"/],
      ['[1]', /^line 2 must be an object/],
      [
        '{"id":"x","positions":[{"kind":"perp","underlying":"BTC","quantity":1,"marginmode":"isolated"}]}',
        /^line 2: positions\[0\]\.marginmode must be absent \(not a field of the book format; did you mean marginMode\?\)/,
      ],
    ];
    for (const [line, message] of cases) {
      const p = file('bad.jsonl', `${JSON.stringify(good[0])}\n${line}\n`);
      let err: Error | undefined;
      try {
        readAccountsFile(p, book());
      } catch (e) {
        err = e as Error;
      }
      expect(err?.name, line).toBe('RiskInputError');
      expect(err?.message).toMatch(message);
    }
  });

  it('refuses a line that is not JSON, a duplicate key, too many accounts and an unreadable file', () => {
    expect(() => readAccountsFile(file('a.jsonl', '{"id":"a"}\n{"id":\n'), book())).toThrow(/line 2: not valid JSON/);
    expect(() => readAccountsFile(file('b.jsonl', '{"id":"a","id":"b"}\n'), book())).toThrow(
      /line 1: the key id appears twice/,
    );
    process.env.RISKCORE_MAX_ACCOUNTS = '2';
    expect(() => readAccountsFile(file('c.jsonl', jsonl(good)), book())).toThrow(
      /more than 2 accounts, the account limit \(set RISKCORE_MAX_ACCOUNTS/,
    );
    process.env.RISKCORE_MAX_ACCOUNTS = 'many';
    expect(() => readAccountsFile(file('d.jsonl', jsonl(good)), book())).toThrow(/RISKCORE_MAX_ACCOUNTS must be/);
    delete process.env.RISKCORE_MAX_ACCOUNTS;
    expect(() => readAccountsFile(join(tmp, 'none.jsonl'), book())).toThrow(/cannot read accounts file .*no such file/);
    expect(() => readAccountsFile(tmp, book())).toThrow(/it is a directory/);
  });

  it('exits 2 with the file, line and field; the book may then omit accounts, but some account is needed', async () => {
    const bookPath = file('head.json', JSON.stringify(head()));
    const bad = file('bad.jsonl', '{"id":"x","collateral":[{"asset":"USDC","amount":"ten"}]}\n');
    const r = await runCli(['report', bookPath, '--accounts', bad, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `riskcore: ${bad}: line 1: collateral[0].amount must be a decimal string such as "1234.56", got "ten"\n`,
    );
    const empty = await runCli(['report', bookPath, '--accounts', file('empty.jsonl', '\n'), '--json']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no accounts/);
    expect((await runCli(['report', bookPath, '--json'])).stderr).toMatch(/accounts must be present/);
  });
});

describe('riskcore report --accounts', () => {
  it('streams 5,000 generated accounts: every account’s margin and the stress sums equal the library’s', async () => {
    const accounts = generateAccounts(5000, 21);
    const h = head();
    const r = await runCli([
      'report',
      file('head5k.json', JSON.stringify(h)),
      '--accounts',
      file('accounts5k.jsonl', jsonl(accounts)),
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.book.accounts).toBe(5000);
    const market = h.market as Market;
    const haircuts = (h.parameters as { haircuts: Record<string, number> }).haircuts;
    const model = fixedHaircut(haircuts, { default: 0 });
    const collateralValuer: CollateralValuer = (holdings, prices) => collateralValue(holdings, prices, model).value;
    const params = marginParams({ cashAssets: DEFAULT_MARGIN_PARAMS.cashAssets.filter((a) => !(a in market.assets)) });
    const ctx = prepareMargin(market, params);
    const rows = new Map<string, Record<string, unknown>>(
      out.sections.margin.byAccount.map((x: any) => [x.account, x]),
    );
    expect(rows.size).toBe(5000);
    for (const a of accounts as unknown as (Account & { id: string })[]) {
      const m = accountMargin(a, ctx, { method: 'cross', collateralValuer });
      const row = rows.get(a.id) as Record<string, unknown>;
      expect([row.equity, row.initialMargin, row.maintenanceMargin, row.liquidatable]).toEqual([
        m.equity.toString(),
        m.initialMargin.toString(),
        m.maintenanceMargin.toString(),
        m.liquidatable,
      ]);
    }
    // stress: the grid cells and historical events, summed over the accounts in file order
    const grid = priceVolGrid({ assets: ['BTC', 'ETH'], priceMoves: [-0.25, 0.1], volShifts: [0.1] });
    const events = historicalScenarios().filter((s) => Object.keys(s.moves ?? {}).some((x) => x in market.assets));
    const scenarios = [...grid, ...events];
    const sctx = prepareStress(market, scenarios, {
      margin: { method: 'cross', collateralValuer },
      marginParams: params,
    });
    const sums = scenarios.map(() => ({ pnl: 0, liquidatable: 0 }));
    for (const a of accounts as unknown as Account[]) {
      const s = stressTest(a, sctx);
      s.scenarios.forEach((o, k) => {
        sums[k].pnl += (o.equity as NonNullable<typeof o.equity>).minus(s.base.equity as never).toNumber();
        if (o.liquidatable) sums[k].liquidatable++;
      });
    }
    expect(out.sections.stress.grid.map((g: any) => [g.pnl, g.liquidatable])).toEqual(
      sums.slice(0, grid.length).map((x) => [x.pnl, x.liquidatable]),
    );
    const named = new Map(out.sections.stress.worst.map((w: any) => [w.scenario, w]));
    let checked = 0;
    events.forEach((e, i) => {
      const w = named.get(e.name) as { pnl: number; liquidatable: number } | undefined;
      if (!w) return; // only the eight worst are listed
      checked++;
      expect([w.pnl, w.liquidatable]).toEqual([sums[grid.length + i].pnl, sums[grid.length + i].liquidatable]);
    });
    expect(checked).toBeGreaterThan(0);
  }, 300_000);

  it('gives the same report as the same accounts written inline in the book', async () => {
    const accounts = generateAccounts(150, 4);
    const h = head();
    const inline = await runCli(['report', file('inline.json', JSON.stringify({ ...h, accounts })), '--json']);
    const split = accounts.slice(0, 10);
    const streamed = await runCli([
      'report',
      file('split.json', JSON.stringify({ ...h, accounts: split })),
      '--accounts',
      file('rest.jsonl', `\uFEFF${jsonl(accounts.slice(10)).replace(/\n/g, '\r\n')}`),
      '--json',
    ]);
    expect(inline.code).toBe(0);
    expect(streamed.code).toBe(0);
    const a = JSON.parse(inline.stdout);
    const b = JSON.parse(streamed.stdout);
    delete a.book.file;
    delete b.book.file;
    expect(b).toEqual(a);
  }, 120_000);
});

describe('historical P&L by position', () => {
  it('prices each instrument once per move, equal bit for bit to pricing every position', () => {
    const h = exampleBookHead();
    const extra: Position[] = [
      {
        kind: 'option',
        underlying: 'BTC',
        type: 'put',
        strike: 90000,
        expiry: 0.2,
        quantity: 3,
        model: 'black76',
        settlement: 'inverse',
      },
      {
        kind: 'option',
        underlying: 'BTC',
        type: 'put',
        strike: 90000,
        expiry: 0.2,
        quantity: -7,
        model: 'black76',
        settlement: 'inverse',
      },
      { kind: 'option', underlying: 'ETH', type: 'call', strike: 3500, expiry: 0.3, quantity: 2.5, model: 'bachelier' },
      { kind: 'future', underlying: 'ETH', expiry: 0.25, quantity: 4, settlement: 'inverse' },
      { kind: 'spot', underlying: 'stETH', quantity: -1.25 },
      { kind: 'perp', underlying: 'BTC', quantity: 0.1, entryPrice: 95040 },
    ] as Position[];
    const accounts = [
      ...generateAccounts(80, 9),
      { id: 'extra', collateral: [{ asset: 'USDC', amount: '1' }], positions: extra },
    ];
    const book = parseBook({ ...h, history: { prices: sliceHistory(h.history, 60) }, accounts });
    const positions = book.entries.map((e) => e.position);
    const rows = historicalPnLByPosition(book, positions, 1) as Float64Array[];
    expect(Array.isArray(rows)).toBe(true);
    // the unshared computation: every position priced in every shocked market
    const fixed = withEntryPrices(positions, book.market);
    const prices = book.history?.prices as Record<string, number[]>;
    const n = prices.BTC.length;
    for (let s = 0; s + 1 < n; s++) {
      const assets: Market['assets'] = {};
      for (const [name, a] of Object.entries(book.market.assets)) {
        const m = prices[name] ? prices[name][s + 1] / prices[name][s] : undefined;
        assets[name] =
          m === undefined ? a : { ...a, price: a.price * m, ...(a.mark !== undefined ? { mark: a.mark * m } : {}) };
      }
      const shocked = { ...book.market, assets };
      fixed.forEach((p, i) => {
        const d = positionValue(p, shocked) - positionValue(p, book.market);
        expect(Object.is(rows[i][s], d), `position ${i} move ${s}`).toBe(true);
      });
    }
  });
});

function sliceHistory(history: unknown, n: number): Record<string, number[]> {
  const prices = (history as { prices: Record<string, number[]> }).prices;
  return Object.fromEntries(Object.entries(prices).map(([k, v]) => [k, v.slice(0, n)]));
}
