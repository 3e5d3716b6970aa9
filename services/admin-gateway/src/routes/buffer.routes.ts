import { z } from 'zod';
import { MAPPING_STATUSES } from '@platform/db';
import { conflict, notFound, unprocessable } from '../errors.js';
import { auditAdmin } from '../plugins/audit.js';
import { adminOf } from '../plugins/auth.plugin.js';
import { bufferStatistics, listBuffer, lockBufferRow, markMapped, type BufferRow } from '../queries/buffer.queries.js';
import { logDeviceUserOperation } from '../queries/device-user-audit.queries.js';
import { findMapping, lockStaff } from '../queries/staff.queries.js';
import { bigId, cursorPage, intId, isoDateTime, pageQuery, problems, rangeQuery, toIso } from '../schemas/common.schema.js';
import type { RouteGroup } from './route-group.js';

export const bufferRecord = z.object({
  id: z.int(),
  deviceId: z.int(),
  deviceUserId: z.string(),
  uid: z.int(),
  name: z.string().nullable(),
  cardNumber: z.string().nullable(),
  privilege: z.int().nullable(),
  groupId: z.int().nullable(),
  discoveredAt: isoDateTime,
  lastSeenAt: isoDateTime,
  mappingStatus: z.enum(MAPPING_STATUSES),
  mappedToPersonId: z.int().nullable(),
  mappedAt: isoDateTime.nullable(),
  notes: z.string().nullable(),
});

export const toBufferRecord = (r: BufferRow): z.infer<typeof bufferRecord> => ({
  id: r.id,
  deviceId: r.device_id,
  deviceUserId: r.device_user_id,
  uid: r.uid,
  name: r.name,
  cardNumber: r.card_number,
  privilege: r.privilege,
  groupId: r.group_id,
  discoveredAt: r.discovered_at.toISOString(),
  lastSeenAt: r.last_seen_at.toISOString(),
  mappingStatus: r.mapping_status,
  mappedToPersonId: r.mapped_to_person_id,
  mappedAt: toIso(r.mapped_at),
  notes: r.notes,
});

const bufferStatistics200 = z.object({
  total: z.int().describe('every buffered device user; the sum of the four statuses'),
  unmapped: z.int(),
  mapped: z.int(),
  conflict: z.int(),
  ignored: z.int(),
});

/** Seed 001 task 14: the buffer of device-only users, and mapping them to staff. */
export const bufferRoutes: RouteGroup = {
  name: 'buffer',
  register(app, { db }) {
    app.get(
      '/api/device-users/buffer',
      {
        schema: {
          tags: ['device users'],
          summary: 'List buffered device users in id order (filter by status, device, discovery time)',
          description: 'Pages by offset (with a total) or, with `after`, by keyset: constant cost at any depth, no total.',
          querystring: z.object({
            status: z.enum(MAPPING_STATUSES).optional(),
            deviceId: intId.optional(),
            ...rangeQuery,
            ...pageQuery,
            after: bigId.optional().describe('nextCursor of the previous page; offset is then ignored'),
          }),
          response: { 200: cursorPage(bufferRecord, z.int()), ...problems(400, 401) },
        },
      },
      async (request) => {
        const q = request.query;
        const { rows, total, nextCursor } = await listBuffer(db, {
          ...q,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
        });
        return { items: rows.map(toBufferRecord), total, limit: q.limit, offset: q.after === undefined ? q.offset : 0, nextCursor };
      },
    );

    app.get(
      '/api/device-users/buffer/statistics',
      {
        schema: {
          tags: ['device users'],
          summary: 'Buffered device users per mapping status (seed 000 getStatistics), all devices or one',
          querystring: z.object({ deviceId: intId.optional() }),
          response: { 200: bufferStatistics200, ...problems(400, 401) },
        },
      },
      async (request) => bufferStatistics(db, request.query.deviceId),
    );

    app.post(
      '/api/device-users/buffer/:id/map',
      {
        schema: {
          tags: ['device users'],
          summary: 'Map a buffered device user to a staff member',
          params: z.object({ id: bigId }),
          body: z.object({ personId: intId.describe('attendance.staff id') }),
          response: { 200: bufferRecord, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request) => {
        const admin = adminOf(request);
        const { id } = request.params;
        const { personId } = request.body;
        const mapped = await db.transaction().execute(async (trx) => {
          const row = await lockBufferRow(trx, id);
          if (!row) throw notFound(`no buffer record with id ${id}`);
          if (row.mapping_status === 'mapped') {
            throw conflict(`buffer record ${id} is already mapped to person ${row.mapped_to_person_id}`);
          }
          if (!(await lockStaff(trx, personId))) {
            throw unprocessable(`staff member ${personId} does not exist`, [
              { path: 'body.personId', message: `no attendance.staff row with id ${personId}` },
            ]);
          }
          const existing = await findMapping(trx, row.device_id, row.device_user_id);
          if (existing) {
            throw conflict(`device user ${row.device_user_id} on device ${row.device_id} is already mapped to person ${existing.person_id}`);
          }
          await trx
            .insertInto('attendance.user_machine_mapping')
            .values({ device_id: row.device_id, machine_user_id: row.device_user_id, person_id: personId, created_by: admin.username })
            .execute();
          const updated = await markMapped(trx, id, personId);
          await logDeviceUserOperation(trx, {
            device_id: row.device_id,
            operation_type: 'user_mapped',
            device_user_id: row.device_user_id,
            device_user_name: row.name,
            performed_by: admin.username,
            conflict_id: null,
            details: { bufferId: id, personId, adminId: admin.adminId },
          });
          await auditAdmin(trx, request, {
            action: 'device-user.map',
            targetType: 'device_user_buffer',
            targetId: String(id),
            details: { deviceId: row.device_id, deviceUserId: row.device_user_id, personId },
          });
          return updated;
        });
        return toBufferRecord(mapped);
      },
    );
  },
};
