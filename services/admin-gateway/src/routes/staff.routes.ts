import { z } from 'zod';
import type { StaffUpdate } from '@platform/db';
import { conflict, notFound } from '../errors.js';
import { auditAdmin } from '../plugins/audit.js';
import { insertStaff, insertStaffRows, listStaff, lockStaffForUpdate, staffByCodes, updateStaff, updateStaffRows } from '../queries/staff-admin.queries.js';
import { intId, problems } from '../schemas/common.schema.js';
import { staffCreateBody, staffImportBody, staffImportResult, staffRecord, staffUpdateBody, toStaffRecord } from '../schemas/staff.schema.js';
import { parseStaffCsv, planStaffImport, type ImportRowPlan } from '../staff/staff-import.js';
import type { RouteGroup } from './route-group.js';

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';
const codeTaken = (code: string | null | undefined) => conflict(`employee code ${code ?? ''} already belongs to another staff member`);
const staffParams = z.object({ staffId: intId });

async function uniqueOr409<T>(code: string | null | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(code);
    throw error;
  }
}

const toRowReport = (p: ImportRowPlan) => ({
  line: p.line,
  employeeCode: p.employeeCode,
  action: p.action,
  staffId: 'staffId' in p ? p.staffId : null,
  changed: p.action === 'update' ? p.changed : [],
  errors: p.action === 'refuse' ? p.errors : [],
});

