/**
 * Parse and validate a book: the zod schema checks the CLI-only parts (accounts, history, parameters, cascade);
 * positions, collateral and market data are validated by the library's contract validators (strict fields, unit
 * slips, underlyings and collateral assets present in the market, an option has a vol, a correlation matrix
 * symmetric with unit diagonal and positive semi-definite by the library's rule: smallest eigenvalue >= -1e-10·n),
 * then the CLI's own cross-checks (price histories of equal length). Every failure is a {@link RiskInputError} whose
 * path names the bad field the way the user wrote it, e.g. `accounts[2].positions[0].strike`.
 */
import type { z } from 'zod';
import { ownValue, RiskInputError, validateBook, validateCollateral, validateMarket } from 'riskcore';
import type { Market, Position } from 'riskcore';
import { checkCorrelation } from 'riskcore/montecarlo';
import { validateAccount } from 'riskcore/netting';
import { AccountSchema, BookSchema } from './schema.js';
import type { AccountFile, BookFile } from './schema.js';

/** A validated book: the file as parsed plus normalised positions per account / sub-account. */
export interface Book {
  file: BookFile;
  market: Market;
  /** Every position in the book with where it sits, normalised by the core validators. */
  entries: BookEntry[];
  /** Price history per asset (oldest first, equal lengths) and the years between observations, when given. */
  history?: { interval: number; prices: Record<string, number[]> };
  /** Validated `parameters.hedgeInstruments`, when given. */
  hedgeInstruments?: Position[];
}

/** One position and where it sits in the book. */
export interface BookEntry {
  position: Position;
  account: number;
  subAccount?: number;
  /** Path of the position in the file, e.g. `accounts[0].subAccounts[1].positions[2]`. */
  path: string;
}

/** The book when `--accounts` brings accounts: its own `accounts` may be absent or empty. */
const BookWithAccountsFileSchema = BookSchema.extend({ accounts: AccountSchema.array().default([]) });

/** Render a zod path as `accounts[2].positions[0].strike`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else out += out === '' ? String(k) : `.${String(k)}`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k as string];
  }
  return v;
}

function bound(op: string, v: unknown, inclusive: boolean | undefined): string {
  return `${op}${inclusive ? '=' : ''} ${String(v)}`;
}

/** Turn the first zod issue into a RiskInputError naming the path and what was expected. */
export function issueToError(issue: z.core.$ZodIssue, root: unknown): RiskInputError {
  const path = [...issue.path];
  const at = formatPath(path);
  const value = valueAt(root, path);
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return new RiskInputError(at, `present (${describeExpected(issue.expected)})`, value);
      return new RiskInputError(at, describeExpected(issue.expected), value);
    }
    case 'too_small': {
      if (issue.origin === 'array')
        return new RiskInputError(
          at,
          `an array with at least ${String(issue.minimum)} element${issue.minimum === 1 ? '' : 's'}`,
          value,
        );
      if (issue.origin === 'string') return new RiskInputError(at, 'a non-empty string', value);
      return new RiskInputError(at, `a number ${bound('>', issue.minimum, issue.inclusive)}`, value);
    }
    case 'too_big':
      return new RiskInputError(at, `a number ${bound('<', issue.maximum, issue.inclusive)}`, value);
    case 'invalid_value':
      return new RiskInputError(at, `one of ${issue.values.map((x) => JSON.stringify(x)).join(', ')}`, value);
    case 'unrecognized_keys': {
      const key = issue.keys[0];
      return new RiskInputError(
        formatPath([...path, key]),
        'absent (not a field of the book format; check the spelling)',
        valueAt(root, [...path, key]),
      );
    }
    case 'invalid_union': {
      if (issue.errors.length === 0 && issue.discriminator) {
        const d = issue.discriminator ?? 'kind';
        const dp = path[path.length - 1] === d ? path : [...path, d];
        return new RiskInputError(formatPath(dp), "one of 'spot', 'perp', 'future', 'option'", valueAt(root, dp));
      }
      if (issue.errors.length > 0) {
        // Report the branch that got furthest (the longest path) — the user meant that one.
        let best = issue.errors[0][0];
        for (const errs of issue.errors) for (const e of errs) if (e.path.length > best.path.length) best = e;
        return issueToError({ ...best, path: [...path, ...best.path] } as z.core.$ZodIssue, root);
      }
      return new RiskInputError(at, 'a valid value', value);
    }
    case 'invalid_format':
      return new RiskInputError(at, 'a decimal string such as "1234.56" or a number', value);
    case 'not_multiple_of':
      return new RiskInputError(at, `a multiple of ${String(issue.divisor)}`, value);
    default:
      return new RiskInputError(at, issue.message, value);
  }
}

function describeExpected(e: string): string {
  switch (e) {
    case 'number':
      return 'a finite number';
    case 'string':
      return 'a string';
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'boolean':
      return 'true or false';
    case 'int':
      return 'an integer';
    default:
      return e;
  }
}

/**
 * Validate a parsed book document (the result of JSON.parse or YAML.parse). Throws RiskInputError on the first
 * problem, with the path of the field. With `accountsFile` (accounts also come from `--accounts`), the book's own
 * `accounts` may be absent or empty.
 */
export function parseBook(raw: unknown, options: { accountsFile?: boolean } = {}): Book {
  const r = (options.accountsFile ? BookWithAccountsFileSchema : BookSchema).safeParse(raw);
  if (!r.success) throw issueToError(r.error.issues[0], raw);
  try {
    return validateParsed(r.data);
  } catch (e) {
    throw e instanceof RiskInputError ? bookError(e) : e;
  }
}

