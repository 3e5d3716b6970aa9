import type pg from 'pg';
import type { RowHash } from './checksum.js';
import { keyColumns, valueColumns, type EntityMetadata } from './metadata.js';
import { bucketExpr, columnList, doomedTable, ident, keyMatch, rowHashExpr, stageTable } from './sql.js';

/** A staged remote row left out because a parent it points at does not exist locally. */
export interface SkippedRow extends RowHash {
  key: Record<string, unknown>;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  skipped: SkippedRow[];
}

async function inTransaction<T>(client: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** One transaction: deletes the planned keys; returns the exact row count. */
export async function deleteDoomed(local: pg.ClientBase, entity: EntityMetadata): Promise<number> {
  return inTransaction(local, async () => {
    const result = await local.query(
      `DELETE FROM ${ident(entity.localTable)} AS t USING ${doomedTable(entity)} AS d WHERE ${keyMatch(entity, 't', 'd')}`,
    );
    return result.rowCount ?? 0;
  });
}

function parentsExist(entity: EntityMetadata, parents: ReadonlyMap<string, EntityMetadata>, alias: string): string {
  const checks = (entity.dependsOn ?? []).map((ref) => {
    const parent = parents.get(ref.entity)!;
    const parentKeys = keyColumns(parent);
    const match = ref.columns.map((col, i) => `p.${ident(parentKeys[i]!)} = ${alias}.${ident(col)}`).join(' AND ');
    // MATCH SIMPLE, like the foreign key: a NULL in the reference is not dangling.
    const anyNull = ref.columns.map((col) => `${alias}.${ident(col)} IS NULL`).join(' OR ');
    return `(${anyNull} OR EXISTS (SELECT 1 FROM ${ident(parent.localTable)} AS p WHERE ${match}))`;
  });
  return checks.length > 0 ? checks.join(' AND ') : 'TRUE';
}

/**
 * One transaction: drops dangling staged rows (checked against the local
 * parent tables as they are now, after the parents' own upserts), updates
 * rows whose values differ, inserts new ones. Two set-based statements, so
 * the counts are exact: an UPDATE only touches rows that really changed.
 */
export async function upsertStaged(
  local: pg.ClientBase,
  entity: EntityMetadata,
  parents: ReadonlyMap<string, EntityMetadata>,
  syncedAtColumn: string | null,
): Promise<UpsertCounts> {
  const stage = stageTable(entity);
  const target = ident(entity.localTable);
  const keys = keyColumns(entity);
  const values = valueColumns(entity);
  const all = entity.columns.map((c) => c.name);

  return inTransaction(local, async () => {
    const dangling = !entity.dependsOn?.length ? { rows: [] } : await local.query<Record<string, unknown> & { bucket: number; hash: string }>(
      `DELETE FROM ${stage} AS s WHERE NOT (${parentsExist(entity, parents, 's')})
       RETURNING ${columnList(keys, 's')}, ${bucketExpr(entity, 's')} AS bucket, ${rowHashExpr(entity, 's')}::text AS hash`,
    );
    const skipped = dangling.rows.map(({ bucket, hash, ...key }) => ({ key, bucket, hash }));

    let updated = 0;
    if (values.length > 0) {
      const assignments = values.map((c) => `${ident(c.name)} = s.${ident(c.name)}`);
      if (syncedAtColumn) assignments.push(`${ident(syncedAtColumn)} = now()`);
      const names = values.map((c) => c.name);
      const result = await local.query(
        `UPDATE ${target} AS t SET ${assignments.join(', ')} FROM ${stage} AS s
         WHERE ${keyMatch(entity, 't', 's')} AND (${columnList(names, 't')}) IS DISTINCT FROM (${columnList(names, 's')})`,
      );
      updated = result.rowCount ?? 0;
    }
    const inserted = await local.query(
      `INSERT INTO ${target} (${columnList(all)}) SELECT ${columnList(all, 's')} FROM ${stage} AS s
       WHERE NOT EXISTS (SELECT 1 FROM ${target} AS t WHERE ${keyMatch(entity, 't', 's')})`,
    );
    return { inserted: inserted.rowCount ?? 0, updated, skipped };
  });
}
