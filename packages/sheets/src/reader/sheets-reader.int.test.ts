import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { generateSellers, sellerSheet } from '../emulator/seed.js';
import { startSheetsEmulator } from '../emulator/server.js';
import { corruptCell, duplicateHeader, renameHeader, withBlankRows } from '../emulator/sheet-faults.js';
import { SheetHeaderError, SheetsRequestError } from '../errors.js';
import type { ReaderClock } from './clock.js';
import type { RetryEvent } from './retry.js';
import { createSheetsReader } from './sheets-reader.js';

const emu = await startSheetsEmulator();
afterAll(() => emu.close());
const fast = { maxRetries: 3, initialDelayMs: 5, maxDelayMs: 50, backoffMultiplier: 2 };
const fastQuota = { baseMs: 5, maxBackoffMs: 40, jitterMs: 5, budgetMs: 5_000 };
const reader = (over: Partial<Parameters<typeof createSheetsReader>[0]> = {}) =>
  createSheetsReader({ spreadsheetId: 'book', rootUrl: emu.rootUrl, retry: fast, quotaBackoff: fastQuota, readsPerMinute: null, ...over });
beforeEach(() => emu.faults.reset());

describe('sheets reader', () => {
  test('reads past blank rows to the end of the grid, in batches sized by the payload budget', async () => {
    const rows = withBlankRows(sellerSheet(generateSellers(1_000, 3)), [10, 11, 500]);
    emu.store.putSheet('book', 'Sellers', rows);
    // 14 columns x 40 bytes: a 112 kB budget is 200 rows per request -> 1104 grid rows in 6 requests.
    const snap = await reader({ payloadBudgetBytes: 112_000 }).readAll();
    expect(snap.sellers).toHaveLength(1_000);
    expect(snap.sellers.at(-1)?.sellerNumber).toBe('AA1000');
    expect(snap.blankRows.slice(0, 3)).toEqual([12, 14, 504]);
    expect(snap.requests).toBe(2 + 6);
    expect(emu.faults.stats.byMethod['values.batchGet']).toBe(6);
  });

  test('a bad row is reported with row number and reason and the rest is read', async () => {
    const rows = sellerSheet(generateSellers(20, 4));
    corruptCell(rows, 5, 'bad-date');
    corruptCell(rows, 9, 'seller-number');
    rows[12]![0] = 'AA3';
    emu.store.putSheet('book', 'Sellers', rows);
    const snap = await reader().readAll();
    expect(snap.sellers).toHaveLength(17);
    expect(snap.invalid.map((e) => [e.rowNumber, e.sellerNumber, e.reason])).toEqual([
      [5, 'AA4', 'inquiry date "2024-13-45" is not a date (expected YYYY-MM-DD)'],
      [9, null, 'seller number "BB9" must be AA followed by digits (e.g. AA12679)'],
      [13, 'AA3', 'seller number AA3 already appears in row 4; the first row is used'],
    ]);
  });

  test('renamed or duplicated headers stop the read with the problem named; configured names fix it', async () => {
    emu.store.putSheet('book', 'Sellers', renameHeader(sellerSheet(generateSellers(3, 5)), 'Name', 'Owner'));
    await expect(reader().readAll()).rejects.toThrow(SheetHeaderError);
    const snap = await reader({ columns: { name: ['Owner'] } }).readAll();
    expect(snap.sellers).toHaveLength(3);
    emu.store.putSheet('book', 'Sellers', duplicateHeader(sellerSheet(generateSellers(3, 5)), 'Inquiry Date'));
    await expect(reader().readAll()).rejects.toThrow(/inquiryDate appears 2 times/);
  });

  test('a Retry-After (Google sends none, a proxy may) is honoured; 5xx and timeouts back off; each retry is reported', async () => {
    emu.store.putSheet('book', 'Sellers', sellerSheet(generateSellers(5, 6)));
    emu.faults
      .failNext(1, { kind: 'status', status: 429, retryAfterSeconds: 1 })
      .failNext(1, { kind: 'status', status: 500 })
      // The emulator runs in this process: its 4 s delay timer always expires after the client's
      // 2 s timeout, and 2 s is far more than any healthy request here needs, even on a loaded box.
      .failNext(1, { kind: 'delay', ms: 4_000 });
    const events: RetryEvent[] = [];
    // Every wait the reader asks for is recorded (and skipped): what it waited, not how long it took.
    const waits: number[] = [];
    const clock: ReaderClock = { now: () => Date.now(), wait: async (ms) => void waits.push(ms) };
    const snap = await reader({ onRetry: (e) => events.push(e), timeoutMs: 2_000, clock }).readAll();
    expect(snap.sellers).toHaveLength(5);
    expect(events.map((e) => [e.status, e.attempt])).toEqual([
      [429, 1],
      [500, 2],
      [null, 3],
    ]);
    expect(events[0]!.delayMs).toBe(1_000);
    expect(events[1]!.delayMs).toBe(5);
    expect(waits).toEqual([1_000, 5, 10]);
  });

  test('gives up after 3 retries with a typed error; 404 is not retried', async () => {
    emu.store.putSheet('book', 'Sellers', sellerSheet(generateSellers(5, 6)));
    emu.faults.failNext(4, { kind: 'status', status: 503 });
    const err = await reader().readAll().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SheetsRequestError);
    expect(err).toMatchObject({ status: 503, attempts: 4, retryable: true });
    const missing = await reader({ spreadsheetId: 'missing' }).readAll().catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, attempts: 1, retryable: false });
  });

  test('readRows and locate fetch only the rows asked for', async () => {
    emu.store.putSheet('book', 'Sellers', withBlankRows(sellerSheet(generateSellers(30, 8)), [3]));
    const r = reader();
    const where = await r.locate(['AA2', 'AA20', 'AA999']);
    expect([...where]).toEqual([
      ['AA2', 3],
      ['AA20', 22],
    ]);
    const snap = await r.readRows([...where.values()]);
    expect(snap.sellers.map((s) => [s.sellerNumber, s.rowNumber])).toEqual([
      ['AA2', 3],
      ['AA20', 22],
    ]);
  });
});
