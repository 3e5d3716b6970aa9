/*
 * The operator's device path end to end: register a device through admin-gateway's API, press
 * "test connection", and device-poller's worker (the only process that talks to devices) answers
 * with what the ZK emulator says, or with the typed error when nothing listens.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { describe, expect, test } from '@platform/testkit';
import { generateUsers, startEmulator, type ZkEmulator } from '@platform/zk';
import { createAccount, startApp } from '../../services/admin-gateway/src/app.fixture.js';
import { finishedJob, startWorkersOnly } from './in-process-poller.js';

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ users: generateUsers(5, 11), replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());

/** A port nobody listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('device administration, gateway to device', () => {
  test('register a device, test its connection through device-poller, see its health turn ok; a dead address reports the typed error', async ({ db, database, prefix }) => {
    const gateway = await startApp({ db, prefix });
    const workers = startWorkersOnly(db, database.url, prefix);
    try {
      const admin = await createAccount(db, gateway.tokens, 'admin');
      const reg = await gateway.app.inject({
        method: 'POST',
        url: '/api/devices',
        headers: admin.auth,
        payload: { name: 'Front door', host: emu.host, port: emu.port, timezone: emu.timezone, pollIntervalSeconds: 60, enabled: false },
      });
      expect(reg.statusCode).toBe(201);
      const device = reg.json();
      expect(device).toMatchObject({ name: 'Front door', enabled: false, commKeySet: false, health: { status: 'unknown' } });

      // A disabled device may be tested: that is how one is checked before it is enabled.
      const probe = await gateway.app.inject({ method: 'POST', url: `/api/devices/${device.id}/test-connection`, headers: admin.auth });
      expect(probe.statusCode).toBe(202);
      await finishedJob(gateway.producer, 'device-sync', probe.json().jobId);
      const status = await gateway.app.inject({ url: probe.json().statusUrl, headers: admin.auth });
      expect(status.json()).toMatchObject({
        state: 'completed',
        result: { ok: true, deviceId: device.id, serialNumber: emu.state.serialNumber, firmwareVersion: emu.state.firmwareVersion, userCount: emu.state.users.length, logCount: emu.state.logs.length },
      });
      const after = await gateway.app.inject({ url: `/api/devices/${device.id}`, headers: admin.auth });
      expect(after.json()).toMatchObject({ health: { status: 'ok', userCount: emu.state.users.length } });

      const dead = await gateway.app.inject({
        method: 'POST',
        url: '/api/devices',
        headers: admin.auth,
        payload: { name: 'Nobody home', host: '127.0.0.1', port: await closedPort() },
      });
      expect(dead.statusCode).toBe(201);
      const deadProbe = await gateway.app.inject({ method: 'POST', url: `/api/devices/${dead.json().id}/test-connection`, headers: admin.auth });
      expect(await finishedJob(gateway.producer, 'device-sync', deadProbe.json().jobId)).toMatchObject({
        ok: false,
        error: { type: 'DeviceUnreachableError', message: expect.stringContaining('127.0.0.1') },
      });

      const audit = await db.selectFrom('platform.admin_audit_log').select(['action', 'target_id']).where('actor', '=', admin.username).orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['device.register', 'device.test-connection', 'device.register', 'device.test-connection']);
    } finally {
      await workers.close();
      await gateway.close();
    }
  });
});
