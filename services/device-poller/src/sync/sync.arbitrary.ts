import fc from 'fast-check';
import type { DeviceUser } from '@platform/zk';

/** Small valid device user sets: distinct uids and userIds, names that fit a record. */
export const deviceUsers = (max = 12) =>
  fc.uniqueArray(
    fc.record({
      uid: fc.integer({ min: 1, max: 65_535 }),
      userId: fc.integer({ min: 1, max: 999_999_999 }).map(String),
      name: fc.stringMatching(/^[A-Za-z][A-Za-z .'-]{0,23}$/),
      password: fc.constantFrom('', '1234'),
      cardNumber: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 0xffff_fffe })),
      privilege: fc.constantFrom(0, 14),
      groupId: fc.integer({ min: 0, max: 9 }),
    }),
    { minLength: 0, maxLength: max, selector: (u) => u.uid },
  ).map((us) => {
    // userIds must be distinct too; keep the first of each.
    const seen = new Set<string>();
    return us.filter((u) => !seen.has(u.userId) && seen.add(u.userId)) as DeviceUser[];
  });
