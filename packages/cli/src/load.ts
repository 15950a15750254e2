/// <reference types="node" />
/**
 * Read a book file (JSON, or YAML by extension .yaml/.yml) from disk. Unreadable files and syntax errors are user
 * errors naming the file.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { CliUsageError } from './args.js';

/** Read and parse `file` into a plain document (not yet validated). */
export function readBookDocument(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new CliUsageError(`cannot read book file ${JSON.stringify(file)}: ${why}`);
  }
  const yaml = /\.ya?ml$/i.test(file);
  try {
    return yaml ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    throw new CliUsageError(`${file}: not valid ${yaml ? 'YAML' : 'JSON'}: ${msg}`);
  }
}
