import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type ZkEmulator } from '../emulator/emulator.js';
import { generateUsers } from '../emulator/seed.js';
import { MAX_TEMPLATE_SIZE, decodeTemplateDataset, encodeTemplateDataset, type FingerTemplate } from '../protocol/template-record.js';
import { DeviceClient } from './device-client.js';
import { DeviceRejectedError, IncompleteReadError } from './errors.js';

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());

const client = () =>
  new DeviceClient({ deviceId: 'ai06-fp', host: '127.0.0.1', port: emu.port, timezone: 'UTC', resilience: { attempts: 1 } });

/** Fingers for the first `users` uids, sizes hitting 1 and the v10 maximum on purpose. */
function templatesFor(uids: number[], seed: number): FingerTemplate[] {
  const out: FingerTemplate[] = [];
  let x = seed;
  for (const uid of uids) {
    for (const finger of [0, 5, 9].slice(0, 1 + (uid % 3))) {
      x = (x * 1_103_515_245 + 12_345) >>> 0;
      const size = [1, MAX_TEMPLATE_SIZE, 1 + (x % 900)][x % 3]!;
      out.push({ uid, finger, flag: [0, 1, 3][x % 3]!, template: Buffer.alloc(size, x & 0xff) });
    }
  }
  return out;
}

describe.each(['chunked', 'single'] as const)('templates over the %s reply form', (form) => {
  test.each([0, 1, 300])('reads every template of %i fingered users, byte for byte', async (n) => {
    emu.replyForm = form;
    const users = generateUsers(Math.max(n, 1), n + 1);
    emu.state.replace(users, []);
    const expected = templatesFor(users.slice(0, n).map((u) => u.uid), n);
    for (const t of expected) emu.state.setTemplate(t);
    const got = await client().getTemplates();
    expect(got.map((t) => [t.uid, t.finger, t.flag, t.template.toString('hex')])).toEqual(
      expected.map((t) => [t.uid, t.finger, t.flag, t.template.toString('hex')]),
    );
  });
});

test('a short template list is an IncompleteReadError, never fewer fingers', async () => {
  emu.replyForm = 'chunked';
  const users = generateUsers(40, 9);
  emu.state.replace(users, []);
  for (const t of templatesFor(users.map((u) => u.uid), 9)) emu.state.setTemplate(t);
  emu.faults.truncateNextBulk();
  await expect(client().getTemplates()).rejects.toBeInstanceOf(IncompleteReadError);
  await expect(client().getTemplates()).resolves.toHaveLength(emu.state.templateCount);
});

test('writeTemplates stores fingers for an existing user; a missing user is refused', async () => {
  const users = generateUsers(3, 4);
  emu.state.replace(users, []);
  const fingers = templatesFor([users[1]!.uid, users[1]!.uid], 3).slice(0, 2);
  await client().writeTemplates(users[1]!.userId, fingers);
  expect(emu.state.templates.map((t) => [t.finger, t.template.toString('hex')])).toEqual(fingers.map((t) => [t.finger, t.template.toString('hex')]));
  await expect(client().writeTemplates('999999', fingers)).rejects.toBeInstanceOf(DeviceRejectedError);
});

test('the template dataset codec round-trips and refuses a cut entry', () => {
  const template = fc.record({
    uid: fc.integer({ min: 1, max: 65_535 }),
    finger: fc.integer({ min: 0, max: 9 }),
    flag: fc.constantFrom(0, 1, 3),
    template: fc.uint8Array({ minLength: 1, maxLength: MAX_TEMPLATE_SIZE }).map((a) => Buffer.from(a)),
  });
  fc.assert(
    fc.property(fc.array(template, { maxLength: 20 }), (ts) => {
      const encoded = encodeTemplateDataset(ts);
      expect(decodeTemplateDataset(encoded)).toEqual(ts);
      if (ts.length > 0) {
        const cut = Buffer.from(encoded.subarray(0, encoded.length - 1));
        cut.writeUInt32LE(cut.length - 4, 0);
        expect(() => decodeTemplateDataset(cut)).toThrow(RangeError);
      }
    }),
    { numRuns: 100 },
  );
});
