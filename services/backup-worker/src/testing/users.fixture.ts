import fc from 'fast-check';
import { byUidFinger, MAX_TEMPLATE_SIZE, type DeviceUser, type FingerTemplate } from '@platform/zk';

const printable = (max: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: max });

/** Device users as the client returns them: unique slots and unique user ids, every field within range. */
export const deviceUsersArb = (maxLength = 30): fc.Arbitrary<DeviceUser[]> =>
  fc.uniqueArray(
    fc.record({
      uid: fc.integer({ min: 1, max: 65_535 }),
      userId: fc.integer({ min: 1, max: 999_999_999 }).map(String),
      name: printable(24),
      password: printable(8),
      cardNumber: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff_ffff })),
      privilege: fc.constantFrom(0, 2, 6, 14),
      groupId: fc.integer({ min: 0, max: 255 }),
    }),
    { maxLength, selector: (u) => u.uid },
  ).map((users) => {
    // Unique user ids too: a device with one PIN in two slots is a separate, explicit case.
    const seen = new Set<string>();
    return users.filter((u) => !seen.has(u.userId) && seen.add(u.userId));
  });

export const sampleMeta = {
  deviceId: 7,
  deviceName: 'front door',
  host: '127.0.0.1',
  port: 4370,
  createdAt: '2026-11-22T10:15:30.123Z',
  trigger: 'manual' as const,
  commandKey: null,
  reason: null,
  appVersion: 'test',
};

/** Fingerprint templates for some of `users`' slots: sizes 1 and the v10 maximum on purpose. */
export const templatesArb = (users: readonly DeviceUser[]): fc.Arbitrary<FingerTemplate[]> =>
  users.length === 0
    ? fc.constant([])
    : fc
        .uniqueArray(
          fc.record({
            uid: fc.constantFrom(...users.map((u) => u.uid)),
            finger: fc.integer({ min: 0, max: 9 }),
            flag: fc.constantFrom(0, 1, 3),
            template: fc
              .oneof(fc.integer({ min: 1, max: 64 }), fc.constant(MAX_TEMPLATE_SIZE), fc.constant(1))
              .chain((n) => fc.uint8Array({ minLength: n, maxLength: n }))
              .map((a) => Buffer.from(a)),
          }),
          { maxLength: 12, selector: (t) => `${t.uid}:${t.finger}` },
        )
        .map((ts) => ts.sort(byUidFinger));
