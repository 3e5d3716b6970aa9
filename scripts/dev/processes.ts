/** What `pnpm dev` runs. Emulators join this list as their issues land. */
export interface DevProcess {
  name: string;
  /** Working directory, relative to the repository root. */
  cwd: string;
  args: string[];
  env?: Record<string, string>;
  /** Polled until it answers 200; omitted for one-shot or non-HTTP processes. */
  readyUrl?: (port: number) => string;
  port?: number;
  /** Extra URLs worth printing once ready. */
  urls?: (port: number) => Record<string, string>;
}

const TSX = ['--import', 'tsx'];

const services: [name: string, port: number][] = [
  ['device-poller', 9101],
  ['seller-sync', 9102],
  ['meter-sync', 9103],
  ['exchange-hub', 9104],
  ['alert-dispatcher', 9105],
  ['backup-worker', 9106],
  ['admin-gateway', 3000],
];

/** `DEVICE_POLLER_HTTP_PORT=9201 pnpm dev` moves one service's port. */
function portOf(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const override = env[`${name.toUpperCase().replaceAll('-', '_')}_HTTP_PORT`];
  return override ? Number(override) : fallback;
}

export function servicesToRun(env: NodeJS.ProcessEnv): DevProcess[] {
  return services.map(([name, fallback]) => {
    const port = portOf(name, fallback, env);
    return {
      name,
      cwd: `services/${name}`,
      args: [...TSX, 'src/main.ts'],
      env: { HTTP_PORT: String(port) },
      port,
      readyUrl: (p) => `http://127.0.0.1:${p}/healthz/ready`,
      urls: (p) => ({ health: `http://127.0.0.1:${p}/healthz/ready`, metrics: `http://127.0.0.1:${p}/metrics` }),
    };
  });
}

export const migrate: DevProcess = { name: 'migrate', cwd: 'packages/db', args: [...TSX, 'src/bin/migrate.ts', 'up'] };
