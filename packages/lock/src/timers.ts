/**
 * The clock the lock schedules on: extensions, the max-hold give-up and the
 * backoff between acquire attempts. Production uses Node's timers; a test of a
 * time limit passes a manual clock and moves it on purpose, so scheduling
 * delays on a loaded machine cannot decide the outcome.
 */
export interface LockTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: LockTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
};

/** Waits `ms` on `timers`; rejects with the signal's own reason when it aborts first (as fetch() does). */
export function wait(timers: LockTimers, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      timers.clearTimeout(handle);
      reject(signal!.reason);
    };
    const handle = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
