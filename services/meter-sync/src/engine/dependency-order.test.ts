import { describe, expect, test } from 'vitest';
import { meteringEntities } from '../entities/index.js';
import { syncOrder } from './dependency-order.js';
import { DependencyCycleError, EntityConfigError } from './errors.js';
import type { EntityMetadata } from './metadata.js';

const entity = (name: string, dependsOn: string[] = [], extra: Partial<EntityMetadata> = {}): EntityMetadata => ({
  name,
  tableName: name,
  localTable: `local.${name}`,
  primaryKey: 'id',
  columns: [{ name: 'id', type: 'integer' }, { name: 'parent_id', type: 'integer' }],
  tenantFiltered: false,
  dependsOn: dependsOn.map((parent) => ({ entity: parent, columns: ['parent_id'] })),
  ...extra,
});

describe('syncOrder', () => {
  test('puts parents before children whatever the given order', () => {
    const order = syncOrder([entity('c', ['b']), entity('b', ['a']), entity('a')]).map((e) => e.name);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  test('orders the shipped entities as seed 004 says: meter, register, then device before device_register', () => {
    const order = syncOrder(meteringEntities).map((e) => e.name);
    expect(order).toEqual(['meter', 'register', 'device', 'device_register']);
    const reversed = syncOrder([...meteringEntities].reverse()).map((e) => e.name);
    expect(reversed.indexOf('device_register')).toBeGreaterThan(reversed.indexOf('device'));
    expect(reversed.indexOf('device_register')).toBeGreaterThan(reversed.indexOf('register'));
  });

  test('rejects a cycle, naming it', () => {
    expect(() => syncOrder([entity('a', ['c']), entity('b', ['a']), entity('c', ['b'])])).toThrow(DependencyCycleError);
    expect(() => syncOrder([entity('a', ['a'])])).toThrow('a -> a');
  });

  test('rejects a dependency on an unknown entity', () => {
    expect(() => syncOrder([entity('a', ['ghost'])])).toThrow(new EntityConfigError('a', 'depends on unknown entity "ghost"'));
  });

  test('rejects metadata that cannot be synced', () => {
    expect(() => syncOrder([entity('a', [], { primaryKey: ['id', 'missing'] })])).toThrow('primary key column "missing" is not in columns');
    expect(() => syncOrder([entity('a', [], { tenantFiltered: true })])).toThrow('column "tenant_id" is not in columns');
    expect(() => syncOrder([entity('a', [], { localTable: 'x; DROP TABLE y' })])).toThrow('is not a plain identifier');
    expect(() => syncOrder([entity('a', [], { columns: [{ name: 'id', type: 'int); DROP' }] })])).toThrow('invalid type');
    expect(() => syncOrder([entity('a'), entity('a')])).toThrow('defined twice');
  });
});
