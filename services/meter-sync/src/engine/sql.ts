import { keyColumns, tenantColumn, type ColumnSpec, type EntityMetadata } from './metadata.js';

// Every name here was checked by `syncOrder` (plain lower-case identifiers) and
// every number is a safe integer, so inlining them is safe. Inlining is needed
// because COPY (...) TO STDOUT cannot take bind parameters.

/** `"schema"."table"` from `schema.table`. */
export function ident(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part.replaceAll('"', '""')}"`)
    .join('.');
}

export function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  return String(value);
}

export function columnList(columns: readonly string[], alias?: string): string {
  return columns.map((c) => (alias ? `${alias}.${ident(c)}` : ident(c))).join(', ');
}

/** `a."k1" = b."k1" AND a."k2" = b."k2"`. */
export function keyMatch(entity: EntityMetadata, a: string, b: string): string {
  return keyColumns(entity)
    .map((k) => `${a}.${ident(k)} = ${b}.${ident(k)}`)
    .join(' AND ');
}

function typedRow(columns: readonly ColumnSpec[], alias: string): string {
  return `ROW(${columns.map((c) => `${alias}.${ident(c.name)}::${c.type}`).join(', ')})`;
}

function keySpecs(entity: EntityMetadata): ColumnSpec[] {
  return keyColumns(entity).map((k) => entity.columns.find((c) => c.name === k)!);
}

/** Number of key-hash buckets: ~15 rows a bucket at 1M rows, so a 1% change leaves most buckets clean. */
export const BUCKETS = 65_536;

/**
 * The bucket (0..65535) of a row, from its key only, so a row whose values
 * change stays in its bucket. `hash_record_extended` (PostgreSQL 14+) uses
 * the per-type hash functions of hash partitioning, which must stay the same
 * across versions (hash-partitioned tables survive pg_upgrade), so the client
 * system may run another version than ours. It hashes values, not their text:
 * 3x cheaper than hashing ROW(...)::text at 1M rows, and blind to TimeZone.
 */
export function bucketExpr(entity: EntityMetadata, alias: string): string {
  return `(hash_record_extended(${typedRow(keySpecs(entity), alias)}, 0) & ${BUCKETS - 1})::int`;
}

/** 64-bit hash of every synced column, each cast to its local type so both sides hash the same values. */
export function rowHashExpr(entity: EntityMetadata, alias: string): string {
  return `hash_record_extended(${typedRow(entity.columns, alias)}, 1)`;
}

/** Per-bucket row count and sum of row hashes (order-independent, so no sort of the rows is needed). */
export function checksumSql(entity: EntityMetadata, source: string, alias: string): string {
  return `SELECT ${bucketExpr(entity, alias)} AS bucket, count(*)::int AS n, sum(${rowHashExpr(entity, alias)})::text AS sum
    FROM ${source} GROUP BY 1`;
}

/** `FROM` source of the remote rows in scope, columns cast to their local types. */
export function remoteSource(entity: EntityMetadata, tenantId: number): string {
  const base = entity.remoteQuery ?? `SELECT * FROM ${ident(entity.tableName)}`;
  const casts = entity.columns.map((c) => `r.${ident(c.name)}::${c.type} AS ${ident(c.name)}`).join(', ');
  const where = entity.tenantFiltered ? ` WHERE r.${ident(tenantColumn(entity))} = ${int(tenantId)}` : '';
  return `(SELECT ${casts} FROM (${base}) AS r${where}) AS remote_rows`;
}

/** Condition limiting local rows to this run's scope: the tenant's rows, or all rows of a shared table. */
export function localScope(entity: EntityMetadata, alias: string, tenantId: number): string {
  return entity.tenantFiltered ? `${alias}.${ident(tenantColumn(entity))} = ${int(tenantId)}` : 'TRUE';
}

export function localSource(entity: EntityMetadata, tenantId: number): string {
  return `(SELECT ${columnList(entity.columns.map((c) => c.name), 't')} FROM ${ident(entity.localTable)} AS t WHERE ${localScope(entity, 't', tenantId)}) AS local_rows`;
}

export function stageTable(entity: EntityMetadata): string {
  return `meter_sync_stage_${entity.name}`;
}

export function doomedTable(entity: EntityMetadata): string {
  return `meter_sync_doomed_${entity.name}`;
}
