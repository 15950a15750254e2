/// <reference types="node" />
/** Worker thread of `riskcore/montecarlo/node`: runs the shard jobs it is sent, reports progress, returns results. */
import { parentPort } from 'node:worker_threads';
import { runShard } from '../shard.js';
import type { ShardJob } from '../shard.js';

parentPort?.on('message', (msg: { id: number; job: ShardJob }) => {
  try {
    let last = 0;
    const result = runShard(msg.job, (done) => {
      parentPort!.postMessage({ id: msg.id, progress: done - last });
      last = done;
    });
    parentPort!.postMessage({ id: msg.id, result });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? { message: e.message, path: (e as { path?: string }).path } : String(e) });
  }
});
