import { z } from 'zod';
import { ALERT_SEVERITIES, type AlertDeliveries, type SyncAlert } from '@platform/db';
import { conflict, notFound } from '../errors.js';
import { auditAdmin } from '../plugins/audit.js';
import { adminOf } from '../plugins/auth.plugin.js';
import {
  findAlert,
  insertSilence,
  listAlerts,
  listSilences,
  lockAlert,
  lockSilence,
  markAcknowledged,
  markExpired,
  recentReceipts,
  type ReceiptRow,
  type SilenceRow,
} from '../queries/alerts.queries.js';
import { cursorPage, isoDateTime, page, pageQuery, problems, toIso } from '../schemas/common.schema.js';
import type { RouteGroup } from './route-group.js';

/** Receipts shown with one alert; `occurrences` still counts them all. */
const RECENT_OCCURRENCES = 100;
const MIN_SILENCE_SECONDS = 60;
const MAX_SILENCE_SECONDS = 30 * 24 * 3600;

// The alerts queue's own rules (packages/queues alerts.queue.ts): a source that
// could never be emitted, or a type longer than the column, is a 400 here
// rather than a silence that matches nothing. PostgreSQL rejects NUL in text
// with an error, so it is refused up front instead of becoming a 500.
const source = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be a kebab-case service name, e.g. device-poller');
const type = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100)
  .regex(/^[^\u0000]*$/, 'must not contain NUL characters');

const delivery = z.object({
  status: z.string().describe('pending | retrying | sent | failed'),
  round: z.int().nullable().describe('notification round this status belongs to'),
  attempts: z.int(),
  at: z.string().nullable().describe('time of the last attempt'),
  error: z.string().nullable().describe('error of the last failed attempt'),
  messageId: z.string().nullable(),
});

const alertRecord = z.object({
  id: z.uuid(),
  source: z.string(),
  type: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
  dedupeKey: z.string(),
  occurrences: z.int().describe('alerts folded into this row'),
  firstSeenAt: isoDateTime,
  lastSeenAt: isoDateTime,
  createdAt: isoDateTime,
  notifiedAt: isoDateTime.nullable(),
  notificationRound: z.int(),
  deliveries: z.record(z.string(), delivery).describe('per channel (log, email, webhook): state of the current round'),
  acknowledged: z.boolean(),
  acknowledgedAt: isoDateTime.nullable(),
  acknowledgedBy: z.string().nullable(),
});

const occurrence = z.object({
  alertId: z.uuid(),
  occurredAt: isoDateTime,
  receivedAt: isoDateTime,
  round: z.int().nullable().describe('round this alert opened; null when folded into an open round or muted'),
  silenceId: z.uuid().nullable().describe('the silence that muted it'),
});

const silenceRecord = z.object({
  id: z.uuid(),
  source: z.string().nullable().describe('null matches every source'),
  type: z.string().nullable().describe('null matches every type'),
  reason: z.string(),
  createdBy: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  expiredAt: isoDateTime.nullable(),
  expiredBy: z.string().nullable(),
  createdAt: isoDateTime,
  active: z.boolean(),
});

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const int = (v: unknown): number | null => (Number.isInteger(v) ? (v as number) : null);

/** `deliveries` is written by alert-dispatcher; read it leniently so an older shape never fails the response. */
function toDeliveries(deliveries: AlertDeliveries): Record<string, z.infer<typeof delivery>> {
  const entries = Object.entries(deliveries ?? {}).map(([channel, d]) => {
    const raw = (d ?? {}) as Record<string, unknown>;
    const value: z.infer<typeof delivery> = {
      status: text(raw.status) ?? 'unknown',
      round: int(raw.round),
      attempts: int(raw.attempts) ?? 0,
      at: text(raw.at),
      error: text(raw.error),
      messageId: text(raw.messageId),
    };
    return [channel, value] as const;
  });
  return Object.fromEntries(entries);
}

