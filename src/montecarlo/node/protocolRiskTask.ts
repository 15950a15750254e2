/// <reference types="node" />
/**
 * Worker side of {@link simulateProtocolRiskParallel}: run the chunks of paths claimed from a shared counter until
 * none is left, and return their per-path figures. Internal.
 */
import type { MessagePort } from 'node:worker_threads';
import { protocolRiskRunner } from '../../stress/internal.js';
import type { ProtocolRiskShardJob, ProtocolRiskShardResult } from '../../stress/index.js';

/**
 * A protocol-risk task: the run (`protocol`, `market`, `options` as for simulateProtocolRisk) and the claim: chunk
 * c is paths [c·chunk, (c + 1)·chunk) of the run, claimed by `Atomics.add` on the Int32 at `counter`; with `port`,
 * the paths done so far are posted after each chunk.
 */
export interface ProtocolRiskTask {
  protocolRisk: Pick<ProtocolRiskShardJob, 'protocol' | 'market' | 'options'>;
  claim: { counter: SharedArrayBuffer; chunk: number };
  port?: MessagePort;
}

/**
 * Run claimed chunks until the run is exhausted. The chunks a thread claims increase, so its random stream only
 * moves forward (src/stress/protocolRisk/pathStream.ts); every path draws the numbers of the single run.
 */
export function runProtocolRiskTask(task: ProtocolRiskTask): ProtocolRiskShardResult[] {
  const { protocol, market, options } = task.protocolRisk;
  const runner = protocolRiskRunner(protocol, market, options);
  const counter = new Int32Array(task.claim.counter);
  const chunk = task.claim.chunk;
  const total = runner.totalPaths;
  const out: ProtocolRiskShardResult[] = [];
  let done = 0;
  for (;;) {
    const from = Atomics.add(counter, 0, 1) * chunk;
    if (from >= total) break;
    const n = Math.min(chunk, total - from);
    out.push(runner.run(from, n));
    done += n;
    task.port?.postMessage(done);
  }
  return out;
}
