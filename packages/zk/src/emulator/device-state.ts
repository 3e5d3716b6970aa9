import { deviceUserIssues, type DeviceUser } from '../protocol/user-record.js';
import type { AttendanceRecord } from '../protocol/attendance-record.js';
import { byUidFinger, templateIssues, type FingerTemplate } from '../protocol/template-record.js';

/** Thrown when seed or test data would not be representable on a device. */
export class InvalidSeedError extends Error {
  override readonly name = 'InvalidSeedError';
}

/**
 * What the emulated device holds. Tests read and change it directly; the
 * protocol session reads it for every reply, so changes show on the next read.
 */
export class DeviceState {
  private readonly byUid = new Map<number, DeviceUser>();
  private attendance: AttendanceRecord[] = [];
  /** Fingerprint templates by `uid:finger`; a user's go when the user goes. */
  private readonly fingers = new Map<string, FingerTemplate>();
  userCapacity: number;
  logCapacity: number;
  /** True between CMD_DISABLEDEVICE and CMD_ENABLEDEVICE. */
  disabled = false;
  /** What CMD_OPTIONS_RRQ `~SerialNumber` and CMD_GET_VERSION answer. */
  serialNumber = 'EMU0000000001';
  firmwareVersion = 'Ver 6.60 Apr 28 2016';

  constructor(opts: { users?: readonly DeviceUser[]; logs?: readonly AttendanceRecord[]; userCapacity?: number; logCapacity?: number } = {}) {
    this.userCapacity = opts.userCapacity ?? 50_000;
    this.logCapacity = opts.logCapacity ?? 800_000;
    this.replace(opts.users ?? [], opts.logs ?? []);
  }

  /** Users in slot (uid) order, as a device lists them. */
  get users(): DeviceUser[] {
    return [...this.byUid.values()].sort((a, b) => a.uid - b.uid).map((u) => ({ ...u }));
  }

  get logs(): AttendanceRecord[] {
    return this.attendance.map((l) => ({ ...l, recordTime: new Date(l.recordTime) }));
  }

  /** Every fingerprint template, by uid then finger. */
  get templates(): FingerTemplate[] {
    return [...this.fingers.values()].sort(byUidFinger).map((t) => ({ ...t, template: Buffer.from(t.template) }));
  }

  get templateCount(): number {
    return this.fingers.size;
  }

  /** Stores (or overwrites) one finger of an existing user. */
  setTemplate(t: FingerTemplate): void {
    const issues = templateIssues(t);
    if (issues.length > 0) throw new InvalidSeedError(`template uid=${t.uid} finger=${t.finger}: ${issues.join('; ')}`);
    if (!this.byUid.has(t.uid)) throw new InvalidSeedError(`template for uid ${t.uid}, which has no user`);
    this.fingers.set(`${t.uid}:${t.finger}`, { ...t, template: Buffer.from(t.template) });
  }

  get userCount(): number {
    return this.byUid.size;
  }

  get logCount(): number {
    return this.attendance.length;
  }

  /** Creates or overwrites the user in slot `user.uid` (CMD_USER_WRQ semantics). */
  addUser(user: DeviceUser): void {
    const issues = deviceUserIssues(user);
    if (issues.length > 0) throw new InvalidSeedError(`user uid=${user.uid}: ${issues.join('; ')}`);
    this.byUid.set(user.uid, { ...user });
  }

  /** Removes users by uid; returns how many existed. */
  removeUsers(uids: Iterable<number>): number {
    let removed = 0;
    for (const uid of uids) {
      if (!this.byUid.delete(uid)) continue;
      removed++;
      for (let finger = 0; finger <= 9; finger++) this.fingers.delete(`${uid}:${finger}`);
    }
    return removed;
  }

  /** Removes users by their PIN (`userId`); returns how many existed. */
  removeUsersById(userIds: Iterable<string>): number {
    const wanted = new Set(userIds);
    return this.removeUsers([...this.byUid.values()].filter((u) => wanted.has(u.userId)).map((u) => u.uid));
  }

  addLogs(logs: readonly AttendanceRecord[]): void {
    for (const l of logs) this.attendance.push({ ...l, recordTime: new Date(l.recordTime) });
  }

  clearLogs(): void {
    this.attendance = [];
  }

  /** Replaces all users and logs at once; validates everything before changing anything. */
  replace(users: readonly DeviceUser[], logs: readonly AttendanceRecord[]): void {
    const seen = new Set<number>();
    for (const u of users) {
      const issues = deviceUserIssues(u);
      if (issues.length > 0) throw new InvalidSeedError(`user uid=${u.uid}: ${issues.join('; ')}`);
      if (seen.has(u.uid)) throw new InvalidSeedError(`duplicate uid ${u.uid}`);
      seen.add(u.uid);
    }
    this.byUid.clear();
    this.fingers.clear();
    for (const u of users) this.byUid.set(u.uid, { ...u });
    this.attendance = [];
    this.addLogs(logs);
  }
}
