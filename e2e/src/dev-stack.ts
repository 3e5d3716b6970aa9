import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { databaseUrl, TEST_ADMIN_DATABASE_URL } from '@platform/testkit';
import { freePort, spawnTs, waitForOk, type Spawned } from './processes.js';

export const SERVICES = ['device-poller', 'seller-sync', 'meter-sync', 'exchange-hub', 'alert-dispatcher', 'backup-worker', 'admin-gateway'] as const;

export interface DevStack {
  dev: Spawned;
  /** Each service's HTTP port (health and /metrics). */
  ports: Record<string, number>;
  /** The platform database pnpm dev migrated. */
  databaseUrl: string;
  /** SIGTERM to pnpm dev's process group, then drops its databases and backup folder. */
  stop(): Promise<void>;
}

/**
 * `pnpm dev` (scripts/dev.ts) on fresh databases and free ports, waited on until every service
 * answers /healthz/ready. `extraEnv` goes to every process it starts.
 */
export async function startDevStack(extraEnv: Record<string, string> = {}): Promise<DevStack> {
  const suffix = randomBytes(5).toString('hex');
  const databaseName = `platform_e2e_${suffix}`;
  const clientSystemName = `client_system_e2e_${suffix}`;
  const backupDir = await mkdtemp(path.join(tmpdir(), 'e2e-backups-'));
  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await freePort()] as const)));
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl(databaseName),
    CLIENT_SYSTEM_DATABASE_URL: databaseUrl(clientSystemName),
    BACKUP_DIR: backupDir,
    ZK_EMULATOR_PORT: String(await freePort()),
    SHEETS_EMULATOR_PORT: String(await freePort()),
    SMTP_SINK_PORT: String(await freePort()),
    EXCHANGE_PORT: String(await freePort()),
    QUEUE_PREFIX: `e2e-${databaseName}`,
    LOG_PRETTY: 'false',
    LOG_LEVEL: 'warn',
    DEV_READY_TIMEOUT_MS: '180000',
    ...extraEnv,
  };
  for (const [service, port] of Object.entries(ports)) env[`${service.toUpperCase().replaceAll('-', '_')}_HTTP_PORT`] = String(port);
  const dev = spawnTs('scripts/dev.ts', env, undefined, { group: true });
  const stop = async () => {
    if (dev.child.exitCode === null && dev.child.signalCode === null) process.kill(-dev.child.pid!, 'SIGTERM');
    await dev.exit;
    const admin = new pg.Client({ connectionString: TEST_ADMIN_DATABASE_URL });
    await admin.connect();
    for (const name of [databaseName, clientSystemName]) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await rm(backupDir, { recursive: true, force: true });
  };
  try {
    for (const service of SERVICES) {
      await waitForOk(`http://127.0.0.1:${ports[service]}/healthz/ready`, { timeoutMs: 180_000, exited: () => dev.child.exitCode !== null }).catch(
        (error: Error) => {
          throw new Error(`${service}: ${error.message}\n--- pnpm dev output ---\n${dev.output()}`);
        },
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { dev, ports, stop, databaseUrl: env.DATABASE_URL! };
}
