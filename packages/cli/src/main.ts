#!/usr/bin/env node
/// <reference types="node" />
/** The `riskcore` executable (Node only). */
import { run } from './run.js';

// A closed pipe (`riskcore report book.json | head`) ends the program quietly, like other command-line tools.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await run(process.argv.slice(2));
