/// <reference types="node" />
/** A throw-away local redis-server child process, for single-machine runs, examples and tests. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { RiskInputError } from 'riskcore';
import { checkKeys, checkNumber, checkObject, checkString, knownKeys } from 'riskcore';

const OPTION_KEYS = knownKeys('port', 'bin', 'password');

/** A running local Redis: its `redis://` URL and port; `stop()` shuts it down (SIGTERM, then SIGKILL after 5 s). */
export interface LocalRedis {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Start `redis-server` on 127.0.0.1 with persistence off (`--save '' --appendonly no`), on a free port unless one
 * is given, with `password` as its `requirepass` if given (the URL then carries it); resolves once it accepts
 * connections. Rejects if the binary is missing or does not start in 10 s.
 *
 * @example
 * ```ts
 * import { startRedisServer } from '@riskcore/distributed';
 * const redis = await startRedisServer();
 * console.log(redis.url.startsWith('redis://127.0.0.1:')); // true
 * await redis.stop();
 * ```
 */
export async function startRedisServer(
  options: { port?: number; bin?: string; password?: string } = {},
): Promise<LocalRedis> {
  const o = checkObject(options, 'options');
  checkKeys(o, 'options', OPTION_KEYS);
  const password = o.password === undefined ? undefined : checkString(o.password, 'options.password');
  const bin = o.bin === undefined ? 'redis-server' : checkString(o.bin, 'options.bin');
  const port =
    o.port === undefined ? await freePort() : checkNumber(o.port, 'options.port', { ge: 1, le: 65535, integer: true });
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  if (password !== undefined) args.push('--requirepass', password);
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start on port ${port} within 10 s: ${out.slice(-500)}`));
    }, 10_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new RiskInputError('options.bin', 'an executable redis-server', bin, e.message));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code}: ${out.slice(-500)}`));
    });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/ready to accept connections/i.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
  });
  child.stdout.resume();
  return {
    url:
      password === undefined
        ? `redis://127.0.0.1:${port}`
        : `redis://:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    port,
    pid: child.pid as number,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(t);
    },
  };
}
