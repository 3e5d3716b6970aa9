import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseUrl, describe, expect, TEST_ADMIN_DATABASE_URL, test } from '@platform/testkit';
import pg from 'pg';
import { MIGRATIONS_DIR } from './migrator.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = path.join(PACKAGE_DIR, 'node_modules', '.bin', 'tsx');

interface Run {
  code: number;
  stdout: string[];
  stderr: string[];
}

// The real entry point in a child process, as `pnpm migrate` runs it.
function migrate(args: string[], url: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(TSX, ['src/bin/migrate.ts', ...args], { cwd: PACKAGE_DIR, env: { ...process.env, DATABASE_URL: url } }, (error, stdout, stderr) => {
      const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');
      resolve({ code: error ? Number(error.code) : 0, stdout: lines(stdout), stderr: lines(stderr) });
    });
  });
}

async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => admin.end());
}

describe('migrate CLI', () => {
  test('creates a missing database, applies, reports status and reverts one step', async ({ onTestFinished }) => {
    const name = `platform_cli_${randomBytes(5).toString('hex')}`;
    onTestFinished(() => dropDatabase(name));
    const url = databaseUrl(name);
    const migrations = (await readdir(MIGRATIONS_DIR)).map((f) => f.replace(/\.ts$/, '')).sort();

    const up = await migrate(['up'], url);
    expect(up).toMatchObject({ code: 0, stderr: [] });
    expect(up.stdout).toEqual([expect.stringMatching(/^created database /), ...migrations.map((m) => `applied  ${m}`)]);

    const status = await migrate(['status'], url);
    expect(status.code).toBe(0);
    expect(status.stdout).toEqual([
      ...migrations.map((m) => expect.stringMatching(new RegExp(`^applied  ${m}  \\(`))),
      `${migrations.length} applied, 0 pending`,
    ]);

    const down = await migrate(['down'], url);
    expect(down).toMatchObject({ code: 0, stdout: [`reverted ${migrations.at(-1)}`] });
    expect((await migrate(['status'], url)).stdout.at(-1)).toBe(`${migrations.length - 1} applied, 1 pending`);
  });

  test('fails with exit 1 and one line, password redacted, when the server is unreachable', async () => {
    const run = await migrate(['up'], 'postgres://postgres:s3cret@127.0.0.1:1/platform');
    expect(run.code).toBe(1);
    expect(run.stderr).toEqual([expect.stringMatching(/^migrate: up failed on postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/platform: .*ECONNREFUSED/)]);
  });

  test('rejects unknown arguments with exit 2 and the usage', async () => {
    const run = await migrate(['down', '--all'], databaseUrl('unused'));
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual([expect.stringMatching(/^migrate: unknown arguments "down --all"; usage: /)]);
  });
});
