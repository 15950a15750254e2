/// <reference types="node" />
/**
 * Task of the `riskcore/montecarlo/node` worker pool (tinypool loads this module in each worker thread and calls
 * its default export per task): run one shard, report its cumulative progress on the task's port, return the
 * shard's plain-JSON result.
 */
import type { MessagePort } from 'node:worker_threads';
import { runShard } from '../shard.js';
import type { ShardJob, ShardResult } from '../shard.js';

/** One pool task: a shard job and, when the caller wants progress, a port for (paths done in this shard). */
export interface ShardTask {
  job: ShardJob;
  port?: MessagePort;
}

/** Run the shard of `task` (the pool's handler). */
export default function runShardTask(task: ShardTask): ShardResult {
  const port = task.port;
  try {
    return runShard(task.job, port ? (done) => port.postMessage(done) : undefined);
  } finally {
    port?.close();
  }
}
