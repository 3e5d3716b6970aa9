#!/usr/bin/env -S npx tsx
// sheets-emulator: a Google Sheets v4 API on an HTTP port, for `pnpm dev`, benchmarks and manual tests.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { sheetFromCsv } from '../emulator/csv.js';
import { generateSellers, sellerSheet } from '../emulator/seed.js';
import { startSheetsEmulator } from '../emulator/server.js';
import { onStopSignal } from '@platform/runtime';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8089' },
    host: { type: 'string', default: '127.0.0.1' },
    sellers: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '42' },
    csv: { type: 'string' },
    'spreadsheet-id': { type: 'string', default: 'sellers-dev' },
    sheet: { type: 'string', default: 'Sellers' },
    // Google's default is 60 read requests per minute per user; 0 turns the quota off.
    'reads-per-minute': { type: 'string', default: '60' },
    // Google's per-project limit (all users together) is 300 per minute.
    'project-reads-per-minute': { type: 'string', default: '300' },
    // The spreadsheet's properties.timeZone: date-time serials are wall clock there.
    'time-zone': { type: 'string', default: 'Etc/UTC' },
    'latency-ms': { type: 'string', default: '0' },
  },
});

const int = (name: string, v: string | undefined): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${v}"`);
  return n;
};

const timeZone = values['time-zone'];
const rows = values.csv ? sheetFromCsv(await readFile(values.csv, 'utf8')) : sellerSheet(generateSellers(int('sellers', values.sellers), int('seed', values.seed)), timeZone);
const emu = await startSheetsEmulator({ port: int('port', values.port), host: values.host });
emu.store.putSheet(values['spreadsheet-id'], values.sheet, rows);
emu.store.setTimeZone(values['spreadsheet-id'], timeZone);
const quota = int('reads-per-minute', values['reads-per-minute']);
const projectQuota = int('project-reads-per-minute', values['project-reads-per-minute']);
emu.faults.settings = {
  latencyMs: int('latency-ms', values['latency-ms']),
  readsPerMinute: quota === 0 ? null : quota,
  readsPerMinutePerProject: projectQuota === 0 ? null : projectQuota,
};
console.log(
  `sheets-emulator on ${emu.rootUrl} spreadsheet "${values['spreadsheet-id']}" tab "${values.sheet}": ${rows.length - 1} data rows; ` +
    `faults: POST ${emu.rootUrl}__emulator/faults`,
);
onStopSignal(() => void emu.close().then(() => process.exit(0)));
