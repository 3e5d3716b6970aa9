import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { DeviceUser } from '@platform/zk';
import { CorruptBackupError } from './errors.js';
import { BACKUP_TRIGGERS } from './file-name.js';

/*
 * File format (JSON Lines, UTF-8, every line ends in "\n"):
 *   line 1      header: {"format":"platform.device-users","formatVersion":1,"deviceId":7,...,"sha256":"<hex>"}
 *   lines 2..n  one device user per line, ordered by uid
 * `sha256` is the SHA-256 of (the header serialised WITHOUT its sha256 key) + "\n" + the body
 * (every user line), so a changed header field, a changed user or a cut-off file all fail it.
 * `userCount` must equal the number of user lines: a cut exactly at a line end still fails.
 */
export const BACKUP_FORMAT = 'platform.device-users';
export const FORMAT_VERSION = 1;

const deviceUserSchema = z.strictObject({
  uid: z.int().min(1).max(65_535),
  userId: z.string().regex(/^\d{1,9}$/),
  name: z.string().max(24),
  password: z.string().max(8),
  cardNumber: z.int().min(0).max(0xffff_ffff),
  privilege: z.int().min(0).max(255),
  groupId: z.int().min(0).max(255),
});

const headerSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  deviceId: z.int().positive(),
  deviceName: z.string(),
  host: z.string(),
  port: z.int(),
  createdAt: z.iso.datetime(),
  trigger: z.enum(BACKUP_TRIGGERS),
  commandKey: z.string().nullable(),
  reason: z.string().nullable(),
  userCount: z.int().min(0),
  appVersion: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type BackupHeader = z.infer<typeof headerSchema>;
export type BackupMeta = Omit<BackupHeader, 'format' | 'formatVersion' | 'userCount' | 'sha256'>;

export interface BackupContent {
  header: BackupHeader;
  users: DeviceUser[];
}

/** Fixed key order, so the same user always serialises to the same bytes. */
function userLine(u: DeviceUser): string {
  const { uid, userId, name, password, cardNumber, privilege, groupId } = u;
  return `${JSON.stringify({ uid, userId, name, password, cardNumber, privilege, groupId })}\n`;
}

function digest(headerWithoutSum: object, body: string): string {
  return createHash('sha256').update(`${JSON.stringify(headerWithoutSum)}\n`).update(body).digest('hex');
}

/** The complete file bytes for `users` as read from the device. */
export function serializeBackup(meta: BackupMeta, users: readonly DeviceUser[]): Buffer {
  const body = [...users].sort((a, b) => a.uid - b.uid).map(userLine).join('');
  const unsigned = { format: BACKUP_FORMAT, formatVersion: FORMAT_VERSION, ...meta, userCount: users.length };
  const header = { ...unsigned, sha256: digest(unsigned, body) };
  return Buffer.from(`${JSON.stringify(header)}\n${body}`, 'utf8');
}

/**
 * Parses and verifies a whole backup; throws `CorruptBackupError` naming the
 * first problem. Verification is complete before anything is returned, so a
 * caller can never act on half a file.
 */
export function parseBackup(bytes: Buffer, file: string): BackupContent {
  const corrupt = (reason: string) => new CorruptBackupError(file, reason);
  const text = bytes.toString('utf8');
  if (text.length === 0) throw corrupt('the file is empty');
  if (!text.endsWith('\n')) throw corrupt('the last line is incomplete (file cut off)');
  const headerEnd = text.indexOf('\n');
  let raw: unknown;
  try {
    raw = JSON.parse(text.slice(0, headerEnd));
  } catch {
    throw corrupt('the header line is not valid JSON');
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw corrupt(`header field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const header = parsed.data;
  const body = text.slice(headerEnd + 1);
  // Hash the header as it was parsed (key order kept), minus the checksum itself.
  const { sha256: _sum, ...unsigned } = raw as Record<string, unknown>;
  if (digest(unsigned, body) !== header.sha256) throw corrupt('checksum mismatch (the file was changed or cut off)');
  const lines = body.length === 0 ? [] : body.slice(0, -1).split('\n');
  if (lines.length !== header.userCount) throw corrupt(`header says ${header.userCount} users, file holds ${lines.length}`);
  const users = lines.map((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw corrupt(`user line ${i + 2} is not valid JSON`);
    }
    const user = deviceUserSchema.safeParse(value);
    if (!user.success) throw corrupt(`user line ${i + 2}: ${user.error.issues[0]!.path.join('.')}: ${user.error.issues[0]!.message}`);
    return user.data;
  });
  return { header, users };
}
