/**
 * Guarded by bench/workloads/stress.ts, modes 'cascade' and 'cascade-multi' (`accounts_rounds_per_s`).
 *
 * Float screen of the cascade's liquidation check: true when a live account is clearly healthy at the oracle
 * prices `of` (equity − requirement above a relative margin of 1e-9 of the terms' magnitude), so the exact decimal
 * check can be skipped. A false answer decides nothing: the caller then checks exactly.
 */
import type { EngineAccount, EngineAsset } from '../cascadeEngineTypes.js';

export function clearlyHealthy(a: EngineAccount, assets: EngineAsset[], of: number[], mmf: number): boolean {
  const N = assets.length;
  let eqf: number;
  let reqf: number;
  let scale: number;
  if (N === 1) {
    const cf = a.cf[0];
    const sf = a.sf[0];
    const o0 = of[0];
    eqf = cf * o0 + a.bf + sf * (o0 - a.ef[0]);
    reqf = assets[0].lt1f * cf * o0 + mmf * Math.abs(sf) * o0;
    scale = Math.abs(cf * o0) + Math.abs(a.bf) + Math.abs(sf) * (o0 + a.ef[0]);
  } else {
    eqf = a.bf;
    reqf = 0;
    scale = Math.abs(a.bf);
    for (let k = 0; k < N; k++) {
      const cf = a.cf[k];
      const sf = a.sf[k];
      if (cf === 0 && sf === 0) continue;
      const ok = of[k];
      eqf += cf * ok + sf * (ok - a.ef[k]);
      reqf += assets[k].lt1f * cf * ok + mmf * Math.abs(sf) * ok;
      scale += Math.abs(cf * ok) + Math.abs(sf) * (ok + a.ef[k]);
    }
  }
  return eqf - reqf > 1e-9 * scale + 1e-12;
}
