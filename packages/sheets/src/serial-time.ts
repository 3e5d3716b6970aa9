/**
 * Google Sheets date-time serials: days since 1899-12-30 plus the fraction of the day
 * (2024-01-01 12:00 = 45292.5). A serial carries no time zone; like Google we read it as
 * wall-clock time in the spreadsheet's `timeZone` (a CLDR name or `GMT-07:00`).
 */
export const SHEETS_EPOCH_MS = Date.UTC(1899, 11, 30);
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `GMT+05:30` / `GMT-7` -> minutes east of UTC; null for a zone name. */
function fixedOffsetMinutes(timeZone: string): number | null {
  if (timeZone === 'Etc/UTC' || timeZone === 'Etc/GMT' || timeZone === 'UTC') return 0;
  const m = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/.exec(timeZone.trim());
  if (!m) return null;
  if (!m[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone: a sheet whose zone we cannot read must not be guessed.
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of `timeZone` from UTC at `instantMs`, in ms (Tokyo: +9 h). */
// Zones change offset only on whole quarter hours, so an offset holds for its 15-minute bucket:
// 100 000 rows cost a few thousand Intl calls instead of 300 000.
const BUCKET_MS = 15 * 60_000;
const offsetCache = new Map<string, number>();

export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const fixed = fixedOffsetMinutes(timeZone);
  if (fixed !== null) return fixed * 60_000;
  const bucket = Math.floor(instantMs / BUCKET_MS) * BUCKET_MS;
  const key = `${timeZone}|${bucket}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = intlOffsetMs(bucket, timeZone);
    // A historical change off the quarter hour (local mean time) inside the bucket: no shortcut.
    if (intlOffsetMs(bucket + BUCKET_MS - 1_000, timeZone) !== offset) return intlOffsetMs(instantMs, timeZone);
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

function intlOffsetMs(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const wholeSeconds = Math.floor(instantMs / 1000) * 1000;
  return wall - wholeSeconds;
}

/** The wall-clock serial `timeZone` shows at `instant` (what a cell typed then holds). */
export function instantToSerial(instant: Date, timeZone: string): number {
  const ms = instant.getTime();
  return (ms + zoneOffsetMs(ms, timeZone) - SHEETS_EPOCH_MS) / DAY_MS;
}

/**
 * The instant a serial names in `timeZone`, to the millisecond. A wall-clock time that occurs
 * twice (the hour repeated when DST ends) resolves to the earlier instant; one that never occurs
 * (skipped when DST starts) to the instant the offset before the jump gives.
 */
export function serialToInstant(serial: number, timeZone: string): Date {
  const wall = SHEETS_EPOCH_MS + Math.round(serial * DAY_MS);
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  const candidates = [first, second].filter((t) => t + zoneOffsetMs(t, timeZone) === wall);
  // Earlier of the two when both show this wall clock; else the first guess (a skipped time).
  return new Date(candidates.length > 0 ? Math.min(...candidates, ...earlierTwin(candidates, wall, timeZone)) : first);
}

// When DST ends, wall time W is shown at t and at t - (offset change); find the earlier one too.
function earlierTwin(candidates: number[], wall: number, timeZone: string): number[] {
  const t = Math.min(...candidates);
  const out: number[] = [];
  for (const shiftH of [0.5, 1, 2]) {
    const e = t - shiftH * 3_600_000;
    if (e + zoneOffsetMs(e, timeZone) === wall) out.push(e);
  }
  return out;
}

/** `2024-03-05` -> 45356. */
export function dateToSerial(isoDate: string): number {
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - SHEETS_EPOCH_MS) / DAY_MS);
}

/** 45356.75 -> `2024-03-05` (the date part; a serial is wall-clock so no zone applies). */
export function serialToDate(serial: number): string {
  return new Date(SHEETS_EPOCH_MS + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** 45356.5 -> `2024-03-05 12:00:00`, the wall clock a serial shows (how the emulator formats date-times). */
export function formatSerialDateTime(serial: number): string {
  return new Date(SHEETS_EPOCH_MS + Math.round(serial * DAY_MS)).toISOString().slice(0, 19).replace('T', ' ');
}
