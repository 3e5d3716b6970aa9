/*
 * The production artifact, proven without a Docker engine: for every service, `pnpm build` and
 * `pnpm deploy:service` (pnpm deploy --prod, what the Dockerfile runs) into an empty folder, then
 * `node dist/main.js` from there, as the image's CMD does, until /healthz/ready answers and SIGTERM
 * stops it cleanly. The folder has no sources, no tsx and no devDependencies, so a runtime import
 * of a dev-only package or of a .ts file fails here and not first in production.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestRedis, deleteKeys, TEST_REDIS_URL, uniquePrefix, type TestDatabase } from '@platform/testkit';
import { devPlan } from '../../scripts/dev/processes.js';
import { freePort, REPO_ROOT, runToEnd, waitForOk } from './processes.js';

const SERVICES = readdirSync(path.join(REPO_ROOT, 'services')).filter((name) => existsSync(path.join(REPO_ROOT, 'services', name, 'package.json')));
const DEV_ONLY = ['tsx', 'vitest', 'typescript', 'fast-check', '@platform/testkit'];

let database: TestDatabase;
const folders: string[] = [];
const prefixes: string[] = [];
const extraDatabases: TestDatabase[] = [];

beforeAll(async () => {
  await runToEnd('pnpm', ['build']);
  database = await createTestDatabase();
}, 300_000);

afterAll(async () => {
  await database?.drop();
  for (const extra of extraDatabases) await extra.drop();
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
  const redis = createTestRedis();
  for (const prefix of prefixes) await deleteKeys(redis, prefix);
  redis.disconnect();
});

describe('the deployed artifact of each service', () => {
  it('covers all seven services', () => {
    expect(SERVICES.sort()).toEqual(['admin-gateway', 'alert-dispatcher', 'backup-worker', 'device-poller', 'exchange-hub', 'meter-sync', 'seller-sync']);
  });

  it.each(SERVICES)('%s: deploys with production dependencies only and boots with node dist/main.js until ready', async (service) => {
    const folder = await mkdtemp(path.join(tmpdir(), `deploy-${service}-`));
    folders.push(folder);
    const target = path.join(folder, 'app');
    await runToEnd('pnpm', ['deploy:service', service, target]);

    expect(readdirSync(target).sort()).toEqual(expect.arrayContaining(['dist', 'node_modules', 'package.json']));
    expect(existsSync(path.join(target, 'src')), 'service sources shipped').toBe(false);
    for (const dep of DEV_ONLY) expect(existsSync(path.join(target, 'node_modules', dep)), `${dep} shipped`).toBe(false);

    // admin-gateway's image runs the migrations in compose and k8s: do that here on an empty
    // database, with the command they use, and boot the service on the result.
    let databaseUrl = database.url;
    if (service === 'admin-gateway') {
      const empty = await createTestDatabase({ migrated: false });
      extraDatabases.push(empty);
      await runToEnd(process.execPath, ['node_modules/@platform/db/dist/bin/migrate.js', 'up'], target, { DATABASE_URL: empty.url });
      databaseUrl = empty.url;
    }

    const prefix = uniquePrefix();
    prefixes.push(prefix);
    if (service === 'admin-gateway') {
      // ...and the schedule CronJobs' command: platform-enqueue from the same artifact.
      await runToEnd(process.execPath, ['node_modules/@platform/queues/dist/bin/platform-enqueue.js', 'alerts', 'check-sync-health'], target, {
        DATABASE_URL: databaseUrl,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        LOG_LEVEL: 'warn',
      });
    }
    if (service === 'admin-gateway') {
      // ...and the first admin, as docs/first-hour.md makes it in k8s (password on stdin).
      const created = await runToEnd(process.execPath, ['dist/bin/create-admin.js', '--username', 'first-admin', '--role', 'admin'], target, { DATABASE_URL: databaseUrl }, 'a long first password\n');
      expect(created).toContain('created admin "first-admin"');
    }
    const httpPort = await freePort();
    const plan = devPlan({ [`${service.toUpperCase().replaceAll('-', '_')}_HTTP_PORT`]: String(httpPort), EXCHANGE_PORT: String(await freePort()) });
    const planned = plan.services.find((s) => s.name === service)!;
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: target,
      env: {
        PATH: process.env.PATH,
        ...planned.env,
        NODE_ENV: 'development',
        DATABASE_URL: databaseUrl,
        CLIENT_SYSTEM_DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        BACKUP_DIR: path.join(folder, 'backups'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exit = once(child, 'exit');
    try {
      await waitForOk(`http://127.0.0.1:${httpPort}/healthz/ready`, { exited: () => child.exitCode !== null }).catch((error: Error) => {
        throw new Error(`${error.message}\n--- ${service} output ---\n${output}`);
      });
      if (service === 'admin-gateway') {
        // The operator console ships in the artifact (console/dist, built by `pnpm build`), its sources do not.
        expect(existsSync(path.join(target, 'console', 'src')), 'console sources shipped').toBe(false);
        const page = await fetch(`http://127.0.0.1:${httpPort}/`);
        expect(page.status, 'console not in the artifact').toBe(200);
        expect(await page.text()).toMatch(/src="\/assets\/[^"]+\.js"/);
        const login = await fetch(`http://127.0.0.1:${httpPort}/api/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'first-admin', password: 'a long first password' }),
        });
        expect(login.status, 'the first admin cannot sign in').toBe(200);
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
    }
    const [code] = (await exit) as [number | null];
    expect(code, output).toBe(0);
  }, 300_000);
});
