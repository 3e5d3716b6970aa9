import { DependencyCycleError, EntityConfigError } from './errors.js';
import { keyColumns, tenantColumn, type EntityMetadata } from './metadata.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/**
 * Validates the metadata and returns the entities parents-first (upsert
 * order); reverse it for deletes. Ties keep the given order, so the spec's
 * meter -> register -> device_register order is stable.
 *
 * @example
 * const order = syncOrder([deviceRegister, device, register]); // device, register, device_register
 */
export function syncOrder(entities: readonly EntityMetadata[]): EntityMetadata[] {
  const byName = new Map<string, EntityMetadata>();
  for (const entity of entities) {
    validateEntity(entity);
    if (byName.has(entity.name)) throw new EntityConfigError(entity.name, 'is defined twice');
    byName.set(entity.name, entity);
  }
  for (const entity of entities) {
    for (const ref of entity.dependsOn ?? []) {
      const parent = byName.get(ref.entity);
      if (!parent) throw new EntityConfigError(entity.name, `depends on unknown entity "${ref.entity}"`);
      if (ref.columns.length !== keyColumns(parent).length) {
        throw new EntityConfigError(entity.name, `reference to "${ref.entity}" needs ${keyColumns(parent).length} column(s), one per key column`);
      }
    }
  }

  const ordered: EntityMetadata[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (entity: EntityMetadata, path: string[]): void => {
    const seen = state.get(entity.name);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new DependencyCycleError([...path.slice(path.indexOf(entity.name)), entity.name]);
    state.set(entity.name, 'visiting');
    for (const ref of entity.dependsOn ?? []) visit(byName.get(ref.entity)!, [...path, entity.name]);
    state.set(entity.name, 'done');
    ordered.push(entity);
  };
  for (const entity of entities) visit(entity, []);
  return ordered;
}

function validateEntity(entity: EntityMetadata): void {
  const problem = (text: string) => new EntityConfigError(entity.name, text);
  if (!IDENTIFIER.test(entity.name)) throw problem('name must be a lower-case identifier');
  if (!IDENTIFIER.test(entity.tableName)) throw problem(`tableName "${entity.tableName}" is not a plain identifier`);
  if (!IDENTIFIER.test(entity.localTable)) throw problem(`localTable "${entity.localTable}" is not a plain identifier`);
  if (entity.columns.length === 0) throw problem('has no columns');
  const names = new Set<string>();
  for (const column of entity.columns) {
    if (!IDENTIFIER.test(column.name) || column.name.includes('.')) throw problem(`column "${column.name}" is not a plain identifier`);
    // Types are inlined in SQL casts; allow only names like `varchar(255)` or `timestamp with time zone`.
    if (!/^[a-z][a-z0-9_ ]*(\(\d+(,\s*\d+)?\))?$/.test(column.type)) throw problem(`column "${column.name}" has an invalid type "${column.type}"`);
    if (names.has(column.name)) throw problem(`column "${column.name}" is listed twice`);
    names.add(column.name);
  }
  const keys = keyColumns(entity);
  if (keys.length === 0) throw problem('primaryKey is empty');
  for (const key of keys) if (!names.has(key)) throw problem(`primary key column "${key}" is not in columns`);
  if (entity.tenantFiltered && !names.has(tenantColumn(entity))) {
    throw problem(`is tenant-filtered but column "${tenantColumn(entity)}" is not in columns`);
  }
  for (const ref of entity.dependsOn ?? []) {
    for (const column of ref.columns) if (!names.has(column)) throw problem(`reference column "${column}" is not in columns`);
  }
}
