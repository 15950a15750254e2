/**
 * Crash recovery: a child process running the engine is killed with SIGKILL mid-stream; the snapshot it wrote and
 * the complete lines of its append-only log restore an engine equal, column for column, to one that replays the
 * whole log from an empty engine.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMarginEngine, restoreMarginEngine, type LogEntry } from '../../src/engine/index.js';
import { MARKET } from './streams.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SIGKILL recovery', () => {
  it('snapshot + log tail after a SIGKILL ≡ full replay of the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'riskcore-engine-'));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crashChild.ts'), dir], {
        stdio: 'ignore',
      });
      const start = Date.now();
      while (!existsSync(join(dir, 'ready')) && Date.now() - start < 60_000) await sleep(50);
      await sleep(300);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const lines = readFileSync(join(dir, 'log.jsonl'), 'utf8').split('\n');
      const complete = lines.slice(0, -1); // the last piece is empty or cut by the kill
      const log = complete.map((l) => JSON.parse(l) as LogEntry);
      const snap = new Uint8Array(readFileSync(join(dir, 'snap.bin')));
      expect(log.length).toBeGreaterThan(200);
      const restored = restoreMarginEngine(snap, log);
      const replayed = createMarginEngine(MARKET, { method: 'cross' });
      for (const e of log) expect(replayed.apply(e.record).accepted).toBe(true);
      expect(restored.sequence()).toBe(log.length);
      expect(restored.snapshot()).toEqual(replayed.snapshot());
      for (const id of replayed.accounts())
        expect(restored.margin(id).equity.toString()).toBe(replayed.margin(id).equity.toString());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
