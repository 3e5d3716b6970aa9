import type { DeviceUser } from '@platform/zk';

/** Fields a restore compares and writes; `uid` is the slot, not data (see `planRestore`). */
export const USER_FIELDS = ['userId', 'name', 'password', 'cardNumber', 'privilege', 'groupId'] as const;
export type UserField = (typeof USER_FIELDS)[number];

export interface PlannedChange {
  /** The device's current record (its slot is kept). */
  current: DeviceUser;
  /** What will be written: the backup's fields in the current slot. */
  target: DeviceUser;
  fields: UserField[];
}

export interface SkippedUser {
  user: DeviceUser;
  reason: string;
}

export interface RestorePlan {
  /** Backup users absent from the device, written into their backed-up slot. */
  add: DeviceUser[];
  /** Backup users present with different data. */
  change: PlannedChange[];
  /** Backup users the restore cannot write without overwriting someone else. */
  skipped: SkippedUser[];
  unchanged: number;
  /** Users only on the device: never touched (a restore never deletes). */
  deviceOnly: number;
}

/**
 * What restoring `backup` onto a device holding `device` would do. Users are
 * matched by `userId` (the PIN people know), not by slot: a slot reused by a
 * different person since the backup must not be overwritten, because
 * overwriting a slot deletes whoever is in it now.
 */
export function planRestore(backup: readonly DeviceUser[], device: readonly DeviceUser[]): RestorePlan {
  const byUserId = new Map<string, DeviceUser[]>();
  for (const u of device) byUserId.set(u.userId, [...(byUserId.get(u.userId) ?? []), u]);
  const slotOwner = new Map(device.map((u) => [u.uid, u]));
  const plan: RestorePlan = { add: [], change: [], skipped: [], unchanged: 0, deviceOnly: 0 };
  const seen = new Set<string>();
  const inBackup = new Map<string, number>();
  for (const u of backup) inBackup.set(u.userId, (inBackup.get(u.userId) ?? 0) + 1);

  for (const wanted of backup) {
    seen.add(wanted.userId);
    if (inBackup.get(wanted.userId)! > 1) {
      // Matching by user id is ambiguous here; guessing could write one person over another.
      plan.skipped.push({ user: wanted, reason: `user id ${wanted.userId} appears in ${inBackup.get(wanted.userId)} slots of the backup; restore it by hand` });
      continue;
    }
    const matches = byUserId.get(wanted.userId) ?? [];
    if (matches.length > 1) {
      plan.skipped.push({ user: wanted, reason: `user id ${wanted.userId} is in ${matches.length} slots on the device (${matches.map((m) => m.uid).join(', ')}); resolve that first` });
      continue;
    }
    const current = matches[0];
    if (!current) {
      const occupant = slotOwner.get(wanted.uid);
      if (occupant) {
        plan.skipped.push({ user: wanted, reason: `slot ${wanted.uid} now holds user id ${occupant.userId}; restoring would overwrite them` });
      } else {
        plan.add.push(wanted);
      }
      continue;
    }
    const fields = USER_FIELDS.filter((f) => current[f] !== wanted[f]);
    if (fields.length === 0) plan.unchanged++;
    else plan.change.push({ current, target: { ...wanted, uid: current.uid }, fields });
  }
  plan.deviceOnly = device.filter((u) => !seen.has(u.userId)).length;
  return plan;
}
