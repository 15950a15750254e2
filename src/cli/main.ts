#!/usr/bin/env node
/// <reference types="node" />
/** The `riskcore` executable (Node only). */
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2));