/**
 * A library error in the book format's wording (the one-line messages `riskcore report` has always printed): a type
 * error names the type, a missing field is "present", an unknown field "absent (not a field of the book format)".
 */
export function bookError(e: RiskInputError): RiskInputError {
  const v = e.value;
  if (e.expected.startsWith('absent (not a field')) {
    return new RiskInputError(e.path, e.expected.replace('not a field', 'not a field of the book format'), v);
  }
  const num = /^a finite (number|integer)( .*)?$/.exec(e.expected);
  if (num) {
    if (v === undefined) return new RiskInputError(e.path, `present (a finite ${num[1]})`, v);
    if (typeof v !== 'number') return new RiskInputError(e.path, `a finite ${num[1]}`, v);
    // Non-negative fields keep the book format's wording of the zod era ("a number >= 0"); other bounds read as
    // the library words them ("a finite number > 0").
    if (num[2]?.startsWith(' >= ')) return new RiskInputError(e.path, `a ${num[1]}${num[2]}`, v);
    return e;
  }
  if (v === undefined && /^(a non-empty string|an object|an array|one of )/.test(e.expected))
    return new RiskInputError(e.path, `present (${e.expected})`, v);
  const psd = /\((smallest eigenvalue [^;)]+)[;)]/.exec(e.message);
  if (psd && e.expected.includes('positive semi-definite')) return new RiskInputError(e.path, e.expected, v, psd[1]);
  return e;
}

/**
 * Check one account of a book at path `ap` against the market: unique id (added to `ids`), collateral assets
 * priced in the market, riskcore/netting's account rules, every position validated; `add` receives each
 * normalised position with its path and sub-account index. Throws RiskInputError with paths under `ap`.
 */
export function checkAccount(
  a: AccountFile,
  ap: string,
  market: Market,
  ids: Set<string>,
  add: (position: Position, path: string, subAccount?: number) => void,
): void {
  const assetList = Object.keys(market.assets).join(', ');
  const checkCollateral = (list: unknown, p: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((c, i) => {
      const { asset } = validateCollateral(c, `${p}.collateral[${i}]`);
      if (ownValue(market.assets, asset) === undefined)
        throw new RiskInputError(
          `${p}.collateral[${i}].asset`,
          `an asset present in market.assets (${assetList})`,
          asset,
        );
    });
  };
  if (ids.has(a.id)) throw new RiskInputError(`${ap}.id`, 'unique among accounts', a.id);
  ids.add(a.id);
  checkCollateral(a.collateral, ap);
  // The margin engine's own account rules (e.g. collateral only on isolated positions), with this book's paths.
  validateAccount(a, ap, market);
  const own = validateBook(a.positions ?? [], market, { positions: `${ap}.positions`, market: 'market' }).positions;
  own.forEach((position, i) => add(position, `${ap}.positions[${i}]`));
  (a.subAccounts ?? []).forEach((s, si) => {
    const sp = `${ap}.subAccounts[${si}]`;
    checkCollateral(s.collateral, sp);
    const ps = validateBook(s.positions ?? [], market, { positions: `${sp}.positions`, market: 'market' }).positions;
    ps.forEach((position, i) => add(position, `${sp}.positions[${i}]`, si));
  });
}

function validateParsed(file: BookFile): Book {
  const market = validateMarket(file.market, 'market');
  // The library's PSD rule (riskcore/montecarlo): smallest eigenvalue >= -1e-10·n.
  if (market.correlation) checkCorrelation(market.correlation.matrix, 'market.correlation.matrix');
  const known = (name: string) => ownValue(market.assets, name) !== undefined;
  const assetList = Object.keys(market.assets).join(', ');
  const entries: BookEntry[] = [];
  const ids = new Set<string>();
  file.accounts.forEach((a, ai) => {
    checkAccount(a, `accounts[${ai}]`, market, ids, (position, path, subAccount) =>
      entries.push({ position, account: ai, ...(subAccount === undefined ? {} : { subAccount }), path }),
    );
  });
  let history: Book['history'];
  if (file.history) {
    const names = Object.keys(file.history.prices);
    let n = -1;
    for (const name of names) {
      const p = `history.prices.${name}`;
      if (!known(name)) throw new RiskInputError(p, `the name of an asset in market.assets (${assetList})`, name);
      const len = file.history.prices[name].length;
      if (n === -1) n = len;
      else if (len !== n)
        throw new RiskInputError(
          p,
          `an array of length ${n} (every history has the same dates)`,
          file.history.prices[name],
        );
    }
    history = { interval: file.history.interval ?? 1 / 365, prices: file.history.prices };
  }
  let hedgeInstruments: Position[] | undefined;
  if (file.parameters?.hedgeInstruments) {
    hedgeInstruments = validateBook(file.parameters.hedgeInstruments, market, {
      positions: 'parameters.hedgeInstruments',
      market: 'market',
    }).positions;
  }
  (file.parameters?.gridAssets ?? []).forEach((a, i) => {
    if (!known(a))
      throw new RiskInputError(`parameters.gridAssets[${i}]`, `an asset present in market.assets (${assetList})`, a);
  });
  if (file.cascade && !known(file.cascade.asset)) {
    throw new RiskInputError('cascade.asset', `an asset present in market.assets (${assetList})`, file.cascade.asset);
  }
  return { file, market, entries, ...(history ? { history } : {}), ...(hedgeInstruments ? { hedgeInstruments } : {}) };
}
