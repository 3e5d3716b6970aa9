import { z } from 'zod';
import { countHistory, latestCounts } from '../queries/monitoring.queries.js';
import { intId, isoDateTime, page, pageQuery, problems, rangeQuery, toIso } from '../schemas/common.schema.js';
import type { RouteGroup } from './route-group.js';

const deviceStatus = z.object({
  deviceId: z.int(),
  name: z.string(),
  enabled: z.boolean(),
  currentCount: z.int().nullable(),
  previousCount: z.int().nullable(),
  recordedAt: isoDateTime.nullable(),
  /**
   * decreased: users of the previous sample are missing from the latest one (seed 000
   * Requirement 9), even when as many others appeared and the count held.
   */
  status: z.enum(['ok', 'decreased', 'unreachable', 'unknown']),
  lastContactAt: isoDateTime.nullable(),
});

/** True when some id of the earlier sample is not in the later one. */
function vanishedSince(earlier: readonly (string | number)[] | null, later: readonly (string | number)[] | null): boolean {
  const now = new Set((later ?? []).map(String));
  return (earlier ?? []).some((id) => !now.has(String(id)));
}

const historyEntry = z.object({ id: z.int(), deviceId: z.int(), userCount: z.int(), userIds: z.array(z.union([z.string(), z.int()])), recordedAt: isoDateTime });

/** Seed 001 task 17: current user count and status per device, and the count history. */
export const monitoringRoutes: RouteGroup = {
  name: 'monitoring',
  register(app, { db }) {
    app.get(
      '/api/device-users/monitoring/status',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Current device user count and status per device',
          response: { 200: z.object({ items: z.array(deviceStatus) }), ...problems(401) },
        },
      },
      async () => {
        const rows = await latestCounts(db);
        const byDevice = new Map<number, typeof rows>();
        for (const row of rows) byDevice.set(row.id, [...(byDevice.get(row.id) ?? []), row]);
        const items = [...byDevice.values()].map(([latest, previous]) => {
          const current = latest!.user_count;
          const before = previous?.user_count ?? null;
          const status =
            latest!.breaker_state === 'open'
              ? 'unreachable'
              : current === null
                ? 'unknown'
                : previous && vanishedSince(previous.user_ids, latest!.user_ids)
                  ? 'decreased'
                  : 'ok';
          return {
            deviceId: latest!.id,
            name: latest!.name,
            enabled: latest!.enabled,
            currentCount: current,
            previousCount: before,
            recordedAt: toIso(latest!.recorded_at),
            status,
            lastContactAt: toIso(latest!.last_contact_at),
          } as const;
        });
        return { items };
      },
    );

    app.get(
      '/api/device-users/monitoring/history',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Device user count history in a time range (newest first)',
          querystring: z.object({ deviceId: intId.optional(), ...rangeQuery, ...pageQuery }),
          response: { 200: page(historyEntry), ...problems(400, 401) },
        },
      },
      async (request) => {
        const q = request.query;
        const { rows, total } = await countHistory(db, {
          ...q,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
        });
        return {
          items: rows.map((r) => ({
            id: r.id,
            deviceId: r.device_id,
            userCount: r.user_count,
            userIds: r.user_ids,
            recordedAt: r.recorded_at.toISOString(),
          })),
          total,
          limit: q.limit,
          offset: q.offset,
        };
      },
    );
  },
};
