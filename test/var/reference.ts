/** Shared loader and tolerance helpers for the VaR/ES reference tests (fixtures from test/fixtures/var/). */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

export const ref = JSON.parse(readFileSync(new URL('../fixtures/var/var_reference.json', import.meta.url), 'utf8'));
export const dem2gbp = JSON.parse(readFileSync(new URL('../fixtures/var/dem2gbp.json', import.meta.url), 'utf8'));

/** DAX log-returns and the P&L of a 1m long position, exactly as the generator used them. */
export const daxReturns: number[] = ref.returns.DAX;
export const daxPnl: Float64Array = Float64Array.from(daxReturns, (r) => ref.exposure * r);

/** |got − want| ≤ tol·max(|want|, scale). */
export function expectClose(got: number, want: number, tol = 1e-9, scale = 0, label = ''): void {
  const bound = tol * Math.max(Math.abs(want), scale);
  expect(Math.abs(got - want), `${label} got ${got}, want ${want}`).toBeLessThanOrEqual(bound);
}
