import { setTimeout as sleep } from 'node:timers/promises';

/** Time as the reader sees it: pacing and retry waits go through here so tests can watch them. */
export interface ReaderClock {
  now(): number;
  /** Resolves after `ms` (or when `signal` aborts; the caller re-checks the signal). */
  wait(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: ReaderClock = {
  now: () => Date.now(),
  wait: (ms, signal) => sleep(ms, undefined, signal ? { signal } : undefined).catch(() => undefined),
};