const toAlertRecord = (a: SyncAlert): z.infer<typeof alertRecord> => ({
  id: a.id,
  source: a.source,
  type: a.type,
  severity: a.severity,
  message: a.message,
  details: a.details,
  dedupeKey: a.dedupe_key,
  occurrences: a.occurrences,
  firstSeenAt: a.first_seen_at.toISOString(),
  lastSeenAt: a.last_seen_at.toISOString(),
  createdAt: a.created_at.toISOString(),
  notifiedAt: toIso(a.notified_at),
  notificationRound: a.notification_round,
  deliveries: toDeliveries(a.deliveries),
  acknowledged: a.acknowledged,
  acknowledgedAt: toIso(a.acknowledged_at),
  acknowledgedBy: a.acknowledged_by,
});

const toOccurrence = (r: ReceiptRow): z.infer<typeof occurrence> => ({
  alertId: r.alert_id,
  occurredAt: r.occurred_at.toISOString(),
  receivedAt: r.received_at.toISOString(),
  round: r.round,
  silenceId: r.silence_id,
});

const toSilenceRecord = (s: SilenceRow): z.infer<typeof silenceRecord> => ({
  id: s.id,
  source: s.source,
  type: s.type,
  reason: s.reason,
  createdBy: s.created_by,
  startsAt: s.starts_at.toISOString(),
  endsAt: s.ends_at.toISOString(),
  expiredAt: toIso(s.expired_at),
  expiredBy: s.expired_by,
  createdAt: s.created_at.toISOString(),
  active: s.active,
});

const silenceBody = z
  .object({
    source: source.nullish().describe('mute this emitting service (with `type`: only that type from it)'),
    type: type.nullish().describe('mute this alert type (without `source`: from every service)'),
    durationSeconds: z
      .int()
      .min(MIN_SILENCE_SECONDS, `must be at least ${MIN_SILENCE_SECONDS} seconds`)
      .max(MAX_SILENCE_SECONDS, `must be at most ${MAX_SILENCE_SECONDS} seconds (30 days)`),
    reason: z.string().trim().min(1, 'must not be empty').max(500).regex(/^[^\u0000]*$/, 'must not contain NUL characters'),
  })
  // The table's CHECK (alert_silences_matches_something) says the same; here it is a 400 naming both fields.
  .superRefine((body, ctx) => {
    if (body.source == null && body.type == null) {
      for (const field of ['source', 'type'] as const) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'set source, type or both: a silence must match something' });
      }
    }
  });

const alertId = z.object({ id: z.uuid() });

