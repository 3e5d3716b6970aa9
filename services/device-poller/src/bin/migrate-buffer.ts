// Seed 000 Requirement 10: populate the buffer from every configured device.
// pnpm --filter @platform/device-poller migrate-buffer [--device <id>]...
// Exit 0: every device read; 1: some device failed (others still done); 2: bad arguments.
import { parseArgs } from 'node:util';
import { hostname } from 'node:os';
import { createDb } from '@platform/db';
import { createDeviceAccess } from '@platform/device-access';
import { createLockClients, createLockManager } from '@platform/lock';
import { createLogger, createRedis, loadConfigOrExit } from '@platform/runtime';
import { configSchema } from '../config.js';
import { migrateBuffer } from '../migration/migrate-buffer.js';
import { formatSummary, progressBar } from '../migration/progress-bar.js';

let deviceIds: number[] | undefined;
try {
  const { values } = parseArgs({ options: { device: { type: 'string', multiple: true } } });
  deviceIds = values.device?.map((v) => {
    if (!/^[1-9]\d*$/.test(v)) throw new Error(`--device must be a positive integer id, got "${v}"`);
    return Number(v);
  });
} catch (error) {
  process.stderr.write(`migrate-buffer: ${(error as Error).message}\n`);
  process.exit(2);
}

const config = loadConfigOrExit('device-poller', configSchema, { HTTP_PORT: '0', LOG_LEVEL: 'warn', ...process.env });
const log = createLogger({ service: 'device-poller-migrate', level: config.LOG_LEVEL });
const db = createDb(config.DATABASE_URL, { max: 2, applicationName: 'device-poller-migrate' });
const redis = createRedis(config.REDIS_URL, 'worker', log);
const lockRedis = createLockClients(config.REDIS_LOCK_URLS, redis, log);
const locks = createLockManager({ redis: lockRedis.clients, db, log, owner: `migrate-buffer@${hostname()}` });
const devices = createDeviceAccess({ db, locks, log, client: { connectTimeoutMs: config.DEVICE_CONNECT_TIMEOUT_MS, commandTimeoutMs: config.DEVICE_COMMAND_TIMEOUT_MS } });
const bar = progressBar(process.stderr);
try {
  const results = await migrateBuffer(
    { db, devices, batchSize: config.SYNC_BATCH_SIZE },
    { ...(deviceIds ? { deviceIds } : {}), performedBy: 'device-poller:migration', onProgress: (p) => bar(p.index, p.total, p.done ? `device ${p.deviceId} done` : `reading device ${p.deviceId}`) },
  );
  process.stdout.write(`${formatSummary(results)}\n`);
  process.exitCode = results.some((r) => r.error) ? 1 : 0;
} finally {
  await Promise.all([redis.quit(), lockRedis.close()]);
  await db.destroy();
}
