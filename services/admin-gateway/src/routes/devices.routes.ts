import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { conflict, notFound } from '../errors.js';
import { enqueue } from '../jobs.js';
import { auditAdmin } from '../plugins/audit.js';
import { adminOf } from '../plugins/auth.plugin.js';
import { findBufferUser } from '../queries/buffer.queries.js';
import { logDeviceUserOperation } from '../queries/device-user-audit.queries.js';
import { findDevice, listDevicesWithHealth } from '../queries/devices.queries.js';
import { deviceRecord, toDeviceRecord } from '../schemas/device.schema.js';
import { acceptedJobSchema, deviceUserIdParam, intId, problems } from '../schemas/common.schema.js';
import type { RouteGroup } from './route-group.js';

/** Seed 001 tasks 17/20: devices with health, "sync now", and the only way to delete a device user. */
export const deviceRoutes: RouteGroup = {
  name: 'devices',
  register(app, { db, queues }) {
    app.get(
      '/api/devices',
      {
        schema: {
          tags: ['devices'],
          summary: 'List devices with their health',
          response: { 200: z.object({ items: z.array(deviceRecord) }), ...problems(401) },
        },
      },
      async () => ({ items: (await listDevicesWithHealth(db)).map(toDeviceRecord) }),
    );

    app.post(
      '/api/devices/:deviceId/sync',
      {
        schema: {
          tags: ['devices'],
          summary: 'Sync one device now (joins a sync already waiting)',
          params: z.object({ deviceId: intId }),
          response: { 202: acceptedJobSchema, ...problems(400, 401, 403, 404, 409, 503) },
        },
      },
      async (request, reply) => {
        const admin = adminOf(request);
        const { deviceId } = request.params;
        const job = await db.transaction().execute(async (trx) => {
          const device = await findDevice(trx, deviceId);
          if (!device) throw notFound(`no device with id ${deviceId}`);
          if (!device.enabled) throw conflict(`device ${deviceId} (${device.name}) is disabled; enable it before syncing`);
          await auditAdmin(trx, request, { action: 'device.sync', targetType: 'device', targetId: String(deviceId), outcome: 'accepted' });
          return enqueue(queues, 'device-sync', 'sync-device', {
            deviceId,
            trigger: 'manual',
            requestedBy: admin.username,
            requestId: randomUUID(),
          });
        });
        return reply.code(202).header('location', job.statusUrl).send(job);
      },
    );

    app.delete(
      '/api/devices/:deviceId/users/:deviceUserId',
      {
        schema: {
          tags: ['devices'],
          summary: 'Delete a user from a device (admin only; carried out by the device poller)',
          description:
            'The only path that removes a device user (seed 000 Property 5). Enqueues a delete-user device command ' +
            'with the admin identity and records it in both audit logs; sync never deletes.',
          params: z.object({ deviceId: intId, deviceUserId: deviceUserIdParam }),
          querystring: z.object({ reason: z.string().trim().min(1, 'must not be empty').max(500).describe('Why the user is deleted; kept in the audit log') }),
          response: { 202: acceptedJobSchema, ...problems(400, 401, 403, 404, 503) },
        },
      },
      async (request, reply) => {
        const admin = adminOf(request);
        const { deviceId, deviceUserId } = request.params;
        const job = await db.transaction().execute(async (trx) => {
          if (!(await findDevice(trx, deviceId))) throw notFound(`no device with id ${deviceId}`);
          // The buffer holds every user ever seen on a device: unknown there means never seen.
          const user = await findBufferUser(trx, deviceId, deviceUserId);
          if (!user) throw notFound(`device ${deviceId} has no known user ${deviceUserId}`);
          const commandId = randomUUID();
          const details = { commandId, reason: request.query.reason, adminId: admin.adminId };
          await logDeviceUserOperation(trx, {
            device_id: deviceId,
            operation_type: 'user_delete_requested',
            device_user_id: deviceUserId,
            device_user_name: user.name,
            performed_by: admin.username,
            conflict_id: null,
            details,
          });
          await auditAdmin(trx, request, {
            action: 'device-user.delete',
            targetType: 'device_user',
            targetId: `${deviceId}/${deviceUserId}`,
            outcome: 'accepted',
            details,
          });
          return enqueue(queues, 'device-commands', 'delete-user', {
            commandId,
            deviceId,
            deviceUserId,
            requestedBy: { adminId: admin.adminId, username: admin.username },
            reason: request.query.reason,
          });
        });
        return reply.code(202).header('location', job.statusUrl).send(job);
      },
    );
  },
};
