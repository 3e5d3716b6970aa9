import { afterAll, describe, expect, it } from 'vitest';
import { createProducer } from '@platform/queues';
import { createLogger, createRedis } from '@platform/runtime';
import { TEST_REDIS_URL } from '@platform/testkit';
import { SERVICES, startDevPlatform, type DevPlatform } from './dev-platform.js';
import { freePort, spawnTs } from './processes.js';

let platform: DevPlatform | undefined;
afterAll(async () => {
  await platform?.stop();
});

describe('pnpm dev', () => {
  // How fast it boots is a performance figure, not behaviour: startDevPlatform's deadline only turns
  // a hang into a named failure, with room for a cold start on a loaded 2-core CI box.
  it('migrates a fresh database, starts the emulators and all seven services, and stops them all cleanly on SIGTERM', { timeout: 600_000 }, async () => {
    platform = await startDevPlatform();
    const { dev, ports, env } = platform;
    for (const service of SERVICES) {
      const ready = await fetch(`http://127.0.0.1:${ports[service]}/healthz/ready`);
      expect(ready.status, `${service} /healthz/ready\n${dev.output()}`).toBe(200);
      const metrics = await fetch(`http://127.0.0.1:${ports[service]}/metrics`);
      const body = await metrics.text();
      expect(`${service} ${metrics.status} ${metrics.headers.get('content-type')}`, body.slice(0, 500)).toMatch(
        new RegExp(`^${service} 200 text/plain`),
      );
      expect(body).toContain(`process_cpu_user_seconds_total{service="${service}"}`);
    }

    // Schedules a service's main.ts registers at start are in Redis, under the platform's prefix.
    const redis = createRedis(TEST_REDIS_URL, 'worker', createLogger({ service: 'e2e', level: 'warn', pretty: false }));
    const producer = createProducer({ connection: redis, prefix: env['QUEUE_PREFIX']! });
    try {
      const schedulers = await producer.queue('exchange').getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.name, s.pattern])).toEqual([['purge-acknowledged.all', 'purge-acknowledged', '17 3 * * *']]);
    } finally {
      await producer.close();
      await redis.quit();
    }

    // Exit 0 means every service stopped cleanly: one that ran into its own shutdown deadline
    // (SHUTDOWN_TIMEOUT_MS) exits 1, so no stopwatch is needed here.
    const code = await platform.stop();
    platform = undefined;
    expect(code, dev.output()).toBe(0);
    expect(dev.output()).toContain('all stopped cleanly');
  });
});

describe('a service with bad configuration', () => {
  it('stops at start with exit code 78 and one line naming the variable', async () => {
    const service = spawnTs('src/main.ts', { REDIS_URL: 'nonsense', HTTP_PORT: String(await freePort()) }, 'services/meter-sync');
    expect(await service.exit).toBe(78);
    const lines = service.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^meter-sync: invalid configuration: REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
  });
});
