import fc from 'fast-check';
import { describe, expect, test } from '@platform/testkit';
import { MAPPING_STATUSES } from '@platform/db';
import { cleanupBuffer } from './cleanup-buffer.job.js';

const F = 'Feature: device-user-persistence-fix';
const DAY_MS = 86_400_000;
let n = 0;

describe('buffer retention', () => {
  test(`${F}, Property 8: Buffer Retention Policy`, async ({ db }) => {
    const device = await db.insertInto('platform.devices').values({ name: 'p8', host: '127.0.0.1' }).returning('id').executeTakeFirstOrThrow();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 90, max: 365 }).chain((days) =>
          fc.tuple(
            fc.constant(days),
            fc.array(
              fc.record({
                // Ages in ms, with the boundary itself and its neighbours drawn on purpose
                // (a random age would land on them about never).
                ageMs: fc.oneof(
                  fc.integer({ min: 0, max: 400 * DAY_MS }),
                  fc.constantFrom(days * DAY_MS - 1, days * DAY_MS, days * DAY_MS + 1, 90 * DAY_MS, 90 * DAY_MS + 1),
                ),
                status: fc.constantFrom(...MAPPING_STATUSES),
              }),
              { minLength: 1, maxLength: 10 },
            ),
          ),
        ),
        async ([days, rows]) => {
          // One instant for the rows' ages and the job: the boundary is exact, not "about now".
          const now = new Date(Date.UTC(2026, 5, 1) + (++n % 1000) * 1_013);
          const ids = rows.map(() => String(++n));
          await db.deleteFrom('attendance.device_user_buffer').execute();
          await db
            .insertInto('attendance.device_user_buffer')
            .values(rows.map((r, i) => ({ device_id: device.id, device_user_id: ids[i]!, uid: (n % 60_000) + 1 + i, mapping_status: r.status, last_seen_at: new Date(now.getTime() - r.ageMs) })))
            .execute();
          const { purged } = await cleanupBuffer(db, days, 'test', now);
          const left = new Set((await db.selectFrom('attendance.device_user_buffer').select('device_user_id').execute()).map((r) => r.device_user_id));
          let expectedPurged = 0;
          for (const [i, r] of rows.entries()) {
            // Inclusive retention: a row exactly `days` days old is kept; older unmapped rows go.
            const old = r.ageMs > days * DAY_MS;
            if (r.ageMs <= 90 * DAY_MS || !old || r.status !== 'unmapped') expect(left.has(ids[i]!)).toBe(true);
            else { expect(left.has(ids[i]!)).toBe(false); expectedPurged++; }
          }
          expect(purged).toBe(expectedPurged);
        },
      ),
      { numRuns: 100 },
    );
    await expect(cleanupBuffer(db, 89, 'test')).rejects.toThrow(/at least 90 days/);
  });
});
