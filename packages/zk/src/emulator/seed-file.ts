import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { AttendanceRecord } from '../protocol/attendance-record.js';
import type { DeviceUser } from '../protocol/user-record.js';
import { InvalidSeedError } from './device-state.js';

const userSchema = z.object({
  uid: z.number().int(),
  userId: z.string(),
  name: z.string(),
  password: z.string().default(''),
  cardNumber: z.number().int().default(0),
  privilege: z.number().int().default(0),
  groupId: z.number().int().default(1),
});

const logSchema = z.object({
  userSn: z.number().int(),
  deviceUserId: z.string(),
  recordTime: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
  verifyType: z.number().int().default(1),
  state: z.number().int().default(0),
});

const seedSchema = z.object({ users: z.array(userSchema).default([]), logs: z.array(logSchema).default([]) });

/**
 * Reads a JSON seed: `{ "users": [DeviceUser...], "logs": [{ userSn, deviceUserId,
 * recordTime: ISO-8601 with offset, verifyType, state }] }`.
 */
export async function readSeedFile(path: string): Promise<{ users: DeviceUser[]; logs: AttendanceRecord[] }> {
  const parsed = seedSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new InvalidSeedError(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
