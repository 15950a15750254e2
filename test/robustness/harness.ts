/**
 * Robustness harness: structural fuzzing of public functions.
 *
 * A {@link Spec} gives one public function a way to build valid arguments (a fast-check arbitrary) and the
 * user-facing names of its positional parameters. The harness then
 *  - enumerates every field of the arguments (object keys, array/typed-array elements, whole arguments), replaces
 *    one with junk (NaN, ±Infinity, -1, 0, '', '1', null, undefined, {}, [], ±1e308, an unknown string, a
 *    boolean, a deleted key, an array turned into a Float64Array and back) and asserts the call either returns a
 *    result whose every number is finite (deep walk: typed arrays, Decimals, bigints are exact) or throws a
 *    RiskInputError whose `.path` names the replaced field; anything else (TypeError, RangeError, a plain Error,
 *    a NaN in the result) fails;
 *  - calls the function on valid random arguments and asserts they are deep-equal before and after the call,
 *    and that deep-frozen arguments work too.
 */
import { expect } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { RiskInputError } from '../../src/core/errors.js';

export type Key = string | number;
export type Fn = (...args: any[]) => unknown;

export interface Spec {
  /** Name of the export. */
  name: string;
  /** Valid arguments; the first sample drawn is the base of the exhaustive sweep. */
  args: fc.Arbitrary<unknown[]>;
  /** User-facing name of each positional parameter (the `.path` of a junk whole argument). */
  names: string[];
  /** How to call (default `fn(...args)`); e.g. wraps a returned closure by calling it on a valid context. */
  call?: (fn: Fn, args: unknown[]) => unknown;
  /** Site paths (as joined strings, e.g. `1.assets.BTC`) that are not mutated (e.g. callbacks). */
  skip?: (site: string) => boolean;
  /**
   * Error paths accepted for a mutated site besides the default rule (the error path contains the last named
   * key of the site). Receives the site and the error path.
   */
  accept?: (site: string, errorPath: string) => boolean;
  /** Runs of the random-site property (default 60) and whether to run the exhaustive sweep (default true). */
  numRuns?: number;
  exhaustive?: boolean;
  /** Maximum array elements mutated per array (first, second, last; default 3). */
  maxDepth?: number;
  /**
   * Object sites (joined strings) exempt from the key-strictness checks, because the object is a record keyed by
   * user data (asset names, scenario names) rather than an input type with fixed fields. Each use says why.
   */
  skipKeys?: (site: string) => boolean;
}

const DELETE = Symbol('delete');
const TOGGLE = Symbol('toggle-array-kind');
type Junk = unknown;

export const JUNK: readonly Junk[] = [
  NaN,
  Infinity,
  -Infinity,
  -1,
  0,
  '',
  '1',
  null,
  undefined,
  {},
  [],
  1e308,
  -1e308,
  'bogus-enum',
  true,
  0.5,
  2.5,
  1e-320,
  DELETE,
  TOGGLE,
];

export function describeJunk(j: Junk): string {
  if (j === DELETE) return '<deleted>';
  if (j === TOGGLE) return '<array kind toggled>';
  if (typeof j === 'string') return JSON.stringify(j);
  if (Array.isArray(j)) return '[]';
  if (j !== null && typeof j === 'object') return '{}';
  return String(j);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/** Deep clone of plain data (arrays, typed arrays, plain objects, Maps); Decimals, functions and class instances are shared. */
export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (ArrayBuffer.isView(v)) return (v as unknown as Float64Array).slice() as T;
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, clone(x)])) as T;
  if (isPlainObject(v)) {
    const o: Record<string, unknown> = Object.create(Object.getPrototypeOf(v));
    for (const k of Object.keys(v)) o[k] = clone(v[k]);
    return o as T;
  }
  return v;
}

/** Deep freeze (typed arrays with elements cannot be frozen and are left as they are). */
export function deepFreeze<T>(v: T, seen = new Set<unknown>()): T {
  if (v === null || typeof v !== 'object' || seen.has(v)) return v;
  seen.add(v);
  if (ArrayBuffer.isView(v)) return v;
  if (Array.isArray(v)) for (const x of v) deepFreeze(x, seen);
  else if (v instanceof Map) for (const x of v.values()) deepFreeze(x, seen);
  else if (isPlainObject(v) || Decimal.isDecimal(v))
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k], seen);
  else return v;
  return Object.freeze(v);
}

