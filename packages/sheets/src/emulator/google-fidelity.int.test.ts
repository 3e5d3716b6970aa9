import { sheets as sheetsClient } from '@googleapis/sheets';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { generateSellers, sellerSheet } from './seed.js';
import { startSheetsEmulator } from './server.js';

// Each case is a fact from the live API (see the README's fidelity table), checked through googleapis.
const emu = await startSheetsEmulator();
const sheets = sheetsClient({ version: 'v4', rootUrl: emu.rootUrl });
const noRetry = { retry: false };
afterAll(() => emu.close());
const seller = { ...generateSellers(1, 1)[0]!, inquiryDate: '2024-01-01', updatedAt: '2024-01-01T03:00:00.000Z' };
beforeEach(() => {
  emu.faults.reset();
  emu.store.spreadsheets.clear();
  emu.store.putSheet('book', 'Sellers', sellerSheet([seller], 'Asia/Tokyo'), { rowCount: 1000, columnCount: 26 });
  emu.store.setTimeZone('book', 'Asia/Tokyo');
});
const errorOf = async (p: Promise<unknown>) => {
  const e = (await p.catch((err: unknown) => err)) as { status: number; response: { data: unknown; headers: Headers } };
  return { status: e.status, body: e.response.data, retryAfter: e.response.headers.get('retry-after') };
};

describe('emulator fidelity to the live Sheets API', () => {
  test('UNFORMATTED_VALUE returns date-times as serials in the spreadsheet zone; FORMATTED_STRING and FORMATTED_VALUE as text', async () => {
    const range = 'Sellers!C2:N2';
    const get = (o: object) => sheets.spreadsheets.values.get({ spreadsheetId: 'book', range, ...o }, noRetry);
    const serial = (await get({ valueRenderOption: 'UNFORMATTED_VALUE' })).data.values![0]!;
    // 2024-01-01 03:00Z is 12:00 in Tokyo: 45292.5, the reference's own example.
    expect([serial[0], serial.at(-1)]).toEqual([45292, 45292.5]);
    const text = (await get({ valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING' })).data.values![0]!;
    expect([text[0], text.at(-1)]).toEqual(['2024-01-01', '2024-01-01 12:00:00']);
    // dateTimeRenderOption is ignored under FORMATTED_VALUE.
    const formatted = (await get({ valueRenderOption: 'FORMATTED_VALUE', dateTimeRenderOption: 'SERIAL_NUMBER' })).data.values![0]!;
    expect(formatted.at(-1)).toBe('2024-01-01 12:00:00');
    const meta = await sheets.spreadsheets.get({ spreadsheetId: 'book' }, noRetry);
    expect(meta.data.properties?.timeZone).toBe('Asia/Tokyo');
  });

  test('a range starting outside the grid is 400 "exceeds grid limits"; one ending past it is clipped', async () => {
    const outside = await errorOf(sheets.spreadsheets.values.get({ spreadsheetId: 'book', range: 'Sellers!A1001:B1002' }, noRetry));
    expect(outside).toMatchObject({
      status: 400,
      body: { error: { code: 400, status: 'INVALID_ARGUMENT', message: 'Range (Sellers!A1001:B1002) exceeds grid limits. Max rows: 1000, max columns: 26' } },
    });
    const clipped = await sheets.spreadsheets.values.get({ spreadsheetId: 'book', range: 'Sellers!A1:AA5' }, noRetry);
    expect(clipped.data.range).toBe('Sellers!A1:Z5');
    // One bad range fails the whole batchGet.
    const batch = await errorOf(sheets.spreadsheets.values.batchGet({ spreadsheetId: 'book', ranges: ['Sellers!A1:A2', 'Sellers!A2000:A2001'] }, noRetry));
    expect(batch.status).toBe(400);
    const unparsable = await errorOf(sheets.spreadsheets.values.get({ spreadsheetId: 'book', range: 'NOPE!A5:F15' }, noRetry));
    expect(unparsable.body).toEqual({ error: { code: 400, message: 'Unable to parse range: NOPE!A5:F15', status: 'INVALID_ARGUMENT' } });
  });

  test('not shared is 403 PERMISSION_DENIED, a wrong id 404 NOT_FOUND, with Google\'s bodies', async () => {
    emu.store.setShared('book', false);
    expect(await errorOf(sheets.spreadsheets.get({ spreadsheetId: 'book' }, noRetry))).toEqual({
      status: 403,
      retryAfter: null,
      body: { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } },
    });
    expect(await errorOf(sheets.spreadsheets.get({ spreadsheetId: 'wrong-id' }, noRetry))).toEqual({
      status: 404,
      retryAfter: null,
      body: { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } },
    });
  });

  test('5xx bodies: 503 UNAVAILABLE, 500 INTERNAL', async () => {
    emu.faults.failNext(1, { kind: 'status', status: 503 }).failNext(1, { kind: 'status', status: 500 });
    expect((await errorOf(sheets.spreadsheets.get({ spreadsheetId: 'book' }, noRetry))).body).toEqual({
      error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' },
    });
    expect((await errorOf(sheets.spreadsheets.get({ spreadsheetId: 'book' }, noRetry))).body).toMatchObject({ error: { code: 500, status: 'INTERNAL' } });
  });

  test('a quota 429 has no Retry-After and carries ErrorInfo RATE_LIMIT_EXCEEDED with the quota limit', async () => {
    emu.faults.settings.readsPerMinute = 1;
    await sheets.spreadsheets.get({ spreadsheetId: 'book' }, noRetry);
    const e = await errorOf(sheets.spreadsheets.get({ spreadsheetId: 'book' }, noRetry));
    expect(e.status).toBe(429);
    expect(e.retryAfter).toBeNull();
    expect(e.body).toMatchObject({
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        message: expect.stringContaining("limit 'Read requests per minute per user'"),
        details: [{ reason: 'RATE_LIMIT_EXCEEDED', domain: 'googleapis.com', metadata: { quota_limit: 'ReadRequestsPerMinutePerUser', quota_limit_value: '60' } }, expect.anything()],
      },
    });
    expect((e.body as { error: object }).error).not.toHaveProperty('errors');
  });

  test('the per-project quota counts every user together; the per-user one each user apart', async () => {
    emu.faults.settings = { latencyMs: 0, readsPerMinute: 2, readsPerMinutePerProject: 3 };
    const as = (user: string) => sheets.spreadsheets.get({ spreadsheetId: 'book' }, { ...noRetry, headers: { authorization: `Bearer ${user}` } });
    await as('a');
    await as('a');
    expect((await errorOf(as('a'))).body).toMatchObject({ error: { details: [{ metadata: { quota_limit: 'ReadRequestsPerMinutePerUser' } }, expect.anything()] } });
    await as('b');
    expect((await errorOf(as('c'))).body).toMatchObject({ error: { details: [{ metadata: { quota_limit: 'ReadRequestsPerMinutePerProject', quota_limit_value: '300' } }, expect.anything()] } });
  });
});
