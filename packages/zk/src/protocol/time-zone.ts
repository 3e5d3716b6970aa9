import type { WallClock } from './zk-time.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // Throws RangeError for an unknown IANA name, which is what callers want.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Throws a RangeError naming the zone if it is not a valid IANA time zone. */
export function assertTimeZone(zone: string): void {
  try {
    formatter(zone);
  } catch {
    throw new RangeError(`unknown IANA time zone "${zone}"`);
  }
}

function intlWallClock(ms: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

function wallAsUtcMs(t: WallClock): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

// Zone transitions fall on 15-minute UTC boundaries, so one Intl call per
// bucket is enough; Intl is ~100x slower than arithmetic and a 100k-log
// download would otherwise spend a second in it.
const BUCKET_MS = 15 * 60_000;
const offsetCache = new Map<string, Map<number, number>>();

/** Offset of `zone` from UTC at `ms`, in milliseconds (east positive). */
function offsetMs(ms: number, zone: string): number {
  let cache = offsetCache.get(zone);
  if (!cache) offsetCache.set(zone, (cache = new Map()));
  const bucket = Math.floor(ms / BUCKET_MS);
  let off = cache.get(bucket);
  if (off === undefined) {
    const start = bucket * BUCKET_MS;
    off = wallAsUtcMs(intlWallClock(start, zone)) - start;
    if (cache.size > 100_000) cache.clear();
    cache.set(bucket, off);
  }
  return off;
}

/** The wall clock shown in `zone` at the instant `date` (whole seconds). */
export function wallClockAt(date: Date, zone: string): WallClock {
  const d = new Date(date.getTime() + offsetMs(date.getTime(), zone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const DAY_MS = 86_400_000;

/**
 * The UTC instant at which `zone` shows wall clock `t`.
 * In a fall-back overlap the earlier (first) instant wins; in a spring-forward
 * gap the time is moved forward by the gap, as JavaScript's Date does.
 *
 * @example zonedWallClockToDate({ year: 2024, month: 7, day: 1, hour: 9, minute: 0, second: 0 }, 'Europe/Berlin')
 *   // 2024-07-01T07:00:00.000Z
 */
export function zonedWallClockToDate(t: WallClock, zone: string): Date {
  const local = wallAsUtcMs(t);
  // Offsets a day either side bracket any single transition near `local`.
  const before = offsetMs(local - DAY_MS, zone);
  const after = offsetMs(local + DAY_MS, zone);
  // No transition within a day either side (almost every record): both candidates
  // below are `local - before` and so is the fallback; skip the filter and sort,
  // which cost 100k-punch downloads ~0.2 s.
  if (before === after) return new Date(local - before);
  const candidates = [local - before, local - after]
    .filter((ms) => offsetMs(ms, zone) === local - ms)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? local - before);
}

/** The wall clock a Date shows in the process time zone (how node-zklib built it). */
export function processWallClock(d: Date): WallClock {
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
  };
}
