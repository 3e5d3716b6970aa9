import type { DeviceHealth } from '@platform/db';
import type { DeviceTarget } from '@platform/device-access';
import type { Producer } from '@platform/queues';
import { Gauge, type Logger, type Registry } from '@platform/runtime';
import { emitAlert, stableUuid } from '../alerts/alert.js';

export interface HealthMonitorOptions {
  registry: Registry;
  producer: Producer;
  log: Logger;
  /** Consecutive failed sessions before an alert (seed 000: 3). */
  alertAfterFailures: number;
}

const BREAKER = ['closed', 'open', 'half_open'] as const;

/**
 * Turns each stored `device_health` row into Prometheus gauges (label
 * `device_id`: bounded by the device table) and raises `device.unreachable`
 * once per failure streak: the alertId is derived from the streak's last
 * success, so every failed poll after the threshold re-sends the same id and
 * BullMQ drops it; a success starts a new streak.
 */
export function createHealthMonitor(o: HealthMonitorOptions) {
  const labelNames = ['device_id'] as const;
  const failures = new Gauge({ name: 'device_poller_device_consecutive_failures', help: 'Failed device sessions in a row', labelNames, registers: [o.registry] });
  const lastSuccess = new Gauge({ name: 'device_poller_device_last_success_timestamp_seconds', help: 'Unix time of the last fully successful device session', labelNames, registers: [o.registry] });
  const breaker = new Gauge({ name: 'device_poller_device_breaker_state', help: '1 for the current circuit breaker state of the device', labelNames: ['device_id', 'state'], registers: [o.registry] });
  const users = new Gauge({ name: 'device_poller_device_users', help: 'Users on the device at the last read', labelNames, registers: [o.registry] });
  const logs = new Gauge({ name: 'device_poller_device_attendance_logs', help: 'Attendance records on the device at the last read', labelNames, registers: [o.registry] });

  return {
    async onHealth(h: DeviceHealth, device: DeviceTarget): Promise<void> {
      const device_id = String(h.device_id);
      failures.set({ device_id }, h.consecutive_failures);
      if (h.last_success_at) lastSuccess.set({ device_id }, h.last_success_at.getTime() / 1000);
      for (const state of BREAKER) breaker.set({ device_id, state }, h.breaker_state === state ? 1 : 0);
      if (h.user_count !== null) users.set({ device_id }, h.user_count);
      if (h.log_count !== null) logs.set({ device_id }, h.log_count);
      if (h.consecutive_failures < o.alertAfterFailures) return;
      const streak = h.last_success_at?.toISOString() ?? 'never';
      await emitAlert(o.producer, {
        alertId: stableUuid('device-unreachable', h.device_id, streak),
        type: 'device.unreachable',
        severity: 'high',
        message: `device ${device.name} (${device.host}:${device.port}) failed ${h.consecutive_failures} times in a row: ${h.last_error ?? 'unknown error'}`,
        details: { deviceId: h.device_id, consecutiveFailures: h.consecutive_failures, breakerState: h.breaker_state, lastSuccessAt: h.last_success_at?.toISOString() ?? null, lastError: h.last_error },
        dedupeKey: `device.unreachable.${h.device_id}`,
      });
      o.log.warn({ deviceId: h.device_id, consecutiveFailures: h.consecutive_failures }, 'device health alert raised');
    },
  };
}
