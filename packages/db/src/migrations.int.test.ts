import { createTestDatabase, describe, expect, test } from '@platform/testkit';
import { sql, type Kysely } from 'kysely';
import { migrateToLatest, migrateToZero } from './migrator.js';
import { APPEND_ONLY_TABLES, SCHEMA_TABLES, type SchemaName } from './schema-catalog.js';

const SCHEMAS = Object.keys(SCHEMA_TABLES) as SchemaName[];
// kysely's bookkeeping, which stays in `platform` when everything is reverted.
const BOOKKEEPING = ['platform.kysely_migration', 'platform.kysely_migration_lock'];
const ALL_TABLES = SCHEMAS.flatMap((s) => SCHEMA_TABLES[s].map((t) => `${s}.${t}`));

async function tables(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
    WHERE table_schema = ANY(${SCHEMAS}) AND table_type = 'BASE TABLE' ORDER BY 1`.execute(db);
  return rows.map((r) => r.name);
}

async function schemas(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name = ANY(${SCHEMAS}) ORDER BY 1`.execute(db);
  return rows.map((r) => r.name);
}

describe('migrations', () => {
  test('go up from empty, down to zero, and up again', async () => {
    const { db, drop } = await createTestDatabase({ migrated: false });
    try {
      expect(await tables(db)).toEqual([]);

      await migrateToLatest(db);
      expect(await tables(db)).toEqual([...ALL_TABLES, ...BOOKKEEPING].sort());

      await migrateToZero(db);
      expect(await tables(db)).toEqual(BOOKKEEPING);
      expect(await schemas(db)).toEqual(['platform']);
      const { rows: functions } = await sql`SELECT 1 FROM pg_proc WHERE proname = 'reject_mutation'`.execute(db);
      expect(functions).toHaveLength(0);

      const again = await migrateToLatest(db);
      expect(again.every((r) => r.status === 'Success')).toBe(true);
      expect(await tables(db)).toEqual([...ALL_TABLES, ...BOOKKEEPING].sort());
    } finally {
      await drop();
    }
  });
});

describe('migrated schema', () => {
  test('stores every time as timestamptz, never timestamp without zone', async ({ db }) => {
    const { rows } = await sql<{ column: string }>`
      SELECT table_schema || '.' || table_name || '.' || column_name AS column FROM information_schema.columns
      WHERE table_schema = ANY(${SCHEMAS}) AND data_type = 'timestamp without time zone'`.execute(db);
    expect(rows.map((r) => r.column)).toEqual([]);
  });

  test('guards exactly the append-only tables with row and truncate triggers', async ({ db }) => {
    const { rows } = await sql<{ name: string; row_triggers: number; truncate_triggers: number }>`
      SELECT n.nspname || '.' || c.relname AS name,
             count(*) FILTER (WHERE t.tgtype & 1 = 1)::int AS row_triggers,
             count(*) FILTER (WHERE t.tgtype & 32 = 32)::int AS truncate_triggers
      FROM pg_trigger t
      JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE p.proname = 'reject_mutation' AND NOT t.tgisinternal
      GROUP BY 1 ORDER BY 1`.execute(db);
    expect(rows).toEqual([...APPEND_ONLY_TABLES].sort().map((name) => ({ name, row_triggers: 1, truncate_triggers: 1 })));
  });
});
