import { describe, expect, test } from '@platform/testkit';
import { createAccount, insertDevice, startApp } from './app.fixture.js';
import { BACKUP_CREATED, BACKUP_PRUNED } from './queries/backups.queries.js';

describe('backups list', () => {
  test('lists what backup-worker recorded, newest first, and hides files it has since pruned', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      const deviceId = await insertDevice(db);
      const row = (operation_type: string, details: Record<string, unknown>, occurred_at: Date) => ({
        device_id: deviceId,
        operation_type,
        device_user_id: null,
        device_user_name: null,
        performed_by: 'backup-worker',
        service_name: 'backup-worker',
        conflict_id: null,
        details,
        occurred_at,
      });
      const older = `device-${deviceId}/old.jsonl`;
      const newer = `device-${deviceId}/new.jsonl`;
      await db
        .insertInto('attendance.device_user_audit_log')
        .values([
          row(BACKUP_CREATED, { file: older, userCount: 3, sizeBytes: 300 }, new Date('2026-01-01T00:00:00Z')),
          row(BACKUP_CREATED, { file: newer, userCount: 4, sizeBytes: 400 }, new Date('2026-03-01T00:00:00Z')),
        ])
        .execute();

      const list = async () => (await app.inject({ url: `/api/device-users/backups?deviceId=${deviceId}`, headers: viewer.auth })).json();
      expect((await list()).items.map((b: { file: string }) => b.file)).toEqual([newer, older]);

      await db.insertInto('attendance.device_user_audit_log').values(row(BACKUP_PRUNED, { file: older }, new Date())).execute();
      const after = await list();
      expect(after.total).toBe(1);
      expect(after.items).toEqual([
        { deviceId, file: newer, userCount: 4, sizeBytes: 400, createdAt: '2026-03-01T00:00:00.000Z', createdBy: 'backup-worker' },
      ]);

      const admin = await createAccount(db, tokens, 'admin');
      const restorePruned = await app.inject({
        method: 'POST',
        url: `/api/device-users/backups/${encodeURIComponent(older)}/restore`,
        headers: admin.auth,
        payload: { deviceId, dryRun: true },
      });
      expect(restorePruned.statusCode).toBe(404);
    } finally {
      await close();
    }
  });
});
