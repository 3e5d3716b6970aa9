import type { Logger } from '@platform/runtime';
import type { RecordedAlert } from '../store/record-alert.js';
import type { AlertPayload } from '../types.js';

const LEVEL = { high: 'error', medium: 'warn', low: 'info' } as const;

/**
 * The log channel: one structured line per alert received, grouped and muted
 * ones included. pino adds the ISO `time`; `severity` is a field as well as
 * the level so a log query needs no level mapping.
 */
export function logAlert(log: Logger, alert: AlertPayload, recorded: RecordedAlert, receivedAt: Date): void {
  log[LEVEL[alert.severity]](
    {
      alert: {
        id: recorded.syncAlertId,
        alertId: alert.alertId,
        source: alert.source,
        type: alert.type,
        severity: alert.severity,
        occurredAt: alert.occurredAt,
        receivedAt: receivedAt.toISOString(),
        occurrences: recorded.occurrences,
        round: recorded.round,
        silenced: recorded.silenceId !== null,
        details: alert.details,
      },
    },
    alert.message,
  );
}
