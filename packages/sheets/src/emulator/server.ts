import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { A1RangeError } from '../errors.js';
import type { DateTimeRenderOption, ValueRenderOption } from './cells.js';
import { Faults, type Fault, type FaultSettings } from './faults.js';
import { GoogleApiError, quotaExceeded, statusError } from './google-errors.js';
import { GridLimitError, NotSharedError, SpreadsheetStore, UnknownSpreadsheetError } from './spreadsheet-store.js';

export interface SheetsEmulator {
  /** `http://host:port/`, the `rootUrl` for `google.sheets({ version: 'v4', rootUrl })`. */
  rootUrl: string;
  port: number;
  store: SpreadsheetStore;
  faults: Faults;
  close(): Promise<void>;
}

export interface SheetsEmulatorOptions {
  port?: number;
  host?: string;
  store?: SpreadsheetStore;
}

/**
 * Starts a Google Sheets v4 emulator (spreadsheet metadata, `values.get`, `values.batchGet`)
 * that the real `googleapis` client reaches through `rootUrl`.
 *
 * @example
 * const emu = await startSheetsEmulator({ port: 0 });
 * emu.store.putSheet('book-1', 'Sellers', rows);
 * const sheets = google.sheets({ version: 'v4', rootUrl: emu.rootUrl });
 * await sheets.spreadsheets.values.get({ spreadsheetId: 'book-1', range: 'Sellers!A1:Z' });
 */
export async function startSheetsEmulator(options: SheetsEmulatorOptions = {}): Promise<SheetsEmulator> {
  const store = options.store ?? new SpreadsheetStore();
  const faults = new Faults();
  const server = createServer((req, res) => {
    void handle(store, faults, req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, statusError(500).body());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return { rootUrl: `http://${host}:${port}/`, port, store, faults, close: () => closeServer(server) };
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function handle(store: SpreadsheetStore, faults: Faults, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  if (url.pathname.startsWith('/__emulator/')) return control(faults, req, res, url.pathname);
  const fault = faults.take();
  if (faults.settings.latencyMs > 0) await sleep(faults.settings.latencyMs);
  if (fault?.kind === 'delay') await sleep(fault.ms);
  if (fault?.kind === 'drop') {
    faults.record('drop', 0);
    req.socket.destroy();
    return;
  }
  let method = 'unknown';
  try {
    if (fault?.kind === 'status') throw statusError(fault.status, fault.retryAfterSeconds);
    if (req.method !== 'GET') throw new GoogleApiError(400, `the emulator serves reads only, got ${req.method}`);
    const spent = faults.consumeRead(req.headers.authorization ?? 'anonymous', Date.now());
    if (spent !== null) throw quotaExceeded(spent);
    const { body, name } = route(store, url);
    method = name;
    send(res, 200, body);
    faults.record(method, 200);
  } catch (err) {
    const error = asGoogleError(err);
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
    send(res, error.code, error.body(), headers);
    faults.record(method, error.code);
  }
}

function asGoogleError(err: unknown): GoogleApiError {
  if (err instanceof GoogleApiError) return err;
  if (err instanceof A1RangeError) return new GoogleApiError(400, err.googleMessage);
  if (err instanceof GridLimitError) return new GoogleApiError(400, err.message);
  if (err instanceof UnknownSpreadsheetError) return statusError(404);
  if (err instanceof NotSharedError) return statusError(403);
  return new GoogleApiError(500, statusError(500).message);
}

function route(store: SpreadsheetStore, url: URL): { name: string; body: unknown } {
  const path = url.pathname;
  const render = renderOption(url);
  const dateTime = dateTimeOption(url);
  let m = /^\/v4\/spreadsheets\/([^/]+)\/values:batchGet$/.exec(path);
  if (m) {
    const id = decodeURIComponent(m[1]!);
    const ranges = url.searchParams.getAll('ranges');
    if (ranges.length === 0) throw new GoogleApiError(400, 'batchGet needs at least one "ranges" parameter');
    return { name: 'values.batchGet', body: { spreadsheetId: id, valueRanges: ranges.map((r) => store.read(id, r, render, dateTime)) } };
  }
  m = /^\/v4\/spreadsheets\/([^/]+)\/values\/(.+)$/.exec(path);
  if (m) return { name: 'values.get', body: store.read(decodeURIComponent(m[1]!), decodeURIComponent(m[2]!), render, dateTime) };
  m = /^\/v4\/spreadsheets\/([^/]+)$/.exec(path);
  if (m) return { name: 'spreadsheets.get', body: metadata(store, decodeURIComponent(m[1]!)) };
  throw new GoogleApiError(404, `the emulator does not implement GET ${path}`);
}

function renderOption(url: URL): ValueRenderOption {
  const dim = url.searchParams.get('majorDimension') ?? 'ROWS';
  if (dim !== 'ROWS') throw new GoogleApiError(400, `majorDimension ${dim} is not supported by the emulator (ROWS only)`);
  const option = url.searchParams.get('valueRenderOption') ?? 'FORMATTED_VALUE';
  if (option !== 'FORMATTED_VALUE' && option !== 'UNFORMATTED_VALUE') {
    throw new GoogleApiError(400, `Invalid value at 'value_render_option' (${option}): use FORMATTED_VALUE or UNFORMATTED_VALUE`);
  }
  return option;
}

function dateTimeOption(url: URL): DateTimeRenderOption {
  const option = url.searchParams.get('dateTimeRenderOption') ?? 'SERIAL_NUMBER';
  if (option !== 'SERIAL_NUMBER' && option !== 'FORMATTED_STRING') {
    throw new GoogleApiError(400, `Invalid value at 'date_time_render_option' (${option}): use SERIAL_NUMBER or FORMATTED_STRING`);
  }
  return option;
}

function metadata(store: SpreadsheetStore, id: string): unknown {
  const book = store.book(id);
  return {
    spreadsheetId: id,
    properties: { title: book.title, locale: 'en_US', timeZone: book.timeZone },
    sheets: book.sheets.map((s, index) => ({
      properties: { sheetId: s.sheetId, title: s.title, index, sheetType: 'GRID', gridProperties: { rowCount: s.rowCount, columnCount: s.columnCount } },
    })),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${id}/edit`,
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** `POST /__emulator/faults` `{ reset?, settings?, failNext?: { count, fault } }`; `GET /__emulator/stats`. */
async function control(faults: Faults, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  if (path === '/__emulator/stats') return send(res, 200, { ...faults.stats, queuedFaults: faults.queued });
  if (path !== '/__emulator/faults' || req.method !== 'POST') return send(res, 404, { error: { code: 404, message: 'unknown control path' } });
  let body = '';
  for await (const chunk of req) body += chunk;
  const cmd = JSON.parse(body || '{}') as { reset?: boolean; settings?: Partial<FaultSettings>; failNext?: { count: number; fault: Fault } };
  if (cmd.reset) faults.reset();
  if (cmd.settings) faults.settings = { ...faults.settings, ...cmd.settings };
  if (cmd.failNext) faults.failNext(cmd.failNext.count, cmd.failNext.fault);
  send(res, 200, { settings: faults.settings, queuedFaults: faults.queued });
}
