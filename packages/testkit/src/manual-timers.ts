interface Pending {
  id: number;
  due: number;
  callback: () => void;
}

/**
 * A clock that only moves when the test moves it, for code that takes a
 * `{ setTimeout, clearTimeout }` seam (the lock's extensions and max hold, say).
 * Time limits become steps the test takes, so a loaded CI machine that runs
 * timers late cannot change which of two deadlines fires first.
 *
 * @example
 * const timers = new ManualTimers();
 * const locks = createLockManager({ ..., timers });
 * timers.advance(maxHoldMs - 1); // still held
 * timers.advance(1);             // given up, exactly now
 */
export class ManualTimers {
  /** Virtual milliseconds since the clock was made. */
  now = 0;
  /** Every delay ever asked for, in order (a backoff schedule, for instance). */
  readonly requested: number[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly waiters: Array<() => void> = [];

  readonly setTimeout = (callback: () => void, ms: number): number => {
    const id = this.nextId++;
    this.pending.set(id, { id, due: this.now + Math.max(0, ms), callback });
    this.requested.push(ms);
    for (const wake of this.waiters.splice(0)) wake();
    return id;
  };

  readonly clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };

  /** Delays of the timers still waiting, counted from now. */
  get pendingDelays(): number[] {
    return [...this.pending.values()].sort(byDue).map((p) => p.due - this.now);
  }

  /** Fires, in due order, every timer due within `ms`, then stands at now + ms. */
  advance(ms: number): void {
    const target = this.now + ms;
    for (;;) {
      const next = [...this.pending.values()].filter((p) => p.due <= target).sort(byDue)[0];
      if (!next) break;
      this.pending.delete(next.id);
      this.now = next.due;
      next.callback();
    }
    this.now = target;
  }

  /** Resolves once at least `count` timers are pending (code under test scheduled them). */
  async untilPending(count = 1): Promise<void> {
    while (this.pending.size < count) await new Promise<void>((wake) => this.waiters.push(wake));
  }
}

const byDue = (a: Pending, b: Pending) => a.due - b.due || a.id - b.id;
