import { afterAll, beforeAll, beforeEach } from 'vitest';
import { LockBusyError } from '@platform/lock';
import { Registry } from '@platform/runtime';
import { CircuitOpenError, generateLogs, generateUsers, startEmulator, type ZkEmulator } from '@platform/zk';
import { describe, eventually, expect, test } from '@platform/testkit';
import { createHealthMonitor } from './health/device-health.monitor.js';
import { addDevice, makeDeps } from './poller.fixture.js';
import { syncDevice } from './sync/sync-device.job.js';

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.faults.reset());

describe('device-poller acceptance', () => {
  test('concurrent syncs of one device from several pollers never overlap', async ({ db, redis, prefix }) => {
    const users = generateUsers(40, 2);
    emu.state.replace(users, generateLogs(500, users, 2));
    const id = await addDevice(db, emu, `conc-${prefix}`);
    const pollers = [1, 2, 3].map(() => makeDeps(db, redis, prefix, { lock: { retries: 0 } }).deps);
    const outcomes = await Promise.allSettled(pollers.flatMap((d) => [syncDevice(d, { deviceId: id, trigger: 'scheduled' }), syncDevice(d, { deviceId: id, trigger: 'manual' })]));
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(LockBusyError);
    expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true);
    // The device's one TCP slot was never contended: holders never overlapped.
    expect(emu.busyRejections).toBe(0);
    expect(await db.selectFrom('attendance.attendance_logs').select((e) => e.fn.countAll<number>().as('n')).where('device_id', '=', id).executeTakeFirst()).toEqual({ n: 500 });
  });

  test('a poller that died holding the lock blocks only until the lock expires; the next run completes', async ({ db, redis, prefix }) => {
    emu.state.replace(generateUsers(5, 3), []);
    const id = await addDevice(db, emu, `dead-${prefix}`);
    // The dead process's Redis key, left with its ttl running out; its transactions rolled back with its connection.
    await redis.set(`${prefix}:lock:device:${id}`, 'dead-poller', 'PX', 300);
    const { deps } = makeDeps(db, redis, prefix, { lock: { retries: 5, retryDelayMs: 100 } });
    await expect(syncDevice(deps, { deviceId: id, trigger: 'scheduled' })).resolves.toMatchObject({ users: 5, discovered: 5 });
  });

  test('a users-vanish fault yields an alert job, enqueued by the very sync that saw it, naming exactly the vanished ids, and a history row', async ({ db, redis, prefix }) => {
    emu.state.replace(generateUsers(20, 4), []);
    const id = await addDevice(db, emu, `vanish-${prefix}`);
    const { deps, producer } = makeDeps(db, redis, prefix);
    emu.faults.vanishUsers(['1002', '1011', '1019']);
    await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
    const before = Date.now();
    const summary = await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
    const after = Date.now();
    // Waiting for the alert is no part of it: the job is already queued when the sync returns
    // (seed 000 asks for the alert within 10 s of the poll; this is at most one sync's time).
    const job = await producer.queue('alerts').getJob(summary.alertJobId!);
    expect(job!.timestamp).toBeGreaterThanOrEqual(before);
    expect(job!.timestamp).toBeLessThanOrEqual(after);
    expect(job!.data).toMatchObject({ type: 'device.users_disappeared', severity: 'high', details: { vanishedIds: ['1002', '1011', '1019'] } });
    const history = await db.selectFrom('attendance.device_user_count_history').select(['user_count']).where('device_id', '=', id).orderBy('id').execute();
    expect(history.map((h) => h.user_count)).toEqual([20, 17]);
  });

  test('a refusing device: retries, a health alert after 3 failures, an open breaker; nothing lost or doubled on return', async ({ db, redis, prefix }) => {
    const users = generateUsers(8, 5);
    emu.state.replace(users, generateLogs(50, users, 5));
    const id = await addDevice(db, emu, `refuse-${prefix}`);
    const base = makeDeps(db, redis, prefix);
    const monitor = createHealthMonitor({ registry: new Registry(), producer: base.producer, log: base.log, alertAfterFailures: 3 });
    const { deps, devices } = makeDeps(db, redis, prefix, {
      onHealth: monitor.onHealth,
      client: { resilience: { attempts: 2, initialDelayMs: 5, failureThreshold: 4, cooldownMs: 300 }, connectTimeoutMs: 500 },
    });
    await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
    await emu.faults.refuseConnections(true);
    for (let i = 0; i < 5; i++) await expect(syncDevice(deps, { deviceId: id, trigger: 'scheduled' })).rejects.toThrow();
    expect(devices.breakerState(id)).toBe('open');
    const health = await db.selectFrom('platform.device_health').selectAll().where('device_id', '=', id).executeTakeFirstOrThrow();
    expect(health).toMatchObject({ consecutive_failures: 5, breaker_state: 'open' });
    const alerts = (await base.producer.queue('alerts').getJobs(['wait', 'delayed'])).filter((j) => j.data.type === 'device.unreachable');
    expect(alerts).toHaveLength(1); // one per failure streak, not one per failed poll
    await emu.faults.refuseConnections(false);
    // The breaker lets a trial call through once its cooldown has passed; until then a sync
    // is refused before it reaches the device (and writes nothing).
    await eventually(
      () =>
        syncDevice(deps, { deviceId: id, trigger: 'scheduled' }).then(
          () => true,
          (error: unknown) => {
            expect(error).toBeInstanceOf(CircuitOpenError);
            return false;
          },
        ),
      { what: 'the breaker to let a sync through', everyMs: 50 },
    );
    const count = async (table: 'attendance.attendance_logs' | 'attendance.device_user_buffer') =>
      (await db.selectFrom(table).select((e) => e.fn.countAll<number>().as('n')).where('device_id', '=', id).executeTakeFirstOrThrow()).n;
    expect(await count('attendance.attendance_logs')).toBe(50);
    expect(await count('attendance.device_user_buffer')).toBe(8);
    const discovered = await db.selectFrom('attendance.device_user_audit_log').select('device_user_id').where('device_id', '=', id).where('operation_type', '=', 'user_discovered').execute();
    expect(discovered).toHaveLength(8);
    expect((await db.selectFrom('platform.device_health').select('consecutive_failures').where('device_id', '=', id).executeTakeFirstOrThrow()).consecutive_failures).toBe(0);
  });
});