/** The first non-finite number found in a result (deep walk), as a path, or null. */
export function nonFinite(v: unknown, path = 'result', seen = new Set<unknown>()): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : `${path} = ${v}`;
  if (v === null || typeof v !== 'object') return null;
  if (seen.has(v)) return null;
  seen.add(v);
  if (Decimal.isDecimal(v)) return (v as Decimal).isFinite() ? null : `${path} = ${String(v)}`;
  if (ArrayBuffer.isView(v)) {
    if (v instanceof BigInt64Array || v instanceof BigUint64Array || v instanceof DataView) return null;
    const a = v as unknown as Float64Array;
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return `${path}[${i}] = ${a[i]}`;
    return null;
  }
  if (v instanceof Map) {
    for (const [k, x] of v) {
      const r = nonFinite(x, `${path}.get(${String(k)})`, seen);
      if (r) return r;
    }
    return null;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = nonFinite(v[i], `${path}[${i}]`, seen);
      if (r) return r;
    }
    return null;
  }
  for (const k of Object.keys(v)) {
    const r = nonFinite((v as Record<string, unknown>)[k], `${path}.${k}`, seen);
    if (r) return r;
  }
  return null;
}

/** Every mutable site of the arguments: a path of keys from the argument list. */
export function sites(args: unknown[], maxDepth = 7): Key[][] {
  const out: Key[][] = [];
  const walk = (v: unknown, path: Key[], depth: number): void => {
    out.push(path);
    if (depth >= maxDepth || v === null || typeof v !== 'object') return;
    if (Decimal.isDecimal(v)) return;
    if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      const n = (v as ArrayLike<unknown>).length;
      const idx = [...new Set([0, 1, n - 1])].filter((i) => i >= 0 && i < n);
      for (const i of idx) walk((v as ArrayLike<unknown>)[i], [...path, i], depth + 1);
      return;
    }
    if (isPlainObject(v)) for (const k of Object.keys(v)) walk(v[k], [...path, k], depth + 1);
  };
  args.forEach((a, i) => walk(a, [i], 0));
  return out;
}

export const siteString = (site: Key[]): string => site.join('.');

function toggled(v: unknown): unknown {
  if (Array.isArray(v)) return v.every((x) => typeof x === 'number') ? Float64Array.from(v as number[]) : [v];
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  return [v];
}

/** A copy of `args` with the value at `site` replaced by `junk` (or deleted / toggled). */
export function mutate(args: unknown[], site: Key[], junk: Junk): unknown[] {
  const copy = clone(args);
  let parent: any = copy;
  for (let i = 0; i < site.length - 1; i++) parent = parent[site[i]];
  const k = site[site.length - 1];
  const replacement = junk === TOGGLE ? toggled(parent[k]) : clone(junk);
  if (junk === DELETE) {
    if (Array.isArray(parent) && parent === copy) parent[k as number] = undefined;
    else if (Array.isArray(parent)) parent.splice(k as number, 1);
    else if (ArrayBuffer.isView(parent)) {
      // a shorter typed array in place of the parent: rebuild at the grandparent
      let gp: any = copy;
      for (let i = 0; i < site.length - 2; i++) gp = gp[site[i]];
      const arr = Array.from(parent as unknown as ArrayLike<number>);
      arr.splice(k as number, 1);
      gp[site[site.length - 2]] = new (parent.constructor as Float64ArrayConstructor)(arr);
    } else delete parent[k];
  } else if (ArrayBuffer.isView(parent)) {
    // a typed array cannot hold junk: the junk goes into a plain-array copy of it (that is what a JS caller would pass)
    let gp: any = copy;
    for (let i = 0; i < site.length - 2; i++) gp = gp[site[i]];
    const arr: unknown[] = Array.from(parent as unknown as ArrayLike<number>);
    arr[k as number] = replacement;
    gp[site[site.length - 2]] = arr;
  } else parent[k] = replacement;
  return copy;
}

function valueAt(args: unknown[], site: Key[]): unknown {
  let v: any = args;
  for (const k of site) v = v?.[k];
  return v;
}

/** The name the error path must mention for a mutated site: the last string key, else the parameter name. */
export function expectedName(spec: Spec, site: Key[]): string {
  for (let i = site.length - 1; i >= 1; i--) if (typeof site[i] === 'string') return site[i] as string;
  return spec.names[site[0] as number] ?? '';
}

export interface Outcome {
  ok: boolean;
  reason?: string;
}

