import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrl, TEST_ADMIN_DATABASE_URL } from '@platform/testkit';
import { freePort, spawnTs } from './processes.js';

const SERVICES = ['device-poller', 'seller-sync', 'meter-sync', 'exchange-hub', 'alert-dispatcher', 'backup-worker', 'admin-gateway'];
const suffix = randomBytes(5).toString('hex');
const databaseName = `platform_e2e_${suffix}`;
const clientSystemName = `client_system_e2e_${suffix}`;
let backupDir: string | undefined;
// Only a guard against a boot that never finishes (pnpm dev gives each process 180 s).
const READY_DEADLINE_MS = 240_000;

afterAll(async () => {
  const admin = new pg.Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  for (const name of [databaseName, clientSystemName]) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  if (backupDir) await rm(backupDir, { recursive: true, force: true });
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
  // How fast it boots is a performance figure, not behaviour: the deadlines below only turn a
  // hang into a named failure, with room for a cold start on a loaded 2-core CI box.
  it('migrates a fresh database, starts the emulators and all seven services, and stops them all cleanly on SIGTERM', { timeout: 420_000 }, async () => {
    const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()] as const)));
    backupDir = await mkdtemp(path.join(tmpdir(), 'e2e-backups-'));
    const env: Record<string, string> = {
      // What a developer's shell has; vitest itself runs with NODE_ENV=test.
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl(databaseName),
      CLIENT_SYSTEM_DATABASE_URL: databaseUrl(clientSystemName),
      BACKUP_DIR: backupDir,
      ZK_EMULATOR_PORT: String(await freePort()),
      SHEETS_EMULATOR_PORT: String(await freePort()),
      SMTP_SINK_PORT: String(await freePort()),
      EXCHANGE_PORT: String(await freePort()),
      // Hash-tagged, so the same test also boots on Redis Cluster (see .ci/run).
      QUEUE_PREFIX: `{e2e-${databaseName}}`,
      LOG_PRETTY: 'false',
      LOG_LEVEL: 'warn',
    };
    for (const [service, port] of Object.entries(ports)) env[`${service.toUpperCase().replaceAll('-', '_')}_HTTP_PORT`] = String(port);

    const dev = spawnTs('scripts/dev.ts', env, undefined, { group: true });
    try {
      const deadline = Date.now() + READY_DEADLINE_MS;
      for (const service of SERVICES) {
        const ready = await getUntil(`http://127.0.0.1:${ports[service]}/healthz/ready`, deadline).catch((error: Error) => {
          throw new Error(`${service} never answered /healthz/ready: ${error.message}\n--- pnpm dev output ---\n${dev.output()}`);
        });
        expect(ready.status, `${service} /healthz/ready\n${dev.output()}`).toBe(200);
        const metrics = await fetch(`http://127.0.0.1:${ports[service]}/metrics`);
        const body = await metrics.text();
        expect(`${service} ${metrics.status} ${metrics.headers.get('content-type')}`, body.slice(0, 500)).toMatch(
          new RegExp(`^${service} 200 text/plain`),
        );
        expect(body).toContain(`process_cpu_user_seconds_total{service="${service}"}`);
      }
      while (!dev.output().includes('Everything is up') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(dev.output()).toContain('Everything is up');
    } finally {
      // To the whole process group, as timeout(1), a terminal's Ctrl-C or a container stop
      // does: every service gets this signal and then pnpm dev's own; the second must not kill it.
      if (dev.child.exitCode === null && dev.child.signalCode === null) process.kill(-dev.child.pid!, 'SIGTERM');
    }
    // Exit 0 means every service stopped cleanly: one that ran into its own shutdown deadline
    // (SHUTDOWN_TIMEOUT_MS) exits 1, so no stopwatch is needed here.
    expect(await dev.exit, dev.output()).toBe(0);
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
