import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { acknowledgeAlert } from '../store/silences.js';
import { describe, expect, test } from '@platform/testkit';
import { drained, manualClock, startHarness, until } from '../testing/harness.fixture.js';

const WINDOW_SECONDS = 300;

/**
 * A disappearance alert of this test's own making (seed 000, requirement 9.3): this property is
 * about the dispatcher's timing. device-poller's real payload through this dispatcher, with its
 * dedupe by vanished set, is tested in e2e/src/disappearance-alert.int.test.ts.
 */
function disappearance(deviceId: number, missing: number[], detectedAt: Date) {
  const ids = [...missing].sort((a, b) => a - b);
  return {
    source: 'device-poller',
    type: 'device.users_disappeared',
    severity: 'high' as const,
    message: `device ${deviceId}: ${ids.length} user(s) disappeared: ${ids.join(', ')}`,
    details: { deviceId, missingUserIds: ids },
    // One incident per device and set of missing users.
    dedupeKey: `users_disappeared.${deviceId}.${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16)}`,
    occurredAt: detectedAt.toISOString(),
  };
}

describe('disappearance notification (seed 000)', () => {
  test('Feature: device-user-persistence-fix, Property 24: Disappearance Notification', async ({ db, redis, prefix }) => {
    // The dispatcher's clock moves only when the test moves it: the 60 s bound is checked on
    // the time the dispatcher itself lets pass (any hold, digest or deferral by its clock),
    // not on how slowly a loaded CI box runs the test.
    const clock = manualClock();
    const h = await startHarness({ db, redis, prefix, now: clock.now, env: { DEDUPE_WINDOW_SECONDS: String(WINDOW_SECONDS) } });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 5 }),
          fc.uniqueArray(fc.integer({ min: 1, max: 99_999 }), { minLength: 1, maxLength: 20 }),
          // The same incident seen before: never, notified longer than the window ago, or acknowledged since.
          fc.constantFrom('none', 'notified-before-window', 'acknowledged'),
          // How long before this detection, in seconds (beyond the window for the second case); 0 on
          // purpose: a notification exactly one window old no longer holds the next one back.
          fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 * 3600 })),
          fc.integer({ min: 0, max: 30_000 }), // detection -> dispatcher lag, ms
          async (deviceId, missing, history, earlierSeconds, lagMs) => {
            clock.advance(24 * 3600_000); // a fresh day per run: earlier runs' incidents are long past
            if (history !== 'none') {
              const earlier = await h.enqueue(disappearance(deviceId, missing, clock.now()));
              await drained(h.dispatcher);
              if (history === 'acknowledged') {
                const receipt = await db.selectFrom('platform.alert_receipts').select('sync_alert_id').where('alert_id', '=', earlier.alertId).executeTakeFirstOrThrow();
                await acknowledgeAlert(db, receipt.sync_alert_id, 'admin', clock.now());
              }
              clock.advance((history === 'acknowledged' ? earlierSeconds : WINDOW_SECONDS + earlierSeconds) * 1000);
            }
            const detectedAt = clock.now();
            clock.advance(lagMs);
            const before = h.sink.messages.length;
            const alert = await h.enqueue(disappearance(deviceId, missing, detectedAt));

            await until('the disappearance e-mail', () => h.sink.messages.length > before);
            const receipt = await until.value('the delivery record', async () => {
              const row = await db
                .selectFrom('platform.alert_receipts as r')
                .innerJoin('platform.sync_alerts as a', 'a.id', 'r.sync_alert_id')
                .select(['a.deliveries', 'r.round'])
                .where('r.alert_id', '=', alert.alertId)
                .executeTakeFirst();
              return row?.deliveries.email?.status === 'sent' ? row : undefined;
            });
            const mails = h.sink.messages.slice(before);
            expect(mails).toHaveLength(1);
            for (const id of missing) expect(mails[0]!.raw).toContain(String(id));
            expect(receipt.round).not.toBeNull();
            // Sent on the first attempt (no backoff) and stamped when the job ran: detection lag only.
            expect(receipt.deliveries.email).toMatchObject({ attempts: 1 });
            const deliveredAt = Date.parse(receipt.deliveries.email!.at!);
            expect(deliveredAt - detectedAt.getTime()).toBe(lagMs);
            expect(deliveredAt - detectedAt.getTime()).toBeLessThanOrEqual(60_000);
          },
        ),
        { numRuns: 100 },
      );
    } finally {
      await h.close();
    }
  });
});
