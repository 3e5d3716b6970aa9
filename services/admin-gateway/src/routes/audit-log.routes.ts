import { z } from 'zod';
import { queryDeviceUserAudit } from '../queries/device-user-audit.queries.js';
import { bigId, deviceUserIdParam, intId, isoDateTime, problems, rangeQuery } from '../schemas/common.schema.js';
import type { RouteGroup } from './route-group.js';

const auditEntry = z.object({
  id: z.int(),
  deviceId: z.int().nullable(),
  operationType: z.string(),
  deviceUserId: z.string().nullable(),
  deviceUserName: z.string().nullable(),
  performedBy: z.string(),
  serviceName: z.string().nullable(),
  conflictId: z.int().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  occurredAt: isoDateTime,
});

/** Seed 000 Requirement 5.5: the device-user audit log by user, time range and operation. */
export const auditLogRoutes: RouteGroup = {
  name: 'audit-log',
  register(app, { db }) {
    app.get(
      '/api/device-users/audit-log',
      {
        schema: {
          tags: ['device users'],
          summary: 'Query the device-user audit log (newest first, keyset-paged)',
          description: 'Pages by cursor, not offset: each page costs the same at any depth and rows written meanwhile never shift a page. No total is counted.',
          querystring: z.object({
            deviceId: intId.optional(),
            deviceUserId: deviceUserIdParam.optional(),
            operationType: z.string().min(1).max(50).optional(),
            ...rangeQuery,
            after: bigId.optional().describe('nextCursor of the previous page; omit for the newest entries'),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: {
            200: z.object({
              items: z.array(auditEntry),
              nextCursor: z.int().nullable().describe('pass as `after` for the next (older) page; null on the last page'),
              limit: z.int(),
            }),
            ...problems(400, 401),
          },
        },
      },
      async (request) => {
        const q = request.query;
        const { rows, nextCursor } = await queryDeviceUserAudit(db, {
          ...q,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
        });
        return {
          items: rows.map((r) => ({
            id: r.id,
            deviceId: r.device_id,
            operationType: r.operation_type,
            deviceUserId: r.device_user_id,
            deviceUserName: r.device_user_name,
            performedBy: r.performed_by,
            serviceName: r.service_name,
            conflictId: r.conflict_id,
            details: r.details,
            occurredAt: r.occurred_at.toISOString(),
          })),
          nextCursor,
          limit: q.limit,
        };
      },
    );
  },
};
