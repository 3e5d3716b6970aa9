import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MAX_TEMPLATE_SIZE, byUidFinger, type DeviceUser, type FingerTemplate } from '@platform/zk';
import { CorruptBackupError } from './errors.js';
import { BACKUP_TRIGGERS } from './file-name.js';

/*
 * File format (JSON Lines, UTF-8, every line ends in "\n"):
 *   line 1      header: {"format":"platform.device-users","formatVersion":2,"deviceId":7,...,"sha256":"<hex>"}
 *   lines 2..n  one device user per line, ordered by uid; since version 2 each line also holds
 *               the user's fingerprint templates: "templates":[{"finger":0,"flag":1,"data":"<base64>"}]
 *               ordered by finger, and the header says "templateCount". Version 1 files (no
 *               templates) still restore: their users come back without fingers, as they were saved.
 * `sha256` is the SHA-256 of (the header serialised WITHOUT its sha256 key) + "\n" + the body
 * (every user line), so a changed header field, a changed user or a cut-off file all fail it.
 * `userCount` must equal the number of user lines: a cut exactly at a line end still fails.
 */
export const BACKUP_FORMAT = 'platform.device-users';
export const FORMAT_VERSION = 2;
/** Versions parseBackup still reads. */
export const READABLE_VERSIONS = [1, 2] as const;

const deviceUserSchema = z.strictObject({
  uid: z.int().min(1).max(65_535),
  userId: z.string().regex(/^\d{1,9}$/),
  name: z.string().max(24),
  password: z.string().max(8),
  cardNumber: z.int().min(0).max(0xffff_ffff),
  privilege: z.int().min(0).max(255),
  groupId: z.int().min(0).max(255),
});

const templateSchema = z.strictObject({
  finger: z.int().min(0).max(9),
  flag: z.union([z.literal(0), z.literal(1), z.literal(3)]),
  data: z.base64().refine((b) => b.length > 0 && Buffer.from(b, 'base64').length <= MAX_TEMPLATE_SIZE, `1..${MAX_TEMPLATE_SIZE} bytes`),
});

const userWithTemplatesSchema = deviceUserSchema.extend({ templates: z.array(templateSchema) });

const headerSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.union(READABLE_VERSIONS.map((v) => z.literal(v))),
  deviceId: z.int().positive(),
  deviceName: z.string(),
  host: z.string(),
  port: z.int(),
  createdAt: z.iso.datetime(),
  trigger: z.enum(BACKUP_TRIGGERS),
  commandKey: z.string().nullable(),
  reason: z.string().nullable(),
  userCount: z.int().min(0),
  /** Version 2 and later. */
  templateCount: z.int().min(0).optional(),
  appVersion: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type BackupHeader = z.infer<typeof headerSchema>;
export type BackupMeta = Omit<BackupHeader, 'format' | 'formatVersion' | 'userCount' | 'templateCount' | 'sha256'>;

export interface BackupContent {
  header: BackupHeader;
  users: DeviceUser[];
  /** Fingerprint templates by backed-up uid, then finger; empty for version 1 files. */
  templates: FingerTemplate[];
}

/** Fixed key order, so the same user always serialises to the same bytes. */
function userLine(u: DeviceUser, fingers: readonly FingerTemplate[]): string {
  const { uid, userId, name, password, cardNumber, privilege, groupId } = u;
  const templates = fingers.map((t) => ({ finger: t.finger, flag: t.flag, data: t.template.toString('base64') }));
  return `${JSON.stringify({ uid, userId, name, password, cardNumber, privilege, groupId, templates })}\n`;
}

function digest(headerWithoutSum: object, body: string): string {
  return createHash('sha256').update(`${JSON.stringify(headerWithoutSum)}\n`).update(body).digest('hex');
}

/** The complete file bytes for `users` as read from the device. */
export function serializeBackup(meta: BackupMeta, users: readonly DeviceUser[], templates: readonly FingerTemplate[] = []): Buffer {
  const byUid = new Map<number, FingerTemplate[]>();
  for (const t of [...templates].sort(byUidFinger)) byUid.set(t.uid, [...(byUid.get(t.uid) ?? []), t]);
  const body = [...users]
    .sort((a, b) => a.uid - b.uid)
    .map((u) => userLine(u, byUid.get(u.uid) ?? []))
    .join('');
  // A template whose user is not in the list cannot be restored: count only what is written.
  const templateCount = users.reduce((n, u) => n + (byUid.get(u.uid)?.length ?? 0), 0);
  const unsigned = { format: BACKUP_FORMAT, formatVersion: FORMAT_VERSION, ...meta, userCount: users.length, templateCount };
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
  const schema = header.formatVersion === 1 ? deviceUserSchema.extend({ templates: z.array(templateSchema).default([]) }) : userWithTemplatesSchema;
  const templates: FingerTemplate[] = [];
  const users = lines.map((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw corrupt(`user line ${i + 2} is not valid JSON`);
    }
    const user = schema.safeParse(value);
    if (!user.success) throw corrupt(`user line ${i + 2}: ${user.error.issues[0]!.path.join('.')}: ${user.error.issues[0]!.message}`);
    const { templates: fingers, ...plain } = user.data;
    for (const t of fingers) templates.push({ uid: plain.uid, finger: t.finger, flag: t.flag, template: Buffer.from(t.data, 'base64') });
    return plain;
  });
  if (header.formatVersion >= 2 && header.templateCount !== templates.length) {
    throw corrupt(`header says ${header.templateCount ?? 'no'} templates, file holds ${templates.length}`);
  }
  return { header, users, templates };
}
