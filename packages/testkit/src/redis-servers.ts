import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

export interface RedisServer {
  port: number;
  url: string;
  /** SIGKILL, as a crashed or partitioned node: no shutdown save, connections just drop. */
  kill(): Promise<void>;
  readonly alive: boolean;
}

export interface RedisServers {
  servers: RedisServer[];
  /** Kills every server still running and removes their directory. Idempotent. */
  stop(): Promise<void>;
}

/** Polls `probe` until it returns true; throws `what` after `timeoutMs` (generous: CI is loaded). */
async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await sleep(100);
  }
}

async function cli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 30_000 });
  return stdout;
}

/**
 * Starts `count` throw-away redis-server processes on free loopback ports
 * (never the shared 6379), each in-memory only. Callers own them: call
 * `stop()` in afterAll / finally.
 *
 * @example
 * const redis = await startRedisServers(3);
 * afterAll(() => redis.stop());
 */
export async function startRedisServers(count: number, { cluster = false } = {}): Promise<RedisServers> {
  const dir = await mkdtemp(path.join(tmpdir(), 'redis-servers-'));
  const children: ChildProcess[] = [];
  const servers: RedisServer[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        await exited;
      }),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i++) servers.push(await startOne(dir, children, cluster));
  } catch (error) {
    await stop();
    throw error;
  }
  return { servers, stop };
}

async function startOne(dir: string, children: ChildProcess[], cluster: boolean): Promise<RedisServer> {
  // Another process may take the port between freePort() and bind: retry a few times.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'no'];
    // cluster-port: the default bus port (port + 10000) may be taken or above 65535.
    if (cluster) {
      args.push('--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '5000');
      args.push('--cluster-port', String(await freePort()));
    }
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');
    try {
      await waitFor(`redis-server on port ${port} did not answer PING`, async () => {
        if (child.exitCode !== null) throw new Error(`redis-server exited: ${output.slice(-500)}`);
        return (await cli(port, 'ping')).trim() === 'PONG';
      });
    } catch (error) {
      if (child.exitCode === null) child.kill('SIGKILL');
      if (attempt >= 3) throw error;
      continue;
    }
    return {
      port,
      url: `redis://127.0.0.1:${port}`,
      get alive() {
        return child.exitCode === null && child.signalCode === null;
      },
      async kill() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGKILL');
        await exited;
      },
    };
  }
}

export interface RedisCluster extends RedisServers {
  /** `redis+cluster://127.0.0.1:p1,127.0.0.1:p2,...`, what REDIS_URL takes. */
  url: string;
}

/**
 * A Redis Cluster of `masters` masters (no replicas; at least 3, as
 * `redis-cli --cluster create` demands), every slot assigned and
 * `cluster_state:ok` on each node before it returns.
 */
export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const started = await startRedisServers(masters, { cluster: true });
  try {
    const addresses = started.servers.map((s) => `127.0.0.1:${s.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], { timeout: 60_000 });
    for (const server of started.servers) {
      await waitFor(`cluster node ${server.port} did not reach cluster_state:ok`, async () =>
        (await cli(server.port, 'cluster', 'info')).includes('cluster_state:ok'),
      );
    }
    return { ...started, url: `redis+cluster://${addresses.join(',')}` };
  } catch (error) {
    await started.stop();
    throw error;
  }
}
