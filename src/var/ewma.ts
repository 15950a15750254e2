/** @deprecated moved to src/tail/ewma.ts; this path is kept for old deep imports (riskcore/var exports it). */
export { ewmaVolatility } from '../tail/index.js';
export type { EwmaResult } from '../tail/index.js';
