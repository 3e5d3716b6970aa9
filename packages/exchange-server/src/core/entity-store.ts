import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '@platform/db';
import type { EntityData, EntityRegistry, EntityTypeDef, FieldDef } from '@platform/exchange-protocol';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Record<string, unknown>;

/** The hub's copy of an entity: its data plus the node whose version it is. */
export interface StoredEntity {
  type: string;
  uuid: string;
  data: EntityData;
  originNodeId: string;
}

// Registered types name their tables as data, so queries here are built from
// the registry instead of the compile-time Database interface.
const anyDb = (db: Db) => db as unknown as Kysely<any>;

function fromColumn(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field.kind === 'timestamp') return (value as Date).toISOString();
  return value;
}

function rowToFields(fields: Record<string, FieldDef>, row: Row): Row {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, fromColumn(field, row[name])]));
}

/**
 * Reads entities of one type with their children, in one query per table.
 *
 * @example
 * const [report] = await readEntities(db, registry.get('DailyReport'), [uuid]);
 */
export async function readEntities(db: Db, def: EntityTypeDef, uuids: readonly string[], forUpdate = false): Promise<StoredEntity[]> {
  if (uuids.length === 0) return [];
  let query = anyDb(db).selectFrom(def.table).selectAll().where('uuid', '=', sql<string>`ANY(${[...uuids]}::uuid[])`);
  if (forUpdate) query = query.forUpdate();
  const rows: Row[] = await query.execute();
  const children = new Map<string, Map<string, Row[]>>();
  for (const [key, child] of Object.entries(def.children ?? {})) {
    const childRows: Row[] = await anyDb(db)
      .selectFrom(child.table)
      .selectAll()
      .where(child.parentField, '=', sql<string>`ANY(${[...uuids]}::uuid[])`)
      .orderBy('position')
      .execute();
    const byParent = new Map<string, Row[]>();
    for (const row of childRows) {
      const parent = row[child.parentField] as string;
      const item = { uuid: row.uuid, ...rowToFields(child.fields, row) };
      const siblings = byParent.get(parent);
      if (siblings) siblings.push(item);
      else byParent.set(parent, [item]);
    }
    children.set(key, byParent);
  }
  return rows.map((row) => {
    const uuid = row.uuid as string;
    const data: Row = { ...rowToFields(def.fields, row) };
    for (const [key, byParent] of children) data[key] = byParent.get(uuid) ?? [];
    data.updated_at = (row.updated_at as Date).toISOString();
    data.is_deleted = row.is_deleted as boolean;
    return { type: def.type, uuid, data: data as EntityData, originNodeId: row.origin_node_id as string };
  });
}

/** Inserts or replaces an entity and all of its children (children travel with their parent). */
export async function writeEntity(db: Db, def: EntityTypeDef, uuid: string, data: EntityData, originNodeId: string): Promise<void> {
  const row: Row = { uuid, updated_at: data.updated_at, is_deleted: data.is_deleted, origin_node_id: originNodeId };
  for (const name of Object.keys(def.fields)) row[name] = data[name];
  const { uuid: _key, ...changes } = row;
  await anyDb(db)
    .insertInto(def.table)
    .values(row)
    .onConflict((oc) => oc.column('uuid').doUpdateSet(changes))
    .execute();
  for (const [key, child] of Object.entries(def.children ?? {})) {
    await anyDb(db).deleteFrom(child.table).where(child.parentField, '=', uuid).execute();
    const items = (data[key] as Row[] | undefined) ?? [];
    if (items.length === 0) continue;
    const values = items.map((item, position) => {
      const childRow: Row = { uuid: item.uuid, [child.parentField]: uuid, position };
      for (const name of Object.keys(child.fields)) childRow[name] = item[name];
      return childRow;
    });
    await anyDb(db).insertInto(child.table).values(values).execute();
  }
}

/** Which of `uuids` exist (deleted or not) in the table of `def`. */
export async function existingUuids(db: Db, def: EntityTypeDef, uuids: readonly string[]): Promise<Set<string>> {
  if (uuids.length === 0) return new Set();
  const rows: { uuid: string }[] = await anyDb(db)
    .selectFrom(def.table)
    .select('uuid')
    .where('uuid', '=', sql<string>`ANY(${[...uuids]}::uuid[])`)
    .execute();
  return new Set(rows.map((r) => r.uuid));
}

/** Every entity of every registered type, in registration order (a referenced type is registered first). */
export async function* allEntityKeys(db: Db, registry: EntityRegistry): AsyncGenerator<{ type: string; uuids: string[] }> {
  for (const type of registry.types()) {
    const rows: { uuid: string }[] = await anyDb(db).selectFrom(registry.get(type).table).select('uuid').orderBy('uuid').execute();
    yield { type, uuids: rows.map((r) => r.uuid) };
  }
}

// PostgreSQL takes at most 65,535 bind parameters per statement.
const ROWS_PER_STATEMENT = 1000;

/**
 * Inserts or replaces many entities of one type with their children: one
 * statement per table and 1,000 rows. `items` must not repeat a uuid (an
 * upsert cannot touch one row twice).
 */
export async function writeEntities(
  db: Db,
  def: EntityTypeDef,
  items: readonly { uuid: string; data: EntityData; originNodeId: string }[],
): Promise<void> {
  if (items.length === 0) return;
  const columns = ['updated_at', 'is_deleted', 'origin_node_id', ...Object.keys(def.fields)];
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) {
    const rows = items.slice(i, i + ROWS_PER_STATEMENT).map(({ uuid, data, originNodeId }) => {
      const row: Row = { uuid, updated_at: data.updated_at, is_deleted: data.is_deleted, origin_node_id: originNodeId };
      for (const name of Object.keys(def.fields)) row[name] = data[name];
      return row;
    });
    await anyDb(db)
      .insertInto(def.table)
      .values(rows)
      .onConflict((oc) => oc.column('uuid').doUpdateSet((eb) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]))))
      .execute();
  }
  const uuids = items.map((item) => item.uuid);
  for (const [key, child] of Object.entries(def.children ?? {})) {
    await anyDb(db).deleteFrom(child.table).where(child.parentField, '=', sql<string>`ANY(${uuids}::uuid[])`).execute();
    const rows = items.flatMap(({ uuid, data }) =>
      ((data[key] as Row[] | undefined) ?? []).map((item, position) => {
        const childRow: Row = { uuid: item.uuid, [child.parentField]: uuid, position };
        for (const name of Object.keys(child.fields)) childRow[name] = item[name];
        return childRow;
      }),
    );
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      await anyDb(db).insertInto(child.table).values(rows.slice(i, i + ROWS_PER_STATEMENT)).execute();
    }
  }
}