/** Run the call on mutated args; classify the outcome. */
export function judge(spec: Spec, fn: Fn, args: unknown[], site: Key[], junk: Junk): Outcome {
  const mutated = mutate(args, site, junk);
  let result: unknown;
  try {
    result = spec.call ? spec.call(fn, mutated) : fn(...mutated);
  } catch (e) {
    if (e instanceof RiskInputError) {
      if (typeof e.path !== 'string')
        return { ok: false, reason: `RiskInputError without a string path: ${e.message}` };
      const name = expectedName(spec, site);
      const p = e.path;
      if (p === '' && name !== '')
        return { ok: false, reason: `RiskInputError with an empty path (expected one naming '${name}'): ${e.message}` };
      if (p.includes(name) || (spec.accept?.(siteString(site), p) ?? false)) return { ok: true };
      // replacing a whole object by {} may be reported at one of the fields it lacked
      const original = valueAt(args, site);
      if (isPlainObject(original) && Object.keys(original).some((k) => p.includes(k))) return { ok: true };
      // a finite but absurd magnitude (±1e308) may overflow only jointly with its siblings: the error may then name
      // the object or parameter holding it
      if (junk === 1e308 || junk === -1e308) {
        for (let i = site.length - 1; i >= 1; i--)
          if (p.includes(expectedName(spec, site.slice(0, i)))) return { ok: true };
      }
      // an element deleted from one of two paired arrays may be reported at the other: the path must then name
      // the object holding both (or the parameter)
      if (junk === DELETE && typeof site[site.length - 1] === 'number' && site.length >= 2) {
        const holder = expectedName(spec, site.slice(0, -2).length >= 1 ? site.slice(0, -2) : site.slice(0, 1));
        if (p.includes(holder)) return { ok: true };
      }
      return { ok: false, reason: `RiskInputError path '${p}' does not name '${name}': ${e.message}` };
    }
    const err = e as Error;
    return {
      ok: false,
      reason: `${err?.name ?? typeof e}: ${err?.message ?? String(e)}\n${(err?.stack ?? '').split('\n').slice(1, 4).join('\n')}`,
    };
  }
  const bad = nonFinite(result);
  if (bad) return { ok: false, reason: `non-finite number in the result: ${bad}` };
  return { ok: true };
}

/** Exhaustive sweep: every site × every junk on one valid sample; returns the failures (first per site). */
export function sweep(spec: Spec, fn: Fn, args: unknown[]): string[] {
  const failures: string[] = [];
  for (const site of sites(args, spec.maxDepth)) {
    const s = siteString(site);
    if (spec.skip?.(s)) continue;
    for (const junk of JUNK) {
      const o = judge(spec, fn, args, site, junk);
      if (!o.ok) {
        failures.push(`${spec.name}: arg site ${s} := ${describeJunk(junk)} → ${o.reason}`);
        break;
      }
    }
  }
  return failures;
}

/** Property: random valid args, random site, random junk. */
export function junkProperty(spec: Spec, fn: Fn): void {
  fc.assert(
    fc.property(spec.args, fc.nat(), fc.integer({ min: 0, max: JUNK.length - 1 }), (args, siteIx, junkIx) => {
      const all = sites(args, spec.maxDepth).filter((s) => !spec.skip?.(siteString(s)));
      if (all.length === 0) return;
      const site = all[siteIx % all.length];
      const o = judge(spec, fn, args, site, JUNK[junkIx]);
      if (!o.ok)
        throw new Error(`${spec.name}: arg site ${siteString(site)} := ${describeJunk(JUNK[junkIx])} → ${o.reason}`);
    }),
    { numRuns: spec.numRuns ?? 60 },
  );
}

/** Property: valid args are not mutated; deep-frozen args work; the result is finite. */
export function noMutationProperty(spec: Spec, fn: Fn): void {
  fc.assert(
    fc.property(spec.args, (args) => {
      const before = clone(args);
      const r1 = spec.call ? spec.call(fn, args) : fn(...args);
      expect(args).toStrictEqual(before);
      expect(nonFinite(r1)).toBeNull();
      const frozen = deepFreeze(clone(args));
      const r2 = spec.call ? spec.call(fn, frozen) : fn(...frozen);
      expect(nonFinite(r2)).toBeNull();
    }),
    { numRuns: Math.max(10, Math.round((spec.numRuns ?? 60) / 3)) },
  );
}

/** Functions exported by a module object (classes included), minus the listed exemptions. */
export function exportedFunctions(mod: Record<string, unknown>, exempt: readonly string[]): string[] {
  return Object.keys(mod)
    .filter((k) => typeof mod[k] === 'function' && !exempt.includes(k))
    .sort();
}

