import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Cmd, EF_ATTLOG } from '../protocol/commands.js';
import { encodePacket, PacketReader, type Packet } from '../protocol/packet.js';
import { encodeRealtimeEvent, type RawAttendance } from '../protocol/attendance-record.js';
import { decodeUserRecord, USER_RECORD_SIZE } from '../protocol/user-record.js';
import { encodeDeviceStatus } from '../protocol/device-status.js';
import { encodeDataStat } from '../protocol/dataset.js';
import { checkCommKey } from '../protocol/comm-key.js';
import { decodeTemplateWrite } from '../protocol/template-record.js';
import { buildDataset, type BulkKind } from './bulk.js';
import { pace } from './pacing.js';
import type { DeviceState } from './device-state.js';
import type { Faults } from './faults.js';

export type ReplyForm = 'single' | 'chunked';

export interface SessionContext {
  state: DeviceState;
  faults: Faults;
  replyForm: ReplyForm;
  pacingMs: number;
  timezone: string;
  /** Non-null: every session must send CMD_AUTH with this key before anything else works. */
  commKey: number | null;
  /** Counts a CMD_AUTH that carried the wrong key. */
  authFailed(): void;
}

interface Bulk {
  kind: BulkKind;
  dataset: Buffer;
  served: number;
}

const EMPTY = Buffer.alloc(0);

