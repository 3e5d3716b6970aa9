import type { SyncAlert } from '@platform/db';

/** What one notification round says, shared by every channel. */
export interface Notification {
  /** `<syncAlertId>.<round>`: the same for every retry of this round, new for the next round. */
  deliveryId: string;
  alertId: string;
  round: number;
  source: string;
  type: string;
  severity: SyncAlert['severity'];
  message: string;
  details: Record<string, unknown> | null;
  /** Times this alert's dedupe key occurred while the row was open, including this one. */
  occurrences: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

export function toNotification(alert: SyncAlert, round: number): Notification {
  return {
    deliveryId: `${alert.id}.${round}`,
    alertId: alert.id,
    round,
    source: alert.source,
    type: alert.type,
    severity: alert.severity,
    message: alert.message,
    details: alert.details,
    occurrences: alert.occurrences,
    firstSeenAt: alert.first_seen_at.toISOString(),
    lastSeenAt: alert.last_seen_at.toISOString(),
  };
}

/** `[HIGH] device-poller: device.unreachable (x3)`; the count shows grouped repeats. */
export function subjectOf(n: Notification): string {
  const count = n.occurrences > 1 ? ` (x${n.occurrences})` : '';
  return `[${n.severity.toUpperCase()}] ${n.source}: ${n.type}${count}`;
}

export function textOf(n: Notification): string {
  const lines = [
    n.message,
    '',
    `severity:    ${n.severity}`,
    `source:      ${n.source}`,
    `type:        ${n.type}`,
    `occurrences: ${n.occurrences} (first ${n.firstSeenAt}, last ${n.lastSeenAt})`,
    `alert id:    ${n.alertId}`,
  ];
  if (n.details) lines.push('', 'details:', JSON.stringify(n.details, null, 2));
  return lines.join('\n');
}
