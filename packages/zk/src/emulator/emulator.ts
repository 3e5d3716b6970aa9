import { createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import type { AttendanceRecord } from '../protocol/attendance-record.js';
import type { DeviceUser } from '../protocol/user-record.js';
import { assertTimeZone, wallClockAt } from '../protocol/time-zone.js';
import { DeviceState } from './device-state.js';
import { Faults } from './faults.js';
import { DeviceSession, type ReplyForm } from './session.js';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  users?: readonly DeviceUser[];
  logs?: readonly AttendanceRecord[];
  /** 'single' (default): one CMD_DATA packet; 'chunked': data stat, then paced chunks. */
  replyForm?: ReplyForm;
  /** Pause before each chunk packet; 0 is safe only for a client in the same process. */
  pacingMs?: number;
  /** IANA zone of the device's clock; attendance times are stored as its wall clock. */
  timezone?: string;
  userCapacity?: number;
  logCapacity?: number;
  /** The device's comm key (0..999999): sessions must authenticate with CMD_AUTH. Absent: no key. */
  commKey?: number | null;
}

export interface ZkEmulator {
  readonly host: string;
  readonly port: number;
  readonly state: DeviceState;
  readonly faults: Faults;
  replyForm: ReplyForm;
  pacingMs: number;
  readonly timezone: string;
  /** Comm key sessions must prove; null: none. Changing it affects new sessions. */
  commKey: number | null;
  /** CMD_AUTH requests that carried the wrong key. */
  readonly authFailures: number;
  /** Called by a session when a CMD_AUTH carries the wrong key. */
  authFailed(): void;
  /** TCP connections reset because another client was connected. */
  readonly busyRejections: number;
  /** True while a client holds the device's one TCP slot. */
  readonly inUse: boolean;
  /** True once the connected client registered for real-time events (node-zklib does not wait for the ack). */
  readonly eventsRegistered: boolean;
  /** Records a punch and sends it as a real-time event to a registered client. */
  punch(record: AttendanceRecord): void;
  close(): Promise<void>;
}

/**
 * Starts a ZK-protocol device emulator that the unmodified node-zklib 1.3.0
 * client talks to over TCP. Like a device it serves one client at a time.
 *
 * @example
 * const emu = await startEmulator({ port: 0, users: generateUsers(10, 42), replyForm: 'chunked' });
 * const zk = new ZKLib('127.0.0.1', emu.port, 5000, 0);
 * emu.faults.vanishUsers(['7']);
 * await emu.close();
 */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<ZkEmulator> {
  const timezone = opts.timezone ?? 'UTC';
  assertTimeZone(timezone);
  const host = opts.host ?? '127.0.0.1';
  const state = new DeviceState({ users: opts.users, logs: opts.logs, userCapacity: opts.userCapacity, logCapacity: opts.logCapacity });
  const sockets = new Set<Socket>();
  let active: DeviceSession | null = null;
  let busyRejections = 0;
  let authFailures = 0;
  let server: Server;

  const listen = async (port: number): Promise<number> => {
    server = createServer({ noDelay: true }, onConnection);
    server.listen(port, host);
    await once(server, 'listening');
    const addr = server.address();
    if (!addr || typeof addr === 'string') throw new Error('emulator server has no TCP address');
    return addr.port;
  };

  const faults = new Faults(async (refuse) => {
    // Closing the listener makes the kernel refuse new connections (ECONNREFUSED)
    // while a connected client carries on, like a device with its port shut.
    if (refuse) server.close();
    else await listen(emu.port);
  });

  const emu = {
    host,
    port: 0,
    state,
    faults,
    replyForm: opts.replyForm ?? 'single',
    pacingMs: opts.pacingMs ?? 0,
    timezone,
    commKey: opts.commKey ?? null,
    get authFailures() {
      return authFailures;
    },
    authFailed() {
      authFailures++;
    },
    get busyRejections() {
      return busyRejections;
    },
    get inUse() {
      return active !== null && !active.closed;
    },
    get eventsRegistered() {
      return active !== null && !active.closed && active.eventsRegistered;
    },
    punch(record: AttendanceRecord) {
      state.addLogs([record]);
      active?.pushEvent({ ...record, time: wallClockAt(record.recordTime, timezone) });
    },
    async close() {
      if (faults.refusing) faults.refusing = false;
      else server.close();
      for (const s of sockets) s.destroy();
    },
  } satisfies ZkEmulator;

  function onConnection(socket: Socket): void {
    if (active && !active.closed) {
      // Devices take one TCP client; a second is reset, which node-zklib's own
      // ZKError.toast() reports as "Another device is connecting".
      busyRejections++;
      socket.resetAndDestroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    active = new DeviceSession(socket, () => emu);
  }

  emu.port = await listen(opts.port ?? 0);
  return emu;
}

/** Alias of {@link startEmulator}. */
export const createEmulator = startEmulator;
