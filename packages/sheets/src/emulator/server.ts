import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { A1RangeError } from '../errors.js';
import type { ValueRenderOption } from './cells.js';
import { Faults, type Fault, type FaultSettings } from './faults.js';
import { SpreadsheetStore, UnknownSpreadsheetError } from './spreadsheet-store.js';

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

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
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
      if (!res.headersSent) send(res, 500, { error: { code: 500, message: String(err), status: 'INTERNAL' } });
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
    if (fault?.kind === 'status') throw new HttpError(fault.status, faultMessage(fault.status), fault.retryAfterSeconds);
    if (req.method !== 'GET') throw new HttpError(400, `the emulator serves reads only, got ${req.method}`);
    const user = req.headers.authorization ?? 'anonymous';
    const wait = faults.consumeRead(user, Date.now());
    if (wait !== null) {
      throw new HttpError(
        429,
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com'",
        wait,
      );
    }
    const { body, name } = route(store, url);
    method = name;
    send(res, 200, body);
    faults.record(method, 200);
  } catch (err) {
    const status = err instanceof HttpError ? err.status : err instanceof A1RangeError ? 400 : err instanceof UnknownSpreadsheetError ? 404 : 500;
    const headers: Record<string, string> = {};
    if (err instanceof HttpError && err.retryAfterSeconds !== undefined) headers['retry-after'] = String(err.retryAfterSeconds);
    send(res, status, { error: { code: status, message: (err as Error).message, status: STATUS_NAMES[status] ?? 'UNKNOWN' } }, headers);
    faults.record(method, status);
  }
}

function route(store: SpreadsheetStore, url: URL): { name: string; body: unknown } {
  const path = url.pathname;
  const render = renderOption(url);
  let m = /^\/v4\/spreadsheets\/([^/]+)\/values:batchGet$/.exec(path);
  if (m) {
    const id = decodeURIComponent(m[1]!);
    const ranges = url.searchParams.getAll('ranges');
    if (ranges.length === 0) throw new HttpError(400, 'batchGet needs at least one "ranges" parameter');
    return { name: 'values.batchGet', body: { spreadsheetId: id, valueRanges: ranges.map((r) => store.read(id, r, render)) } };
  }
  m = /^\/v4\/spreadsheets\/([^/]+)\/values\/(.+)$/.exec(path);
  if (m) return { name: 'values.get', body: store.read(decodeURIComponent(m[1]!), decodeURIComponent(m[2]!), render) };
  m = /^\/v4\/spreadsheets\/([^/]+)$/.exec(path);
  if (m) return { name: 'spreadsheets.get', body: metadata(store, decodeURIComponent(m[1]!)) };
  throw new HttpError(404, `the emulator does not implement GET ${path}`);
}

function renderOption(url: URL): ValueRenderOption {
  const dim = url.searchParams.get('majorDimension') ?? 'ROWS';
  if (dim !== 'ROWS') throw new HttpError(400, `majorDimension ${dim} is not supported by the emulator (ROWS only)`);
  const option = url.searchParams.get('valueRenderOption') ?? 'FORMATTED_VALUE';
  if (option !== 'FORMATTED_VALUE' && option !== 'UNFORMATTED_VALUE') {
    throw new HttpError(400, `Invalid value at 'value_render_option' (${option}): use FORMATTED_VALUE or UNFORMATTED_VALUE`);
  }
  return option;
}

function metadata(store: SpreadsheetStore, id: string): unknown {
  const book = store.book(id);
  return {
    spreadsheetId: id,
    properties: { title: book.title, locale: 'en_US', timeZone: 'Etc/UTC' },
    sheets: book.sheets.map((s, index) => ({
      properties: { sheetId: s.sheetId, title: s.title, index, sheetType: 'GRID', gridProperties: { rowCount: s.rowCount, columnCount: s.columnCount } },
    })),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${id}/edit`,
  };
}

function faultMessage(status: number): string {
  if (status === 429) return 'Quota exceeded (injected fault)';
  if (status === 503) return 'The service is currently unavailable (injected fault)';
  return 'Internal error encountered (injected fault)';
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
