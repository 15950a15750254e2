/**
 * The house harness (`judge`, `judgeKey` of harness.ts) for async functions. Each case runs the harness judgement
 * twice: once to capture the arguments it builds (a mutated copy), then, once the call on those arguments has settled,
 * to classify the settled outcome exactly as for a synchronous function: a finite result, or a RiskInputError naming
 * the mutated field or key. Anything else the call rejects with is a failure unless `tolerate` says it is that
 * site's junk working as documented (e.g. the deadline a small valid `timeoutMs` junk sets).
 */
import fc from 'fast-check';
import {
  describeJunk,
  type Fn,
  JUNK,
  judge,
  judgeKey,
  type Key,
  objectSites,
  type Outcome,
  type Spec,
  siteString,
  sites,
} from './harness.js';

/** The async function under test, on the (mutated) argument list; `site` is the mutated site of a junk judgement. */
export type Invoke = (args: unknown[], site?: Key[]) => Promise<unknown>;
/**
 * Whether a rejection other than a RiskInputError is the documented effect of the junk at `site` (joined, e.g.
 * `2.timeoutMs`; `undefined` for a key judgement).
 */
export type Tolerate = (error: unknown, site: string | undefined) => boolean;

const CAPTURE = Symbol('capture');
type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/** What the harness calls: the call itself goes through `judgeAsync`. */
const unused = (() => 0) as Fn;

/**
 * Run a harness judgement (`run(call)` calls `judge` or `judgeKey` with that `call`) on an async function: capture
 * the arguments it builds, settle `invoke` on them, then judge the settled outcome.
 */
export async function judgeAsync(
  site: Key[] | undefined,
  run: (call: (fn: Fn, a: unknown[]) => unknown) => Outcome,
  invoke: Invoke,
  tolerate?: Tolerate,
): Promise<Outcome> {
  let captured: unknown[] | undefined;
  try {
    run((_fn, a) => {
      captured = a;
      throw CAPTURE;
    });
  } catch (e) {
    if (e !== CAPTURE) throw e;
  }
  if (!captured) throw new Error('the harness did not call the function');
  let settled: Settled;
  try {
    settled = { ok: true, value: await invoke(captured, site) };
  } catch (error) {
    settled = { ok: false, error };
  }
  if (!settled.ok && tolerate?.(settled.error, site && siteString(site))) return { ok: true };
  return run(() => {
    if (settled.ok) return settled.value;
    throw settled.error;
  });
}

/** Every site × every junk value on one valid sample (sites `spec.skip` names excepted); the first failure per site. */
export async function sweepAsync(spec: Spec, args: unknown[], invoke: Invoke, tolerate?: Tolerate): Promise<string[]> {
  const failures: string[] = [];
  for (const site of sites(args, spec.maxDepth)) {
    if (spec.skip?.(siteString(site))) continue;
    for (const junk of JUNK) {
      const o = await judgeAsync(site, (c) => judge({ ...spec, call: c }, unused, args, site, junk), invoke, tolerate);
      if (!o.ok) {
        failures.push(`${spec.name}: arg site ${siteString(site)} := ${describeJunk(junk)} → ${o.reason}`);
        break;
      }
    }
  }
  return failures;
}

/**
 * Every object site × (an added key, each key misspelt) on one valid sample (`spec.skip` / `spec.skipKeys` sites
 * excepted); the first failure per site, and the number of cases run.
 */
export async function keySweepAsync(
  spec: Spec,
  args: unknown[],
  invoke: Invoke,
): Promise<{ cases: number; failures: string[] }> {
  const failures: string[] = [];
  let cases = 0;
  for (const site of objectSites(args, spec.maxDepth)) {
    const s = siteString(site);
    if (spec.skip?.(s) || spec.skipKeys?.(s)) continue;
    const n = Object.keys(site.reduce<unknown>((x, k) => (x as Record<Key, unknown>)[k], args) as object).length;
    const trials: Array<['add' | 'misspell', number]> = [['add', 0]];
    for (let i = 0; i < n; i++) trials.push(['misspell', i]);
    for (const [kind, which] of trials) {
      cases++;
      const o = await judgeAsync(
        undefined,
        (c) => judgeKey({ ...spec, call: c }, unused, args, site, kind, which),
        invoke,
      );
      if (!o.ok) {
        failures.push(`${spec.name}: object at ${s} ${kind} #${which} → ${o.reason}`);
        break;
      }
    }
  }
  return { cases, failures };
}

/** Property: random valid arguments, random site, random junk (`spec.numRuns` runs, the given fast-check seed). */
export async function junkPropertyAsync(spec: Spec, invoke: Invoke, tolerate?: Tolerate, seed?: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(spec.args, fc.nat(), fc.integer({ min: 0, max: JUNK.length - 1 }), async (a, siteIx, j) => {
      const all = sites(a, spec.maxDepth).filter((s) => !spec.skip?.(siteString(s)));
      const site = all[siteIx % all.length];
      const o = await judgeAsync(site, (c) => judge({ ...spec, call: c }, unused, a, site, JUNK[j]), invoke, tolerate);
      if (!o.ok)
        throw new Error(`${spec.name}: arg site ${siteString(site)} := ${describeJunk(JUNK[j])} → ${o.reason}`);
    }),
    { numRuns: spec.numRuns ?? 60, ...(seed === undefined ? {} : { seed }) },
  );
}
