import ZKLib from 'node-zklib';
import { setTimeout as sleep } from 'node:timers/promises';
import { Cmd } from '../protocol/commands.js';
import { PacketReader } from '../protocol/packet.js';
import { makeCommKey } from '../protocol/comm-key.js';
import {
  AuthenticationFailedError,
  DeviceError,
  DeviceProtocolError,
  DeviceRejectedError,
  DeviceTimeoutError,
  DeviceUnreachableError,
  type DeviceErrorContext,
} from './errors.js';
import { toDeviceError, type Phase } from './map-error.js';

export interface ConnectionTimeouts {
  connectMs: number;
  /** Passed to node-zklib for each command. */
  commandMs: number;
  /** Hard cap on one whole operation (connect to disconnect). */
  operationMs: number;
}

export interface ConnectionOptions extends ConnectionTimeouts {
  /** The device's comm key; null when it has none. */
  commKey: number | null;
}

/**
 * One TCP session with a device through node-zklib. It taps the raw bytes
 * (node-zklib drops the group, verify type and the dataset length prefix), turns
 * ACK_ERROR, resets and closes into typed failures at once instead of waiting
 * for node-zklib's timeouts, and always ends with the socket closed.
 */
export class Connection {
  readonly zk: ZKLib;
  private phase: Phase = 'connect';
  private closing = false;
  private readonly reader = new PacketReader();
  private collecting: Buffer[] | null = null;
  private fail!: (e: DeviceError) => void;
  private readonly failed: Promise<never>;
  private failure: DeviceError | null = null;
  private rejection: DeviceRejectedError | null = null;
  private collectedBytesTotal = 0;
  /** The device answered ACK_UNAUTH while connecting: it has a comm key. */
  private unauthorised = false;

  private constructor(
    readonly ctx: DeviceErrorContext,
    private readonly timeouts: ConnectionOptions,
  ) {
    this.zk = new ZKLib(ctx.host, ctx.port, timeouts.commandMs, 0);
    this.failed = new Promise<never>((_, reject) => {
      this.fail = (e) => {
        this.failure ??= e;
        reject(this.failure);
      };
    });
    this.failed.catch(() => undefined);
  }

  /** Connects, runs `fn`, and disconnects whatever happens. */
  static async use<T>(ctx: DeviceErrorContext, timeouts: ConnectionOptions, fn: (c: Connection) => Promise<T>): Promise<T> {
    const c = new Connection(ctx, timeouts);
    const deadline = setTimeout(() => c.fail(new DeviceTimeoutError(ctx, `operation exceeded ${timeouts.operationMs} ms`)), timeouts.operationMs);
    try {
      await c.connect();
      await c.authenticate();
      c.phase = 'operate';
      // Not raced here: each node-zklib call inside fn is raced by run(), and fn
      // may turn a failure into a more precise error (IncompleteReadError).
      return await fn(c);
    } finally {
      clearTimeout(deadline);
      await c.close();
    }
  }

  /** Races a node-zklib call against tap failures and the deadline; maps its rejections. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    this.rejection = null;
    try {
      return await Promise.race([call(), this.failed]);
    } catch (e) {
      if (e instanceof DeviceError) throw e;
      // e.g. getInfo on an ACK_ERROR reply fails with a RangeError inside node-zklib.
      throw this.failure ?? this.rejection ?? toDeviceError(e, this.ctx, this.phase);
    }
  }

  /** Runs `call` while collecting the data of every CMD_DATA packet; returns both. */
  async collect<T>(call: () => Promise<T>): Promise<{ result: T; raw: Buffer }> {
    const parts: Buffer[] = [];
    this.collecting = parts;
    try {
      const result = await this.run(call);
      return { result, raw: Buffer.concat(parts) };
    } finally {
      this.collecting = null;
      this.collectedBytesTotal = parts.reduce((n, b) => n + b.length, 0);
    }
  }

  /** Bytes of CMD_DATA the last {@link collect} received (for error reports). */
  get collectedBytes(): number {
    return this.collectedBytesTotal;
  }

  /** Sends a command through node-zklib's executeCmd and insists on ACK_OK. */
  async command(command: number, data: Buffer | string = ''): Promise<void> {
    const reply = await this.run(() => this.zk.executeCmd(command, data));
    const code = reply.length >= 2 ? reply.readUInt16LE(0) : -1;
    if (code !== Cmd.ACK_OK) throw new DeviceRejectedError(this.ctx, code, `command ${command} was not acknowledged`);
  }