/** Staff are the people device users map to; these routes are their only writer besides the CSV import. */
export const staffRoutes: RouteGroup = {
  name: 'staff',
  register(app, { db }) {
    app.get(
      '/api/staff',
      {
        schema: {
          tags: ['staff'],
          summary: 'Staff ordered by id (search by name, employee code or card)',
          querystring: z.object({
            q: z.string().trim().min(1).max(100).optional(),
            active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
            after: intId.optional().describe('nextCursor of the previous page'),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: { 200: z.object({ items: z.array(staffRecord), nextCursor: z.int().nullable() }), ...problems(400, 401) },
        },
      },
      async (request) => {
        const q = request.query;
        const rows = await listStaff(db, { limit: q.limit + 1, ...(q.q ? { q: q.q } : {}), ...(q.active !== undefined ? { active: q.active } : {}), ...(q.after ? { after: q.after } : {}) });
        const items = rows.slice(0, q.limit);
        return { items: items.map(toStaffRecord), nextCursor: rows.length > q.limit ? items.at(-1)!.id : null };
      },
    );

    app.post(
      '/api/staff',
      { schema: { tags: ['staff'], summary: 'Create a staff member', body: staffCreateBody, response: { 201: staffRecord, ...problems(400, 401, 403, 409) } } },
      async (request, reply) => {
        const b = request.body;
        const created = await db.transaction().execute(async (trx) => {
          const row = await uniqueOr409(b.employeeCode, () => insertStaff(trx, { full_name: b.fullName, employee_code: b.employeeCode ?? null, card_number: b.cardNumber ?? null }));
          await auditAdmin(trx, request, { action: 'staff.create', targetType: 'staff', targetId: String(row.id), details: { ...b } });
          return row;
        });
        return reply.code(201).header('location', `/api/staff/${created.id}`).send(toStaffRecord(created));
      },
    );

    app.patch(
      '/api/staff/:staffId',
      { schema: { tags: ['staff'], summary: 'Edit a staff member (only the fields sent)', params: staffParams, body: staffUpdateBody, response: { 200: staffRecord, ...problems(400, 401, 403, 404, 409) } } },
      async (request) => {
        const { staffId } = request.params;
        const b = request.body;
        const updated = await db.transaction().execute(async (trx) => {
          const before = await lockStaffForUpdate(trx, staffId);
          if (!before) throw notFound(`no staff member with id ${staffId}`);
          const changes: StaffUpdate = {};
          if (b.fullName !== undefined) changes.full_name = b.fullName;
          if (b.employeeCode !== undefined) changes.employee_code = b.employeeCode;
          if (b.cardNumber !== undefined) changes.card_number = b.cardNumber;
          if (b.active !== undefined) changes.active = b.active;
          const row = await uniqueOr409(b.employeeCode, () => updateStaff(trx, staffId, changes));
          await auditAdmin(trx, request, { action: 'staff.update', targetType: 'staff', targetId: String(staffId), details: { changes: { ...b }, before: toStaffRecord(before) } });
          return row;
        });
        return toStaffRecord(updated);
      },
    );

    app.post(
      '/api/staff/:staffId/deactivate',
      {
        schema: {
          tags: ['staff'],
          summary: 'Deactivate a staff member (kept, with mappings and history; reactivate with PATCH active=true)',
          params: staffParams,
          response: { 200: staffRecord, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { staffId } = request.params;
        const updated = await db.transaction().execute(async (trx) => {
          const before = await lockStaffForUpdate(trx, staffId);
          if (!before) throw notFound(`no staff member with id ${staffId}`);
          if (!before.active) throw conflict(`staff member ${staffId} (${before.full_name}) is already inactive`);
          const row = await updateStaff(trx, staffId, { active: false });
          await auditAdmin(trx, request, { action: 'staff.deactivate', targetType: 'staff', targetId: String(staffId) });
          return row;
        });
        return toStaffRecord(updated);
      },
    );

    app.post(
      '/api/staff/import',
      {
        // A few thousand rows of CSV; every other body stays under the app's 64 KiB.
        bodyLimit: 4 * 1024 * 1024,
        schema: {
          tags: ['staff'],
          summary: 'Import staff from CSV: dry run (default) reports each row; the real run applies every valid row in one transaction',
          description:
            'Rows are keyed by employee_code: a new code is created, a known one updated (an absent card_number/active column keeps the stored value, ' +
            'an empty cell clears the card). Refused rows carry the reason per field and are not applied; the real run applies the other rows together. ' +
            'A wrong header refuses the whole file (422).',
          body: staffImportBody,
          response: { 200: staffImportResult, ...problems(400, 401, 403, 422) },
        },
      },
      async (request) => {
        const { csv, dryRun } = request.body;
        const parsed = parseStaffCsv(csv);
        const codes = [...new Set(parsed.map((r) => (r.cells['employee_code'] ?? '').trim()).filter(Boolean))];
        const plan = await db.transaction().execute(async (trx) => {
          const rows = planStaffImport(parsed, await staffByCodes(trx, codes, !dryRun));
          if (dryRun) return rows;
          const creates = rows.flatMap((p) => (p.action === 'create' ? [p] : []));
          // A concurrent create of the same code fails the whole run (409), never half-applies it.
          const created = await uniqueOr409(creates.map((p) => p.employeeCode).join(', '), () => insertStaffRows(trx, creates.map((p) => p.values)));
          const byCode = new Map(created.map((s) => [s.employee_code, s.id]));
          await updateStaffRows(trx, rows.flatMap((p) => (p.action === 'update' ? [{ ...p.values, id: p.staffId }] : [])));
          const applied = rows.map((p) => (p.action === 'create' ? { ...p, staffId: byCode.get(p.employeeCode)! } : p));
          const count = (a: ImportRowPlan['action']) => rows.filter((p) => p.action === a).length;
          await auditAdmin(trx, request, {
            action: 'staff.import',
            targetType: 'staff',
            targetId: `${count('create')} created, ${count('update')} updated`,
            details: {
              created: applied.flatMap((p) => (p.action === 'create' ? [p.staffId] : [])),
              updated: applied.flatMap((p) => (p.action === 'update' ? [p.staffId] : [])),
              refusedLines: applied.flatMap((p) => (p.action === 'refuse' ? [p.line] : [])),
            },
          });
          return applied;
        });
        const count = (a: ImportRowPlan['action']) => plan.filter((p) => p.action === a).length;
        return {
          dryRun,
          summary: { create: count('create'), update: count('update'), unchanged: count('unchanged'), refuse: count('refuse') },
          rows: plan.map(toRowReport),
        };
      },
    );
  },
};
