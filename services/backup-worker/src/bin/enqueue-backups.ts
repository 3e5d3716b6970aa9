/*
 * Enqueues one `backup-device` job per enabled device, then exits: what the k8s CronJob
 * `platform-backups` runs for clusters that prefer cron to BullMQ's scheduler
 * (set BACKUP_SCHEDULER=external on backup-worker then). The jobs are the same ones the
 * scheduler makes, deduplicated per device, so a run overlapping a pending backup joins it.
 *   pnpm --filter @platform/backup-worker enqueue-backups [--trigger manual]
 * Exit codes: 0 all enqueued, 1 some failed, 78 bad configuration.
 */
import { createDb } from '@platform/db';
import { listEnabledDevices } from '@platform/device-access';
import { createProducer } from '@platform/queues';
import { createLogger, createRedis, loadConfigOrExit, serviceEnv } from '@platform/runtime';

const config = loadConfigOrExit('enqueue-backups', serviceEnv.extend({ HTTP_PORT: serviceEnv.shape.HTTP_PORT.default(0) }), process.env);
const trigger = process.argv.includes('--trigger') && process.argv[process.argv.indexOf('--trigger') + 1] === 'manual' ? 'manual' : 'scheduled';
const log = createLogger({ service: 'enqueue-backups', level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
const db = createDb(config.DATABASE_URL, { max: 1, applicationName: 'enqueue-backups' });
// A Job pod that cannot reach Redis fails (activeDeadlineSeconds ends it) rather than enqueueing half.
const redis = createRedis(config.REDIS_URL, 'client', log);
const producer = createProducer({ connection: redis, prefix: config.QUEUE_PREFIX });

let failed = 0;
try {
  const devices = await listEnabledDevices(db);
  for (const device of devices) {
    try {
      const job = await producer.enqueue('backups', 'backup-device', { deviceId: device.id, trigger });
      log.info({ deviceId: device.id, jobId: job.id }, 'backup enqueued');
    } catch (error) {
      failed++;
      log.error({ deviceId: device.id, err: error }, 'could not enqueue backup');
    }
  }
  log.info({ devices: devices.length, failed }, 'enqueue-backups done');
} catch (error) {
  failed++;
  log.error({ err: error }, 'enqueue-backups failed');
} finally {
  await producer.close();
  await redis.quit().catch(() => undefined);
  await db.destroy();
}
process.exit(failed > 0 ? 1 : 0);
