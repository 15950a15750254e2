/**
 * Prepared values: objects that only the library makes (a validated account, a prepared margin context, a lending
 * market, a Monte Carlo pool's book). A prepared value is recognised by membership of a registry the library owns,
 * never by its shape, so an object parsed from JSON or built by hand in the same shape is not trusted: it is
 * validated as ordinary input. The registry is shared by every copy of the library in the process (each subpath
 * bundle, ESM and CJS), so a value prepared through one entry is recognised by another. Internal.
 */

const REGISTRY_KEY = Symbol.for('riskcore.prepared.v1');

type Registry = WeakMap<object, string>;

function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  let r = g[REGISTRY_KEY];
  if (r === undefined) {
    r = new WeakMap();
    Object.defineProperty(globalThis, REGISTRY_KEY, {
      value: r,
      enumerable: false,
      configurable: false,
      writable: false,
    });
  }
  return r;
}

const prepared = registry();

/** Register `value` as a prepared value of kind `kind` (e.g. `'netting.account'`) and return it (frozen). */
export function markPrepared<T extends object>(value: T, kind: string): T {
  prepared.set(value, kind);
  return value;
}

/** True only for an object {@link markPrepared} registered under `kind`. */
export function isPrepared(value: unknown, kind: string): boolean {
  return typeof value === 'object' && value !== null && prepared.get(value) === kind;
}
