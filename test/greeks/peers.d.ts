// Ambient types for the untyped peer packages compared side by side in test/greeks/peers.test.ts and
// bench/workloads/greeks.ts (dev dependencies only).
declare module 'black-scholes' {
  export function blackScholes(s: number, k: number, t: number, v: number, r: number, callPut: 'call' | 'put'): number;
  export function stdNormCDF(x: number): number;
  export function getW(s: number, k: number, t: number, v: number, r: number): number;
}
declare module 'greeks' {
  export function getDelta(s: number, k: number, t: number, v: number, r: number, callPut: 'call' | 'put'): number;
  export function getVega(s: number, k: number, t: number, v: number, r: number): number;
  export function getGamma(s: number, k: number, t: number, v: number, r: number): number;
  export function getTheta(
    s: number,
    k: number,
    t: number,
    v: number,
    r: number,
    callPut: 'call' | 'put',
    scale?: number,
  ): number;
  export function getRho(
    s: number,
    k: number,
    t: number,
    v: number,
    r: number,
    callPut: 'call' | 'put',
    scale?: number,
  ): number;
}
declare module 'implied-volatility' {
  export function getImpliedVolatility(
    expectedCost: number,
    s: number,
    k: number,
    t: number,
    r: number,
    callPut: 'call' | 'put',
    estimate?: number,
  ): number;
}
