/**
 * Runs a command against a throw-away 3-master Redis Cluster on free loopback
 * ports: TEST_REDIS_URL and REDIS_URL point at it (`redis+cluster://...`), so
 * the testkit, `pnpm dev` and every service use the cluster. `.ci/run` uses it
 * to run the queue, lock and boot tests on Redis Cluster.
 *
 *   node --import tsx e2e/src/with-redis-cluster.ts pnpm vitest run --project queues
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
// The subpath, not the index: the index pulls in vitest, which only loads inside a test run.
import { startRedisCluster } from '@platform/testkit/redis-servers';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: with-redis-cluster.ts <command> [args...]\n');
  process.exit(64);
}

const cluster = await startRedisCluster(3);
process.stdout.write(`with-redis-cluster: ${cluster.url}\n`);
let code = 1;
try {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, TEST_REDIS_URL: cluster.url, REDIS_URL: cluster.url } });
  // Ctrl-C / CI cancellation reaches the child through the terminal or is passed on; the cluster still goes.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  const [exitCode, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  code = exitCode ?? (signal ? 1 : 0);
} finally {
  await cluster.stop();
}
process.exit(code);
