import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/** Field paths never written to logs, at the top level or one object down. */
const SECRET_KEYS = ['password', 'passwordHash', 'token', 'secret', 'authorization', 'cookie', 'apiKey', 'privateKey'];
export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  'req.headers.authorization',
  'req.headers.cookie',
];

export interface LoggerConfig {
  service: string;
  level: string;
  pretty?: boolean;
  /** Where lines go; stdout by default (a file or pipe in some deployments). */
  destination?: DestinationStream;
}

/**
 * One logger per process; take `log.child({ jobId })` per job or request.
 *
 * @example
 * const log = createLogger({ service: 'device-poller', level: 'info' });
 * log.info({ deviceId }, 'sync started');
 */
export function createLogger({ service, level, pretty = false, destination }: LoggerConfig): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } });
  }
  return destination ? pino(options, destination) : pino(options);
}
