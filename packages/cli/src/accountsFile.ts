/// <reference types="node" />
/**
 * Accounts from a JSON Lines file (`riskcore report book.json --accounts accounts.jsonl`): one account per line, in
 * the book's account format. The file is read in 1 MiB chunks and parsed one line at a time, so memory holds one
 * chunk, one line and the validated accounts — never the file's text. Each line is checked like an account of the
 * book (the zod schema, then the library's account, collateral and position rules against the book's market, ids
 * unique across the book and the file); a bad line is a RiskInputError whose path names the line and the field,
 * `line 7: positions[0].strike`.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { RiskInputError } from 'riskcore';
import { CliUsageError } from './args.js';
import type { Book } from './book.js';
import { bookError, checkAccount, issueToError } from './book.js';
import { findDuplicateKey } from './jsonKeys.js';
import { unreadable } from './load.js';
import { AccountSchema } from './schema.js';
import type { AccountFile } from './schema.js';

/** Longest line of an accounts file by default: 1 MiB. `RISKCORE_MAX_ACCOUNT_LINE_BYTES` changes it. */
export const DEFAULT_MAX_ACCOUNT_LINE_BYTES = 1 << 20;
/** Most accounts read from an accounts file by default: 1,000,000. `RISKCORE_MAX_ACCOUNTS` changes it. */
export const DEFAULT_MAX_ACCOUNTS = 1_000_000;

function envLimit(name: string, fallback: number, unit: string): number {
  const env = process.env[name];
  if (env === undefined || env === '') return fallback;
  const n = Number(env);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new CliUsageError(`${name} must be a whole number of ${unit} >= 1, got ${JSON.stringify(env)}`);
  return n;
}

/** One line of a text file: its 1-based number and its text (without the line break). */
export interface Line {
  line: number;
  text: string;
}

/**
 * The lines of `file`, read in chunks of `chunkBytes`: at most one chunk and one line (≤ `maxLineBytes`, else a
 * {@link CliUsageError} naming the line) are held at a time. `\n` and `\r\n` end lines; a last line without a
 * break counts; a UTF-8 byte-order mark at the start is skipped.
 */
export function* readLines(file: string, maxLineBytes: number, chunkBytes = 1 << 20): Generator<Line> {
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(chunkBytes);
    let parts: Buffer[] = [];
    let partBytes = 0;
    let line = 1;
    let first = true;
    const text = (tail: Buffer): string => {
      let b = parts.length === 0 ? tail : Buffer.concat([...parts, tail], partBytes + tail.length);
      if (b.length > 0 && b[b.length - 1] === 0x0d) b = b.subarray(0, b.length - 1);
      parts = [];
      partBytes = 0;
      let s = b.toString('utf8');
      if (first && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      first = false;
      return s;
    };
    const tooLong = () =>
      new CliUsageError(
        `${file}: line ${line} is longer than ${maxLineBytes} bytes, the account line limit (set RISKCORE_MAX_ACCOUNT_LINE_BYTES to read longer lines)`,
      );
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(0x0a, start);
        if (nl < 0 || nl >= n) break;
        if (partBytes + (nl - start) > maxLineBytes + 1) throw tooLong();
        yield { line, text: text(chunk.subarray(start, nl)) };
        line++;
        start = nl + 1;
      }
      if (start < n) {
        partBytes += n - start;
        if (partBytes > maxLineBytes + 1) throw tooLong();
        parts.push(Buffer.from(chunk.subarray(start, n)));
      }
    }
    if (partBytes > 0) {
      const t = text(Buffer.alloc(0));
      if (Buffer.byteLength(t) > maxLineBytes) throw tooLong();
      yield { line, text: t };
    }
  } finally {
    closeSync(fd);
  }
}

/** A RiskInputError at `path` (relative to the account, `''` for the whole line) restated as `line N: path`. */
function atLine(e: RiskInputError, line: number, prefix: string): RiskInputError {
  const rel = e.path === prefix ? '' : e.path.startsWith(`${prefix}.`) ? e.path.slice(prefix.length + 1) : e.path;
  const path = rel === '' ? `line ${line}` : `line ${line}: ${rel}`;
  return new RiskInputError(path, e.expected, e.value);
}

/**
 * Validate one parsed line as an account of `book` (its market, the ids already taken in `ids`), with the line in
 * every error path. Returns the account as the schema parsed it.
 */
export function parseAccountLine(
  raw: unknown,
  line: number,
  book: Pick<Book, 'market'>,
  ids: Set<string>,
  add: Parameters<typeof checkAccount>[4],
): AccountFile {
  const r = AccountSchema.safeParse(raw);
  if (!r.success) throw atLine(issueToError(r.error.issues[0], raw), line, '');
  try {
    checkAccount(r.data, 'account', book.market, ids, add);
  } catch (e) {
    throw e instanceof RiskInputError ? atLine(bookError(e), line, 'account') : e;
  }
  return r.data;
}

/**
 * Read the accounts of a JSON Lines file into `book` (after its own accounts): each non-blank line one account.
 * Throws {@link CliUsageError} for an unreadable file, a line that is not JSON, a duplicate key, a line over the
 * line limit or more accounts than the account limit; RiskInputError (path `line N: field`) for an invalid account.
 */
export function readAccountsFile(file: string, book: Book): number {
  const maxLine = envLimit('RISKCORE_MAX_ACCOUNT_LINE_BYTES', DEFAULT_MAX_ACCOUNT_LINE_BYTES, 'bytes');
  const maxAccounts = envLimit('RISKCORE_MAX_ACCOUNTS', DEFAULT_MAX_ACCOUNTS, 'accounts');
  const ids = new Set(book.file.accounts.map((a) => a.id));
  let count = 0;
  let lines: Generator<Line>;
  let next: IteratorResult<Line>;
  try {
    lines = readLines(file, maxLine);
    // the file is opened and first read here: an unreadable file fails now
    next = lines.next();
  } catch (e) {
    throw unreadable('accounts', file, e);
  }
  for (; !next.done; next = lines.next()) {
    const { line, text } = next.value;
    if (text.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new CliUsageError(`${file}: line ${line}: not valid JSON: ${(e as Error).message.split('\n')[0]}`);
    }
    const duplicate = findDuplicateKey(text);
    if (duplicate !== undefined)
      throw new CliUsageError(
        `${file}: line ${line}: the key ${duplicate} appears twice in one object (JSON keeps only the last; remove one)`,
      );
    if (++count > maxAccounts)
      throw new CliUsageError(
        `${file}: more than ${maxAccounts} accounts, the account limit (set RISKCORE_MAX_ACCOUNTS to read more; every account read is kept in memory for the report)`,
      );
    const ai = book.file.accounts.length;
    const account = parseAccountLine(raw, line, book, ids, (position, path, subAccount) =>
      book.entries.push({
        position,
        account: ai,
        ...(subAccount === undefined ? {} : { subAccount }),
        path: `line ${line}: ${path.slice('account.'.length)}`,
      }),
    );
    book.file.accounts.push(account);
  }
  return count;
}