/** Issue 6: alert history (filter, one alert with its occurrences, acknowledge) and silences. */
export const alertRoutes: RouteGroup = {
  name: 'alerts',
  register(app, { db }) {
    app.get(
      '/api/alerts',
      {
        schema: {
          tags: ['alerts'],
          summary: 'List alerts, newest first (filter by open, source, type, severity, last seen since)',
          querystring: z.object({
            open: z.enum(['true', 'false']).optional().describe('true: not acknowledged; false: acknowledged; absent: both'),
            source: source.optional(),
            type: type.optional(),
            severity: z.enum(ALERT_SEVERITIES).optional(),
            since: isoDateTime.optional().describe('only alerts seen at or after this time (last_seen_at)'),
            ...pageQuery,
            after: z.uuid().optional().describe('nextCursor of the previous page (keyset: no total, offset ignored)'),
          }),
          response: { 200: cursorPage(alertRecord, z.uuid()), ...problems(400, 401) },
        },
      },
      async (request) => {
        const q = request.query;
        const { rows, total, nextCursor } = await listAlerts(db, {
          open: q.open === undefined ? undefined : q.open === 'true',
          source: q.source,
          type: q.type,
          severity: q.severity,
          since: q.since ? new Date(q.since) : undefined,
          limit: q.limit,
          offset: q.offset,
          after: q.after,
        });
        return { items: rows.map(toAlertRecord), total, limit: q.limit, offset: q.after === undefined ? q.offset : 0, nextCursor };
      },
    );

    app.get(
      '/api/alerts/:id',
      {
        schema: {
          tags: ['alerts'],
          summary: `One alert with its latest ${RECENT_OCCURRENCES} occurrences`,
          params: alertId,
          response: { 200: alertRecord.extend({ recentOccurrences: z.array(occurrence) }), ...problems(400, 401, 404) },
        },
      },
      async (request) => {
        const { id } = request.params;
        const alert = await findAlert(db, id);
        if (!alert) throw notFound(`no alert with id ${id}`);
        const receipts = await recentReceipts(db, id, RECENT_OCCURRENCES);
        return { ...toAlertRecord(alert), recentOccurrences: receipts.map(toOccurrence) };
      },
    );

    app.post(
      '/api/alerts/:id/acknowledge',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Mark an alert handled; the next alert with its key opens a new row and notifies at once',
          params: alertId,
          response: { 200: alertRecord, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const admin = adminOf(request);
        const { id } = request.params;
        const acknowledged = await db.transaction().execute(async (trx) => {
          const alert = await lockAlert(trx, id);
          if (!alert) throw notFound(`no alert with id ${id}`);
          if (alert.acknowledged) {
            throw conflict(`alert ${id} was already acknowledged by ${alert.acknowledged_by ?? 'unknown'} at ${toIso(alert.acknowledged_at)}`);
          }
          const updated = await markAcknowledged(trx, id, admin.username);
          await auditAdmin(trx, request, {
            action: 'alert.acknowledge',
            targetType: 'sync_alert',
            targetId: id,
            details: { source: alert.source, type: alert.type, severity: alert.severity, occurrences: alert.occurrences },
          });
          return updated;
        });
        return toAlertRecord(acknowledged);
      },
    );

    app.post(
      '/api/alert-silences',
      {
        schema: {
          tags: ['alerts'],
          summary: 'Mute a source and/or type for a while (muted alerts are still stored and logged)',
          body: silenceBody,
          response: { 201: silenceRecord, ...problems(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const admin = adminOf(request);
        const body = request.body;
        const silence = await db.transaction().execute(async (trx) => {
          const created = await insertSilence(trx, {
            source: body.source ?? null,
            type: body.type ?? null,
            reason: body.reason,
            createdBy: admin.username,
            durationSeconds: body.durationSeconds,
          });
          await auditAdmin(trx, request, {
            action: 'alert-silence.create',
            targetType: 'alert_silence',
            targetId: created.id,
            details: { source: created.source, type: created.type, durationSeconds: body.durationSeconds, reason: body.reason },
          });
          return created;
        });
        return reply.code(201).send(toSilenceRecord(silence));
      },
    );

    app.get(
      '/api/alert-silences',
      {
        schema: {
          tags: ['alerts'],
          summary: 'List silences: active ones unless all=true (the whole history, newest first)',
          querystring: z.object({ all: z.enum(['true', 'false']).default('false'), ...pageQuery }),
          response: { 200: page(silenceRecord), ...problems(400, 401) },
        },
      },
      async (request) => {
        const q = request.query;
        const { rows, total } = await listSilences(db, { all: q.all === 'true', limit: q.limit, offset: q.offset });
        return { items: rows.map(toSilenceRecord), total, limit: q.limit, offset: q.offset };
      },
    );

    app.post(
      '/api/alert-silences/:id/expire',
      {
        schema: {
          tags: ['alerts'],
          summary: 'End a silence now (kept in the history with who ended it)',
          params: z.object({ id: z.uuid() }),
          response: { 200: silenceRecord, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const admin = adminOf(request);
        const { id } = request.params;
        const expired = await db.transaction().execute(async (trx) => {
          const silence = await lockSilence(trx, id);
          if (!silence) throw notFound(`no silence with id ${id}`);
          if (silence.expired_at) {
            throw conflict(`silence ${id} was already expired by ${silence.expired_by ?? 'unknown'} at ${silence.expired_at.toISOString()}`);
          }
          if (silence.ended) throw conflict(`silence ${id} already ended at ${silence.ends_at.toISOString()}`);
          const updated = await markExpired(trx, id, admin.username);
          await auditAdmin(trx, request, {
            action: 'alert-silence.expire',
            targetType: 'alert_silence',
            targetId: id,
            details: { source: silence.source, type: silence.type, endsAt: silence.ends_at.toISOString() },
          });
          return updated;
        });
        return toSilenceRecord(expired);
      },
    );
  },
};
