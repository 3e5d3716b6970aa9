import { expect, test } from 'vitest';
import { ReadPacer } from './pacer.js';

test('never lets more than the limit through in any window', async () => {
  const pacer = new ReadPacer(2, 200);
  const times: number[] = [];
  const t0 = Date.now();
  for (let i = 0; i < 5; i++) {
    await pacer.acquire();
    times.push(Date.now() - t0);
  }
  for (let i = 2; i < times.length; i++) expect(times[i]! - times[i - 2]!).toBeGreaterThanOrEqual(195);
  expect(times[4]).toBeGreaterThanOrEqual(390);
});

test('null means no pacing', async () => {
  const pacer = new ReadPacer(null);
  const t0 = Date.now();
  for (let i = 0; i < 100; i++) await pacer.acquire();
  expect(Date.now() - t0).toBeLessThan(50);
});
