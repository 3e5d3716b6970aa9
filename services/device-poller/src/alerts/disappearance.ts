import { createHash } from 'node:crypto';
import { stableUuid, type DeviceAlert } from './alert.js';

export interface Disappearance {
  deviceId: number;
  /** The history row compared against; with the set it identifies this detection. */
  previousHistoryId: number | null;
  vanished: readonly string[];
  previousCount: number | null;
  count: number;
  runId: string;
}

/**
 * The `device.users_disappeared` alert. Its dedupe key names the device AND the
 * exact vanished set (a digest of all ids, sorted): a new set always notifies,
 * only the very same set inside the dispatcher's window is counted instead of
 * re-sent. Keyed by the message alone, two sets sharing their first 50 ids
 * (all the message shows) would have folded into one.
 */
export function disappearanceAlert(d: Disappearance): DeviceAlert {
  const set = [...d.vanished].sort();
  const digest = createHash('sha256').update(set.join('\u0000')).digest('hex').slice(0, 32);
  return {
    alertId: stableUuid('users-vanished', d.deviceId, d.previousHistoryId ?? 0, ...d.vanished),
    type: 'device.users_disappeared',
    severity: 'high',
    message: `${d.vanished.length} user(s) disappeared from device ${d.deviceId}: ${d.vanished.slice(0, 50).join(', ')}${d.vanished.length > 50 ? ', ...' : ''}`,
    details: { deviceId: d.deviceId, vanishedIds: d.vanished, previousCount: d.previousCount, count: d.count, runId: d.runId },
    dedupeKey: `device.users_disappeared.${d.deviceId}.${digest}`,
  };
}