  private async connect(): Promise<void> {
    const pending = this.zk.createSocket((err) => this.onSocketError(err), () => this.onSocketClose());
    // zklibTcp.socket is created synchronously inside createSocket.
    this.zk.zklibTcp.socket?.on('data', (chunk: Buffer) => this.tap(chunk));
    const timer = setTimeout(() => this.fail(new DeviceTimeoutError(this.ctx, `no connection within ${this.timeouts.connectMs} ms`)), this.timeouts.connectMs);
    try {
      await Promise.race([pending, this.failed]);
    } catch (e) {
      // node-zklib may still be falling back to UDP; make sure it ends closed.
      pending.then(() => this.zk.disconnect()).catch(() => undefined);
      throw this.failure ?? toDeviceError(e, this.ctx, 'connect');
    } finally {
      clearTimeout(timer);
    }
    if (this.zk.connectionType !== 'tcp') {
      // The UDP path decodes 28-byte ZK6 records: wrong data for these devices.
      throw new DeviceProtocolError(this.ctx, `device answered over ${this.zk.connectionType ?? 'nothing'}, not TCP`);
    }
  }

  private tap(chunk: Buffer): void {
    let packets;
    try {
      packets = this.reader.push(chunk);
    } catch (e) {
      this.fail(new DeviceProtocolError(this.ctx, (e as Error).message, { cause: e }));
      return;
    }
    for (const p of packets) {
      if (p.command === Cmd.DATA) this.collecting?.push(p.data);
      else if (p.command === Cmd.ACK_UNAUTH) this.onUnauthorised();
      else if (p.command === Cmd.ACK_ERROR) this.onRejected(new DeviceRejectedError(this.ctx, p.command, `request ${p.replyId} refused`));
    }
  }

  /**
   * While connecting, ACK_UNAUTH is the device asking for its comm key
   * (authenticate() answers it); once authenticated it means the device
   * dropped our session's rights, and nothing more will work.
   */
  private onUnauthorised(): void {
    if (this.phase === 'connect') this.unauthorised = true;
    else this.fail(new AuthenticationFailedError(this.ctx, 'device refused a command as unauthenticated'));
  }

  /**
   * CMD_AUTH with the scrambled comm key when the CONNECT reply was
   * ACK_UNAUTH. node-zklib 1.3.0 takes any CONNECT reply as success, so
   * without this a keyed device refuses every later command.
   */
  private async authenticate(): Promise<void> {
    if (!this.unauthorised) return;
    if (this.timeouts.commKey === null) throw new AuthenticationFailedError(this.ctx, 'device requires a comm key and none is configured');
    const payload = makeCommKey(this.timeouts.commKey, this.zk.zklibTcp.sessionId);
    const reply = await this.run(() => this.zk.executeCmd(Cmd.AUTH, payload));
    const code = reply.length >= 2 ? reply.readUInt16LE(0) : -1;
    if (code === Cmd.ACK_UNAUTH) throw new AuthenticationFailedError(this.ctx, 'device refused the configured comm key');
    if (code !== Cmd.ACK_OK) throw new DeviceRejectedError(this.ctx, code, 'CMD_AUTH was not acknowledged');
  }

  private onRejected(e: DeviceRejectedError): void {
    this.rejection = e;
    // node-zklib would wait out its timeout on a refused connect or bulk
    // request (and then crash, see zklib-guard.ts): fail now. Plain commands
    // return the reply code, which command() checks, and the session stays usable.
    if (this.phase === 'connect' || this.collecting) this.fail(e);
  }

  private onSocketError(err: Error & { code?: string }): void {
    if (!this.closing) this.fail(toDeviceError(err, this.ctx, this.phase));
  }

  private onSocketClose(): void {
    if (!this.closing) this.fail(new DeviceUnreachableError(this.ctx, 'device closed the connection'));
  }

  private async close(): Promise<void> {
    this.closing = true;
    const socket = this.zk.zklibTcp.socket;
    if (socket && !this.failure && this.zk.connectionType === 'tcp') {
      // CMD_EXIT, then end; node-zklib caps each at 2 s, we cap the pair.
      await Promise.race([this.zk.disconnect().catch(() => undefined), sleep(3000)]);
    }
    socket?.destroy();
  }
}
