import type { EntityMetadata } from '../engine/metadata.js';

/** Seed 004 register: single key `id`, per tenant. */
export const registerEntity: EntityMetadata = {
  name: 'register',
  tableName: 'register',
  localTable: 'metering.register',
  primaryKey: 'id',
  columns: [
    { name: 'id', type: 'integer' },
    { name: 'tenant_id', type: 'integer' },
    { name: 'name', type: 'varchar(255)' },
    { name: 'register', type: 'integer' },
    { name: 'unit', type: 'varchar(50)' },
    { name: 'field_name', type: 'varchar(100)' },
  ],
  tenantFiltered: true,
};
