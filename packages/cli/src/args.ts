/// <reference types="node" />
/**
 * Command-line parsing for `riskcore`. Bad flags are user errors (exit 2) with a one-line message.
 */
import { parseArgs } from 'node:util';

/** A user error: bad flag, unreadable or invalid book. Exit code 2, one line, no stack trace. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

export const USAGE = `Usage:
  riskcore report <book.json|book.yaml> [--accounts accounts.jsonl] [--html report.html] [--json] [--paths N]
                  [--seed S] [--confidence a]
  riskcore simulate <protocol.json|protocol.yaml> | --sample [--out report.html] [--json] [--paths N] [--seed S]
  riskcore schema            print the JSON Schema of the book format
  riskcore --help | --version

Options (report):
  --accounts <file>    more accounts, one JSON object per line (JSON Lines), read line by line; the book's own
                       accounts (then optional) come first
  --html <file>        write a self-contained HTML report (charts inlined, works offline)
  --json               print all results as one JSON document on stdout (no summary, no progress)
  --paths <N>          Monte Carlo paths (integer in [100, 134217728]; default: the book's parameters.paths or 20000)
  --seed <S>           Monte Carlo seed (integer >= 0; default: parameters.seed or 1)
  --confidence <a>     VaR/ES confidence in (0, 1) (default: parameters.confidence or 0.99)
  --no-progress        never draw the progress bar

Options (simulate: the distribution of a protocol's bad debt over simulated price paths, and a cap search):
  --sample             simulate the embedded sample protocol (synthetic data)
  --out <file>         write a self-contained HTML report (--html is the same)
  --json               print all results as one JSON document on stdout (no summary, no progress)
  --paths <N>          simulated paths (integer in [1, 1000000]; default: the file's simulation.paths)
  --seed <S>           seed (integer in [0, 4294967295]; default: the file's simulation.seed)
  --no-progress        never draw the progress bar

Exit codes: 0 success, 2 bad input (book, flag or file), 1 internal error.`;

export interface ReportArgs {
  command: 'report';
  book: string;
  accounts?: string;
  html?: string;
  json: boolean;
  paths?: number;
  seed?: number;
  confidence?: number;
  progress: boolean;
}
export interface SimulateArgs {
  command: 'simulate';
  /** The protocol file, or null for the embedded sample (--sample). */
  file: string | null;
  html?: string;
  json: boolean;
  paths?: number;
  seed?: number;
  progress: boolean;
}
export type Args = ReportArgs | SimulateArgs | { command: 'schema' } | { command: 'help' } | { command: 'version' };

function intFlag(
  name: string,
  raw: string | undefined,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
  hint = '',
): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(v) || v < min) {
    throw new CliUsageError(`--${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  }
  if (v > max)
    throw new CliUsageError(`--${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(raw)}${hint}`);
  return v;
}

/** Most Monte Carlo paths of one report: the library's limit for a run that keeps every path's P&L (2²⁷). */
export const MAX_REPORT_PATHS = 2 ** 27;
const PATHS_HINT =
  ' (larger runs: shard them over worker threads with riskcore/montecarlo/node or over machines with @riskcore/distributed)';

/** Parse argv (without the node and script entries). Throws {@link CliUsageError} on anything malformed. */
export function parseCliArgs(argv: readonly string[]): Args {
  // biome-ignore lint/suspicious/noImplicitAnyLet: typed by the assignment below (TypeScript narrows an unannotated let)
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        html: { type: 'string' },
        out: { type: 'string' },
        sample: { type: 'boolean' },
        accounts: { type: 'string' },
        json: { type: 'boolean' },
        paths: { type: 'string' },
        seed: { type: 'string' },
        confidence: { type: 'string' },
        'no-progress': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new CliUsageError(`${msg.replace(/\. To specify a positional argument.*$/, '')} (see riskcore --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [command, ...rest] = positionals;
  if (command === undefined)
    throw new CliUsageError('missing command: expected `riskcore report <book.json>` (see riskcore --help)');
  if (command === 'schema') {
    if (rest.length > 0) throw new CliUsageError(`unexpected argument ${JSON.stringify(rest[0])} after \`schema\``);
    return { command: 'schema' };
  }
  if (command === 'simulate') return simulateArgs(values, rest);
  if (command !== 'report')
    throw new CliUsageError(
      `unknown command ${JSON.stringify(command)}: expected 'report', 'simulate' or 'schema' (see riskcore --help)`,
    );
  for (const f of ['out', 'sample'] as const)
    if (values[f] !== undefined) throw new CliUsageError(`--${f} is an option of \`riskcore simulate\`, not of report`);
  if (rest.length === 0) throw new CliUsageError('missing book file: `riskcore report <book.json>`');
  if (rest.length > 1) throw new CliUsageError(`unexpected argument ${JSON.stringify(rest[1])}: give one book file`);
  let confidence: number | undefined;
  if (values.confidence !== undefined) {
    confidence = Number(values.confidence);
    if (values.confidence.trim() === '' || !Number.isFinite(confidence) || confidence <= 0 || confidence >= 1) {
      throw new CliUsageError(`--confidence must be a number in (0, 1), got ${JSON.stringify(values.confidence)}`);
    }
  }
  if (values.html !== undefined && values.html.trim() === '') throw new CliUsageError('--html needs a file name');
  if (values.accounts !== undefined && values.accounts.trim() === '')
    throw new CliUsageError('--accounts needs a file name');
  const paths = intFlag('paths', values.paths, 100, MAX_REPORT_PATHS, PATHS_HINT);
  const seed = intFlag('seed', values.seed, 0);
  return {
    command: 'report',
    book: rest[0],
    json: values.json === true,
    progress: values['no-progress'] !== true,
    ...(values.html !== undefined ? { html: values.html } : {}),
    ...(values.accounts !== undefined ? { accounts: values.accounts } : {}),
    ...(paths !== undefined ? { paths } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(confidence !== undefined ? { confidence } : {}),
  };
}

/** The flags of `riskcore simulate`. */
function simulateArgs(values: { [k: string]: string | boolean | undefined }, rest: string[]): SimulateArgs {
  for (const f of ['accounts', 'confidence'] as const)
    if (values[f] !== undefined) throw new CliUsageError(`--${f} is an option of \`riskcore report\`, not of simulate`);
  const sample = values.sample === true;
  if (sample && rest.length > 0)
    throw new CliUsageError(`give a protocol file or --sample, not both (got ${JSON.stringify(rest[0])})`);
  if (!sample && rest.length === 0)
    throw new CliUsageError('missing protocol file: `riskcore simulate <protocol.json>` (or --sample)');
  if (rest.length > 1)
    throw new CliUsageError(`unexpected argument ${JSON.stringify(rest[1])}: give one protocol file`);
  if (values.out !== undefined && values.html !== undefined) throw new CliUsageError('give --out or --html, not both');
  const html = (values.out ?? values.html) as string | undefined;
  if (html !== undefined && html.trim() === '') throw new CliUsageError('--out needs a file name');
  const paths = intFlag('paths', values.paths as string | undefined, 1, 1_000_000);
  const seed = intFlag('seed', values.seed as string | undefined, 0, 2 ** 32 - 1);
  return {
    command: 'simulate',
    file: sample ? null : rest[0],
    json: values.json === true,
    progress: values['no-progress'] !== true,
    ...(html !== undefined ? { html } : {}),
    ...(paths !== undefined ? { paths } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}
