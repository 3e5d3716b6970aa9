import { auth as googleAuth, sheets, type sheets_v4 } from '@googleapis/sheets';
import { columnLetters, quoteSheet } from '../a1.js';
import { RowValidationError } from '../errors.js';
import { mapHeaders, type ColumnMap, type HeaderOverrides } from './columns.js';
import type { ReaderClock } from './clock.js';
import { ReadPacer } from './pacer.js';
import { DEFAULT_QUOTA_BACKOFF, DEFAULT_RETRY, withRetry, type QuotaBackoff, type RetryEvent, type RetryPolicy } from './retry.js';
import { parseSellerRow, type SheetSeller } from './validate-row.js';

export interface SheetsReaderOptions {
  spreadsheetId: string;
  /** Tab title; the first tab when omitted. */
  sheetName?: string;
  /** Emulator base URL (`http://127.0.0.1:8089/`). Omit for real Google, which then authenticates with GOOGLE_APPLICATION_CREDENTIALS. */
  rootUrl?: string;
  /** A ready client (tests, or custom auth); wins over `rootUrl`. */
  client?: sheets_v4.Sheets;
  columns?: HeaderOverrides;
  retry?: RetryPolicy;
  /** How long to ride out 429s (Google sends no Retry-After). Default: 1 s doubling to 32 s, +1 s jitter, 120 s in all. */
  quotaBackoff?: QuotaBackoff;
  /** Our own ceiling under Google's 60 reads/min/user; `null` disables pacing. Default 50. */
  readsPerMinute?: number | null;
  /** Response size we aim for per request; Google recommends payloads under 2 MB. Default 1.5 MB. */
  payloadBudgetBytes?: number;
  /** Per-request timeout; a slow answer counts as a network error and is retried. Default 30 s. */
  timeoutMs?: number;
  onRetry?: (event: RetryEvent) => void;
  /** Pacing and retry waits; the system clock unless a caller wants to observe or skip them. */
  clock?: ReaderClock;
}

/** Everything one read of the sheet found. */
export interface SheetSnapshot {
  sheetTitle: string;
  sellers: SheetSeller[];
  /** Rows that failed validation (row number, seller number if readable, reason); they were skipped. */
  invalid: RowValidationError[];
  blankRows: number[];
  /** Last row of the grid that was read. */
  lastRow: number;
  requests: number;
}

export interface SheetsReader {
  /** Reads every row of the grid (never stopping at a blank row) and validates each. */
  readAll(signal?: AbortSignal): Promise<SheetSnapshot>;
  /** Reads just these 1-based rows (one batchGet per 200 rows), e.g. to re-sync gaps. */
  readRows(rowNumbers: number[], signal?: AbortSignal): Promise<SheetSnapshot>;
  /** Finds the current row of each seller number by reading only the seller-number column. */
  locate(sellerNumbers: string[], signal?: AbortSignal): Promise<Map<string, number>>;
}

// A typical seller cell is 10-30 bytes of JSON; 40 leaves headroom for long notes.
const BYTES_PER_CELL_ESTIMATE = 40;
const RANGES_PER_ROW_BATCH = 200;

/**
 * Google Sheets client for the sellers sheet, over Google's own `@googleapis/sheets` client.
 *
 * @example
 * const reader = createSheetsReader({ spreadsheetId: 'sellers', rootUrl: 'http://127.0.0.1:8089/' });
 * const { sellers, invalid } = await reader.readAll();
 */
