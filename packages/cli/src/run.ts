/// <reference types="node" />
/**
 * `riskcore` command: parse flags, read and validate the book, analyse, print the summary or JSON, write the HTML.
 * Returns the exit code: 0 success, 2 bad input (book, flag, file), 1 internal error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { RiskInputError } from 'riskcore';
import { readAccountsFile } from './accountsFile.js';
import { analyse } from './analyse.js';
import { CliUsageError, USAGE, parseCliArgs } from './args.js';
import { parseBook } from './book.js';
import { renderHtml } from './html.js';
import { readBookDocument } from './load.js';
import { ProgressBar } from './progress.js';
import { bookJsonSchema } from './schema.js';
import { runSimulate } from './simulate/command.js';
import { formatSummary } from './summary.js';

export interface CliIO {
  stdout: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean };
  stderr: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean };
}

/** The package version (dist/ and src/ both sit one level below packages/cli/package.json). */
export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'unknown';
  }
}

/** Run the CLI with `argv` (arguments after the program name). */
export async function run(
  argv: readonly string[],
  io: CliIO = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.command === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.command === 'version') {
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    if (args.command === 'schema') {
      io.stdout.write(`${JSON.stringify(bookJsonSchema(), null, 2)}\n`);
      return 0;
    }
    if (args.command === 'simulate') return await runSimulate(args, io, packageVersion());
    const doc = readBookDocument(args.book);
    // biome-ignore lint/suspicious/noImplicitAnyLet: typed by the assignment below (TypeScript narrows an unannotated let)
    let book;
    try {
      book = parseBook(doc, { accountsFile: args.accounts !== undefined });
    } catch (e) {
      if (e instanceof RiskInputError) throw new CliUsageError(`${args.book}: ${e.message}`);
      throw e;
    }
    if (args.accounts !== undefined) {
      try {
        readAccountsFile(args.accounts, book);
      } catch (e) {
        if (e instanceof RiskInputError) throw new CliUsageError(`${args.accounts}: ${e.message}`);
        throw e;
      }
      if (book.file.accounts.length === 0)
        throw new CliUsageError(`${args.accounts}: no accounts (the book has none either): one account per line`);
    }
    const bar = new ProgressBar('Monte Carlo', io.stderr as NodeJS.WriteStream, args.progress && !args.json);
    const results = await analyse(book, {
      file: args.book,
      version: packageVersion(),
      ...(args.confidence !== undefined ? { confidence: args.confidence } : {}),
      ...(args.paths !== undefined ? { paths: args.paths } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      onProgress: (d, t) => bar.update(d, t),
    });
    bar.done();
    if (args.html !== undefined) {
      const html = await renderHtml(results, book);
      try {
        writeFileSync(args.html, html);
      } catch (e) {
        throw new CliUsageError(
          `cannot write ${JSON.stringify(args.html)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        );
      }
    }
    if (args.json) io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else {
      io.stdout.write(formatSummary(results));
      if (args.html !== undefined) io.stdout.write(`\nHTML report written to ${args.html}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof CliUsageError) {
      io.stderr.write(`riskcore: ${e.message}\n`);
      return 2;
    }
    if (e instanceof RiskInputError) {
      io.stderr.write(`riskcore: bad input: ${e.message}\n`);
      return 2;
    }
    const err = e as Error;
    io.stderr.write(`riskcore: internal error: ${err?.message ?? String(e)}\n`);
    if (process.env.RISKCORE_DEBUG) io.stderr.write(`${err?.stack ?? ''}\n`);
    return 1;
  }
}
