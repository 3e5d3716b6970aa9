import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrl, TEST_ADMIN_DATABASE_URL } from '@platform/testkit';
import { freePort, spawnTs } from './processes.js';

const SERVICES = ['device-poller', 'seller-sync', 'meter-sync', 'exchange-hub', 'alert-dispatcher', 'backup-worker', 'admin-gateway'];
const databaseName = `platform_e2e_${randomBytes(5).toString('hex')}`;

afterAll(async () => {
  const admin = new pg.Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  await admin.end();
});

async function getUntil(url: string, deadline: number): Promise<Response> {
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (res.ok || Date.now() > deadline) return res;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('pnpm dev', () => {
  it('migrates a fresh database, brings all seven services up within 30 s, and stops them cleanly on SIGTERM', async () => {
    const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()] as const)));
    const env: Record<string, string> = {
      DATABASE_URL: databaseUrl(databaseName),
      QUEUE_PREFIX: `e2e-${databaseName}`,
      LOG_PRETTY: 'false',
      LOG_LEVEL: 'warn',
    };
    for (const [service, port] of Object.entries(ports)) env[`${service.toUpperCase().replaceAll('-', '_')}_HTTP_PORT`] = String(port);

    const dev = spawnTs('scripts/dev.ts', env);
    try {
      const deadline = Date.now() + 30_000;
      for (const service of SERVICES) {
        const ready = await getUntil(`http://127.0.0.1:${ports[service]}/healthz/ready`, deadline);
        expect(ready.status, `${service} /healthz/ready\n${dev.output()}`).toBe(200);
        const metrics = await fetch(`http://127.0.0.1:${ports[service]}/metrics`);
        expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
        expect(await metrics.text()).toContain(`process_cpu_user_seconds_total{service="${service}"}`);
      }
      expect(dev.output()).toContain('Everything is up');
    } finally {
      dev.child.kill('SIGTERM');
    }
    const started = Date.now();
    expect(await dev.exit, dev.output()).toBe(0);
    expect(Date.now() - started).toBeLessThan(25_000);
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
