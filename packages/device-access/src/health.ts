import { sql } from 'kysely';
import type { BreakerState as DbBreakerState, Database, DeviceHealth, Kysely } from '@platform/db';
import { DeviceTimeoutError, DeviceUnreachableError, CircuitOpenError, type BreakerState } from '@platform/zk';

/** zk says `half-open`, the table's CHECK says `half_open`. */
export function toDbBreakerState(state: BreakerState): DbBreakerState {
  return state === 'half-open' ? 'half_open' : state;
}

export interface SuccessReport {
  breaker: BreakerState;
  /** Counts the caller observed in this session; null keeps the stored value. */
  userCount: number | null;
  logCount: number | null;
}

export interface FailureReport {
  breaker: BreakerState;
  error: unknown;
}

/** Errors that mean no byte came back from the device: they do not move `last_contact_at`. */
function noContact(error: unknown): boolean {
  return error instanceof DeviceUnreachableError || error instanceof DeviceTimeoutError || error instanceof CircuitOpenError;
}

// breaker_opened_at keeps the moment it first opened while it stays open.
const openedAt = sql<Date | null>`CASE WHEN excluded.breaker_state = 'open'
  THEN COALESCE(CASE WHEN platform.device_health.breaker_state = 'open' THEN platform.device_health.breaker_opened_at END, now())
  ELSE NULL END`;

/** Upserts the health row after a session in which every device call succeeded. */
export async function recordSuccess(db: Kysely<Database>, deviceId: number, report: SuccessReport): Promise<DeviceHealth> {
  const breaker = toDbBreakerState(report.breaker);
  return db
    .insertInto('platform.device_health')
    .values({
      device_id: deviceId,
      last_contact_at: sql<Date>`now()`,
      last_success_at: sql<Date>`now()`,
      consecutive_failures: 0,
      breaker_state: breaker,
      breaker_opened_at: breaker === 'open' ? sql<Date>`now()` : null,
      user_count: report.userCount,
      log_count: report.logCount,
      last_error: null,
    })
    .onConflict((oc) =>
      oc.column('device_id').doUpdateSet({
        last_contact_at: sql<Date>`now()`,
        last_success_at: sql<Date>`now()`,
        consecutive_failures: 0,
        breaker_state: breaker,
        breaker_opened_at: openedAt,
        user_count: sql<number | null>`COALESCE(excluded.user_count, platform.device_health.user_count)`,
        log_count: sql<number | null>`COALESCE(excluded.log_count, platform.device_health.log_count)`,
        // last_error stays: it is the most recent error, and consecutive_failures = 0 says it is over.
        updated_at: sql<Date>`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Upserts the health row after a failed device call; `consecutive_failures` goes up by one. */
export async function recordFailure(db: Kysely<Database>, deviceId: number, report: FailureReport): Promise<DeviceHealth> {
  const breaker = toDbBreakerState(report.breaker);
  const message = (report.error instanceof Error ? `${report.error.name}: ${report.error.message}` : String(report.error)).slice(0, 2000);
  const contacted = !noContact(report.error);
  return db
    .insertInto('platform.device_health')
    .values({
      device_id: deviceId,
      last_contact_at: contacted ? sql<Date>`now()` : null,
      last_success_at: null,
      consecutive_failures: 1,
      breaker_state: breaker,
      breaker_opened_at: breaker === 'open' ? sql<Date>`now()` : null,
      user_count: null,
      log_count: null,
      last_error: message,
    })
    .onConflict((oc) =>
      oc.column('device_id').doUpdateSet({
        last_contact_at: contacted ? sql<Date>`now()` : sql<Date | null>`platform.device_health.last_contact_at`,
        consecutive_failures: sql<number>`platform.device_health.consecutive_failures + 1`,
        breaker_state: breaker,
        breaker_opened_at: openedAt,
        last_error: message,
        updated_at: sql<Date>`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}
