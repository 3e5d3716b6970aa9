import type { DeviceAccess } from '@platform/device-access';
import type { Producer } from '@platform/queues';
import type { Logger } from '@platform/runtime';
import type { AlertSink } from './alerts.js';
import { checkStaleness, type DeviceFreshness } from './jobs/check-staleness.js';
import { reconcileSchedules, type ScheduleSettings } from './jobs/schedules.js';

export interface WatchOptions {
  devices: Pick<DeviceAccess, 'listEnabledDevices'>;
  producer: Producer;
  alert: AlertSink;
  log: Logger;
  root: string;
  clock: () => Date;
  schedule: ScheduleSettings;
  staleHours: number;
  everyMs: number;
  onFreshness?: (freshness: DeviceFreshness[]) => void;
}

/**
 * One tick: match BullMQ schedules to the enabled devices, then check every
 * device's newest backup for staleness. Exposed for tests and the first run.
 */
export async function watchTick(opts: WatchOptions, since: Date): Promise<DeviceFreshness[]> {
  const ids = (await opts.devices.listEnabledDevices()).map((d) => d.id);
  await reconcileSchedules(opts.producer, ids, opts.schedule);
  const freshness = await checkStaleness({ root: opts.root, deviceIds: ids, now: opts.clock(), staleHours: opts.staleHours, since, alert: opts.alert });
  opts.onFreshness?.(freshness);
  return freshness;
}

/**
 * Runs `watchTick` now and every `everyMs`; a tick still running when the next
 * is due is not doubled. `stop()` waits for a running tick, for a clean shutdown.
 */
export function startWatch(opts: WatchOptions): { stop(): Promise<void> } {
  const since = opts.clock();
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = watchTick(opts, since)
      .catch((error: unknown) => opts.log.error({ err: error }, 'backup watch tick failed; retrying next tick'))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, opts.everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
