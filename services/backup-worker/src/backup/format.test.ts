import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { deviceUsersArb, sampleMeta, templatesArb } from '../testing/users.fixture.js';
import { CorruptBackupError } from './errors.js';
import { parseBackup, serializeBackup } from './format.js';

const users = [
  { uid: 1, userId: '1001', name: 'Ana Lima', password: '1234', cardNumber: 4_000_000_000, privilege: 14, groupId: 1 },
  { uid: 2, userId: '1002', name: 'x'.repeat(24), password: '', cardNumber: 0, privilege: 0, groupId: 0 },
];

describe('backup format', () => {
  test('round-trips every field of every user and every template byte, ordered by slot, with the header counts', () => {
    fc.assert(
      fc.property(
        deviceUsersArb().chain((list) => fc.tuple(fc.constant(list), templatesArb(list))),
        ([list, templates]) => {
          const parsed = parseBackup(serializeBackup(sampleMeta, list, templates), 'f');
          expect(parsed.users).toEqual([...list].sort((a, b) => a.uid - b.uid));
          expect(parsed.templates.map((t) => [t.uid, t.finger, t.flag, t.template.toString('hex')])).toEqual(
            templates.map((t) => [t.uid, t.finger, t.flag, t.template.toString('hex')]),
          );
          expect(parsed.header).toMatchObject({ ...sampleMeta, format: 'platform.device-users', formatVersion: 2, userCount: list.length, templateCount: templates.length });
        },
      ),
      { numRuns: 100 },
    );
  });

  test('a version 1 file (written before templates) still parses: its users, no templates', () => {
    const body = users.map((u) => `${JSON.stringify(u)}\n`).join('');
    const unsigned = { format: 'platform.device-users', formatVersion: 1, ...sampleMeta, userCount: users.length };
    const sha256 = createHash('sha256').update(`${JSON.stringify(unsigned)}\n`).update(body).digest('hex');
    const parsed = parseBackup(Buffer.from(`${JSON.stringify({ ...unsigned, sha256 })}\n${body}`), 'v1.jsonl');
    expect(parsed.header.formatVersion).toBe(1);
    expect(parsed.users).toEqual(users);
    expect(parsed.templates).toEqual([]);
  });

  test('rejects the file cut at every possible length', () => {
    const bytes = serializeBackup(sampleMeta, users, [{ uid: 2, finger: 3, flag: 1, template: Buffer.from('SS21 template') }]);
    for (let cut = 0; cut < bytes.length; cut++) {
      expect(() => parseBackup(bytes.subarray(0, cut), 'cut.jsonl'), `cut at ${cut}`).toThrow(CorruptBackupError);
    }
  });

  test('rejects a whole user line removed even though every line is intact', () => {
    const text = serializeBackup(sampleMeta, users).toString();
    const withoutLast = text.split('\n').slice(0, -2).join('\n') + '\n';
    expect(() => parseBackup(Buffer.from(withoutLast), 'f')).toThrow(/checksum mismatch/);
  });

  test('rejects any single changed byte, in the header or in a user', () => {
    const bytes = serializeBackup(sampleMeta, users);
    fc.assert(
      fc.property(fc.nat({ max: bytes.length - 2 }), fc.integer({ min: 1, max: 255 }), (at, delta) => {
        const tampered = Buffer.from(bytes);
        tampered[at] = (tampered[at]! + delta) % 256;
        expect(() => parseBackup(tampered, 'f')).toThrow(CorruptBackupError);
      }),
      { numRuns: 300 },
    );
  });

  test('names the problem: another device id in the header is a checksum failure, not a silent restore', () => {
    const text = serializeBackup(sampleMeta, users).toString().replace('"deviceId":7', '"deviceId":8');
    expect(() => parseBackup(Buffer.from(text), 'device-7/x.jsonl')).toThrow(
      'backup device-7/x.jsonl is corrupt or truncated: checksum mismatch (the file was changed or cut off)',
    );
    expect(() => parseBackup(Buffer.alloc(0), 'e')).toThrow(/the file is empty/);
  });
});