/** The first sample of an arbitrary (the base of the exhaustive sweep). */
export function firstSample<T>(arb: fc.Arbitrary<T>): T {
  return fc.sample(arb, { numRuns: 1, seed: 1 })[0];
}

/** Every plain-object site of the arguments (where a key can be added or misspelt). */
export function objectSites(args: unknown[], maxDepth = 7): Key[][] {
  return sites(args, maxDepth).filter((s) => isPlainObject(valueAt(args, s)));
}

/** A misspelling of `key` that is not itself a key of `obj`: lower-cased, else a letter dropped, else a suffix. */
export function misspell(key: string, obj: Record<string, unknown>): string {
  const candidates = [key.toLowerCase(), key.length > 3 ? key.slice(0, -1) : '', `${key}x`];
  for (const c of candidates) if (c !== '' && c !== key && !(c in obj)) return c;
  return `${key}_`;
}

/**
 * Key strictness at one object site: an added unknown key (`kind` 'add') or an existing key renamed to a
 * misspelling (`kind` 'misspell', `which` picks the key) must throw a RiskInputError whose path ends with the bad key.
 */
export function judgeKey(
  spec: Spec,
  fn: Fn,
  args: unknown[],
  site: Key[],
  kind: 'add' | 'misspell',
  which = 0,
): Outcome {
  const copy = clone(args);
  const obj = valueAt(copy, site) as Record<string, unknown>;
  let bad: string;
  if (kind === 'add' || Object.keys(obj).length === 0) {
    bad = 'bogusField';
    obj[bad] = 1;
  } else {
    const keys = Object.keys(obj);
    const key = keys[which % keys.length];
    bad = misspell(key, obj);
    obj[bad] = obj[key];
    delete obj[key];
  }
  try {
    spec.call ? spec.call(fn, copy) : fn(...copy);
  } catch (e) {
    if (e instanceof RiskInputError) {
      if (e.path === bad || e.path.endsWith(`.${bad}`) || e.path.endsWith(`]${bad}`)) return { ok: true };
      return {
        ok: false,
        reason: `RiskInputError path '${e.path}' does not name the ${kind === 'add' ? 'added' : 'misspelt'} key '${bad}': ${e.message}`,
      };
    }
    const err = e as Error;
    return { ok: false, reason: `${err?.name ?? typeof e}: ${err?.message ?? String(e)}` };
  }
  return { ok: false, reason: `the ${kind === 'add' ? 'added' : 'misspelt'} key '${bad}' was accepted silently` };
}

/** Exhaustive key sweep on one valid sample: every object site × (added key, each key misspelt). */
export function keySweep(spec: Spec, fn: Fn, args: unknown[]): { cases: number; failures: string[] } {
  const failures: string[] = [];
  let cases = 0;
  for (const site of objectSites(args, spec.maxDepth)) {
    const s = siteString(site);
    if (spec.skip?.(s) || spec.skipKeys?.(s)) continue;
    const n = Object.keys(valueAt(args, site) as object).length;
    const trials: Array<['add' | 'misspell', number]> = [['add', 0]];
    for (let i = 0; i < n; i++) trials.push(['misspell', i]);
    for (const [kind, which] of trials) {
      cases++;
      const o = judgeKey(spec, fn, args, site, kind, which);
      if (!o.ok) {
        failures.push(`${spec.name}: object at ${s} ${kind} #${which} → ${o.reason}`);
        break;
      }
    }
  }
  return { cases, failures };
}

/** Property: random valid args, random object site, an added or misspelt key → a RiskInputError naming it. */
export function keyProperty(spec: Spec, fn: Fn): number {
  let cases = 0;
  fc.assert(
    fc.property(spec.args, fc.nat(), fc.boolean(), fc.nat(), (args, siteIx, add, which) => {
      const all = objectSites(args, spec.maxDepth).filter(
        (s) => !spec.skip?.(siteString(s)) && !spec.skipKeys?.(siteString(s)),
      );
      if (all.length === 0) return;
      cases++;
      const site = all[siteIx % all.length];
      const o = judgeKey(spec, fn, args, site, add ? 'add' : 'misspell', which);
      if (!o.ok) throw new Error(`${spec.name}: object at ${siteString(site)} → ${o.reason}`);
    }),
    { numRuns: spec.numRuns ?? 60 },
  );
  return cases;
}
