/**
 * Child process of the stream-partition test: one partition of the engine consuming the Redis Stream
 * (`<url> <partition> <partitions> <dir>`); prints `at <lastId> <accepted>` after every batch, stops (snapshot
 * written) on SIGTERM; the test may SIGKILL it at any moment.
 */
import { startStreamPartition } from '../../packages/distributed/src/index.js';
import { MARKET } from '../engine/streams.js';

const [url, partition, partitions, dir] = process.argv.slice(2);
const part = await startStreamPartition(MARKET, {
  method: 'cross',
  collateralAssets: ['USD', 'USDC'],
  connection: url,
  partition: Number(partition),
  partitions: Number(partitions),
  dir,
  snapshotEvery: 20,
  batch: 25,
  onBatch: (id, n) => console.log(`at ${id} ${n}`),
});
console.log('ready');
process.once('SIGTERM', () => {
  part.stop().then(() => {
    console.log('stopped');
    process.exit(0);
  });
});
