import type pg from 'pg';
import { keyColumns, type EntityMetadata } from './metadata.js';
import { bucketExpr, columnList, doomedTable, ident, keyMatch, localScope, stageTable } from './sql.js';
import { bucketFilter } from './stage.js';

/** Parents whose doomed-rows table exists in this session, by name. */
export type DoomedParents = ReadonlyMap<string, EntityMetadata>;

function referencesDoomed(entity: EntityMetadata, alias: string, doomedParents: DoomedParents): string[] {
  return (entity.dependsOn ?? []).flatMap((ref) => {
    const parent = doomedParents.get(ref.entity);
    if (!parent) return [];
    const parentKeys = keyColumns(parent);
    const match = ref.columns.map((col, i) => `d.${ident(parentKeys[i]!)} = ${alias}.${ident(col)}`).join(' AND ');
    return [`EXISTS (SELECT 1 FROM ${doomedTable(parent)} AS d WHERE ${match})`];
  });
}

/**
 * Buckets of local rows that point at a doomed parent row. They are staged too,
 * so the engine knows whether the remote still lists them (then they are
 * skipped as dangling, and verification expects them to be absent).
 */
export async function bucketsReferencingDoomed(local: pg.ClientBase, entity: EntityMetadata, doomedParents: DoomedParents): Promise<number[]> {
  const conditions = referencesDoomed(entity, 't', doomedParents);
  if (conditions.length === 0) return [];
  const { rows } = await local.query<{ bucket: number }>(
    `SELECT DISTINCT ${bucketExpr(entity, 't')} AS bucket FROM ${ident(entity.localTable)} AS t WHERE ${conditions.join(' OR ')}`,
  );
  return rows.map((r) => r.bucket);
}

/**
 * Fills this entity's doomed table with the keys to delete: rows in scope
 * (and in a re-read bucket) that the remote no longer has, plus rows pointing
 * at a doomed parent (whatever their scope: the FK would block the parent).
 * Read-only against the real tables; the writes happen in `deleteDoomed`.
 */
export async function planDoomed(
  local: pg.ClientBase,
  entity: EntityMetadata,
  tenantId: number,
  staged: readonly number[] | 'all' | null,
  doomedParents: DoomedParents,
): Promise<void> {
  const keys = keyColumns(entity);
  const doomed = doomedTable(entity);
  const parts: string[] = [];
  if (staged !== null) {
    const filter = bucketFilter(entity, 't', staged);
    parts.push(`SELECT ${columnList(keys, 't')} FROM ${ident(entity.localTable)} AS t
      WHERE ${localScope(entity, 't', tenantId)}${filter ? ` AND ${filter}` : ''}
        AND NOT EXISTS (SELECT 1 FROM ${stageTable(entity)} AS s WHERE ${keyMatch(entity, 's', 't')})`);
  }
  const viaParent = referencesDoomed(entity, 't', doomedParents);
  if (viaParent.length > 0) {
    parts.push(`SELECT ${columnList(keys, 't')} FROM ${ident(entity.localTable)} AS t WHERE ${viaParent.join(' OR ')}`);
  }
  await local.query(`DROP TABLE IF EXISTS ${doomed}`);
  const select = parts.length > 0 ? parts.join('\nUNION\n') : `SELECT ${columnList(keys, 't')} FROM ${ident(entity.localTable)} AS t WHERE FALSE`;
  await local.query(`CREATE TEMP TABLE ${doomed} AS ${select}`);
  await local.query(`ANALYZE ${doomed}`);
}
