import type { Payload } from '@platform/queues';

/** The dispatcher's time source; production passes `() => new Date()`, tests drive it. */
export type Clock = () => Date;

export type AlertPayload = Payload<'alerts', 'dispatch-alert'>;

/** Delivery channels that notify people; the log line is written for every alert regardless. */
export type ChannelName = 'email' | 'webhook';
