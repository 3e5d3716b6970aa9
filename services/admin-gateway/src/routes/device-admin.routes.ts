import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DeviceUpdate } from '@platform/db';
import { conflict, notFound } from '../errors.js';
import { enqueue } from '../jobs.js';
import { auditAdmin } from '../plugins/audit.js';
import { adminOf } from '../plugins/auth.plugin.js';
import { findDevice, findDeviceWithHealth, insertDevice, lockDeviceConfig, updateDevice } from '../queries/devices.queries.js';
import { deviceCreateBody, deviceUpdateBody } from '../schemas/device-admin.schema.js';
import { deviceRecord, toDeviceRecord } from '../schemas/device.schema.js';
import { acceptedJobSchema, intId, problems } from '../schemas/common.schema.js';
import type { RouteGroup } from './route-group.js';

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';
const nameTaken = (name: string) => conflict(`a device named "${name}" already exists; pick another name`);
const deviceParams = z.object({ deviceId: intId });

/** What the audit keeps of a change: every field, but the comm key only as "changed". */
function auditedChanges(body: z.infer<typeof deviceUpdateBody> | z.infer<typeof deviceCreateBody>) {
  const { commKey, ...rest } = body;
  return commKey === undefined ? rest : { ...rest, commKey: commKey === null ? 'removed' : 'set' };
}

/** Registering, editing, enabling/disabling and testing devices: the operator paths that replace SQL. */
export const deviceAdminRoutes: RouteGroup = {
  name: 'device-admin',
  register(app, { db, queues }) {
    app.get(
      '/api/devices/:deviceId',
      { schema: { tags: ['devices'], summary: 'One device with its health', params: deviceParams, response: { 200: deviceRecord, ...problems(400, 401, 404) } } },
      async (request) => {
        const device = await findDeviceWithHealth(db, request.params.deviceId);
        if (!device) throw notFound(`no device with id ${request.params.deviceId}`);
        return toDeviceRecord(device);
      },
    );

    app.post(
      '/api/devices',
      {
        schema: {
          tags: ['devices'],
          summary: 'Register a device',
          description: 'The comm key is write-only: responses say only `commKeySet`. device-poller schedules an enabled device at its next reconcile.',
          body: deviceCreateBody,
          response: { 201: deviceRecord, ...problems(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const created = await db.transaction().execute(async (trx) => {
          let row;
          try {
            row = await insertDevice(trx, { name: b.name, host: b.host, port: b.port, timezone: b.timezone, comm_key: b.commKey ?? null, poll_interval_seconds: b.pollIntervalSeconds, enabled: b.enabled });
          } catch (error) {
            if (isUniqueViolation(error)) throw nameTaken(b.name);
            throw error;
          }
          await auditAdmin(trx, request, { action: 'device.register', targetType: 'device', targetId: String(row.id), details: auditedChanges(b) });
          return (await findDeviceWithHealth(trx, row.id))!;
        });
        return reply.code(201).header('location', `/api/devices/${created.id}`).send(toDeviceRecord(created));
      },
    );

    app.patch(
      '/api/devices/:deviceId',
      {
        schema: {
          tags: ['devices'],
          summary: 'Edit a device (only the fields sent)',
          params: deviceParams,
          body: deviceUpdateBody,
          response: { 200: deviceRecord, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { deviceId } = request.params;
        const b = request.body;
        const updated = await db.transaction().execute(async (trx) => {
          const before = await lockDeviceConfig(trx, deviceId);
          if (!before) throw notFound(`no device with id ${deviceId}`);
          const changes: DeviceUpdate = {};
          if (b.name !== undefined) changes.name = b.name;
          if (b.host !== undefined) changes.host = b.host;
          if (b.port !== undefined) changes.port = b.port;
          if (b.timezone !== undefined) changes.timezone = b.timezone;
          if (b.commKey !== undefined) changes.comm_key = b.commKey;
          if (b.pollIntervalSeconds !== undefined) changes.poll_interval_seconds = b.pollIntervalSeconds;
          try {
            await updateDevice(trx, deviceId, changes);
          } catch (error) {
            if (isUniqueViolation(error)) throw nameTaken(b.name ?? '');
            throw error;
          }
          const { comm_key: _secret, created_at: _c, updated_at: _u, ...was } = before;
          await auditAdmin(trx, request, { action: 'device.update', targetType: 'device', targetId: String(deviceId), details: { changes: auditedChanges(b), before: was } });
          return (await findDeviceWithHealth(trx, deviceId))!;
        });
        return toDeviceRecord(updated);
      },
    );

    for (const enabled of [true, false]) {
      const verb = enabled ? 'enable' : 'disable';
      app.post(
        `/api/devices/:deviceId/${verb}`,
        {
          schema: {
            tags: ['devices'],
            summary: enabled ? 'Enable a device (polled again from the next schedule reconcile)' : 'Disable a device (kept with its history, never contacted by polling)',
            params: deviceParams,
            response: { 200: deviceRecord, ...problems(400, 401, 403, 404, 409) },
          },
        },
        async (request) => {
          const { deviceId } = request.params;
          const updated = await db.transaction().execute(async (trx) => {
            const before = await lockDeviceConfig(trx, deviceId);
            if (!before) throw notFound(`no device with id ${deviceId}`);
            if (before.enabled === enabled) throw conflict(`device ${deviceId} (${before.name}) is already ${enabled ? 'enabled' : 'disabled'}`);
            await updateDevice(trx, deviceId, { enabled });
            await auditAdmin(trx, request, { action: `device.${verb}`, targetType: 'device', targetId: String(deviceId) });
            return (await findDeviceWithHealth(trx, deviceId))!;
          });
          return toDeviceRecord(updated);
        },
      );
    }

    app.post(
      '/api/devices/:deviceId/test-connection',
      {
        schema: {
          tags: ['devices'],
          summary: 'Ask the device who it is (carried out by device-poller)',
          description:
            'Enqueues a read-only probe; the job result (GET statusUrl) is `{ ok: true, userCount, logCount, logCapacity }` ' +
            'or `{ ok: false, error: { type, message } }` with the typed device error (DeviceUnreachableError, DeviceTimeoutError, ...). ' +
            'Works on a disabled device, so one can be checked before it is enabled.',
          params: deviceParams,
          response: { 202: acceptedJobSchema, ...problems(400, 401, 403, 404, 503) },
        },
      },
      async (request, reply) => {
        const admin = adminOf(request);
        const { deviceId } = request.params;
        const job = await db.transaction().execute(async (trx) => {
          if (!(await findDevice(trx, deviceId))) throw notFound(`no device with id ${deviceId}`);
          const requestId = randomUUID();
          await auditAdmin(trx, request, { action: 'device.test-connection', targetType: 'device', targetId: String(deviceId), outcome: 'accepted', details: { requestId } });
          return enqueue(queues, 'device-sync', 'test-connection', { deviceId, requestId, requestedBy: admin.username });
        });
        return reply.code(202).header('location', job.statusUrl).send(job);
      },
    );
  },
};
