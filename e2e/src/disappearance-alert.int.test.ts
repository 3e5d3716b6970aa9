/*
 * A disappearance, poller to mailbox: device-poller's real sync reads the emulator, raises its
 * own `device.users_disappeared` payload on the alerts queue, and alert-dispatcher's real worker
 * stores, groups and e-mails it. Neither side's shape is restated here, so a change to the
 * payload or to the dedupe rule on either side shows up in this test.
 */
import { afterAll, beforeAll } from 'vitest';
import { describe, expect, test } from '@platform/testkit';
import { generateUsers, startEmulator, type ZkEmulator } from '@platform/zk';
import { drained, manualClock, startHarness, until, type Harness } from '../../services/alert-dispatcher/src/testing/harness.fixture.js';
import { addDevice, makeDeps } from '../../services/device-poller/src/poller.fixture.js';
import { syncDevice, type SyncDeps } from '../../services/device-poller/src/sync/sync-device.job.js';
import type { Database, Kysely } from '@platform/db';

const WINDOW_SECONDS = 300;

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ users: generateUsers(20, 3), replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());

/** One poll; returns the alert receipt the dispatcher stored for it (null when nothing vanished). */
async function poll(deps: SyncDeps, deviceId: number, h: Harness, db: Kysely<Database>) {
  const summary = await syncDevice(deps, { deviceId, trigger: 'scheduled' });
  if (summary.alertJobId === null) return { summary, receipt: null };
  const job = await h.dispatcher.producer.queue('alerts').getJob(summary.alertJobId);
  const alertId = (job!.data as { alertId: string }).alertId;
  const receipt = await until.value('the dispatcher to record the alert', () =>
    db
      .selectFrom('platform.alert_receipts as r')
      .innerJoin('platform.sync_alerts as a', 'a.id', 'r.sync_alert_id')
      .select(['r.round', 'a.id as rowId', 'a.occurrences', 'a.dedupe_key', 'a.details'])
      .where('r.alert_id', '=', alertId)
      .executeTakeFirst(),
  );
  await drained(h.dispatcher);
  return { summary, receipt };
}

describe('disappearance alert, poller to dispatcher', () => {
  test("the poller's payload notifies a new set, counts the same set inside the window (not acknowledged), notifies a different set", async ({ db, redis, prefix }) => {
    const clock = manualClock();
    const h = await startHarness({ db, redis, prefix, now: clock.now, env: { DEDUPE_WINDOW_SECONDS: String(WINDOW_SECONDS) } });
    const { deps, producer } = makeDeps(db, redis, prefix);
    try {
      const deviceId = await addDevice(db, emu, `vanish-${prefix}`);
      const all = [...emu.state.users];
      const byId = (ids: string[]) => all.filter((u) => ids.includes(u.userId));
      expect((await poll(deps, deviceId, h, db)).receipt).toBeNull(); // the first set recorded

      // 1. A set vanishes: one e-mail naming every id.
      const first = ['1004', '1009'];
      emu.state.removeUsersById(first);
      const a = await poll(deps, deviceId, h, db);
      expect(a.summary.vanished).toEqual(first);
      expect(a.receipt).toMatchObject({ round: 1, occurrences: 1, details: { deviceId, vanishedIds: first } });
      await until('the first e-mail', () => h.sink.messages.length === 1);
      for (const id of first) expect(h.sink.messages[0]!.raw).toContain(id);

      // 2. They come back, and the very same set vanishes again a minute later, nobody having
      //    acknowledged the alert: counted on the open row, not sent again.
      for (const u of byId(first)) emu.state.addUser(u);
      expect((await poll(deps, deviceId, h, db)).receipt).toBeNull();
      clock.advance(60_000);
      emu.state.removeUsersById(first);
      const b = await poll(deps, deviceId, h, db);
      expect(b.summary.vanished).toEqual(first);
      expect(b.receipt).toMatchObject({ round: null, rowId: a.receipt!.rowId, occurrences: 2, dedupe_key: a.receipt!.dedupe_key });
      expect(h.sink.messages).toHaveLength(1);

      // 3. A different set inside the same window: a new incident, notified at once.
      clock.advance(60_000);
      emu.state.removeUsersById(['1013']);
      const c = await poll(deps, deviceId, h, db);
      expect(c.summary.vanished).toEqual(['1013']);
      expect(c.receipt).toMatchObject({ round: 1, occurrences: 1 });
      expect(c.receipt!.rowId).not.toBe(a.receipt!.rowId);
      await until('the second e-mail', () => h.sink.messages.length === 2);
      expect(h.sink.messages[1]!.raw).toContain('1013');

      // 4. A set that overlaps the first one but is not it (a superset) is also new.
      for (const u of byId(first)) emu.state.addUser(u);
      expect((await poll(deps, deviceId, h, db)).receipt).toBeNull();
      emu.state.removeUsersById([...first, '1017']);
      const d = await poll(deps, deviceId, h, db);
      expect(d.receipt).toMatchObject({ round: 1, occurrences: 1 });
      await until('the third e-mail', () => h.sink.messages.length === 3);

      // 5. The first set again once its window has passed: notified again, carrying the count.
      for (const u of byId([...first, '1017'])) emu.state.addUser(u);
      expect((await poll(deps, deviceId, h, db)).receipt).toBeNull();
      clock.advance(WINDOW_SECONDS * 1000);
      emu.state.removeUsersById(first);
      const e = await poll(deps, deviceId, h, db);
      expect(e.receipt).toMatchObject({ round: 2, rowId: a.receipt!.rowId, occurrences: 3 });
      await until('the fourth e-mail', () => h.sink.messages.length === 4);
      expect(h.sink.messages[3]!.subject).toContain('(x3)');
    } finally {
      await producer.close();
      await h.close();
    }
  });
});
