/** The margin-state screen of an account row from its float figures. Internal. */
import type { Columns } from './columns.js';

/** Store a row's figures (−0 as 0) and screen its margin state (see `aggregateRow` of fastTick.ts). */
export function screen(c: Columns, r: number, imIn: number, mmIn: number, vIn: number, mag: number): number {
  const im = imIn === 0 ? 0 : imIn;
  const mm = mmIn === 0 ? 0 : mmIn;
  const v = vIn === 0 ? 0 : vIn;
  c.im[r] = im;
  c.mm[r] = mm;
  c.value[r] = v;
  const coll = c.collFloat[r];
  const eq = coll + v;
  const tol = (Math.abs(coll) + mag + im) * 2 ** -40 + 1e-300;
  if (Math.abs(eq - mm) <= tol || Math.abs(eq - im) <= tol) return -1;
  return eq < mm ? 2 : eq < im ? 1 : 0;
}
