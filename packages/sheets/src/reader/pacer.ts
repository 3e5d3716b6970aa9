import { systemClock, type ReaderClock } from './clock.js';

/**
 * Keeps our own read rate under the Sheets quota (60 read requests per minute per user):
 * before a request, waits until fewer than `perMinute` were sent in the last 60 s.
 */
export class ReadPacer {
  private sent: number[] = [];
  constructor(
    private readonly perMinute: number | null,
    private readonly windowMs = 60_000,
    private readonly clock: ReaderClock = systemClock,
  ) {}

  async acquire(signal?: AbortSignal): Promise<void> {
    if (this.perMinute === null) return;
    for (;;) {
      const now = this.clock.now();
      this.sent = this.sent.filter((t) => t > now - this.windowMs);
      if (this.sent.length < this.perMinute) {
        this.sent.push(now);
        return;
      }
      await this.clock.wait(this.sent[0]! + this.windowMs - now, signal);
      signal?.throwIfAborted();
    }
  }
}
