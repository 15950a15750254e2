/// <reference types="node" />
/**
 * Accounts of a margin sweep read one at a time from an Iterable, an AsyncIterable or a JSONL file, as JSON text
 * ready for a batch, or as the error that answers that account (a line that is not JSON). Internal.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { RiskInputError } from 'riskcore';
import { checkString } from 'riskcore';
import type { SweepError } from './processor.js';
import { accountText } from './processor.js';

/** Where a sweep reads its accounts. */
export type AccountSource = Iterable<unknown> | AsyncIterable<unknown> | { jsonl: string };

/** One account as read: its JSON text, or the error answering it. */
export type SourceItem = { text: string; error?: undefined } | { text?: undefined; error: SweepError };

/** Check the shape of a source (the file itself is opened when the sweep starts). */
export function checkSource(value: unknown, path: string): AccountSource {
  if (value !== null && typeof value === 'object') {
    if (Symbol.asyncIterator in value || Symbol.iterator in value) return value as AccountSource;
    if ('jsonl' in value) {
      checkString((value as { jsonl: unknown }).jsonl, `${path}.jsonl`);
      return value as AccountSource;
    }
  }
  throw new RiskInputError(path, 'an Iterable, an AsyncIterable or { jsonl: path }', value);
}

const asError = (e: RiskInputError): SweepError => ({ name: e.name, path: e.path, message: e.message });

/** The accounts of `source` in order. JSONL: blank lines are skipped; the index counts accounts, not lines. */
export async function* readAccounts(source: AccountSource): AsyncGenerator<SourceItem> {
  let index = 0;
  if ('jsonl' in source && typeof (source as { jsonl: unknown }).jsonl === 'string') {
    const file = (source as { jsonl: string }).jsonl;
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let lineNo = 0;
    for await (const raw of lines) {
      lineNo++;
      const line = raw.trim();
      if (line === '') continue;
      try {
        JSON.parse(line);
        yield { text: line };
      } catch (e) {
        yield {
          error: asError(
            new RiskInputError(
              `accounts[${index}]`,
              'a JSON value',
              line,
              `line ${lineNo} of ${file}: ${(e as Error).message}`,
            ),
          ),
        };
      }
      index++;
    }
    return;
  }
  const it = source as Iterable<unknown> | AsyncIterable<unknown>;
  for await (const account of it) {
    try {
      yield { text: accountText(account) };
    } catch (e) {
      yield {
        error: asError(
          new RiskInputError(`accounts[${index}]`, 'a JSON-serialisable account', account, (e as Error).message),
        ),
      };
    }
    index++;
  }
}
