import { sheets as sheetsClient } from '@googleapis/sheets';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { generateSellers, sellerSheet } from './seed.js';
import { startSheetsEmulator } from './server.js';
import { withBlankRows } from './sheet-faults.js';

// The real googleapis client against the emulator: what works here works against Google.
const emu = await startSheetsEmulator();
const sheets = sheetsClient({ version: 'v4', rootUrl: emu.rootUrl });
const noRetry = { retry: false };
afterAll(() => emu.close());
beforeEach(() => {
  emu.faults.reset();
  emu.store.putSheet('book', 'Sellers', withBlankRows(sellerSheet(generateSellers(5, 1)), [2]));
});

describe('Sheets v4 emulator', () => {
  test('spreadsheet metadata reports the grid, which extends past the data', async () => {
    const { data } = await sheets.spreadsheets.get({ spreadsheetId: 'book' }, noRetry);
    expect(data.sheets?.[0]?.properties).toMatchObject({ title: 'Sellers', gridProperties: { rowCount: 107, columnCount: 26 } });
  });

  test('values.get with an open-ended range returns blank rows mid-sheet as [] and trims the tail', async () => {
    const { data } = await sheets.spreadsheets.values.get({ spreadsheetId: 'book', range: 'Sellers!A2:Z' }, noRetry);
    expect(data.range).toBe('Sellers!A2:Z107');
    expect(data.majorDimension).toBe('ROWS');
    expect(data.values).toHaveLength(6);
    expect(data.values?.[2]).toEqual([]);
    expect(data.values?.[0]?.[0]).toBe('AA1');
  });

  test('value render options: formatted dates and grouped prices vs raw serials and numbers', async () => {
    const range = 'Sellers!C2:C2';
    const f = await sheets.spreadsheets.values.get({ spreadsheetId: 'book', range, valueRenderOption: 'FORMATTED_VALUE' }, noRetry);
    const u = await sheets.spreadsheets.values.get({ spreadsheetId: 'book', range, valueRenderOption: 'UNFORMATTED_VALUE' }, noRetry);
    expect(f.data.values?.[0]?.[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(typeof u.data.values?.[0]?.[0]).toBe('number');
  });

  test('values.batchGet answers each range in order; an empty range has no values', async () => {
    const { data } = await sheets.spreadsheets.values.batchGet({ spreadsheetId: 'book', ranges: ['Sellers!A1:A1', 'Sellers!A3:B3', 'Sellers!A90:B99'] }, noRetry);
    expect(data.valueRanges?.map((r) => r.values)).toEqual([[['Seller Number']], [['AA2', expect.any(String)]], undefined]);
  });

  test('bad ranges, unknown spreadsheets and COLUMNS are Google-shaped errors', async () => {
    await expect(sheets.spreadsheets.values.get({ spreadsheetId: 'book', range: 'Sellers!B5:A1' }, noRetry)).rejects.toMatchObject({ status: 400 });
    await expect(sheets.spreadsheets.get({ spreadsheetId: 'nope' }, noRetry)).rejects.toMatchObject({ status: 404 });
    await expect(sheets.spreadsheets.values.get({ spreadsheetId: 'book', range: 'A1', majorDimension: 'COLUMNS' }, noRetry)).rejects.toMatchObject({ status: 400 });
  });

  test('injected 429 carries Retry-After; 503 follows; then normal service', async () => {
    emu.faults.failNext(1, { kind: 'status', status: 429, retryAfterSeconds: 7 }).failNext(1, { kind: 'status', status: 503 });
    const first = await sheets.spreadsheets.get({ spreadsheetId: 'book' }, noRetry).catch((e: unknown) => e);
    expect(first).toMatchObject({ status: 429 });
    expect((first as { response: { headers: Headers } }).response.headers.get('retry-after')).toBe('7');
    await expect(sheets.spreadsheets.get({ spreadsheetId: 'book' }, noRetry)).rejects.toMatchObject({ status: 503 });
    await expect(sheets.spreadsheets.get({ spreadsheetId: 'book' }, noRetry)).resolves.toMatchObject({ status: 200 });
    expect(emu.faults.stats.byStatus).toEqual({ 200: 1, 429: 1, 503: 1 });
  });

  test('the per-minute read quota answers 429 RESOURCE_EXHAUSTED once spent', async () => {
    emu.faults.settings.readsPerMinute = 2;
    await sheets.spreadsheets.get({ spreadsheetId: 'book' }, noRetry);
    await sheets.spreadsheets.get({ spreadsheetId: 'book' }, noRetry);
    await expect(sheets.spreadsheets.get({ spreadsheetId: 'book' }, noRetry)).rejects.toMatchObject({ status: 429, message: expect.stringContaining('per minute per user') });
  });

  test('slow responses and dropped connections', async () => {
    emu.faults.failNext(1, { kind: 'delay', ms: 300 }).failNext(1, { kind: 'drop' });
    await expect(sheets.spreadsheets.get({ spreadsheetId: 'book' }, { retry: false, timeout: 100 })).rejects.toThrow();
    await expect(sheets.spreadsheets.get({ spreadsheetId: 'book' }, noRetry)).rejects.toThrow();
  });
});
