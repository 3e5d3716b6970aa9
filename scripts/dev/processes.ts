import path from 'node:path';

/** What `pnpm dev` runs: one-shot setup steps, then emulators, then the seven services. */
export interface DevProcess {
  name: string;
  /** Working directory, relative to the repository root. */
  cwd: string;
  args: string[];
  env?: Record<string, string>;
  /** HTTP URL polled until it answers 200. */
  readyUrl?: string;
  /** TCP port polled until it accepts a connection (emulators without HTTP health). */
  readyPort?: number;
  /** URLs worth printing once everything is up. */
  urls?: Record<string, string>;
}

export interface DevPlan {
  setup: DevProcess[];
  emulators: DevProcess[];
  services: DevProcess[];
}

const TSX = ['--import', 'tsx'];

/** `DEVICE_POLLER_HTTP_PORT=9201 pnpm dev` moves one service's port; likewise `ZK_EMULATOR_PORT`. */
function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const override = env[`${name.toUpperCase().replaceAll('-', '_')}_PORT`];
  return override ? Number(override) : fallback;
}

const SERVICES: [name: string, port: number][] = [
  ['device-poller', 9101],
  ['seller-sync', 9102],
  ['meter-sync', 9103],
  ['exchange-hub', 9104],
  ['alert-dispatcher', 9105],
  ['backup-worker', 9106],
  ['admin-gateway', 3000],
];

export function devPlan(env: NodeJS.ProcessEnv): DevPlan {
  const zkPort = port(env, 'zk-emulator', 4370);
  const sheetsPort = port(env, 'sheets-emulator', 8089);
  const smtpPort = port(env, 'smtp-sink', 2525);
  const exchangePort = port(env, 'exchange', 9443);
  const clientSystemUrl = env.CLIENT_SYSTEM_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/client_system';

  // Per-service settings that point the services at the emulators; anything set in the
  // environment wins, so `pnpm dev` can also run against real devices or a real sheet.
  const serviceEnv: Record<string, Record<string, string>> = {
    'seller-sync': { SHEETS_ROOT_URL: `http://127.0.0.1:${sheetsPort}/`, SELLERS_SPREADSHEET_ID: 'sellers-dev' },
    'meter-sync': { CLIENT_SYSTEM_DATABASE_URL: clientSystemUrl, METER_SYNC_TENANTS: '1,2,3' },
    'alert-dispatcher': {
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      ALERT_EMAIL_FROM: 'alerts@platform.local',
      ALERT_EMAIL_TO: 'ops@platform.local',
    },
    'backup-worker': { BACKUP_DIR: path.resolve('.dev/backups') },
    'exchange-hub': { EXCHANGE_TLS_SELF_SIGNED: 'true', EXCHANGE_PORT: String(exchangePort) },
  };

  return {
    setup: [
      { name: 'migrate', cwd: 'packages/db', args: [...TSX, 'src/bin/migrate.ts', 'up'] },
      // The operator console admin-gateway serves at `/` (a 2-3 s Vite build).
      { name: 'build-console', cwd: 'services/admin-gateway', args: [...TSX, 'console/scripts/build.ts'] },
      { name: 'seed-devices', cwd: '.', args: [...TSX, 'scripts/dev/seed-devices.ts', '--port', String(zkPort)] },
      {
        name: 'seed-meters',
        cwd: 'services/meter-sync',
        args: [...TSX, 'src/bin/seed-client-system.ts', '--url', clientSystemUrl],
      },
    ],
    emulators: [
      {
        name: 'zk-emulator',
        cwd: 'packages/zk',
        args: [...TSX, 'src/bin/zk-emulator.ts', '--host', '127.0.0.1', '--port', String(zkPort), '--users', '500', '--logs', '20000'],
        readyPort: zkPort,
        urls: { device: `tcp://127.0.0.1:${zkPort}` },
      },
      {
        name: 'sheets-emulator',
        cwd: 'packages/sheets',
        args: [...TSX, 'src/bin/sheets-emulator.ts', '--port', String(sheetsPort), '--sellers', '1000'],
        readyPort: sheetsPort,
        urls: { sheets: `http://127.0.0.1:${sheetsPort}/` },
      },
      {
        name: 'smtp-sink',
        cwd: '.',
        args: [...TSX, 'scripts/dev/smtp-sink.ts', '--port', String(smtpPort)],
        readyPort: smtpPort,
        urls: { smtp: `smtp://127.0.0.1:${smtpPort} (mail is printed here)` },
      },
    ],
    services: SERVICES.map(([name, fallback]) => {
      const p = port(env, `${name}-http`, fallback);
      const urls: Record<string, string> = { ready: `http://127.0.0.1:${p}/healthz/ready`, metrics: `http://127.0.0.1:${p}/metrics` };
      if (name === 'exchange-hub') urls.sync = `https://127.0.0.1:${exchangePort}/ (self-signed)`;
      if (name === 'admin-gateway') Object.assign(urls, { console: `http://127.0.0.1:${p}/`, docs: `http://127.0.0.1:${p}/docs`, queues: `http://127.0.0.1:${p}/admin/queues` });
      const own = Object.fromEntries(Object.entries(serviceEnv[name] ?? {}).filter(([key]) => env[key] === undefined));
      return {
        name,
        cwd: `services/${name}`,
        args: [...TSX, 'src/main.ts'],
        env: { ...own, HTTP_PORT: String(p) },
        readyUrl: urls.ready,
        urls,
      };
    }),
  };
}
