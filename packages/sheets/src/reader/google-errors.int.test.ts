import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { generateSellers, sellerSheet } from '../emulator/seed.js';
import { startSheetsEmulator } from '../emulator/server.js';
import { SheetsRequestError } from '../errors.js';
import type { RetryEvent } from './retry.js';
import { createSheetsReader } from './sheets-reader.js';

// How the reader handles each answer the live API gives (emulator faithful to it, see the README).
const emu = await startSheetsEmulator();
afterAll(() => emu.close());
const fast = { maxRetries: 3, initialDelayMs: 5, maxDelayMs: 50, backoffMultiplier: 2 };
const quota = { baseMs: 10, maxBackoffMs: 40, jitterMs: 10, budgetMs: 150 };
const reader = (events: RetryEvent[] = [], over: Partial<Parameters<typeof createSheetsReader>[0]> = {}) =>
  createSheetsReader({ spreadsheetId: 'book', rootUrl: emu.rootUrl, retry: fast, quotaBackoff: quota, readsPerMinute: null, onRetry: (e) => events.push(e), ...over });
const sellers = generateSellers(20, 9);
beforeEach(() => {
  emu.faults.reset();
  emu.store.spreadsheets.clear();
  emu.store.putSheet('book', 'Sellers', sellerSheet(sellers, 'America/Los_Angeles'));
  emu.store.setTimeZone('book', 'America/Los_Angeles');
});

describe('reader against Google-shaped answers', () => {
  test('date-time serials are read in the spreadsheet zone: Updated At equals the instant typed', async () => {
    const snap = await reader().readAll();
    expect(snap.invalid).toEqual([]);
    expect(snap.sellers.map((s) => s.updatedAt?.toISOString())).toEqual(sellers.map((s) => new Date(s.updatedAt!).toISOString()));
    expect(snap.sellers.map((s) => s.inquiryDate)).toEqual(sellers.map((s) => s.inquiryDate));
  });

  test('429 without Retry-After: truncated exponential backoff with jitter, under the cap', async () => {
    emu.faults.failNext(5, { kind: 'status', status: 429 });
    const events: RetryEvent[] = [];
    const snap = await reader(events, { quotaBackoff: { ...quota, budgetMs: 10_000 } }).readAll();
    expect(snap.sellers).toHaveLength(20);
    expect(events.map((e) => [e.status, e.retryAfterMs])).toEqual(Array(5).fill([429, null]));
    events.forEach((e, n) => {
      expect(e.delayMs).toBeGreaterThanOrEqual(Math.min(10 * 2 ** n, 40));
      expect(e.delayMs).toBeLessThanOrEqual(Math.min(10 * 2 ** n + 10, 40));
    });
  });

  test('a 429 storm longer than the budget fails retryable with status 429 (the queue backoff takes over)', async () => {
    emu.faults.failNext(50, { kind: 'status', status: 429 });
    const events: RetryEvent[] = [];
    const err = await reader(events).readAll().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SheetsRequestError);
    expect(err).toMatchObject({ status: 429, retryable: true });
    expect(events.reduce((t, e) => t + e.delayMs, 0)).toBeLessThanOrEqual(150);
    expect(events.length).toBeGreaterThan(2);
  });

  test('403 not shared, 404 wrong id and 400 bad range fail at once, not retried, status kept', async () => {
    emu.store.setShared('book', false);
    await expect(reader().readAll()).rejects.toMatchObject({ status: 403, attempts: 1, retryable: false, message: expect.stringContaining('The caller does not have permission') });
    await expect(reader([], { spreadsheetId: 'wrong' }).readAll()).rejects.toMatchObject({ status: 404, attempts: 1, retryable: false });
    emu.store.setShared('book', true);
    await expect(reader([], { sheetName: 'Sellers' }).readAll()).resolves.toMatchObject({ sellers: expect.any(Array) });
    expect(emu.faults.stats.byStatus[400]).toBeUndefined();
  });

  test('500, 502 and 503 are retried and then succeed', async () => {
    emu.faults.failNext(1, { kind: 'status', status: 500 }).failNext(1, { kind: 'status', status: 502 }).failNext(1, { kind: 'status', status: 503 });
    const events: RetryEvent[] = [];
    const snap = await reader(events).readAll();
    expect(snap.sellers).toHaveLength(20);
    expect(events.map((e) => e.status)).toEqual([500, 502, 503]);
  });

  test('rows asked for past the grid are not requested (Google would 400 the whole batchGet)', async () => {
    const snap = await reader().readRows([3, 5, 10_000]);
    expect(snap.sellers.map((s) => s.rowNumber)).toEqual([3, 5]);
    expect(emu.faults.stats.byStatus[400]).toBeUndefined();
  });
});
