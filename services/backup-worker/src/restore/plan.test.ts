import { describe, expect, test } from 'vitest';
import type { DeviceUser } from '@platform/zk';
import { planRestore } from './plan.js';

const u = (uid: number, userId: string, extra: Partial<DeviceUser> = {}): DeviceUser => ({
  uid, userId, name: `user ${userId}`, password: '', cardNumber: 0, privilege: 0, groupId: 0, ...extra,
});

describe('planRestore', () => {
  test('adds missing users, changes differing ones, leaves equal and device-only users alone', () => {
    const backup = [u(1, '11'), u(2, '12', { name: 'old name', cardNumber: 5 }), u(3, '13')];
    const device = [u(2, '12', { name: 'new name' }), u(3, '13'), u(9, '99')];
    const plan = planRestore(backup, device);
    expect(plan.add).toEqual([u(1, '11')]);
    expect(plan.change).toEqual([{ current: device[0], target: backup[1], fields: ['name', 'cardNumber'] }]);
    expect(plan).toMatchObject({ unchanged: 1, deviceOnly: 1, skipped: [] });
  });

  test('never writes over a slot that now holds someone else', () => {
    const plan = planRestore([u(5, '55')], [u(5, '77')]);
    expect(plan.add).toEqual([]);
    expect(plan.skipped).toEqual([{ user: u(5, '55'), reason: 'slot 5 now holds user id 77; restoring would overwrite them' }]);
  });

  test('keeps the device slot of a user who moved, and skips ambiguous user ids', () => {
    const moved = planRestore([u(5, '55', { name: 'a' })], [u(8, '55', { name: 'b' })]);
    expect(moved.change).toEqual([{ current: u(8, '55', { name: 'b' }), target: u(8, '55', { name: 'a' }), fields: ['name'] }]);
    const twiceOnDevice = planRestore([u(1, '11')], [u(2, '11'), u(3, '11')]);
    expect(twiceOnDevice.skipped[0]?.reason).toMatch(/in 2 slots on the device/);
    const twiceInBackup = planRestore([u(1, '11'), u(2, '11')], []);
    expect(twiceInBackup.add).toEqual([]);
    expect(twiceInBackup.skipped).toHaveLength(2);
  });
});
