import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, test } from '@platform/testkit';
import { MAPPING_STATUSES } from '@platform/db';
import { cleanupBuffer } from './cleanup-buffer.job.js';

const F = 'Feature: device-user-persistence-fix';
let n = 0;

describe('buffer retention', () => {
  test(`${F}, Property 8: Buffer Retention Policy`, async ({ db }) => {
    const device = await db.insertInto('platform.devices').values({ name: 'p8', host: '127.0.0.1' }).returning('id').executeTakeFirstOrThrow();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ ageHours: fc.integer({ min: 0, max: 400 * 24 }), status: fc.constantFrom(...MAPPING_STATUSES) }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 90, max: 365 }),
        async (rows, days) => {
          const ids = rows.map(() => String(++n));
          await db.deleteFrom('attendance.device_user_buffer').execute();
          await db
            .insertInto('attendance.device_user_buffer')
            .values(rows.map((r, i) => ({ device_id: device.id, device_user_id: ids[i]!, uid: (n % 60_000) + 1 + i, mapping_status: r.status, last_seen_at: sql<Date>`now() - make_interval(hours => ${r.ageHours}::int)` })))
            .execute();
          const { purged } = await cleanupBuffer(db, days, 'test');
          const left = new Set((await db.selectFrom('attendance.device_user_buffer').select('device_user_id').execute()).map((r) => r.device_user_id));
          let expectedPurged = 0;
          for (const [i, r] of rows.entries()) {
            const old = r.ageHours > days * 24;
            // Within the window (and always within 90 days) nothing goes; only old unmapped rows do.
            if (r.ageHours <= 90 * 24 || !old || r.status !== 'unmapped') expect(left.has(ids[i]!)).toBe(true);
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
