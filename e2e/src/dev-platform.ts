import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { databaseUrl, TEST_ADMIN_DATABASE_URL } from '@platform/testkit';
import { freePort, spawnTs, type Spawned } from './processes.js';

export const SERVICES = ['device-poller', 'seller-sync', 'meter-sync', 'exchange-hub', 'alert-dispatcher', 'backup-worker', 'admin-gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface DevPlatform {
  dev: Spawned;
  env: Record<string, string>;
  gatewayUrl: string;
  zkPort: number;
  /** Each service's HTTP (health, metrics) port. */
  ports: Record<ServiceName, number>;
  /** Runs create-admin as an operator would (password on stdin). */
  createAdmin(username: string, role: 'admin' | 'viewer', password: string): Promise<void>;
  /** SIGTERM to the whole process group, as a terminal's Ctrl-C does; resolves to pnpm dev's exit code. */
  stop(): Promise<number | null>;
}

/** `pnpm dev` (scripts/dev.ts) on a fresh database and free ports, ready when admin-gateway answers. */
export async function startDevPlatform(readyTimeoutMs = 420_000): Promise<DevPlatform> {
  const suffix = randomBytes(5).toString('hex');
  const databaseName = `platform_e2e_${suffix}`;
  const clientSystemName = `client_system_e2e_${suffix}`;
  const backupDir = await mkdtemp(path.join(tmpdir(), 'e2e-backups-'));
  const ports = {} as Record<ServiceName, number>;
  for (const service of SERVICES) ports[service] = await freePort();
  const zkPort = await freePort();
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl(databaseName),
    CLIENT_SYSTEM_DATABASE_URL: databaseUrl(clientSystemName),
    BACKUP_DIR: backupDir,
    ZK_EMULATOR_PORT: String(zkPort),
    SHEETS_EMULATOR_PORT: String(await freePort()),
    SMTP_SINK_PORT: String(await freePort()),
    EXCHANGE_PORT: String(await freePort()),
    QUEUE_PREFIX: `e2e-${databaseName}`,
    LOG_PRETTY: 'false',
    LOG_LEVEL: 'warn',
    // Seven services start at once under tsx; on a loaded 2-core box that takes minutes, not seconds.
    DEV_READY_TIMEOUT_MS: String(readyTimeoutMs),
  };
  for (const service of SERVICES) env[`${service.toUpperCase().replaceAll('-', '_')}_HTTP_PORT`] = String(ports[service]);
  const dev = spawnTs('scripts/dev.ts', env, undefined, { group: true });
  const stop = async () => {
    if (dev.child.exitCode === null && dev.child.signalCode === null) process.kill(-dev.child.pid!, 'SIGTERM');
    const code = await dev.exit;
    const admin = new pg.Client({ connectionString: TEST_ADMIN_DATABASE_URL });
    await admin.connect();
    for (const name of [databaseName, clientSystemName]) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await rm(backupDir, { recursive: true, force: true });
    return code;
  };
  const deadline = Date.now() + readyTimeoutMs;
  while (!dev.output().includes('Everything is up')) {
    if (dev.child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`pnpm dev did not come up:\n${dev.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    dev,
    env,
    gatewayUrl: `http://127.0.0.1:${ports['admin-gateway']}`,
    zkPort,
    ports,
    async createAdmin(username, role, password) {
      const { spawn } = await import('node:child_process');
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/create-admin.ts', '--username', username, '--role', role], {
        cwd: path.resolve(import.meta.dirname, '../../services/admin-gateway'),
        env: { ...process.env, DATABASE_URL: env['DATABASE_URL'] },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (out += c));
      child.stdin.end(`${password}\n`);
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      if (code !== 0) throw new Error(`create-admin exited ${code}: ${out}`);
    },
    stop,
  };
}
