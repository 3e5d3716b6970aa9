/** A fault served instead of (or before) a normal answer. */
export type Fault =
  /**
   * An error answer with Google's body for that status. Google never sends `Retry-After`
   * (not even on 429); `retryAfterSeconds` adds one only to test a proxy that does.
   */
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
  /** Read requests allowed per project per rolling minute, all users together (Google: 300), `null` for unlimited. */
  readsPerMinutePerProject: number | null;
}

/** Which read quota a request ran out of. */
export type QuotaLimit = 'ReadRequestsPerMinutePerUser' | 'ReadRequestsPerMinutePerProject';

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
  settings: FaultSettings = { latencyMs: 0, readsPerMinute: null, readsPerMinutePerProject: null };
  stats: EmulatorStats = { requests: 0, byStatus: {}, byMethod: {} };
  private pending: Fault[] = [];
  private reads = new Map<string, number[]>();
  private projectReads: number[] = [];

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
   * Counts one read for `user` against the per-user and the per-project minute; returns the quota
   * that is spent (and the read is not counted), or null when the read may go ahead.
   */
  consumeRead(user: string, nowMs: number): QuotaLimit | null {
    const minuteAgo = nowMs - 60_000;
    const mine = (this.reads.get(user) ?? []).filter((t) => t > minuteAgo);
    this.projectReads = this.projectReads.filter((t) => t > minuteAgo);
    this.reads.set(user, mine);
    const { readsPerMinute: perUser, readsPerMinutePerProject: perProject } = this.settings;
    if (perUser !== null && mine.length >= perUser) return 'ReadRequestsPerMinutePerUser';
    if (perProject !== null && this.projectReads.length >= perProject) return 'ReadRequestsPerMinutePerProject';
    mine.push(nowMs);
    this.projectReads.push(nowMs);
    return null;
  }

  record(method: string, status: number): void {
    this.stats.requests++;
    this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
    this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
  }

  reset(): void {
    this.settings = { latencyMs: 0, readsPerMinute: null, readsPerMinutePerProject: null };
    this.stats = { requests: 0, byStatus: {}, byMethod: {} };
    this.pending = [];
    this.reads.clear();
    this.projectReads = [];
  }
}
