import type { AttendanceRecord } from '../protocol/attendance-record.js';
import type { DeviceUser } from '../protocol/user-record.js';

/** mulberry32: a tiny deterministic PRNG, plenty for test data. Returns [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIRST = ['Amina', 'Bruno', 'Chen', 'Dilnoza', 'Emeka', 'Farah', 'Goran', 'Hana', 'Ivan', 'Juno', 'Kofi', 'Lena'];
const LAST = ['Okafor', 'Silva', 'Nakamura', 'Karimova', 'Novak', 'Haddad', 'Jensen', 'Moreau', 'Petrov', 'Osei'];
const PRIVILEGES = [0, 0, 0, 0, 2, 6, 14];

/** `count` valid users with uids 1..count, deterministic for a given seed. */
export function generateUsers(count: number, seed = 42): DeviceUser[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: count }, (_, i) => ({
    uid: i + 1,
    userId: String(1000 + i),
    name: `${pick(FIRST)} ${pick(LAST)}`.slice(0, 24),
    password: rnd() < 0.3 ? String(Math.floor(rnd() * 1e6)) : '',
    cardNumber: rnd() < 0.5 ? Math.floor(rnd() * 0xffff_ffff) : 0,
    privilege: pick(PRIVILEGES),
    groupId: 1 + Math.floor(rnd() * 4),
  }));
}

/**
 * `count` punches by `users`, one to ten minutes apart from `start`, in time
 * order (as a device appends them). Times are whole seconds.
 */
export function generateLogs(count: number, users: readonly DeviceUser[], seed = 42, start = new Date('2026-01-05T06:00:00Z')): AttendanceRecord[] {
  if (count > 0 && users.length === 0) throw new RangeError('attendance logs need at least one user');
  const rnd = prng(seed ^ 0x5bd1e995);
  let t = start.getTime();
  return Array.from({ length: count }, () => {
    const u = users[Math.floor(rnd() * users.length)]!;
    t += (60 + Math.floor(rnd() * 540)) * 1000;
    return { userSn: u.uid, deviceUserId: u.userId, recordTime: new Date(t), verifyType: rnd() < 0.8 ? 1 : 2, state: Math.floor(rnd() * 2) };
  });
}
