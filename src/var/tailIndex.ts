/** @deprecated moved to src/tail/tailIndex.ts; this path is kept for old deep imports. */
export { ceilRobust, minObservations, tailRank } from '../tail/internal.js';
