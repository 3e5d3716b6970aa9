import type { FastifyRequest } from 'fastify';
import type { AdminOutcome, Database, Kysely, Transaction } from '@platform/db';
import { adminOf } from './auth.plugin.js';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  outcome?: AdminOutcome;
  details?: Record<string, unknown>;
}

/**
 * Writes one `platform.admin_audit_log` row for the calling admin. Pass the
 * transaction of the change it records so the two commit or vanish together.
 *
 * @example
 * await auditAdmin(trx, request, { action: 'buffer.map', targetType: 'device_user_buffer', targetId: String(id) });
 */
export async function auditAdmin(
  db: Kysely<Database> | Transaction<Database>,
  request: FastifyRequest,
  entry: AuditEntry,
): Promise<void> {
  const admin = adminOf(request);
  await db
    .insertInto('platform.admin_audit_log')
    .values({
      actor: admin.username,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      outcome: entry.outcome ?? 'succeeded',
      request_id: request.id,
      details: { adminId: admin.adminId, role: admin.role, ...entry.details },
    })
    .execute();
}
