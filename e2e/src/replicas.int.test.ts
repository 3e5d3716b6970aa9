import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '@platform/db';
import { createProducer } from '@platform/queues';
import { createRedis } from '@platform/runtime';
import { databaseUrl, TEST_ADMIN_DATABASE_URL, TEST_REDIS_URL } from '@platform/testkit';
import { devPlan, type DevProcess } from '../../scripts/dev/processes.js';
import { freePort, REPO_ROOT } from './processes.js';

// Two replicas of every worker service against one Redis and one database,
// as `kubectl scale --replicas=2` gives them. Everything is spawned as real
// processes from the same plan `pnpm dev` uses; every wait is for a state.
const REPLICAS = 2;
const WORKERS = ['device-poller', 'seller-sync', 'meter-sync', 'backup-worker', 'alert-dispatcher'];
const DEADLINE_MS = 240_000;
const suffix = randomBytes(5).toString('hex');
const databaseName = `platform_replicas_${suffix}`;
const clientSystemName = `client_system_replicas_${suffix}`;
const children: Array<{ name: string; child: ChildProcess; output: () => string }> = [];
let backupDir: string | undefined;

afterAll(async () => {
  await Promise.all(
    children.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }),
  );
  const admin = new pg.Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  for (const name of [databaseName, clientSystemName]) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  if (backupDir) await rm(backupDir, { recursive: true, force: true });
});

function start(proc: DevProcess, name: string, env: Record<string, string>) {
  const child = spawn(process.execPath, proc.args, { cwd: path.resolve(REPO_ROOT, proc.cwd), env: { ...process.env, ...env, ...proc.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const entry = { name, child, output: () => out };
  children.push(entry);
  return entry;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, context = () => ''): Promise<T> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${DEADLINE_MS} ms\n${context()}`);
    await sleep(250);
  }
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

describe('every worker service as replicas', () => {
  it('two processes each of device-poller, seller-sync, meter-sync, backup-worker and alert-dispatcher: every effect once, no lock hold overlaps another', async () => {
    backupDir = await mkdtemp(path.join(tmpdir(), 'replica-backups-'));
    const prefix = `{replicas-${suffix}}`;
    const env: Record<string, string> = {
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl(databaseName),
      CLIENT_SYSTEM_DATABASE_URL: databaseUrl(clientSystemName),
      REDIS_URL: TEST_REDIS_URL,
      BACKUP_DIR: backupDir,
      ZK_EMULATOR_PORT: String(await freePort()),
      SHEETS_EMULATOR_PORT: String(await freePort()),
      SMTP_SINK_PORT: String(await freePort()),
      QUEUE_PREFIX: prefix,
      LOG_PRETTY: 'false',
      LOG_LEVEL: 'warn',
      DATABASE_POOL_MAX: '3',
    };
    const plan = devPlan(env);
    for (const step of plan.setup) {
      const run = start(step, step.name, env);
      const [code] = await once(run.child, 'exit');
      expect(code, `${step.name}\n${run.output()}`).toBe(0);
    }
    const emulators = plan.emulators.map((proc) => ({ proc, run: start(proc, proc.name, env) }));
    for (const { proc, run } of emulators) await until(`${proc.name} listening`, () => accepts(proc.readyPort!), run.output);
    const smtp = emulators.find((e) => e.proc.name === 'smtp-sink')!.run;

    for (const service of plan.services.filter((s) => WORKERS.includes(s.name))) {
      for (let replica = 1; replica <= REPLICAS; replica++) {
        const port = await freePort();
        const run = start({ ...service, env: { ...service.env, HTTP_PORT: String(port) } }, `${service.name}#${replica}`, env);
        await until(`${run.name} ready`, async () => (await fetch(`http://127.0.0.1:${port}/healthz/ready`)).ok, run.output);
      }
    }

    const db = createDb(env.DATABASE_URL!, { max: 2 });
    const redis = createRedis(TEST_REDIS_URL, 'client');
    const producer = createProducer({ connection: redis, prefix });
    try {
      const device = await db.selectFrom('platform.devices').select('id').where('name', '=', 'emulator-1').executeTakeFirstOrThrow();
      // Jobs flowing to every service at once, several of them for the same resource.
      const alertTypes = Array.from({ length: 12 }, (_, i) => `replica-check-${i}`);
      const jobs = await Promise.all([
        ...alertTypes.map((type) =>
          producer.enqueue('alerts', 'dispatch-alert', { alertId: randomUUID(), source: 'replica-test', type, severity: 'high', message: `replica check ${type}`, occurredAt: new Date().toISOString() }),
        ),
        ...Array.from({ length: 6 }, () => producer.enqueue('device-sync', 'sync-device', { deviceId: device.id, trigger: 'manual', requestId: randomUUID() })),
        ...Array.from({ length: 3 }, () => producer.enqueue('backups', 'backup-device', { deviceId: device.id, trigger: 'manual' })),
        ...[1, 2, 3, 1, 2, 3].map((tenantId) => producer.enqueue('meter-sync', 'sync-tenant', { tenantId, trigger: 'manual' })),
      ]);
      const context = () => children.map((c) => `--- ${c.name}\n${c.output().slice(-1500)}`).join('\n');
      for (const job of jobs) {
        await until(`${job.queue}/${job.job} ${job.id} finished`, async () => {
          const found = await producer.queue(job.queue).getJob(job.id);
          return found ? Boolean(found.finishedOn) : true; // a finished dedupe job may already be superseded
        }, context);
      }
      await until('every alert mailed', async () => alertTypes.every((type) => smtp.output().includes(`: ${type}`)), context);

      // Each alert delivered exactly once, though two dispatchers consumed the queue.
      for (const type of alertTypes) {
        expect(smtp.output().split('\n').filter((line) => line.endsWith(`replica-test: ${type}`)), type).toHaveLength(1);
      }
      // Every lock-protected effect (device sync and backup, seller sync, tenant sync): holds of
      // one resource, in token order, never overlap, whichever replica held them.
      const ledger = await db
        .selectFrom('platform.sync_locks')
        .select(['lock_key', 'event', 'fencing_token', 'acquired_at', 'expires_at'])
        .where('event', 'in', ['acquired', 'released', 'max_hold_exceeded'])
        .orderBy('id')
        .execute();
      const holds = new Map<string, Map<number, { start?: Date; end?: Date }>>();
      for (const row of ledger) {
        const byToken = holds.get(row.lock_key) ?? new Map<number, { start?: Date; end?: Date }>();
        holds.set(row.lock_key, byToken);
        const hold = byToken.get(row.fencing_token!) ?? {};
        byToken.set(row.fencing_token!, hold);
        if (row.event === 'acquired') hold.start = row.acquired_at!;
        else hold.end = row.expires_at ?? undefined;
      }
      expect([...holds.keys()].some((key) => key.startsWith('device:'))).toBe(true);
      for (const [resource, byToken] of holds) {
        const ordered = [...byToken.entries()].sort(([a], [b]) => a - b).map(([, hold]) => hold);
        for (let i = 1; i < ordered.length; i++) {
          const previousEnd = ordered[i - 1]!.end;
          expect(previousEnd, `${resource}: hold ${i - 1} never ended before the next began`).toBeDefined();
          expect(previousEnd!.getTime(), `${resource}: holds ${i - 1} and ${i} overlap`).toBeLessThanOrEqual(ordered[i]!.start!.getTime());
        }
      }
    } finally {
      await producer.close();
      redis.disconnect();
      await db.destroy();
    }
    // Ten services, three emulators and a migration on a shared 2-core box: minutes, not seconds.
  }, 900_000);
});
