import { expect, test } from 'vitest';
import type { ReaderClock } from './clock.js';
import { ReadPacer } from './pacer.js';

/** A clock that only moves when the pacer waits: every wait is recorded and taken in full at once. */
function steppingClock() {
  let now = 1_000_000;
  const waits: number[] = [];
  const clock: ReaderClock = {
    now: () => now,
    wait: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  };
  return { clock, waits, now: () => now };
}

test('never lets more than the limit through in any window', async () => {
  const { clock, waits, now } = steppingClock();
  const pacer = new ReadPacer(2, 200, clock);
  const granted: number[] = [];
  for (let i = 0; i < 5; i++) {
    await pacer.acquire();
    granted.push(now());
  }
  // Two per 200 ms window: the 3rd and 5th request each had to wait out a full window.
  expect(waits).toEqual([200, 200]);
  expect(granted.map((t) => t - granted[0]!)).toEqual([0, 0, 200, 200, 400]);
  for (let i = 2; i < granted.length; i++) expect(granted[i]! - granted[i - 2]!).toBeGreaterThanOrEqual(200);
});

test('null means no pacing', async () => {
  const { clock, waits } = steppingClock();
  const pacer = new ReadPacer(null, 200, clock);
  for (let i = 0; i < 100; i++) await pacer.acquire();
  expect(waits).toEqual([]);
});

test('an abort while waiting for the window rejects the acquire', async () => {
  const controller = new AbortController();
  const clock: ReaderClock = { now: () => 0, wait: async () => controller.abort() };
  const pacer = new ReadPacer(1, 200, clock);
  await pacer.acquire(controller.signal);
  await expect(pacer.acquire(controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
});
