import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { RESOLUTION_STRATEGIES, type UserConflict } from '@platform/db';
import { assertDeviceCanHold, deviceAttributes, deviceCardNumber, parseDeviceData, targetAttributes } from '../conflict-resolution.js';
import { conflict, notFound, unprocessable } from '../errors.js';
import { enqueue, type AcceptedJob } from '../jobs.js';
import { auditAdmin } from '../plugins/audit.js';
import { adminOf } from '../plugins/auth.plugin.js';
import { listConflicts, lockConflict, lockMappedStaff, markResolved, updateStaffAttributes } from '../queries/conflicts.queries.js';
import { logDeviceUserOperation } from '../queries/device-user-audit.queries.js';
import { acceptedJobSchema, bigId, intId, isoDateTime, page, pageQuery, problems, toIso } from '../schemas/common.schema.js';
import type { RouteGroup } from './route-group.js';

const conflictRecord = z.object({
  id: z.int(),
  deviceId: z.int(),
  deviceUserId: z.string(),
  conflictType: z.string(),
  deviceData: z.record(z.string(), z.unknown()),
  databaseData: z.record(z.string(), z.unknown()).nullable(),
  detectedAt: isoDateTime,
  resolved: z.boolean(),
  resolvedAt: isoDateTime.nullable(),
  resolvedBy: z.string().nullable(),
  resolutionStrategy: z.enum(RESOLUTION_STRATEGIES).nullable(),
  resolutionNotes: z.string().nullable(),
});

const toConflictRecord = (c: UserConflict): z.infer<typeof conflictRecord> => ({
  id: c.id,
  deviceId: c.device_id,
  deviceUserId: c.device_user_id,
  conflictType: c.conflict_type,
  deviceData: c.device_data,
  databaseData: c.database_data,
  detectedAt: c.detected_at.toISOString(),
  resolved: c.resolved,
  resolvedAt: toIso(c.resolved_at),
  resolvedBy: c.resolved_by,
  resolutionStrategy: c.resolution_strategy,
  resolutionNotes: c.resolution_notes,
});

const notes = z.string().trim().min(1).max(1000).optional().describe('Why; kept on the conflict and in the audit log');
const side = z.enum(['device', 'database']);
const resolveBody = z.discriminatedUnion('strategy', [
  z.object({ strategy: z.literal('use_device'), notes }),
  z.object({ strategy: z.literal('use_database'), notes }),
  z.object({ strategy: z.literal('merge'), notes, fields: z.object({ name: side, cardNumber: side }) }),
]);

const resolution = z.object({ conflict: conflictRecord, command: acceptedJobSchema.nullable() });

/** Seed 001 task 15: unresolved conflicts, and resolving them (seed 000 Properties 12, 13). */
export const conflictRoutes: RouteGroup = {
  name: 'conflicts',
  register(app, { db, queues }) {
    app.get(
      '/api/device-users/conflicts',
      {
        schema: {
          tags: ['device users'],
          summary: 'List conflicts (unresolved unless resolved=true)',
          querystring: z.object({
            resolved: z.enum(['true', 'false']).default('false'),
            deviceId: intId.optional(),
            ...pageQuery,
          }),
          response: { 200: page(conflictRecord), ...problems(400, 401) },
        },
      },
      async (request) => {
        const q = request.query;
        const { rows, total } = await listConflicts(db, { ...q, resolved: q.resolved === 'true' });
        return { items: rows.map(toConflictRecord), total, limit: q.limit, offset: q.offset };
      },
    );

    app.post(
      '/api/device-users/conflicts/:id/resolve',
      {
        schema: {
          tags: ['device users'],
          summary: 'Resolve a conflict: use_device, use_database or merge',
          description:
            'The database side (staff row) is updated in one transaction with the resolution and its audit rows. ' +
            'When the device must change (use_database, merge), a write-user device command is enqueued and the ' +
            'answer is 202 with its status URL; use_device answers 200.',
          params: z.object({ id: bigId }),
          body: resolveBody,
          response: { 200: resolution, 202: resolution, ...problems(400, 401, 403, 404, 409, 422, 503) },
        },
      },
      async (request, reply) => {
        const admin = adminOf(request);
        const { id } = request.params;
        const body = request.body;
        const result = await db.transaction().execute(async (trx) => {
          const row = await lockConflict(trx, id);
          if (!row) throw notFound(`no conflict with id ${id}`);
          if (row.resolved) {
            throw conflict(`conflict ${id} was already resolved by ${row.resolved_by} with ${row.resolution_strategy}`);
          }
          const device = parseDeviceData(row.device_data, id);
          const staff = await lockMappedStaff(trx, row.device_id, row.device_user_id);
          if (!staff) {
            throw unprocessable(`device user ${row.device_user_id} on device ${row.device_id} is not mapped to a staff member`, [
              { path: 'params.id', message: 'map the buffered device user first (POST /api/device-users/buffer/:id/map)' },
            ]);
          }
          const target = targetAttributes(
            body.strategy,
            deviceAttributes(device),
            { name: staff.full_name, cardNumber: staff.card_number },
            body.strategy === 'merge' ? body.fields : undefined,
          );
          if (body.strategy !== 'use_device') assertDeviceCanHold(target, body.strategy, body.strategy === 'merge' ? body.fields : undefined);
          if (body.strategy !== 'use_database') {
            await updateStaffAttributes(trx, staff.id, { fullName: target.name, cardNumber: target.cardNumber });
          }
          const resolved = await markResolved(trx, id, { by: admin.username, strategy: body.strategy, notes: body.notes ?? null });
          const commandId = body.strategy === 'use_device' ? null : randomUUID();
          const details = { strategy: body.strategy, staffId: staff.id, attributes: target, commandId, adminId: admin.adminId };
          await logDeviceUserOperation(trx, {
            device_id: row.device_id,
            operation_type: 'conflict_resolved',
            device_user_id: row.device_user_id,
            device_user_name: target.name,
            performed_by: admin.username,
            conflict_id: id,
            details,
          });
          await auditAdmin(trx, request, { action: 'conflict.resolve', targetType: 'user_conflict', targetId: String(id), details });
          let command: AcceptedJob | null = null;
          if (commandId) {
            // Last, inside the transaction: if Redis refuses, all of the above rolls back.
            command = await enqueue(queues, 'device-commands', 'write-user', {
              commandId,
              deviceId: row.device_id,
              user: {
                deviceUserId: row.device_user_id,
                uid: device.uid ?? undefined,
                name: target.name,
                cardNumber: deviceCardNumber(target.cardNumber),
                privilege: device.privilege ?? 0,
                groupId: device.groupId ?? undefined,
              },
              requestedBy: { adminId: admin.adminId, username: admin.username },
              reason: body.notes ?? `resolve conflict ${id} (${body.strategy})`,
            });
          }
          return { conflict: toConflictRecord(resolved), command };
        });
        return reply.code(result.command ? 202 : 200).send(result);
      },
    );
  },
};
