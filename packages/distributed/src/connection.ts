/// <reference types="node" />
/** Redis connection settings of `riskcore/distributed`, validated and turned into the options BullMQ hands to ioredis. */
import { RiskInputError } from 'riskcore';
import { checkKeys, checkNumber, checkObject, checkString, joinPath, knownKeys } from 'riskcore';

/** TLS settings of a Redis connection: `true` for the system's CAs, or the options below. */
export type RedisTls = true | { servername?: string; rejectUnauthorized?: boolean; ca?: string };

/**
 * Where the queue lives: `{ host, port, password?, username?, db?, tls? }` or a
 * `redis://[user:password@]host:port[/db]` URL (`rediss://` for TLS). TLS is honoured in both forms; an unknown
 * field is refused (a misspelt `tls` must never fall back to plaintext).
 */
export type RedisConnection =
  | string
  | { host: string; port: number; password?: string; username?: string; db?: number; tls?: RedisTls };

const CONNECTION_KEYS = knownKeys('host', 'port', 'password', 'username', 'db', 'tls');
const TLS_KEYS = knownKeys('servername', 'rejectUnauthorized', 'ca');

/** ioredis options BullMQ accepts (`maxRetriesPerRequest: null` is what its blocking connections require). */
export interface RedisOptions {
  host: string;
  port: number;
  password?: string;
  username?: string;
  db?: number;
  tls?: { servername?: string; rejectUnauthorized?: boolean; ca?: string };
  maxRetriesPerRequest: null;
}

/** Validate a {@link RedisConnection}; errors name `path` (e.g. `input.connection.port`). Internal. */
export function redisOptions(value: unknown, path = 'connection'): RedisOptions {
  if (typeof value === 'string') return fromUrl(value, path);
  const o = checkObject(value, path);
  checkKeys(o, path, CONNECTION_KEYS);
  const host = checkString(o.host, joinPath(path, 'host'));
  const port = checkNumber(o.port, joinPath(path, 'port'), { ge: 1, le: 65535, integer: true });
  const out: RedisOptions = { host, port, maxRetriesPerRequest: null };
  if (o.password !== undefined) out.password = checkString(o.password, joinPath(path, 'password'));
  if (o.username !== undefined) out.username = checkString(o.username, joinPath(path, 'username'));
  if (o.db !== undefined) out.db = checkNumber(o.db, joinPath(path, 'db'), { ge: 0, integer: true });
  if (o.tls !== undefined) out.tls = tlsOptions(o.tls, joinPath(path, 'tls'));
  return out;
}

function tlsOptions(value: unknown, path: string): NonNullable<RedisOptions['tls']> {
  if (value === true) return {};
  if (value === false)
    throw new RiskInputError(path, 'true or an object of TLS options (omit the field for plaintext)', value);
  const o = checkObject(value, path);
  checkKeys(o, path, TLS_KEYS);
  const out: NonNullable<RedisOptions['tls']> = {};
  if (o.servername !== undefined) out.servername = checkString(o.servername, joinPath(path, 'servername'));
  if (o.rejectUnauthorized !== undefined) {
    if (typeof o.rejectUnauthorized !== 'boolean')
      throw new RiskInputError(joinPath(path, 'rejectUnauthorized'), 'a boolean', o.rejectUnauthorized);
    out.rejectUnauthorized = o.rejectUnauthorized;
  }
  if (o.ca !== undefined) out.ca = checkString(o.ca, joinPath(path, 'ca'));
  return out;
}

function fromUrl(text: string, path: string): RedisOptions {
  const bad = (detail: string) =>
    new RiskInputError(path, 'a redis://host:port[/db] URL or { host, port }', text, detail);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad('not a URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw bad(`protocol ${url.protocol}`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw bad('no host');
  const port = url.port === '' ? 6379 : Number(url.port);
  const out: RedisOptions = { host, port, maxRetriesPerRequest: null };
  if (url.password !== '') out.password = decodeURIComponent(url.password);
  if (url.username !== '') out.username = decodeURIComponent(url.username);
  const dbText = url.pathname.replace(/^\//, '');
  if (dbText !== '') {
    if (!/^\d+$/.test(dbText)) throw bad(`database "${dbText}" is not a non-negative integer`);
    out.db = Number(dbText);
  }
  if (url.protocol === 'rediss:') out.tls = {};
  return out;
}

/** A queue name or job-id stem: 1–100 characters of `[A-Za-z0-9._-]` (BullMQ custom ids must not contain ':'). Internal. */
export function checkKey(value: unknown, path: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9._-]{1,100}$/.test(value)) {
    throw new RiskInputError(path, 'a string of 1–100 characters from [A-Za-z0-9._-]', value);
  }
  return value;
}

/** Default queue name. */
export const DEFAULT_QUEUE = 'riskcore';
/** Job name of a Monte Carlo shard. */
/** Job name of a protocol-risk shard (paths of a simulateProtocolRisk run). */
export const PROTOCOL_RISK_SHARD = 'protocol-risk-shard';
export const MC_SHARD = 'mc-shard';
/** Job name of a batch of margin accounts. */
export const MARGIN_BATCH = 'margin-batch';