export function createSheetsReader(options: SheetsReaderOptions): SheetsReader {
  const client = options.client ?? createSheetsClient(options.rootUrl);
  const policy = options.retry ?? DEFAULT_RETRY;
  const pacer = new ReadPacer(options.readsPerMinute === undefined ? 50 : options.readsPerMinute, 60_000, options.clock);
  const budget = options.payloadBudgetBytes ?? 1_500_000;
  const callOptions = { retry: false, timeout: options.timeoutMs ?? 30_000 };
  let requests = 0;

  async function call<T>(operation: string, fn: () => Promise<{ data: T }>, signal?: AbortSignal): Promise<T> {
    return withRetry(
      operation,
      async () => {
        await pacer.acquire(signal);
        requests++;
        return (await fn()).data;
      },
      { policy, quota: options.quotaBackoff ?? DEFAULT_QUOTA_BACKOFF, onRetry: options.onRetry, signal, clock: options.clock },
    );
  }

  async function grid(signal?: AbortSignal) {
    const meta = await call('spreadsheets.get', () => client.spreadsheets.get({ spreadsheetId: options.spreadsheetId }, callOptions), signal);
    const tabs = meta.sheets ?? [];
    const tab = options.sheetName === undefined ? tabs[0] : tabs.find((s) => s.properties?.title === options.sheetName);
    if (!tab?.properties?.title) {
      throw new Error(`spreadsheet ${options.spreadsheetId} has no tab "${options.sheetName}" (tabs: ${tabs.map((s) => s.properties?.title).join(', ')})`);
    }
    const title = tab.properties.title;
    const header = await call(
      'values.get',
      () => client.spreadsheets.values.get({ spreadsheetId: options.spreadsheetId, range: `${quoteSheet(title)}!1:1`, valueRenderOption: 'FORMATTED_VALUE' }, callOptions),
      signal,
    );
    const map = mapHeaders(header.values?.[0] ?? [], options.columns);
    // Date-time serials are wall clock in the spreadsheet's zone (reference: "Dates and times").
    const timeZone = meta.properties?.timeZone ?? 'Etc/UTC';
    return { title, map, timeZone, rowCount: tab.properties.gridProperties?.rowCount ?? 1 };
  }

  async function batch(title: string, ranges: string[], signal?: AbortSignal): Promise<sheets_v4.Schema$ValueRange[]> {
    const data = await call(
      'values.batchGet',
      () =>
        client.spreadsheets.values.batchGet(
          { spreadsheetId: options.spreadsheetId, ranges, valueRenderOption: 'UNFORMATTED_VALUE', majorDimension: 'ROWS' },
          callOptions,
        ),
      signal,
    );
    return data.valueRanges ?? [];
  }

  function collect(title: string, timeZone: string, map: ColumnMap, blocks: { firstRow: number; values: unknown[][]; lastRow: number }[], start: number): SheetSnapshot {
    const snap: SheetSnapshot = { sheetTitle: title, sellers: [], invalid: [], blankRows: [], lastRow: 0, requests: requests - start };
    const seen = new Map<string, number>();
    for (const block of blocks) {
      // Trailing blank rows are trimmed by the API; rows inside a block come back as [].
      for (let i = 0; i < block.values.length; i++) {
        const rowNumber = block.firstRow + i;
        const result = parseSellerRow(block.values[i] ?? [], rowNumber, map, timeZone);
        if (result.kind === 'blank') snap.blankRows.push(rowNumber);
        else if (result.kind === 'invalid') snap.invalid.push(result.error);
        else if (seen.has(result.seller.sellerNumber)) {
          snap.invalid.push(duplicate(result.seller, seen.get(result.seller.sellerNumber)!));
        } else {
          seen.set(result.seller.sellerNumber, rowNumber);
          snap.sellers.push(result.seller);
        }
      }
      snap.lastRow = Math.max(snap.lastRow, block.lastRow);
    }
    return snap;
  }

  return {
    async readAll(signal) {
      const start = requests;
      const { title, map, timeZone, rowCount } = await grid(signal);
      const lastCol = columnLetters(Math.max(1, map.width));
      const rowsPerRequest = Math.max(100, Math.floor(budget / (Math.max(1, map.width) * BYTES_PER_CELL_ESTIMATE)));
      const blocks: { firstRow: number; values: unknown[][]; lastRow: number }[] = [];
      // Up to the grid's last row, not the first blank one: the AA12679 gap was rows after a blank line.
      for (let first = 2; first <= rowCount; first += rowsPerRequest) {
        signal?.throwIfAborted();
        const last = Math.min(rowCount, first + rowsPerRequest - 1);
        const [range] = await batch(title, [`${quoteSheet(title)}!A${first}:${lastCol}${last}`], signal);
        blocks.push({ firstRow: first, values: range?.values ?? [], lastRow: last });
      }
      return collect(title, timeZone, map, blocks, start);
    },

    async readRows(rowNumbers, signal) {
      const start = requests;
      const { title, map, timeZone, rowCount } = await grid(signal);
      const lastCol = columnLetters(Math.max(1, map.width));
      // A range starting past the grid is a 400 for the whole batchGet: ask only for rows that exist.
      const rows = [...new Set(rowNumbers)].filter((r) => r >= 2 && r <= rowCount).sort((a, b) => a - b);
      const blocks: { firstRow: number; values: unknown[][]; lastRow: number }[] = [];
      for (let i = 0; i < rows.length; i += RANGES_PER_ROW_BATCH) {
        const chunk = rows.slice(i, i + RANGES_PER_ROW_BATCH);
        const ranges = await batch(title, chunk.map((r) => `${quoteSheet(title)}!A${r}:${lastCol}${r}`), signal);
        chunk.forEach((r, k) => blocks.push({ firstRow: r, values: [ranges[k]?.values?.[0] ?? []], lastRow: r }));
      }
      return collect(title, timeZone, map, blocks, start);
    },

    async locate(sellerNumbers, signal) {
      const { title, map, rowCount } = await grid(signal);
      if (rowCount < 2) return new Map();
      const col = columnLetters(map.fields.sellerNumber! + 1);
      const [range] = await batch(title, [`${quoteSheet(title)}!${col}2:${col}`], signal);
      const wanted = new Set(sellerNumbers);
      const found = new Map<string, number>();
      (range?.values ?? []).forEach((row, i) => {
        const n = String(row[0] ?? '').trim();
        if (wanted.has(n) && !found.has(n)) found.set(n, i + 2);
      });
      return found;
    },
  };
}

function duplicate(seller: SheetSeller, firstRow: number): RowValidationError {
  return new RowValidationError(seller.rowNumber, seller.sellerNumber, `seller number ${seller.sellerNumber} already appears in row ${firstRow}; the first row is used`);
}

/**
 * A Sheets v4 client: against the emulator when `rootUrl` is given (no credentials), otherwise
 * against Google with the service-account key file named by GOOGLE_APPLICATION_CREDENTIALS
 * (share the sheet with the account's e-mail, read-only scope).
 */
export function createSheetsClient(rootUrl?: string): sheets_v4.Sheets {
  if (rootUrl) return sheets({ version: 'v4', rootUrl });
  const auth = new googleAuth.GoogleAuth({ scopes: ['https://www.googleapis.com/auth/spreadsheets.readonly'] });
  return sheets({ version: 'v4', auth });
}
