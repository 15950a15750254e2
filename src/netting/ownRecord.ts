/**
 * Records keyed by user data (asset names). A name such as `__proto__` or `constructor` is an ordinary key here:
 * written as an own data property (never a prototype change) and read back only as an own property. Internal.
 */

/** Set `record[key] = value` as an own, enumerable data property, whatever the key. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  // only `__proto__` is an accessor on Object.prototype; any other key (`constructor` too) assigns an own property
  if (key === '__proto__')
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
