/// <reference types="node" />
/**
 * Read a book file (JSON, or YAML by extension .yaml/.yml) from disk. Unreadable files, files over the size limit,
 * syntax errors and duplicate keys are user errors naming the file. A UTF-8 byte-order mark is skipped.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { CliUsageError } from './args.js';
import { findDuplicateKey } from './jsonKeys.js';

/** Largest book file read by default: 256 MiB. `RISKCORE_MAX_BOOK_BYTES` raises (or lowers) it. */
export const DEFAULT_MAX_BOOK_BYTES = 256 * 1024 * 1024;

function maxBookBytes(): number {
  const env = process.env.RISKCORE_MAX_BOOK_BYTES;
  if (env === undefined || env === '') return DEFAULT_MAX_BOOK_BYTES;
  const n = Number(env);
  if (!Number.isInteger(n) || n < 1)
    throw new CliUsageError(`RISKCORE_MAX_BOOK_BYTES must be a whole number of bytes >= 1, got ${JSON.stringify(env)}`);
  return n;
}

/** The file's bytes as text, reading at most `limit` bytes (a device such as /dev/zero never ends). */
function readBounded(file: string, limit: number): string {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > limit) {
        throw new CliUsageError(
          `${file}: larger than ${limit} bytes, the book size limit (set RISKCORE_MAX_BOOK_BYTES to read more, or put the accounts in a JSON Lines file read line by line with --accounts)`,
        );
      }
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The usage error of a file that could not be read (a usage error raised while reading passes through). */
export function unreadable(kind: string, file: string, e: unknown): Error {
  if (e instanceof CliUsageError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : (e as Error).message;
  return new CliUsageError(`cannot read ${kind} file ${JSON.stringify(file)}: ${why}`);
}

/** Read and parse `file` into a plain document (not yet validated); `kind` names the file in errors. */
export function readBookDocument(file: string, kind = 'book'): unknown {
  let text: string;
  const limit = maxBookBytes();
  try {
    text = readBounded(file, limit);
  } catch (e) {
    throw unreadable(kind, file, e);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const yaml = /\.ya?ml$/i.test(file);
  let doc: unknown;
  try {
    // YAML: equal keys in one mapping are an error (uniqueKeys)
    doc = yaml ? parseYaml(text, { uniqueKeys: true }) : JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    throw new CliUsageError(`${file}: not valid ${yaml ? 'YAML' : 'JSON'}: ${msg}`);
  }
  if (!yaml) {
    const duplicate = findDuplicateKey(text);
    if (duplicate !== undefined)
      throw new CliUsageError(
        `${file}: the key ${duplicate} appears twice in one object (JSON keeps only the last; remove one)`,
      );
  }
  return doc;
}
