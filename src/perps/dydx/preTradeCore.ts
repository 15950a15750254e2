/**
 * Kernel of a subaccount update (`CalculateUpdatedSubaccount` + the collateralization check of
 * `internalCanUpdateSubaccounts`) on validated, funding-settled subaccounts. Internal to `src/perps/dydx`.
 */
import { type DydxRisk, type DydxUpdateResult, accountRisk, collateralCheck } from './risk.js';
import type { Perp, Sub } from './validate.js';

/** A subaccount with `usdcDelta` added and `quantumsDelta` added to the position in `perp` (new positions at its index). */
export function applyUpdate(s: Sub, perp: Perp, quantumsDelta: bigint, usdcDelta: bigint): Sub {
  let found = false;
  const positions = s.positions.map((p) => {
    if (p.perp.id !== perp.id) return p;
    found = true;
    return { ...p, quantums: p.quantums + quantumsDelta };
  });
  if (!found && quantumsDelta !== 0n)
    positions.push({ perp, quantums: quantumsDelta, fundingIndex: perp.fundingIndex });
  return { usdc: s.usdc + usdcDelta, positions: positions.filter((p) => p.quantums !== 0n), customImf: s.customImf };
}

/** Risk before and after an update of a settled subaccount, and the check's outcome. */
export function checkUpdate(
  s: Sub,
  perp: Perp,
  quantumsDelta: bigint,
  usdcDelta: bigint,
): { before: DydxRisk; after: DydxRisk; result: DydxUpdateResult; next: Sub } {
  const before = accountRisk(s);
  const next = applyUpdate(s, perp, quantumsDelta, usdcDelta);
  const after = accountRisk(next);
  return { before, after, result: collateralCheck(before, after), next };
}
