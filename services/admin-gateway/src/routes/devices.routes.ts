import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BREAKER_STATES } from '@platform/db';
import { conflict, notFound } from '../errors.js';
import { enqueue } from '../jobs.js';
import { auditAdmin } from '../plugins/audit.js';
import { adminOf } from '../plugins/auth.plugin.js';
import { findBufferUser } from '../queries/buffer.queries.js';
import { logDeviceUserOperation } from '../queries/device-user-audit.queries.js';
import { findDevice, listDevicesWithHealth, type DeviceWithHealth } from '../queries/devices.queries.js';
import { acceptedJobSchema, deviceUserIdParam, intId, isoDateTime, problems, toIso } from '../schemas/common.schema.js';
import type { RouteGroup } from './route-group.js';

const health = z.object({
  status: z.enum(['ok', 'degraded', 'unreachable', 'authentication_failed', 'unknown']),
  lastContactAt: isoDateTime.nullable(),
  lastSuccessAt: isoDateTime.nullable(),
  consecutiveFailures: z.int(),
  breakerState: z.enum(BREAKER_STATES).nullable(),
  userCount: z.int().nullable(),
  logCount: z.int().nullable(),
  lastError: z.string().nullable(),
});

const deviceRecord = z.object({
  id: z.int(),
  name: z.string(),
  host: z.string(),
  port: z.int(),
  timezone: z.string(),
  enabled: z.boolean(),
  pollIntervalSeconds: z.int(),
  health,
});

/**
 * ok: last contact succeeded; authentication_failed: the device refuses our comm key (an operator must fix it);
 * degraded: failing but breaker closed; unreachable: breaker open; unknown: never polled.
 */
function healthStatus(d: DeviceWithHealth): z.infer<typeof health>['status'] {
  if ((d.consecutive_failures ?? 0) > 0 && d.last_error?.startsWith('AuthenticationFailedError')) return 'authentication_failed';
  if (d.last_contact_at === null) return 'unknown';
  if (d.breaker_state === 'open') return 'unreachable';
  return (d.consecutive_failures ?? 0) > 0 ? 'degraded' : 'ok';
}

const toDeviceRecord = (d: DeviceWithHealth): z.infer<typeof deviceRecord> => ({
  id: d.id,
  name: d.name,
  host: d.host,
  port: d.port,
  timezone: d.timezone,
  enabled: d.enabled,
  pollIntervalSeconds: d.poll_interval_seconds,
  health: {
    status: healthStatus(d),
    lastContactAt: toIso(d.last_contact_at),
    lastSuccessAt: toIso(d.last_success_at),
    consecutiveFailures: d.consecutive_failures ?? 0,
    breakerState: d.breaker_state,
    userCount: d.user_count,
    logCount: d.log_count,
    lastError: d.last_error,
  },
});

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
