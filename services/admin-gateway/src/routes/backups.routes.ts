import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { backupFile } from '@platform/queues';
import { notFound } from '../errors.js';
import { enqueue } from '../jobs.js';
import { auditAdmin } from '../plugins/audit.js';
import { adminOf } from '../plugins/auth.plugin.js';
import { findBackup, listBackups } from '../queries/backups.queries.js';
import { logDeviceUserOperation } from '../queries/device-user-audit.queries.js';
import { findDevice } from '../queries/devices.queries.js';
import { acceptedJobSchema, intId, isoDateTime, page, pageQuery, problems } from '../schemas/common.schema.js';
import type { RouteGroup } from './route-group.js';

const backupRecord = z.object({
  deviceId: z.int().nullable(),
  file: z.string().nullable(),
  userCount: z.int().nullable(),
  sizeBytes: z.int().nullable(),
  createdAt: isoDateTime,
  createdBy: z.string(),
});

const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);

/** Seed 001 task 16: list backups and restore one (or dry-run it) through backup-worker. */
export const backupRoutes: RouteGroup = {
  name: 'backups',
  register(app, { db, queues }) {
    app.get(
      '/api/device-users/backups',
      {
        schema: {
          tags: ['backups'],
          summary: 'List device user backups (newest first)',
          querystring: z.object({ deviceId: intId.optional(), ...pageQuery }),
          response: { 200: page(backupRecord), ...problems(400, 401) },
        },
      },
      async (request) => {
        const q = request.query;
        const { rows, total } = await listBackups(db, q);
        const items = rows.map((r) => ({
          deviceId: r.device_id,
          file: typeof r.details?.file === 'string' ? r.details.file : null,
          userCount: num(r.details?.userCount),
          sizeBytes: num(r.details?.sizeBytes),
          createdAt: r.occurred_at.toISOString(),
          createdBy: r.performed_by,
        }));
        return { items, total, limit: q.limit, offset: q.offset };
      },
    );

    app.post(
      '/api/device-users/backups/:filename/restore',
      {
        schema: {
          tags: ['backups'],
          summary: 'Restore a device from a backup, or dry-run it (202; watch the status URL)',
          description: 'A "/" inside the file name is sent as %2F. A restore never deletes a device user.',
          params: z.object({ filename: backupFile }),
          body: z.object({
            deviceId: intId,
            dryRun: z.boolean().describe('true: report what would change and change nothing'),
          }),
          response: { 202: acceptedJobSchema, ...problems(400, 401, 403, 404, 503) },
        },
      },
      async (request, reply) => {
        const admin = adminOf(request);
        const { filename } = request.params;
        const { deviceId, dryRun } = request.body;
        const job = await db.transaction().execute(async (trx) => {
          if (!(await findDevice(trx, deviceId))) throw notFound(`no device with id ${deviceId}`);
          if (!(await findBackup(trx, deviceId, filename))) throw notFound(`no backup "${filename}" recorded for device ${deviceId}`);
          const restoreId = randomUUID();
          const details = { restoreId, file: filename, dryRun, adminId: admin.adminId };
          await logDeviceUserOperation(trx, {
            device_id: deviceId,
            operation_type: dryRun ? 'restore_dry_run_requested' : 'restore_requested',
            device_user_id: null,
            device_user_name: null,
            performed_by: admin.username,
            conflict_id: null,
            details,
          });
          await auditAdmin(trx, request, { action: 'backup.restore', targetType: 'backup', targetId: filename, outcome: 'accepted', details });
          return enqueue(queues, 'backups', 'restore-device', {
            restoreId,
            deviceId,
            backupFile: filename,
            dryRun,
            requestedBy: { adminId: admin.adminId, username: admin.username },
          });
        });
        return reply.code(202).header('location', job.statusUrl).send(job);
      },
    );
  },
};
