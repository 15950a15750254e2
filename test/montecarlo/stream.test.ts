import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { RandomStream, substreamOf } from '../../src/montecarlo/stream.js';
import { fillNormals } from '../../src/montecarlo/kernels/fill.js';
import { normalCdf } from '../../src/core/normal.js';
import { studentTCdf } from '../../src/core/studentT.js';

const fx = JSON.parse(readFileSync(new URL('../fixtures/montecarlo/stream.json', import.meta.url), 'utf8'));

function ksStatistic(sample: Float64Array, cdf: (x: number) => number): number {
  const s = Float64Array.from(sample).sort();
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(s[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

describe('xoroshiro128+ stream', () => {
  it('equals pure-rand output for output, seeds and jumps', () => {
    for (const seed of [0, 1, 42, 7, 123456789, 0x7fffffff, 4294967295]) {
      const ours = RandomStream.fromSeed(seed);
      const ref = xoroshiro128plus(seed);
      for (let j = 0; j < 3; j++) {
        for (let i = 0; i < 500; i++) expect(ours.nextInt32()).toBe(ref.next());
        ours.jump();
        ref.jump();
        expect(ours.getState()).toEqual(ref.getState());
      }
    }
  });

  it('64-bit outputs equal a port of the reference C code (incl. jumps)', () => {
    const pair = new Float64Array(2);
    for (const c of fx.xoroshiro) {
      const r = RandomStream.fromSeed(c.seed);
      for (const [hi, lo] of c.first) {
        r.next64(pair);
        expect([pair[0], pair[1]]).toEqual([hi, lo]);
      }
      const j = substreamOf(c.seed, 3);
      for (const [hi, lo] of c.afterThreeJumps) {
        j.next64(pair);
        expect([pair[0], pair[1]]).toEqual([hi, lo]);
      }
    }
  });

  it('the inlined fill kernel reproduces stream.normal() draw for draw and leaves the same state', () => {
    const a = RandomStream.fromSeed(99);
    const b = RandomStream.fromSeed(99);
    const buf = new Float64Array(50_000);
    fillNormals(a, buf, 0, buf.length);
    for (let i = 0; i < buf.length; i++) expect(buf[i]).toBe(b.normal());
    expect(a.getState()).toEqual(b.getState());
  });

  it('uniforms lie in [0,1) and (0,1)', () => {
    const r = RandomStream.fromSeed(5);
    for (let i = 0; i < 10000; i++) {
      const u = r.nextDouble();
      const v = r.nextOpen();
      expect(u >= 0 && u < 1).toBe(true);
      expect(v > 0 && v < 1).toBe(true);
    }
  });
});

describe('ziggurat normals', () => {
  const n = 200_000;
  const z = new Float64Array(n);
  fillNormals(RandomStream.fromSeed(2024), z, 0, n);

  it('moments within sampling error', () => {
    let m1 = 0,
      m2 = 0,
      m3 = 0,
      m4 = 0;
    for (const x of z) {
      m1 += x;
      m2 += x * x;
      m3 += x * x * x;
      m4 += x * x * x * x;
    }
    m1 /= n;
    m2 /= n;
    m3 /= n;
    m4 /= n;
    // standard errors: mean 1/√n, E z² √(2/n), E z³ √(15/n), E z⁴ √(96/n); 4.5 sigma bands
    expect(Math.abs(m1)).toBeLessThan(4.5 / Math.sqrt(n));
    expect(Math.abs(m2 - 1)).toBeLessThan(4.5 * Math.sqrt(2 / n));
    expect(Math.abs(m3)).toBeLessThan(4.5 * Math.sqrt(15 / n));
    expect(Math.abs(m4 - 3)).toBeLessThan(4.5 * Math.sqrt(96 / n));
  });

  it('Kolmogorov–Smirnov against normalCdf below scipy kstwo 0.999 critical value', () => {
    const d = ksStatistic(z, normalCdf);
    expect(d).toBeLessThan(fx.ksCritical[String(n)]['0.999']);
  });

  it('the tail beyond the ziggurat base (|z| > 3.654) has the right mass', () => {
    let c = 0;
    for (const x of z) if (Math.abs(x) > 3.6541528853610088) c++;
    const p = 2 * normalCdf(-3.6541528853610088);
    expect(Math.abs(c - n * p)).toBeLessThan(4.5 * Math.sqrt(n * p));
  });

  it('substreams are independent: cross-correlation of substream 0 and 1 within sampling error, no shared values', () => {
    const m = 100_000;
    const a = new Float64Array(m);
    const b = new Float64Array(m);
    fillNormals(substreamOf(2024, 0), a, 0, m);
    fillNormals(substreamOf(2024, 1), b, 0, m);
    let s = 0;
    for (let i = 0; i < m; i++) s += a[i] * b[i];
    expect(Math.abs(s / m)).toBeLessThan(4.5 / Math.sqrt(m));
    // lagged correlation too (a shift of one stream would show up here)
    let s1 = 0;
    for (let i = 0; i + 1 < m; i++) s1 += a[i + 1] * b[i];
    expect(Math.abs(s1 / m)).toBeLessThan(4.5 / Math.sqrt(m));
    const setA = new Set(a);
    let shared = 0;
    for (const x of b) if (setA.has(x)) shared++;
    expect(shared).toBeLessThan(3);
  });
});

describe('gamma, chi-square and Student-t variates', () => {
  it('Gamma(shape) mean and variance equal shape (shape < 1 and ≥ 1)', () => {
    const r = RandomStream.fromSeed(3);
    for (const k of [0.4, 1, 2.5, 10]) {
      const n = 100_000;
      let s = 0,
        s2 = 0;
      for (let i = 0; i < n; i++) {
        const g = r.gamma(k);
        s += g;
        s2 += g * g;
      }
      const mean = s / n;
      const v = s2 / n - mean * mean;
      expect(Math.abs(mean - k)).toBeLessThan(4.5 * Math.sqrt(k / n));
      expect(Math.abs(v / k - 1)).toBeLessThan(0.05);
    }
  });

  it('Student-t: KS against the t CDF (regularised incomplete beta from core)', () => {
    const r = RandomStream.fromSeed(8);
    const n = 50_000;
    for (const nu of [3, 5.5]) {
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) x[i] = r.studentT(nu);
      expect(ksStatistic(x, (t) => studentTCdf(t, nu))).toBeLessThan(fx.ksCritical[String(n)]['0.999']);
    }
  });
});
