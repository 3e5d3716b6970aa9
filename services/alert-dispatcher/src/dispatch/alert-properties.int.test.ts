import fc from 'fast-check';
import { describe, expect, test } from '@platform/testkit';
import { manualClock, RECIPIENTS, startHarness, until } from '../testing/harness.fixture.js';

const alertArb = fc.record({
  source: fc.stringMatching(/^[a-z][a-z0-9-]{1,20}$/),
  type: fc.stringMatching(/^[a-z][a-z0-9._]{0,40}$/),
  severity: fc.constantFrom('high' as const, 'medium' as const, 'low' as const),
  message: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }).filter((m) => m.trim().length > 0),
  details: fc.option(fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.oneof(fc.integer(), fc.string({ maxLength: 20 }), fc.boolean())), {
    nil: undefined,
  }),
  dedupeKey: fc.option(fc.stringMatching(/^[a-z0-9.]{1,40}$/), { nil: undefined }),
});

const LEVEL = { high: 'error', medium: 'warn', low: 'info' };

describe('alert delivery properties (seed 002)', () => {
  test('Feature: sync-reliability-enhancement, Property 11: Alert console logging', async ({ db, redis, prefix }) => {
    const clock = manualClock();
    const h = await startHarness({ db, redis, prefix, now: clock.now });
    try {
      await fc.assert(
        fc.asyncProperty(alertArb, async (input) => {
          const alert = await h.enqueue(input);
          const mine = () => h.lines.filter((l) => (l.alert as { alertId?: string } | undefined)?.alertId === alert.alertId);
          await until('the alert log line', () => mine().length > 0);
          const [line, ...more] = mine();
          expect(more).toEqual([]);
          expect(line).toMatchObject({ level: LEVEL[input.severity], msg: input.message, alert: { severity: input.severity, source: input.source, type: input.type } });
          expect(Number.isNaN(Date.parse(String(line!.time)))).toBe(false);
          expect(String(line!.time)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        }),
        { numRuns: 100 },
      );
    } finally {
      await h.close();
    }
  });

  test('Feature: sync-reliability-enhancement, Property 12: Email alert sending', async ({ db, redis, prefix }) => {
    const clock = manualClock();
    const h = await startHarness({ db, redis, prefix, now: clock.now, env: { DEDUPE_WINDOW_SECONDS: '300' } });
    try {
      await fc.assert(
        fc.asyncProperty(alertArb, async (input) => {
          // Each alert arrives after the previous one's dedupe window, so every one is a new notification
          // even when fast-check repeats a dedupe key or a message.
          clock.advance(301_000);
          const before = h.sink.messages.length;
          const alert = await h.enqueue({ ...input, occurredAt: clock.now().toISOString() });
          await until('the alert e-mail', () => h.sink.messages.length > before);
          await until('the delivery record', async () => {
            const row = await db
              .selectFrom('platform.alert_receipts as r')
              .innerJoin('platform.sync_alerts as a', 'a.id', 'r.sync_alert_id')
              .select('a.deliveries')
              .where('r.alert_id', '=', alert.alertId)
              .executeTakeFirst();
            return row?.deliveries.email?.status === 'sent';
          });
          const mails = h.sink.messages.slice(before);
          expect(mails).toHaveLength(1);
          const mail = mails[0]!;
          expect(mail.to).toEqual(RECIPIENTS);
          expect(mail.subject).toContain(`[${input.severity.toUpperCase()}] ${input.source}: ${input.type}`);
          expect(mail.raw.length).toBeGreaterThan(0);
        }),
        { numRuns: 100 },
      );
    } finally {
      await h.close();
    }
  });
});
