/**
 * Size limits of a report run: Monte Carlo paths beyond the library's limit for a run that keeps every path
 * (2²⁷) are refused up front, from the book or from the flag, with the limit and the way past it.
 */
import { describe, expect, it } from 'vitest';
import { runCli, smallBook, writeBook } from './helpers.js';

describe('riskcore report: size limits', () => {
  it('refuses parameters.paths of 1e9 in a book, naming the field and the limit', async () => {
    const book = smallBook();
    book.parameters = { ...(book.parameters ?? {}), paths: 1e9 };
    const r = await runCli(['report', writeBook('paths-1e9.json', book)]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/parameters\.paths/);
    expect(r.stderr).toMatch(/134217728/);
  });

  it('refuses --paths beyond 2^27 and says how to go past it', async () => {
    const r = await runCli(['report', writeBook('paths-flag.json', smallBook()), '--paths', '1000000000']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(
      /--paths must be an integer in \[100, 134217728\].*montecarlo\/node.*@riskcore\/distributed/,
    );
  });
});
