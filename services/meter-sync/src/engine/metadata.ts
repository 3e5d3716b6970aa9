/** One synced column; `type` is the local column's SQL type, used for casts so both sides hash the same text. */
export interface ColumnSpec {
  readonly name: string;
  readonly type: string;
}

/** `columns` of this entity (in order) reference the primary key of entity `entity`. */
export interface EntityReference {
  readonly entity: string;
  readonly columns: readonly string[];
}

/**
 * Everything the generic engine needs to sync one table; a new table is a new
 * value of this type, not new code (seed 004 "Generic Sync Pattern").
 *
 * @example
 * const register: EntityMetadata = {
 *   name: 'register', tableName: 'register', localTable: 'metering.register', primaryKey: 'id',
 *   columns: [{ name: 'id', type: 'integer' }, { name: 'tenant_id', type: 'integer' }],
 *   tenantFiltered: true,
 * };
 */
export interface EntityMetadata {
  /** Unique name; dependencies and results refer to it. */
  readonly name: string;
  /** Remote table (optionally `schema.table`), read when there is no `remoteQuery`. */
  readonly tableName: string;
  /** Local `schema.table` the rows are copied into. */
  readonly localTable: string;
  /** Single or composite key; every key column is also in `columns`. */
  readonly primaryKey: string | readonly string[];
  /** Columns copied as they are (key columns included). */
  readonly columns: readonly ColumnSpec[];
  /**
   * Rows belong to one tenant: the remote is read `WHERE <tenantColumn> = tenant`
   * and local deletes are scoped to that tenant. Otherwise the table is shared
   * by all tenants and every run makes the whole local table equal to the remote.
   */
  readonly tenantFiltered: boolean;
  /** Default `tenant_id`; must be one of `columns`. */
  readonly tenantColumn?: string;
  /** A SELECT returning at least `columns` (a view, a join); replaces `tableName`. */
  readonly remoteQuery?: string;
  /** Parents: synced before this entity, deleted after it. */
  readonly dependsOn?: readonly EntityReference[];
}

export function keyColumns(entity: EntityMetadata): readonly string[] {
  return typeof entity.primaryKey === 'string' ? [entity.primaryKey] : entity.primaryKey;
}

export function tenantColumn(entity: EntityMetadata): string {
  return entity.tenantColumn ?? 'tenant_id';
}

/** Columns compared to decide whether an existing row changed. */
export function valueColumns(entity: EntityMetadata): readonly ColumnSpec[] {
  const keys = new Set(keyColumns(entity));
  return entity.columns.filter((c) => !keys.has(c.name));
}
