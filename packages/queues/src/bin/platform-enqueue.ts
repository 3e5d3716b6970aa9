/*
 * platform-enqueue <queue> <job> [--payload '<json>']... [--each-device] [--each-tenant]
 *
 * Enqueues catalog jobs and exits: what the k8s CronJobs run when SCHEDULES=external, so a
 * schedule has one execution path (the service's worker) whoever starts it. Payloads are
 * validated by the catalog before Redis is touched; scheduled jobs are deduplicated per identity,
 * so a run that overlaps a pending job joins it. `--each-device` enqueues one job per enabled
 * device, adding `deviceId` to every payload (reads DATABASE_URL); `--each-tenant` one per tenant of
 * METER_SYNC_TENANTS, adding `tenantId`.
 *   platform-enqueue seller-sync sync-sellers --payload '{"syncId":"00000000-0000-4000-8000-000000000001","trigger":"scheduled"}'
 *   platform-enqueue device-sync sync-device --payload '{"trigger":"scheduled"}' --each-device
 * Exit codes: 0 all enqueued, 1 some failed, 2 bad arguments or payload, 78 bad configuration.
 * In an image: node node_modules/@platform/queues/dist/bin/platform-enqueue.js ...; in the repo:
 * pnpm --filter @platform/queues enqueue ...
 */
import { parseArgs } from 'node:util';
import { createDb } from '@platform/db';
import { createLogger, createRedis, loadConfigOrExit, serviceEnv } from '@platform/runtime';
import { findJob, queueNames, type QueueName } from '../catalog.js';
import { createProducer } from '../producer.js';

const config = loadConfigOrExit('platform-enqueue', serviceEnv.extend({ HTTP_PORT: serviceEnv.shape.HTTP_PORT.default(0) }), process.env);

function usage(message: string): never {
  process.stderr.write(`platform-enqueue: ${message}\nusage: platform-enqueue <queue> <job> [--payload '<json>']... [--each-device] [--each-tenant]\n`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    payload: { type: 'string', multiple: true },
    'each-device': { type: 'boolean', default: false },
    'each-tenant': { type: 'boolean', default: false },
  },
});
const [queue, job] = positionals;
if (!queue || !job || positionals.length > 2) usage('expected exactly a queue and a job name');
if (!queueNames.includes(queue as QueueName)) usage(`unknown queue "${queue}" (one of: ${queueNames.join(', ')})`);
if (!findJob(queue as QueueName, job)) usage(`queue "${queue}" has no job "${job}"`);
const payloads = (values.payload ?? ['{}']).map((text) => {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return usage(`--payload is not JSON: ${text}`);
  }
});

const log = createLogger({ service: 'platform-enqueue', level: config.LOG_LEVEL, pretty: config.LOG_PRETTY });
let expanded = payloads;
if (values['each-device']) {
  const db = createDb(config.DATABASE_URL, { max: 1, applicationName: 'platform-enqueue' });
  try {
    const devices = await db.selectFrom('platform.devices').select('id').where('enabled', '=', true).orderBy('id').execute();
    expanded = devices.flatMap((d) => payloads.map((p) => ({ ...p, deviceId: d.id })));
  } finally {
    await db.destroy();
  }
}

if (values['each-tenant']) {
  // The tenants meter-sync schedules in-process (METER_SYNC_TENANTS, platform-config), comma-separated.
  const tenants = (process.env.METER_SYNC_TENANTS ?? '').split(',').map((t) => t.trim()).filter(Boolean).map(Number);
  if (tenants.some((t) => !Number.isInteger(t) || t <= 0)) usage(`METER_SYNC_TENANTS must be comma-separated tenant ids, got "${process.env.METER_SYNC_TENANTS}"`);
  expanded = tenants.flatMap((tenantId) => expanded.map((p) => ({ ...p, tenantId })));
}

const redis = createRedis(config.REDIS_URL, 'client', log);
const producer = createProducer({ connection: redis, prefix: config.QUEUE_PREFIX });
let failed = 0;
try {
  for (const payload of expanded) {
    try {
      const enqueued = await producer.enqueue(queue as QueueName, job as never, payload as never);
      log.info({ queue, job, id: enqueued.id }, 'enqueued');
    } catch (error) {
      failed++;
      log.error({ queue, job, payload, err: error }, 'could not enqueue');
    }
  }
  log.info({ queue, job, jobs: expanded.length, failed }, 'platform-enqueue done');
} finally {
  await producer.close();
  await redis.quit().catch(() => undefined);
}
process.exit(failed > 0 ? 1 : 0);