/** One TCP client's conversation with the emulated device. */
export class DeviceSession {
  private readonly reader = new PacketReader();
  private queue: Promise<void> = Promise.resolve();
  private readonly sessionId = 1 + Math.floor(Math.random() * 0xfffe);
  private bulk: Bulk | null = null;
  private dropBudget: number | null = null;
  private vanishAfterBulk: string[] | null = null;
  private subscribed = false;
  /** Whether this client sent CMD_REG_EVENT: only then do punches reach it. */
  get eventsRegistered(): boolean {
    return this.subscribed;
  }
  private authenticated = false;
  closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly ctx: () => SessionContext,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => {
      this.closed = true;
    });
    socket.on('end', () => {
      this.closed = true;
    });
    socket.on('error', () => undefined);
  }

  /** Queues a real-time attendance event if this client registered for events. */
  pushEvent(record: RawAttendance): void {
    if (!this.subscribed) return;
    this.enqueue(async () => {
      await pace(this.ctx().pacingMs);
      // Events carry the event code in the session field and reply number 0.
      this.send(encodePacket({ command: Cmd.REG_EVENT, sessionId: EF_ATTLOG, replyId: 0, data: encodeRealtimeEvent(record) }));
    });
  }

  private onData(chunk: Buffer): void {
    let packets: Packet[];
    try {
      packets = this.reader.push(chunk);
    } catch {
      this.socket.destroy();
      return;
    }
    for (const p of packets) this.enqueue(() => this.handle(p));
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch(() => {
      this.socket.destroy();
    });
  }

  private send(buf: Buffer): void {
    if (this.closed) return;
    if (this.dropBudget !== null && buf.length >= this.dropBudget) {
      const part = buf.subarray(0, this.dropBudget);
      this.closed = true;
      this.socket.write(part, () => this.socket.destroy());
      return;
    }
    if (this.dropBudget !== null) this.dropBudget -= buf.length;
    this.socket.write(buf);
  }

  private packet(req: Packet, command: number, data: Buffer = EMPTY): Buffer {
    return encodePacket({ command, sessionId: this.sessionId, replyId: req.replyId, data });
  }

  private reply(req: Packet, command: number, data: Buffer = EMPTY): void {
    this.send(this.packet(req, command, data));
  }

  private async handle(p: Packet): Promise<void> {
    const { state, faults } = this.ctx();
    if (faults.delayMs > 0 && (faults.delayOnly === null || faults.delayOnly === p.command)) await sleep(faults.delayMs);
    if (this.closed) return;
    if (faults.ackErrors.has(p.command)) return this.reply(p, Cmd.ACK_ERROR);
    const { commKey } = this.ctx();
    // Key 0 means "no key" on a device, as in its menu.
    if (commKey !== null && commKey !== 0 && !this.authenticated) {
      // As firmware does: CONNECT still assigns the session id; until CMD_AUTH
      // proves the key, every command (AUTH aside) is answered ACK_UNAUTH.
      if (p.command !== Cmd.AUTH) return this.reply(p, Cmd.ACK_UNAUTH);
      this.authenticated = checkCommKey(commKey, this.sessionId, p.data);
      if (!this.authenticated) this.ctx().authFailed();
      return this.reply(p, this.authenticated ? Cmd.ACK_OK : Cmd.ACK_UNAUTH);
    }
    switch (p.command) {
      case Cmd.CONNECT:
      case Cmd.AUTH:
        return this.reply(p, Cmd.ACK_OK);
      case Cmd.EXIT:
        this.reply(p, Cmd.ACK_OK);
        // The slot is free as soon as the client says goodbye, not when TCP finishes closing.
        this.closed = true;
        this.socket.end();
        return;
      case Cmd.GET_FREE_SIZES:
        return this.reply(p, Cmd.ACK_OK, encodeDeviceStatus({ users: state.userCount, fingers: state.templateCount, logs: state.logCount, userCapacity: state.userCapacity, logCapacity: state.logCapacity }));
      case Cmd.OPTIONS_RRQ: {
        // The option name arrives NUL-terminated; firmware answers `name=value\0`, ACK_ERROR for a name it lacks.
        const name = p.data.toString('ascii').split('\0')[0];
        const options: Record<string, string> = { '~SerialNumber': state.serialNumber };
        const value = name === undefined ? undefined : options[name];
        return value === undefined ? this.reply(p, Cmd.ACK_ERROR) : this.reply(p, Cmd.ACK_OK, Buffer.from(`${name}=${value}\0`, 'ascii'));
      }
      case Cmd.GET_VERSION:
        return this.reply(p, Cmd.ACK_OK, Buffer.from(`${state.firmwareVersion}\0`, 'ascii'));
      case Cmd.DISABLE_DEVICE:
      case Cmd.ENABLE_DEVICE:
        state.disabled = p.command === Cmd.DISABLE_DEVICE;
        return this.reply(p, Cmd.ACK_OK);
      case Cmd.FREE_DATA:
        this.bulk = null;
        return this.reply(p, Cmd.ACK_OK);
      case Cmd.REFRESH_DATA:
        return this.reply(p, Cmd.ACK_OK);
      case Cmd.CLEAR_ATTLOG:
        state.clearLogs();
        return this.reply(p, Cmd.ACK_OK);
      case Cmd.USER_WRQ:
        return this.writeUser(p);
      case Cmd.SSR_USERTEMP_WRQ:
        return this.writeTemplate(p);
      case Cmd.DELETE_USER:
        return this.reply(p, p.data.length >= 2 && state.removeUsers([p.data.readUInt16LE(0)]) === 1 ? Cmd.ACK_OK : Cmd.ACK_ERROR);
      case Cmd.REG_EVENT:
        this.subscribed = true;
        return this.reply(p, Cmd.ACK_OK);
      case Cmd.DATA_WRRQ:
        return this.startBulk(p);
      case Cmd.DATA_RDY:
        return this.serveChunk(p);
      default:
        return this.reply(p, Cmd.ACK_UNKNOWN);
    }
  }

  private writeUser(p: Packet): void {
    if (p.data.length < USER_RECORD_SIZE) return this.reply(p, Cmd.ACK_ERROR);
    try {
      this.ctx().state.addUser(decodeUserRecord(p.data.subarray(0, USER_RECORD_SIZE)));
      this.reply(p, Cmd.ACK_OK);
    } catch {
      this.reply(p, Cmd.ACK_ERROR);
    }
  }

  /** Command 132: one finger addressed by user_id; ACK_ERROR when the user does not exist. */
  private writeTemplate(p: Packet): void {
    const { state } = this.ctx();
    try {
      const w = decodeTemplateWrite(p.data);
      const user = state.users.find((u) => u.userId === w.userId);
      if (!user) return this.reply(p, Cmd.ACK_ERROR);
      state.setTemplate({ uid: user.uid, finger: w.finger, flag: w.flag, template: w.template });
      this.reply(p, Cmd.ACK_OK);
    } catch {
      this.reply(p, Cmd.ACK_ERROR);
    }
  }

  private startBulk(p: Packet): void {
    const ctx = this.ctx();
    const table = p.data.length >= 3 ? p.data.readUInt16LE(1) : -1;
    // CMD_DB_RRQ selects its table by the byte after the command: 2 = fingerprint templates.
    const kind: BulkKind | null =
      table === Cmd.USERTEMP_RRQ ? 'users' : table === Cmd.ATTLOG_RRQ ? 'logs' : table === Cmd.DB_RRQ && p.data.length === 11 && p.data[3] === 2 ? 'templates' : null;
    if (!kind) return this.reply(p, Cmd.ACK_ERROR);
    const truncate = ctx.faults.truncateNext === 'any' || ctx.faults.truncateNext === kind;
    const dataset = buildDataset(kind, ctx.state, ctx.timezone, truncate);
    if (truncate) ctx.faults.truncateNext = false;
    this.dropBudget = ctx.faults.dropAfter;
    ctx.faults.dropAfter = null;
    if (kind === 'users' && ctx.faults.vanishing) {
      this.vanishAfterBulk = ctx.faults.vanishing;
      ctx.faults.vanishing = null;
    }
    if (ctx.replyForm === 'single') {
      this.reply(p, Cmd.DATA, dataset);
      this.finishBulk();
      return;
    }
    this.bulk = { kind, dataset, served: 0 };
    this.reply(p, Cmd.ACK_OK, encodeDataStat(dataset.length));
  }

  private async serveChunk(p: Packet): Promise<void> {
    const bulk = this.bulk;
    if (!bulk || p.data.length < 8) return;
    const start = p.data.readUInt32LE(0);
    const size = p.data.readUInt32LE(4);
    // node-zklib sends a size-0 request when the size is a chunk multiple; a device ignores it.
    if (size === 0) return;
    const chunk = bulk.dataset.subarray(start, start + size);
    const prepare = Buffer.alloc(8);
    prepare.writeUInt32LE(chunk.length, 0);
    const pacingMs = this.ctx().pacingMs;
    await pace(pacingMs);
    this.reply(p, Cmd.PREPARE_DATA, prepare);
    await pace(pacingMs);
    const last = start + chunk.length >= bulk.dataset.length;
    if (last) {
      // The last chunk's DATA and its closing ACK_OK go out in ONE write.
      // node-zklib takes a transfer as complete on the DATA packet and drops
      // bytes that follow in the same read; an ACK_OK written later arrived
      // after the client had moved on and became the reply to its next request
      // (FREE_DATA's ACK then answered the free-sizes request: shifted by one).
      this.send(Buffer.concat([this.packet(p, Cmd.DATA, chunk), this.packet(p, Cmd.ACK_OK)]));
    } else {
      // Between chunks the ACK_OK stays its own paced write: node-zklib parses
      // one packet per read, and a following chunk's PREPARE_DATA must not share
      // a read with the DATA that completes this one (it would be dropped).
      this.reply(p, Cmd.DATA, chunk);
      await pace(pacingMs);
      this.reply(p, Cmd.ACK_OK);
    }
    bulk.served += chunk.length;
    if (bulk.served >= bulk.dataset.length) this.finishBulk();
  }

  private finishBulk(): void {
    this.dropBudget = null;
    if (this.vanishAfterBulk && !this.closed) this.ctx().state.removeUsersById(this.vanishAfterBulk);
    this.vanishAfterBulk = null;
  }
}
