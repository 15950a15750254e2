/**
 * Workload 'scaling': the machine's own ceiling for the 2-thread target. The single-thread exact 'linear' and
 * 'options' runs (bench/scalingChild.ts) are timed alone in one process, then in N independent processes started
 * together (N = the largest --threads); `speedup` = their summed paths/s over the lone process's. No pool, no
 * messages, no shared heap: what two copies of the same work get from this machine (shared caches, memory
 * bandwidth, turbo, a hypervisor's scheduling). The 'linear'/'options' records' `speedup_vs_1thread` reads against it.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRecord, Workload } from '../harness.js';

const child = join(dirname(fileURLToPath(import.meta.url)), '..', 'scalingChild.ts');

/** Start `n` children on `book`, release them together once all are warm, return each one's paths/s. */
async function together(book: string, n: number, seconds: number): Promise<number[]> {
  const procs = Array.from({ length: n }, () =>
    spawn(process.execPath, ['--import', 'tsx', child, book, String(seconds)], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const outputs = procs.map((p) => {
    let text = '';
    p.stdout.setEncoding('utf8');
    const ready = new Promise<void>((res) =>
      p.stdout.on('data', (d: string) => {
        text += d;
        if (text.includes('ready\n')) res();
      }),
    );
    const done = new Promise<number>((res, rej) =>
      p.on('close', (code) => {
        const line = text.split('\n').find((l) => l.startsWith('{'));
        if (code !== 0 || !line) rej(new Error(`scaling child (${book}) exited with ${code}`));
        else res((JSON.parse(line) as { paths_per_s: number }).paths_per_s);
      }),
    );
    return { ready, done };
  });
  await Promise.all(outputs.map((o) => o.ready));
  for (const p of procs) p.stdin.end('go\n');
  return Promise.all(outputs.map((o) => o.done));
}

const workload: Workload = {
  name: 'scaling',
  throughputKey: 'paths_per_s',
  async run(ctx) {
    const n = Math.max(...ctx.threads);
    if (n < 2) return [];
    const seconds = ctx.quick ? 1.5 : 4;
    const recs: BenchRecord[] = [];
    for (const book of ['linear', 'options']) {
      const [alone] = await together(book, 1, seconds);
      const each = await together(book, n, seconds);
      const sum = each.reduce((a, b) => a + b, 0);
      recs.push({
        workload: 'scaling',
        threads: n,
        mode: `independent-processes:${book}`,
        seconds,
        paths_per_s: sum,
        one_process_paths_per_s: alone,
        speedup: Number((sum / alone).toFixed(3)),
        loadavg_1m: loadavg()[0],
      });
    }
    return recs;
  },
};
export default workload;
