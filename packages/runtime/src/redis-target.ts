/**
 * Where the platform's Redis is: one server (`redis://`, `rediss://`) or the
 * seed nodes of a Redis Cluster (`redis+cluster://[user:password@]h1:p1,h2:p2`,
 * `rediss+cluster://` for TLS). A cluster needs no more than a few seed nodes;
 * ioredis discovers the rest from CLUSTER SLOTS.
 */
export type RedisTarget =
  | { kind: 'single'; url: string }
  | { kind: 'cluster'; nodes: Array<{ host: string; port: number }>; username?: string; password?: string; tls: boolean };

const CLUSTER_SCHEME = /^(rediss?)\+cluster:\/\/(.*)$/i;
const NODE = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):(\d{1,5})$/i;

/** The accepted forms, quoted in every configuration error. */
export const REDIS_URL_FORMS = 'redis://host:6379, rediss://host:6380 or redis+cluster://host1:7000,host2:7001';

/** Parses a Redis URL; throws a `TypeError` naming what is wrong. */
export function parseRedisTarget(url: string): RedisTarget {
  const cluster = CLUSTER_SCHEME.exec(url);
  if (!cluster) {
    if (!URL.canParse(url) || !['redis:', 'rediss:'].includes(new URL(url).protocol)) {
      throw new TypeError(`must be a redis:// or rediss:// URL, or a redis+cluster:// node list (${REDIS_URL_FORMS})`);
    }
    return { kind: 'single', url };
  }
  const [, scheme, rest] = cluster as unknown as [string, string, string];
  // The password may contain '@'; the node list never does.
  const at = rest.lastIndexOf('@');
  const userInfo = at === -1 ? undefined : rest.slice(0, at);
  const hostList = (at === -1 ? rest : rest.slice(at + 1)).replace(/\/$/, '');
  const nodes = parseClusterNodes(hostList.split(','));
  const target: RedisTarget = { kind: 'cluster', nodes, tls: scheme.toLowerCase() === 'rediss' };
  if (userInfo !== undefined) {
    const colon = userInfo.indexOf(':');
    const username = decodeURIComponent(colon === -1 ? userInfo : userInfo.slice(0, colon));
    if (username) target.username = username;
    if (colon !== -1) target.password = decodeURIComponent(userInfo.slice(colon + 1));
  }
  return target;
}

/** `host:port` entries (IPv6 in brackets) of a cluster's seed nodes. */
export function parseClusterNodes(entries: readonly string[]): Array<{ host: string; port: number }> {
  const trimmed = entries.map((e) => e.trim()).filter(Boolean);
  if (trimmed.length === 0) throw new TypeError(`a Redis Cluster needs at least one host:port seed node (${REDIS_URL_FORMS})`);
  return trimmed.map((entry) => {
    const match = NODE.exec(entry);
    const port = match ? Number(match[2]) : NaN;
    if (!match || port < 1 || port > 65535) {
      throw new TypeError(`Redis Cluster node ${JSON.stringify(entry)} is not host:port (${REDIS_URL_FORMS})`);
    }
    return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
  });
}

/**
 * BullMQ prefix grammar. A `{tag}` (one, non-empty) is a Redis Cluster hash
 * tag: every key of every queue then hashes to one slot, which BullMQ's
 * multi-key Lua scripts require on a cluster and which costs nothing on a
 * single server.
 */
export const QUEUE_PREFIX_PATTERN = /^[a-zA-Z0-9:_-]*(\{[a-zA-Z0-9:_-]+\})?[a-zA-Z0-9:_-]*$/;

/** The hash tag of a key prefix (`{platform}` -> `platform`), or null when it has none. */
export function hashTagOf(prefix: string): string | null {
  const open = prefix.indexOf('{');
  if (open === -1) return null;
  const close = prefix.indexOf('}', open + 1);
  return close > open + 1 ? prefix.slice(open + 1, close) : null;
}
