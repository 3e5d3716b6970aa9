import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import type { Database, Kysely } from '@platform/db';
import type { PayloadInput } from '@platform/queues';
import { createLogger, loadConfig, Registry } from '@platform/runtime';
import { WAIT_DEADLINE_MS, waitFor } from '@platform/testkit';
import { configSchema, type Config } from '../config.js';
import { createDispatcher, type Dispatcher } from '../dispatcher.js';
import { SmtpSink } from './smtp-sink.fixture.js';
import { WebhookReceiver } from './webhook-receiver.fixture.js';

export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
export const RECIPIENTS = ['ops@example.org', 'oncall@example.org'];

/** A clock tests move by hand; starts at `start` and only moves when told. */
export function manualClock(start = new Date('2026-11-22T08:00:00Z')) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms;
    },
    set: (at: Date) => {
      current = at.getTime();
    },
  };
}

export interface Harness {
  sink: SmtpSink;
  receiver: WebhookReceiver;
  /** Every JSON line the dispatcher logged. */
  lines: Record<string, unknown>[];
  dispatcher: Dispatcher;
  config: Config;
  enqueue(alert?: Partial<PayloadInput<'alerts', 'dispatch-alert'>>): Promise<PayloadInput<'alerts', 'dispatch-alert'>>;
  close(): Promise<void>;
}

/** The whole dispatcher over real PostgreSQL, Redis, an SMTP sink and an HTTP receiver. */
export async function startHarness(options: {
  db: Kysely<Database>;
  redis: Redis;
  prefix: string;
  now: () => Date;
  env?: Record<string, string>;
}): Promise<Harness> {
  const sink = await new SmtpSink().start();
  const receiver = await new WebhookReceiver(WEBHOOK_SECRET, () => options.now().getTime()).start();
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const config = loadConfig(configSchema, {
    SMTP_URL: sink.url,
    ALERT_EMAIL_TO: RECIPIENTS.join(','),
    WEBHOOK_URL: receiver.url,
    WEBHOOK_SECRET,
    // Local sinks answer in milliseconds; 2 s timed out on a loaded box and added a failed attempt.
    SMTP_TIMEOUT_MS: '30000',
    WEBHOOK_TIMEOUT_MS: '30000',
    ...options.env,
  });
  const log = createLogger({ service: 'alert-dispatcher', level: 'info', destination });
  const dispatcher = createDispatcher({
    db: options.db,
    config,
    log,
    metrics: new Registry(),
    now: options.now,
    connection: options.redis,
    prefix: options.prefix,
  });
  return {
    sink,
    receiver,
    lines,
    dispatcher,
    config,
    async enqueue(alert = {}) {
      const payload = {
        alertId: randomUUID(),
        source: 'device-poller',
        type: 'device.unreachable',
        severity: 'high' as const,
        message: 'device 3 did not answer',
        occurredAt: options.now().toISOString(),
        ...alert,
      };
      await dispatcher.producer.enqueue('alerts', 'dispatch-alert', payload);
      return payload;
    },
    async close() {
      await dispatcher.close();
      await Promise.all([sink.stop(), receiver.stop()]);
    },
  };
}

/** Polls `probe` until it returns true, or fails after `timeoutMs` naming `what`. */
export async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = WAIT_DEADLINE_MS): Promise<void> {
  await waitFor(what, probe, { timeoutMs });
}

/** Polls `probe` until it returns a value other than undefined, and returns it. */
until.value = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = WAIT_DEADLINE_MS): Promise<T> => waitFor(what, probe, { timeoutMs });

/** Waits until the alerts queue has nothing waiting, delayed or running. */
export async function drained(dispatcher: Dispatcher, timeoutMs = WAIT_DEADLINE_MS): Promise<void> {
  const queue = dispatcher.producer.queue('alerts');
  await until('the alerts queue to drain', async () => {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  }, timeoutMs);
}
