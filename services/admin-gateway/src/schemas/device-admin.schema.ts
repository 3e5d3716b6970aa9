import { z } from 'zod';

/** An IANA zone the runtime knows (the device client refuses others before connecting). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

const timezone = z.string().max(64).refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Tashkent or UTC');
// Hostnames and IPv4/IPv6 literals; no scheme, path or spaces.
const host = z.string().trim().min(1).max(255).regex(/^[A-Za-z0-9.:\-[\]]+$/, 'must be a host name or IP address, without scheme or port');
/** ZK comm key: the numeric password the device may require, 0..999999. A secret: accepted, never returned. */
const commKey = z.int().min(0).max(999_999);

export const deviceCreateBody = z.object({
  name: z.string().trim().min(1).max(100),
  host,
  port: z.int().min(1).max(65_535).default(4370),
  timezone: timezone.default('UTC'),
  commKey: commKey.optional().describe('Write-only; the API reports only whether one is set (commKeySet)'),
  pollIntervalSeconds: z.int().min(10).max(86_400).default(300),
  enabled: z.boolean().default(true),
});

export const deviceUpdateBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    host,
    port: z.int().min(1).max(65_535),
    timezone,
    commKey: commKey.nullable().describe('Write-only; null removes the stored key'),
    pollIntervalSeconds: z.int().min(10).max(86_400),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'name at least one field to change');
