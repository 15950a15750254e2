import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli, smallBook, spawnCli, tmp, writeBook } from './helpers.js';

describe('riskcore report: good book', () => {
  it('exits 0 and prints the summary', async () => {
    const file = writeBook('good.json', smallBook());
    const r = await runCli(['report', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^riskcore report: test book/);
    expect(r.stdout).toContain('book: 2 accounts, 1 sub-account, 4 positions');
    expect(r.stdout).toContain('Exposure by underlying');
    // 3·60000 (option) + 1·60000 (perp) = 240,000 for BTC; (10 + 15)·3000 = 75,000 for ETH
    expect(r.stdout).toMatch(/BTC\s+60,000\.00\s+2\s+240,000/);
    expect(r.stdout).toMatch(/ETH\s+3,000\.00\s+2\s+75,000/);
    expect(r.stdout).toContain('collateral at market (before haircuts): 530,000 USD');
  });

  it('reads YAML books the same as JSON', async () => {
    const { stringify } = await import('yaml');
    const j = await runCli(['report', writeBook('same.json', smallBook()), '--json']);
    const y = await runCli(['report', writeBook('same.yaml', stringify(smallBook())), '--json']);
    expect(y.code).toBe(0);
    const a = JSON.parse(j.stdout);
    const b = JSON.parse(y.stdout);
    a.book.file = b.book.file = '';
    expect(b).toEqual(a);
  });

  it('--json prints one JSON document and nothing else', async () => {
    const r = await runCli([
      'report',
      writeBook('j.json', smallBook()),
      '--json',
      '--paths',
      '1000',
      '--seed',
      '9',
      '--confidence',
      '0.975',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.parameters).toEqual({ confidence: 0.975, horizonDays: 1, paths: 1000, seed: 9, marginMethod: 'cross' });
    expect(doc.book.positions).toBe(4);
    expect(Object.keys(doc.sections).sort()).toEqual([
      'cascade',
      'collateral',
      'greeks',
      'hedge',
      'margin',
      'reverseStress',
      'risk',
      'stress',
    ]);
  });

  it('runs the committed examples', async () => {
    for (const f of ['examples/book.json', 'examples/book.yaml']) {
      const r = await runCli(['report', join(root, f), '--json', '--paths', '500']);
      expect(r.stderr, f).toBe('');
      expect(r.code, f).toBe(0);
    }
  });

  it('writes the HTML report with inline SVG charts', async () => {
    const out = join(tmp, 'r.html');
    const r = await runCli(['report', writeBook('h.json', smallBook()), '--html', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`HTML report written to ${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<figure class="chart" id="chart-exposure"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/); // self-contained: no script, no external resource
  });
});

describe('riskcore report: degenerate but legal books', () => {
  it('an account with collateral and no positions: exit 0, zero risk, no empty chart, nothing on stderr', async () => {
    const out = join(tmp, 'empty.html');
    const b = {
      market: { assets: { USDC: { price: 1 }, BTC: { price: 60000, vol: 0.5 } } },
      accounts: [{ id: 'e', collateral: [{ asset: 'USDC', amount: '1000' }] }],
    };
    const r = await runCli(['report', writeBook('empty.json', b), '--html', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/parametric\s+0\s+0\s+delta-normal \(no delta exposure\)/);
    expect(r.stdout).toMatch(/Monte Carlo\s+0\s+0/);
    expect(r.stdout).toContain('unavailable: the book has no positions');
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('id="chart-greeks"');
    expect(html).not.toContain('id="chart-stress"');
    expect(html).not.toContain('id="chart-exposure"');
  });
});

describe('riskcore report: bad input exits 2 with a one-line message', () => {
  const bad = async (mutate: (b: Record<string, any>) => void) => {
    const b = smallBook();
    mutate(b);
    return runCli(['report', writeBook('bad.json', b)]);
  };

  it.each([
    [
      'a negative strike',
      (b: any) => {
        b.accounts[0].positions[0].strike = -5;
      },
      'accounts[0].positions[0].strike must be a finite number > 0, got -5',
    ],
    [
      'a strike as a string',
      (b: any) => {
        b.accounts[1].positions[0] = {
          kind: 'option',
          underlying: 'BTC',
          type: 'put',
          strike: '60000',
          expiry: 1,
          quantity: 1,
        };
      },
      'accounts[1].positions[0].strike must be a finite number, got "60000"',
    ],
    [
      'an unknown kind',
      (b: any) => {
        b.accounts[0].positions[1].kind = 'swap';
      },
      "accounts[0].positions[1].kind must be one of 'spot', 'perp', 'future', 'option', got \"swap\"",
    ],
    [
      'a misspelt field',
      (b: any) => {
        b.accounts[0].subAccounts[0].positions[0].qty = 1;
      },
      'accounts[0].subAccounts[0].positions[0].qty must be absent',
    ],
    [
      'a missing quantity',
      (b: any) => {
        delete b.accounts[1].positions[0].quantity;
      },
      'accounts[1].positions[0].quantity must be present (a finite number), got undefined',
    ],
    [
      'an underlying not in the market',
      (b: any) => {
        b.accounts[1].positions[0].underlying = 'SOL';
      },
      'accounts[1].positions[0].underlying must be an asset present in market.assets',
    ],
    [
      'collateral in an unknown asset',
      (b: any) => {
        b.accounts[0].subAccounts[0].collateral[0].asset = 'DAI';
      },
      'accounts[0].subAccounts[0].collateral[0].asset must be an asset present in market.assets',
    ],
    [
      'a malformed amount',
      (b: any) => {
        b.accounts[0].collateral[0].amount = '1,000';
      },
      'accounts[0].collateral[0].amount must be a decimal string',
    ],
    [
      'an option without a vol',
      (b: any) => {
        delete b.market.assets.BTC.vol;
      },
      'market.assets.BTC.vol must be a vol (or smile) for the option at accounts[0].positions[0]',
    ],
    [
      'an asymmetric correlation',
      (b: any) => {
        b.market.correlation.matrix[1][0] = 0.5;
      },
      'market.correlation.matrix[1][0] must be equal to matrix[0][1]',
    ],
    [
      'a correlation that is not positive semi-definite',
      (b: any) => {
        b.market.assets.SOL = { price: 150, vol: 0.8 };
        b.market.correlation = {
          assets: ['BTC', 'ETH', 'SOL'],
          matrix: [
            [1, 0.9, -0.9],
            [0.9, 1, 0.9],
            [-0.9, 0.9, 1],
          ],
        };
      },
      'market.correlation.matrix must be a positive semi-definite correlation matrix, got an array of length 3 (smallest eigenvalue -0.800000)',
    ],
    [
      'a history of unequal lengths',
      (b: any) => {
        b.history.prices.ETH.pop();
      },
      'history.prices.ETH must be an array of length 7',
    ],
    [
      'a confidence of 1',
      (b: any) => {
        b.parameters.confidence = 1;
      },
      'parameters.confidence must be a number < 1, got 1',
    ],
    [
      'collateral on a cross position (netting account rule)',
      (b: any) => {
        b.accounts[0].positions[1].collateral = [{ asset: 'USDC', amount: '1' }];
      },
      'accounts[0].positions[1].collateral must be absent on a cross position',
    ],
    [
      'duplicate account ids',
      (b: any) => {
        b.accounts[1].id = 'a';
      },
      'accounts[1].id must be unique among accounts',
    ],
    [
      'no accounts',
      (b: any) => {
        b.accounts = [];
      },
      'accounts must be an array with at least 1 element',
    ],
  ])('%s', async (_name, mutate, message) => {
    const r = await bad(mutate);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a book that is not JSON names the file', async () => {
    const f = writeBook('broken.json', '{ "market": ');
    const r = await runCli(['report', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}: not valid JSON`);
  });

  it.each([
    [['report', 'b.json', '--pathz', '5'], "Unknown option '--pathz'"],
    [['report', 'b.json', '--paths', 'many'], '--paths must be an integer >= 100, got "many"'],
    [['report', 'b.json', '--paths', '50'], '--paths must be an integer >= 100, got "50"'],
    [['report', 'b.json', '--seed=-1'], '--seed must be an integer >= 0'],
    [['report', 'b.json', '--seed', '-1'], "Option '--seed' argument is ambiguous"],
    [['report', 'b.json', '--confidence', '99'], '--confidence must be a number in (0, 1), got "99"'],
    [['report'], 'missing book file'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [[], 'missing command'],
  ])('bad flags %j exit 2', async (argv, message) => {
    const r = await runCli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an unwritable --html target is a bad-input error', async () => {
    const r = await runCli(['report', writeBook('w.json', smallBook()), '--html', join(tmp, 'no-such-dir', 'r.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write');
  });
});

describe('riskcore as a process', () => {
  it('good book: exit 0, summary on stdout', async () => {
    const r = await spawnCli(['report', writeBook('p-good.json', smallBook())]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('riskcore report: test book');
  });

  it('malformed book: exit 2, the path of the bad field, no stack trace', async () => {
    const b = smallBook();
    b.accounts[1].positions[0].quantity = 'ten';
    const f = writeBook('p-bad.json', b);
    const r = await spawnCli(['report', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`riskcore: ${f}: accounts[1].positions[0].quantity must be a finite number, got "ten"\n`);
  });

  it('missing file: exit 2, names the file, no stack trace', async () => {
    const r = await spawnCli(['report', 'does/not/exist.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('riskcore: cannot read book file "does/not/exist.json": no such file\n');
  });

  it('bad flag: exit 2', async () => {
    const r = await spawnCli(['report', 'x.json', '--colour']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^riskcore: Unknown option '--colour'.*\n$/);
  });

  it('--help and --version exit 0', async () => {
    const h = await spawnCli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('riskcore report <book.json|book.yaml>');
    const v = await spawnCli(['--version']);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });
});

describe('internal errors', () => {
  it('exit 1 with a one-line message when something fails that is not the input', async () => {
    const { run } = await import('../../packages/cli/src/run.js');
    let stderr = '';
    const code = await run(['report', writeBook('i.json', smallBook())], {
      stdout: {
        write: () => {
          throw new Error('EPIPE: stdout closed');
        },
      },
      stderr: {
        write: (s: string) => {
          stderr += s;
          return true;
        },
      },
    });
    expect(code).toBe(1);
    expect(stderr).toBe('riskcore: internal error: EPIPE: stdout closed\n');
  });
});
