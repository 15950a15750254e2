/// <reference types="node" />
/**
 * The embedded sample protocol of `riskcore simulate --sample` (packages/cli/samples/protocol.json, shipped with
 * the package). This file sits one level below the package root in src/ and in dist/ alike, so the same relative
 * address finds the sample from the sources and from the build.
 */
import { fileURLToPath } from 'node:url';

/** Path of the sample protocol file (synthetic data). */
export function sampleProtocolPath(): string {
  return fileURLToPath(new URL('../samples/protocol.json', import.meta.url));
}
