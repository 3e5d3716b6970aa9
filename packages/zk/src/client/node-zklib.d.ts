// Minimal types for node-zklib 1.3.0 (it ships none), covering what we call.
declare module 'node-zklib' {
  import type { Socket } from 'node:net';

  export interface ZkUser {
    uid: number;
    role: number;
    password: string;
    name: string;
    cardno: number;
    userId: string;
  }

  export interface ZkAttendance {
    userSn: number;
    deviceUserId: string;
    recordTime: Date;
    ip: string;
  }

  /** Partial data comes back with `err` set instead of a rejection. */
  export interface ZkResult<T> {
    data: T[];
    err?: Error | null;
  }

  export interface ZkInfo {
    userCounts: number;
    logCounts: number;
    logCapacity: number;
  }

  /** What node-zklib rejects with; it is NOT an Error. */
  export interface ZkErrorLike {
    err: Error & { code?: string };
    ip: string;
    command: string;
  }

  export default class ZKLib {
    constructor(ip: string, port: number, timeout: number, inport: number);
    connectionType: 'tcp' | 'udp' | null;
    /**
     * Internal TCP transport. `socket` is tapped for raw bytes and destroyed on
     * abort; `readWithBuffer` + `freeData` are exactly what `getUsers` and
     * `getAttendances` run before their per-record decode (zklibtcp.js).
     */
    zklibTcp: {
      socket: Socket | null;
      /** Taken from the CONNECT reply, whatever its code (ACK_UNAUTH included). */
      sessionId: number;
      /** Resolves with the assembled dataset (uint32 length prefix + records); partial data comes with `err`. */
      readWithBuffer(request: Buffer): Promise<{ data: Buffer; err?: Error | null }>;
      freeData(): Promise<Buffer>;
    };
    createSocket(cbErr?: (err: Error & { code?: string }) => void, cbClose?: (kind: string) => void): Promise<void>;
    getInfo(): Promise<ZkInfo>;
    getUsers(): Promise<ZkResult<ZkUser>>;
    getAttendances(cb?: (received: number, total: number) => void): Promise<ZkResult<ZkAttendance>>;
    getRealTimeLogs(cb: (event: { userId: string; attTime: Date }) => void): Promise<void>;
    executeCmd(command: number, data?: Buffer | string): Promise<Buffer>;
    disableDevice(): Promise<Buffer>;
    enableDevice(): Promise<Buffer>;
    clearAttendanceLog(): Promise<Buffer>;
    freeData(): Promise<Buffer>;
    disconnect(): Promise<boolean>;
  }
}
