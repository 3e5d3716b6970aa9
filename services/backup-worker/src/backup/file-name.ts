/**
 * Backup file names: `device-<id>/device-<id>_<ISO 8601 UTC>_<trigger>[.<command>].jsonl`,
 * e.g. `device-7/device-7_20261122T101530.123Z_pre-write.5f0c...e1.jsonl`.
 *
 * The timestamp uses ISO 8601's *basic* format (no `-` or `:`): colons are not
 * allowed in the `backupFile` queue field, break Windows copies of the volume,
 * and the basic form still sorts lexically in time order.
 */
export const BACKUP_TRIGGERS = ['scheduled', 'manual', 'pre-write'] as const;
export type BackupTrigger = (typeof BACKUP_TRIGGERS)[number];

export interface BackupName {
  deviceId: number;
  createdAt: Date;
  trigger: BackupTrigger;
  /** The device command (or restore) a pre-write backup precedes; makes it idempotent per command. */
  commandKey: string | null;
}

const NAME = /^device-(\d+)_(\d{8}T\d{6}\.\d{3}Z)_(scheduled|manual|pre-write)(?:\.([0-9A-Za-z-]{1,64}))?\.jsonl$/;
const BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z$/;

/** `2026-11-22T10:15:30.123Z` -> `20261122T101530.123Z` */
export function toIsoBasic(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '');
}

/** Inverse of {@link toIsoBasic}; null when `text` is not that exact shape or not a real instant. */
export function fromIsoBasic(text: string): Date | null {
  const m = BASIC.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
  const date = new Date(iso);
  // Rejects 20261340T..., which Date would otherwise roll over into another day.
  return Number.isNaN(date.getTime()) || date.toISOString() !== iso ? null : date;
}

export function deviceDirName(deviceId: number): string {
  return `device-${deviceId}`;
}

/** Relative path (under BACKUP_DIR) of a new backup. */
export function backupPath(name: BackupName): string {
  const key = name.commandKey === null ? '' : `.${name.commandKey}`;
  return `${deviceDirName(name.deviceId)}/device-${name.deviceId}_${toIsoBasic(name.createdAt)}_${name.trigger}${key}.jsonl`;
}

/** Parses a file's base name; null for anything we did not write (temp files, operator notes). */
export function parseBackupFileName(baseName: string): BackupName | null {
  const m = NAME.exec(baseName);
  if (!m) return null;
  const createdAt = fromIsoBasic(m[2]!);
  if (!createdAt) return null;
  return { deviceId: Number(m[1]), createdAt, trigger: m[3] as BackupTrigger, commandKey: m[4] ?? null };
}
