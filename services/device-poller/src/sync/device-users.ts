import type { DeviceUser } from '@platform/zk';

/** A device user as the buffer stores it. */
export interface BufferInput {
  deviceUserId: string;
  uid: number;
  name: string;
  /** Device card 0 means "no card": NULL here, so it compares equal to a staff row without one. */
  cardNumber: string | null;
  privilege: number;
  groupId: number;
}

export interface RejectedUser {
  uid: number;
  deviceUserId: string;
  reason: string;
}

/**
 * Splits a device's user list into rows the buffer can hold and rows it
 * cannot, so one bad record never fails the batch around it. A repeated
 * `userId` keeps the lowest uid (devices list users in uid order): two slots
 * for one PIN is a device-side problem an admin has to look at.
 */
export function partitionUsers(users: readonly DeviceUser[]): { valid: BufferInput[]; rejected: RejectedUser[] } {
  const valid: BufferInput[] = [];
  const rejected: RejectedUser[] = [];
  const seen = new Map<string, number>();
  for (const u of [...users].sort((a, b) => a.uid - b.uid)) {
    if (!/^\d{1,9}$/.test(u.userId)) {
      rejected.push({ uid: u.uid, deviceUserId: u.userId.slice(0, 9), reason: `userId must be 1-9 digits, got ${JSON.stringify(u.userId)}` });
      continue;
    }
    const first = seen.get(u.userId);
    if (first !== undefined) {
      rejected.push({ uid: u.uid, deviceUserId: u.userId, reason: `userId ${u.userId} also used by uid ${first}; kept uid ${first}` });
      continue;
    }
    seen.set(u.userId, u.uid);
    valid.push({
      deviceUserId: u.userId,
      uid: u.uid,
      name: u.name,
      cardNumber: u.cardNumber === 0 ? null : String(u.cardNumber),
      privilege: u.privilege,
      groupId: u.groupId,
    });
  }
  return { valid, rejected };
}

/** Consecutive slices of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
