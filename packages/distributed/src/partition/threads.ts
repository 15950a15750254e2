/// <reference types="node" />
/**
 * The worker threads of a partitioned engine: start one per partition and exchange requests with it (answers in
 * request order; a thread that dies fails every pending request). Internal.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ThreadRequest } from './thread.js';
import type { WireError } from './route.js';
import { fromWire } from './route.js';

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Body = ThreadRequest extends infer R ? (R extends unknown ? Omit<R, 'rid'> : never) : never;

/** The module a partition thread loads: the built `partitionThread` next to this file, or from sources via tsx. */
function threadUrl(): URL {
  const self = import.meta.url;
  if (!self.endsWith('.ts'))
    return new URL(self.endsWith('.cjs') ? './partitionThread.cjs' : './partitionThread.js', self);
  const tsx = pathToFileURL(
    createRequire(self)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const thread = new URL('./thread.ts', self).href;
  const code = `const t = await import(${JSON.stringify(tsx)}); t.register();\nawait import(${JSON.stringify(thread)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** One partition thread. */
export class PartitionThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 1;
  private dead: Error | null = null;

  constructor() {
    this.worker = new Worker(threadUrl());
    this.worker.on('message', (m: { rid: number; value?: unknown; error?: WireError; fatal?: string }) => {
      const p = this.pending.get(m.rid);
      if (!p) return;
      this.pending.delete(m.rid);
      if (m.error) p.reject(fromWire(m.error));
      else if (m.fatal !== undefined) p.reject(new Error(`partition thread failed: ${m.fatal}`));
      else p.resolve(m.value);
    });
    const fail = (e: Error): void => {
      this.dead ??= e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`partition thread exited (code ${code})`)));
  }

  /** Send a request; resolves with its answer. */
  call<T>(body: Body): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const rid = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(rid, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...body, rid });
    });
  }

  /** Stop the thread. */
  async terminate(): Promise<void> {
    this.dead ??= new Error('the partitioned engine is closed');
    await this.worker.terminate();
  }
}
