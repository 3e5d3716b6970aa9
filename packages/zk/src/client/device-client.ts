import type { AttendanceRecord } from '../protocol/attendance-record.js';
import { Cmd } from '../protocol/commands.js';
import { assertTimeZone } from '../protocol/time-zone.js';
import { COMM_KEY_MAX } from '../protocol/comm-key.js';
import { deviceUserIssues, encodeUserRecord, type DeviceUser } from '../protocol/user-record.js';
import { readAllAttendance, readAllTemplates, readAllUsers } from './bulk-read.js';
import { encodeTemplateWrite, templateIssues, type FingerTemplate } from '../protocol/template-record.js';
import { Connection, type ConnectionOptions } from './connection.js';
import { InvalidDeviceUserError, type DeviceErrorContext } from './errors.js';
import { Resilience, type BreakerState, type ResilienceOptions } from './resilience.js';
import { installZklibGuard } from './zklib-guard.js';

export interface DeviceClientOptions {
  /** Our id for the device; carried by every error. */
  deviceId: string;
  host: string;
  port?: number;
  /** IANA zone the device's clock is set to, e.g. 'Asia/Tashkent'. */
  timezone: string;
  /** The device's comm key (0..999999), sent with CMD_AUTH when the device asks; null/absent: none. */
  commKey?: number | null;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  operationTimeoutMs?: number;
  resilience?: ResilienceOptions;
}

export interface DeviceInfo {
  userCount: number;
  logCount: number;
  logCapacity: number;
}

/** What a device says it is; null where its firmware does not answer (older models lack some options). */
export interface DeviceIdentity {
  serialNumber: string | null;
  firmwareVersion: string | null;
}

/**
 * The only way services talk to a ZK device. Every call opens one TCP
 * session, does its work and disconnects; failures are typed DeviceErrors,
 * connection failures are retried with backoff, and a per-device circuit
 * breaker stops traffic after repeated failures.
 *
 * @example
 * const client = new DeviceClient({ deviceId: 'ai06-1', host: '192.168.1.201', timezone: 'Asia/Tashkent' });
 * const users = await client.getUsers(); // complete, or it throws
 */
export class DeviceClient {
  private readonly resilience: Resilience;
  private readonly port: number;
  private readonly connection: ConnectionOptions;

  constructor(private readonly opts: DeviceClientOptions) {
    assertTimeZone(opts.timezone);
    const key = opts.commKey ?? null;
    if (key !== null && (!Number.isInteger(key) || key < 0 || key > COMM_KEY_MAX)) {
      throw new RangeError(`comm key of device ${opts.deviceId} must be an integer 0..${COMM_KEY_MAX}, got ${key}`);
    }
    installZklibGuard();
    this.port = opts.port ?? 4370;
    this.connection = {
      commKey: opts.commKey ?? null,
      connectMs: opts.connectTimeoutMs ?? 5000,
      commandMs: opts.commandTimeoutMs ?? 5000,
      operationMs: opts.operationTimeoutMs ?? 300_000,
    };
    this.resilience = new Resilience(opts.resilience);
  }

  /** 'closed' (normal), 'open' (refusing calls), 'half-open' (next call is a trial). */
  get breakerState(): BreakerState {
    return this.resilience.state;
  }

  /** Subscribes to breaker transitions; returns the unsubscribe function. */
  onBreakerStateChange(listener: (state: BreakerState) => void): () => void {
    return this.resilience.onStateChange(listener);
  }

  async getInfo(): Promise<DeviceInfo> {
    return this.op('getInfo', async (c) => {
      const info = await c.run(() => c.zk.getInfo());
      return { userCount: info.userCounts, logCount: info.logCounts, logCapacity: info.logCapacity };
    });
  }

