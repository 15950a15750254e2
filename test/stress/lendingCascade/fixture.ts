/** The reference cascades of test/fixtures/stress/lending_cascade/gen_cascades.py, with bigints revived. */
import { readFileSync } from 'node:fs';
import type { LendingCascadeContext, LendingCascadePosition, LendingCascadeResult } from '../../../src/stress/index.js';

export interface CascadeCase {
  name: string;
  positions: LendingCascadePosition[];
  context: LendingCascadeContext;
  expected: LendingCascadeResult;
}

/** Strings written as `123n` are bigints; everything else is as JSON has it. */
export function revive(v: unknown): unknown {
  if (typeof v === 'string' && /^-?\d+n$/.test(v)) return BigInt(v.slice(0, -1));
  if (Array.isArray(v)) return v.map(revive);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x)]));
  return v;
}

export const CASES: CascadeCase[] = (
  JSON.parse(readFileSync(new URL('../../fixtures/stress/lending_cascade/cascades.json', import.meta.url), 'utf8')) as {
    cases: unknown[];
  }
).cases.map((c) => revive(c) as CascadeCase);
