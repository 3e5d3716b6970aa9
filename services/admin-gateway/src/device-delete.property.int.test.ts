import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from '@platform/testkit';
import { issueToken } from './auth/tokens.js';
import { createAccount, insertDevice, startApp } from './app.fixture.js';
import { insertBufferUser } from './seed.fixture.js';

const caller = fc.constantFrom('admin', 'viewer', 'none', 'foreign-key', 'garbage');
const action = fc.constantFrom('delete', 'sync');

describe('device user deletion', () => {
  test('Feature: device-user-persistence-fix, Property 5: Admin-Only Deletions', async ({ db, prefix }) => {
    const { app, producer, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const viewer = await createAccount(db, tokens, 'viewer');
      const forged = (await issueToken({ ...tokens, secret: randomBytes(32) }, { ...admin })).token;
      const headers: Record<string, Record<string, string>> = {
        admin: admin.auth,
        viewer: viewer.auth,
        none: {},
        'foreign-key': { authorization: `Bearer ${forged}` },
        garbage: { authorization: 'Bearer x.y.z' },
      };
      const deviceId = await insertDevice(db);
      const commands = producer.queue('device-commands');
      let next = 1;
      await fc.assert(
        fc.asyncProperty(caller, action, fc.string({ minLength: 1, maxLength: 40 }).filter((r) => r.trim() !== ''), async (who, what, reason) => {
          const deviceUserId = String(next++);
          await insertBufferUser(db, { device_id: deviceId, device_user_id: deviceUserId, name: 'user' });
          const before = await commands.getJobs(['waiting', 'delayed', 'prioritized']);
          const res =
            what === 'delete'
              ? await app.inject({
                  method: 'DELETE',
                  url: `/api/devices/${deviceId}/users/${deviceUserId}`,
                  query: { reason },
                  headers: headers[who],
                })
              : await app.inject({ method: 'POST', url: `/api/devices/${deviceId}/sync`, headers: headers[who] });
          const after = await commands.getJobs(['waiting', 'delayed', 'prioritized']);
          const added = after.filter((job) => !before.some((b) => b.id === job.id));
          const audit = await db
            .selectFrom('attendance.device_user_audit_log')
            .selectAll()
            .where('device_user_id', '=', deviceUserId)
            .where('operation_type', '=', 'user_delete_requested')
            .execute();

          if (what === 'delete' && who === 'admin') {
            expect(res.statusCode).toBe(202);
            expect(added).toHaveLength(1);
            expect(added[0]!.name).toBe('delete-user');
            expect(added[0]!.data).toMatchObject({
              deviceId,
              deviceUserId,
              reason: reason.trim(),
              requestedBy: { adminId: admin.adminId, username: admin.username },
            });
            expect(audit).toEqual([expect.objectContaining({ performed_by: admin.username })]);
            expect(res.json().statusUrl).toBe(`/api/jobs/device-commands/${added[0]!.id}`);
          } else {
            // Anyone else, and a sync by anyone, never produces a device-user deletion.
            expect(added).toHaveLength(0);
            expect(audit).toHaveLength(0);
            if (what === 'delete') expect(res.statusCode).toBe(who === 'viewer' ? 403 : 401);
          }
        }),
        { numRuns: 100 },
      );
    } finally {
      await close();
    }
  });
});
