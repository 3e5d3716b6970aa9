import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { createDb, migrateToLatest, MIGRATIONS_DIR } from '@platform/db';
import { databaseUrl, TEST_ADMIN_DATABASE_URL } from './env.js';

const TEMPLATE_PREFIX = 'platform_tpl_';
// Any constant works; it only has to be the same in every test process.
const TEMPLATE_LOCK_KEY = 4_370_001;

let templateName: Promise<string> | undefined;

/**
 * Name of a database migrated to the current migrations, built once per
 * migration set and shared by every test file (cloning it takes ~100 ms;
 * migrating from scratch per file would take seconds).
 */
export function ensureTemplate(): Promise<string> {
  templateName ??= buildTemplate();
  return templateName;
}

// Migrations may import their helpers module, so a change there must rebuild too.
const MIGRATION_HELPERS = path.join(MIGRATIONS_DIR, '..', 'migration-helpers.ts');

async function migrationsFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(MIGRATIONS_DIR)).sort().map((file) => path.join(MIGRATIONS_DIR, file));
  for (const file of [...files, MIGRATION_HELPERS]) {
    hash.update(path.basename(file)).update(await readFile(file).catch(() => ''));
  }
  return hash.digest('hex').slice(0, 16);
}

async function buildTemplate(): Promise<string> {
  const name = TEMPLATE_PREFIX + (await migrationsFingerprint());
  const admin = new pg.Client({ connectionString: TEST_ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    // Test files start in parallel processes; one builds, the others wait here.
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await dropStaleTemplates(admin);
      // Built under a temporary name and renamed at the end, so a crash
      // mid-migration never leaves a half-migrated template that looks done.
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const db = createDb(databaseUrl(building), { max: 1 });
      try {
        await migrateToLatest(db);
      } finally {
        await db.destroy();
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      await admin.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true`);
      await admin.query(`COMMENT ON DATABASE ${name} IS '${BUILT_AT}${new Date().toISOString()}'`);
    }
    return name;
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]).catch(() => undefined);
    await admin.end();
  }
}

const BUILT_AT = 'built at ';
/**
 * Another checkout with other migrations may be testing against the same server
 * right now (two branches, a CI clone beside a working tree): its template is
 * only dropped once it is a day old, never from under a run that is cloning it.
 */
const STALE_AFTER_MS = 24 * 3_600_000;

async function dropStaleTemplates(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string; built: string | null }>(
    "SELECT datname, shobj_description(oid, 'pg_database') AS built FROM pg_database WHERE datname LIKE 'platform\\_tpl\\_%'",
  );
  const stale = rows.filter(({ built }) => {
    const at = built?.startsWith(BUILT_AT) ? Date.parse(built.slice(BUILT_AT.length)) : Number.NaN;
    // A template from before this rule has no date: treat it as stale once a newer one is built.
    return Number.isNaN(at) || Date.now() - at > STALE_AFTER_MS;
  });
  for (const { datname } of stale) {
    await admin.query(`ALTER DATABASE ${datname} WITH IS_TEMPLATE false`);
    await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}
