import type { BulkKind } from './bulk.js';
/**
 * Runtime fault switches for one emulator. Persistent faults stay on until
 * turned off or `reset()`; one-shot faults (marked) disarm when they fire.
 */
export class Faults {
  refusing = false;
  delayMs = 0;
  /** When set, only replies to this command are delayed. */
  delayOnly: number | null = null;
  /** One-shot: bytes of the next bulk transfer sent before the socket is destroyed. */
  dropAfter: number | null = null;
  /** One-shot: the next bulk reply carries only the first half of the records. */
  /** Which bulk read the one-shot truncation hits: any, or only users / logs / templates. */
  truncateNext: false | 'any' | BulkKind = false;
  readonly ackErrors = new Set<number>();
  /** One-shot: userIds removed right after the next complete user download. */
  vanishing: string[] | null = null;

  constructor(private readonly onRefuseChange: (refuse: boolean) => Promise<void>) {}

  /** Stop (true) or resume (false) accepting TCP connections: clients get ECONNREFUSED. */
  async refuseConnections(refuse: boolean): Promise<void> {
    this.refusing = refuse;
    await this.onRefuseChange(refuse);
  }

  /** One-shot: destroy the connection after `bytes` bytes of the next bulk transfer. */
  dropAfterBytes(bytes: number): void {
    this.dropAfter = bytes;
  }

  /** Delay every reply (or only replies to `command`) by `ms`; 0 turns it off. */
  delayReplies(ms: number, command?: number): void {
    this.delayMs = ms;
    this.delayOnly = command ?? null;
  }

  /** One-shot: the next bulk reply is short but self-consistent (half the records). */
  truncateNextBulk(kind: 'any' | BulkKind = 'any'): void {
    this.truncateNext = kind;
  }

  /** Answer `command` with CMD_ACK_ERROR until cleared (`ackError(cmd, false)` or `reset()`). */
  ackError(command: number, on = true): void {
    if (on) this.ackErrors.add(command);
    else this.ackErrors.delete(command);
  }

  /**
   * One-shot, the seed-000 field bug: these users are still in the next
   * user download, then vanish from the device before the following one.
   */
  vanishUsers(userIds: readonly string[]): void {
    this.vanishing = [...userIds];
  }

  /** Turns every fault off (and resumes accepting connections). */
  async reset(): Promise<void> {
    this.delayMs = 0;
    this.delayOnly = null;
    this.dropAfter = null;
    this.truncateNext = false;
    this.ackErrors.clear();
    this.vanishing = null;
    if (this.refusing) await this.refuseConnections(false);
  }
}
