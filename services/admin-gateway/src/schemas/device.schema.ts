import { z } from 'zod';
import { BREAKER_STATES } from '@platform/db';
import type { DeviceWithHealth } from '../queries/devices.queries.js';
import { isoDateTime, toIso } from './common.schema.js';

const health = z.object({
  status: z.enum(['ok', 'degraded', 'unreachable', 'authentication_failed', 'unknown']),
  lastContactAt: isoDateTime.nullable(),
  lastSuccessAt: isoDateTime.nullable(),
  consecutiveFailures: z.int(),
  breakerState: z.enum(BREAKER_STATES).nullable(),
  userCount: z.int().nullable(),
  logCount: z.int().nullable(),
  lastError: z.string().nullable(),
});

export const deviceRecord = z.object({
  id: z.int(),
  name: z.string(),
  host: z.string(),
  port: z.int(),
  timezone: z.string(),
  enabled: z.boolean(),
  pollIntervalSeconds: z.int(),
  /** Whether a comm key is stored; the key itself is a secret and never leaves the service. */
  commKeySet: z.boolean(),
  health,
});

/**
 * ok: last contact succeeded; authentication_failed: the device refuses our comm key (an operator must fix it);
 * degraded: failing but breaker closed; unreachable: breaker open; unknown: never polled.
 */
function healthStatus(d: DeviceWithHealth): z.infer<typeof health>['status'] {
  if ((d.consecutive_failures ?? 0) > 0 && d.last_error?.startsWith('AuthenticationFailedError')) return 'authentication_failed';
  if (d.last_contact_at === null) return 'unknown';
  if (d.breaker_state === 'open') return 'unreachable';
  return (d.consecutive_failures ?? 0) > 0 ? 'degraded' : 'ok';
}

export const toDeviceRecord = (d: DeviceWithHealth): z.infer<typeof deviceRecord> => ({
  id: d.id,
  name: d.name,
  host: d.host,
  port: d.port,
  timezone: d.timezone,
  enabled: d.enabled,
  pollIntervalSeconds: d.poll_interval_seconds,
  commKeySet: d.comm_key_set,
  health: {
    status: healthStatus(d),
    lastContactAt: toIso(d.last_contact_at),
    lastSuccessAt: toIso(d.last_success_at),
    consecutiveFailures: d.consecutive_failures ?? 0,
    breakerState: d.breaker_state,
    userCount: d.user_count,
    logCount: d.log_count,
    lastError: d.last_error,
  },
});

