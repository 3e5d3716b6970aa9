import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createDb, type Database, type Kysely } from '@platform/db';
import { databaseUrl, TEST_ADMIN_DATABASE_URL } from './env.js';
import { ensureTemplate } from './template.js';

export interface TestDatabase {
  name: string;
  url: string;
  db: Kysely<Database>;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** `false` gives an empty database (for migration tests); default: migrated. */
  migrated?: boolean;
}

/**
 * A fresh database of its own, cloned from the migrated template.
 *
 * @example
 * const { db, drop } = await createTestDatabase();
 */
export async function createTestDatabase({ migrated = true }: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const template = migrated ? await ensureTemplate() : 'template0';
  const name = `platform_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => createFromTemplate(admin, name, template));
  const url = databaseUrl(name);
  const db = createDb(url, { max: 5, applicationName: 'test' });
  return {
    name,
    url,
    db,
    drop: async () => {
      await db.destroy();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function createFromTemplate(admin: pg.Client, name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (error) {
      // 55006: "source database is being accessed by other users", which happens
      // for a moment while another process finishes building the template.
      if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
      await sleep(100 * attempt);
    }
  }
}

async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}
