/** A device-local wall-clock time; ZK devices store no zone or DST flag. */
export interface WallClock {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * Encodes a wall-clock time the way ZK firmware stores attendance times:
 * every month is 31 days long, counted from 2000-01-01 00:00:00.
 */
export function encodeZkTime(t: WallClock): number {
  if (t.year < 2000 || t.year > 2136) throw new RangeError(`year ${t.year} is outside the ZK time range 2000..2136`);
  return (((((t.year - 2000) * 12 + (t.month - 1)) * 31 + (t.day - 1)) * 24 + t.hour) * 60 + t.minute) * 60 + t.second;
}

/** Inverse of {@link encodeZkTime}. */
export function decodeZkTime(value: number): WallClock {
  let v = value;
  const second = v % 60;
  v = (v - second) / 60;
  const minute = v % 60;
  v = (v - minute) / 60;
  const hour = v % 24;
  v = (v - hour) / 24;
  const day = (v % 31) + 1;
  v = (v - (day - 1)) / 31;
  const month = (v % 12) + 1;
  const year = (v - (month - 1)) / 12 + 2000;
  return { year, month, day, hour, minute, second };
}
