/** A fault served instead of (or before) a normal answer. */
export type Fault =
  | { kind: 'status'; status: 429 | 500 | 502 | 503; retryAfterSeconds?: number }
  | { kind: 'delay'; ms: number }
  /** Accepts the request and closes the socket without answering (a network error for the client). */
  | { kind: 'drop' };

export interface FaultSettings {
  /** Added to every response. */
  latencyMs: number;
  /**
   * Read requests allowed per user per rolling minute (Google: 60 per minute per user),
   * `null` for unlimited. Over it the emulator answers 429 RESOURCE_EXHAUSTED.
   */
  readsPerMinute: number | null;
}

/** Request counts the tests assert on. */
export interface EmulatorStats {
  requests: number;
  byStatus: Record<number, number>;
  byMethod: Record<string, number>;
}

/**
 * Fault plan of one emulator: one-shot faults queued for the next requests, plus standing
 * settings. Mutable at run time (tests, or `POST /__emulator/faults` for the CLI).
 *
 * @example
 * emulator.faults.failNext(3, { kind: 'status', status: 429, retryAfterSeconds: 1 });
 */
export class Faults {
  settings: FaultSettings = { latencyMs: 0, readsPerMinute: null };
  stats: EmulatorStats = { requests: 0, byStatus: {}, byMethod: {} };
  private pending: Fault[] = [];
  private reads = new Map<string, number[]>();

  failNext(count: number, fault: Fault): this {
    for (let i = 0; i < count; i++) this.pending.push(fault);
    return this;
  }

  /** The fault for this request, if one is queued. */
  take(): Fault | undefined {
    return this.pending.shift();
  }

  get queued(): number {
    return this.pending.length;
  }

  /**
   * Counts one read for `user`; returns the seconds until a slot frees up when the quota is spent.
   */
  consumeRead(user: string, nowMs: number): number | null {
    const limit = this.settings.readsPerMinute;
    if (limit === null) return null;
    const window = (this.reads.get(user) ?? []).filter((t) => t > nowMs - 60_000);
    if (window.length >= limit) {
      this.reads.set(user, window);
      return Math.max(1, Math.ceil((window[0]! + 60_000 - nowMs) / 1000));
    }
    window.push(nowMs);
    this.reads.set(user, window);
    return null;
  }

  record(method: string, status: number): void {
    this.stats.requests++;
    this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
    this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
  }

  reset(): void {
    this.settings = { latencyMs: 0, readsPerMinute: null };
    this.stats = { requests: 0, byStatus: {}, byMethod: {} };
    this.pending = [];
    this.reads.clear();
  }
}
