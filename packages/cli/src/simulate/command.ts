/// <reference types="node" />
/**
 * `riskcore simulate <protocol file> | --sample`: read and check the file, run the simulation (with a progress bar
 * on stderr per stage), print the summary or the JSON, write the HTML report.
 */
import { writeFileSync } from 'node:fs';
import { RiskInputError } from 'riskcore';
import type { SimulateArgs } from '../args.js';
import { CliUsageError } from '../args.js';
import { readBookDocument } from '../load.js';
import { ProgressBar } from '../progress.js';
import { sampleProtocolPath } from '../sample.js';
import type { SimulateProgress, SimulateResults } from './analyse.js';
import { analyseProtocol } from './analyse.js';
import { parseProtocolFile } from './file.js';
import { renderSimulateHtml } from './html.js';
import { formatSimulateSummary } from './text.js';

type Out = { write(s: string): unknown; isTTY?: boolean };

/**
 * Progress bars on `stream`, one per stage (each cleared when the next begins); a stage of several simulations (the
 * cap search, the frontier, the sweep) numbers them: `Frontier (simulation 3)`.
 */
function stageBars(stream: Out, enabled: boolean): SimulateProgress & { done(): void } {
  let bar: ProgressBar | null = null;
  let label = '';
  let run = 0;
  let last = 0;
  const open = (text: string) => {
    bar?.done();
    bar = new ProgressBar(text, stream as NodeJS.WriteStream, enabled);
  };
  return {
    stage(l) {
      label = l;
      run = 1;
      last = 0;
      open(l);
    },
    update(d, t) {
      if (d < last || (d === 0 && last === t)) {
        run++;
        open(`${label} (simulation ${run})`);
      }
      last = d;
      bar?.update(d, t);
    },
    done() {
      bar?.done();
    },
  };
}

/** Run `riskcore simulate`; returns the exit code (errors are thrown for run.ts to report). */
export async function runSimulate(
  args: SimulateArgs,
  io: { stdout: Out; stderr: Out },
  version: string,
): Promise<number> {
  const file = args.file ?? sampleProtocolPath();
  const shown = args.file ?? 'sample protocol';
  const doc = readBookDocument(file, 'protocol');
  let results: SimulateResults;
  const bars = stageBars(io.stderr, args.progress && !args.json);
  try {
    const f = parseProtocolFile(doc, {
      ...(args.paths !== undefined ? { paths: args.paths } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
    });
    results = analyseProtocol(f, { path: shown, version }, bars);
  } catch (e) {
    if (e instanceof RiskInputError) throw new CliUsageError(`${shown}: ${e.message}`);
    throw e;
  } finally {
    bars.done();
  }
  if (args.html !== undefined) {
    const html = await renderSimulateHtml(results);
    try {
      writeFileSync(args.html, html);
    } catch (e) {
      throw new CliUsageError(
        `cannot write ${JSON.stringify(args.html)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
  }
  if (args.json) io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else {
    io.stdout.write(formatSimulateSummary(results));
    if (args.html !== undefined) io.stdout.write(`\nHTML report written to ${args.html}\n`);
  }
  return 0;
}