  /** Serial number (CMD_OPTIONS_RRQ `~SerialNumber`) and firmware version (CMD_GET_VERSION). */
  async getIdentity(): Promise<DeviceIdentity> {
    return this.op('getIdentity', async (c) => {
      const text = async (command: number, data: string) => {
        const reply = await c.run(() => c.zk.executeCmd(command, data));
        if (reply.length < 8 || reply.readUInt16LE(0) !== Cmd.ACK_OK) return null;
        return reply.subarray(8).toString('ascii').split('\0')[0] ?? null;
      };
      const option = await text(Cmd.OPTIONS_RRQ, '~SerialNumber\0');
      const version = await text(Cmd.GET_VERSION, '');
      const serial = option?.startsWith('~SerialNumber=') ? option.slice('~SerialNumber='.length) : null;
      return { serialNumber: serial || null, firmwareVersion: version || null };
    });
  }

  /** Every user on the device, or an error; never a partial list. */
  async getUsers(): Promise<DeviceUser[]> {
    return this.op('getUsers', (c) => readAllUsers(c));
  }

  /** Every attendance record, with times as real instants in the device's zone. */
  async getAttendances(): Promise<AttendanceRecord[]> {
    return this.op('getAttendances', (c) => readAllAttendance(c, this.opts.timezone));
  }

  /** Users and their fingerprint templates in one session (a backup's snapshot); both complete or an error. */
  async getUsersAndTemplates(): Promise<{ users: DeviceUser[]; templates: FingerTemplate[] }> {
    return this.op('getUsersAndTemplates', async (c) => ({ users: await readAllUsers(c), templates: await readAllTemplates(c) }));
  }

  /** Every fingerprint template on the device, or an error; never a partial list. */
  async getTemplates(): Promise<FingerTemplate[]> {
    return this.op('getTemplates', (c) => readAllTemplates(c));
  }

  /**
   * Writes `templates` (fingers of the user `userId`, who must exist) with
   * command 132, one finger per command. All are validated before anything is sent.
   */
  async writeTemplates(userId: string, templates: readonly FingerTemplate[]): Promise<void> {
    for (const t of templates) {
      const issues = templateIssues(t);
      if (issues.length > 0) throw new InvalidDeviceUserError(t.uid, issues.map((i) => `template finger ${t.finger}: ${i}`));
    }
    if (templates.length === 0) return;
    await this.writeAll('writeTemplates', templates.map((t) => ({ command: Cmd.SSR_USERTEMP_WRQ, data: encodeTemplateWrite(userId, t) })));
  }

  /** Creates or overwrites the user in slot `user.uid`. Admin commands only. */
  async upsertUser(user: DeviceUser): Promise<void> {
    const issues = deviceUserIssues(user);
    if (issues.length > 0) throw new InvalidDeviceUserError(user.uid, issues);
    await this.write('upsertUser', Cmd.USER_WRQ, encodeUserRecord(user));
  }

  /** Deletes the user in slot `uid`; DeviceRejectedError if there is none. Admin commands only. */
  async deleteUser(uid: number): Promise<void> {
    if (!Number.isInteger(uid) || uid < 1 || uid > 65_535) throw new InvalidDeviceUserError(uid, ['uid must be an integer 1..65535']);
    const data = Buffer.alloc(2);
    data.writeUInt16LE(uid, 0);
    await this.write('deleteUser', Cmd.DELETE_USER, data);
  }

  /** disable -> write -> refresh -> enable; enable is attempted even if the write fails. */
  private async write(operation: string, command: number, data: Buffer): Promise<void> {
    await this.writeAll(operation, [{ command, data }]);
  }

  private async writeAll(operation: string, writes: ReadonlyArray<{ command: number; data: Buffer }>): Promise<void> {
    await this.op(operation, async (c) => {
      await c.command(Cmd.DISABLE_DEVICE, Buffer.alloc(4));
      try {
        for (const w of writes) await c.command(w.command, w.data);
        await c.command(Cmd.REFRESH_DATA);
      } finally {
        // A device left disabled locks every employee out of the terminal.
        await c.command(Cmd.ENABLE_DEVICE).catch(() => undefined);
      }
    });
  }

  private op<T>(operation: string, fn: (c: Connection) => Promise<T>): Promise<T> {
    const ctx: DeviceErrorContext = { deviceId: this.opts.deviceId, host: this.opts.host, port: this.port, operation };
    return this.resilience.execute(ctx, () => Connection.use(ctx, this.connection, fn));
  }
}
