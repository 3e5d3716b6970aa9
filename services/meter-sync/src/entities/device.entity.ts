import type { EntityMetadata } from '../engine/metadata.js';

/** The devices device_register points at; shared by all tenants, like device_register. */
export const deviceEntity: EntityMetadata = {
  name: 'device',
  tableName: 'device',
  localTable: 'metering.device',
  primaryKey: 'id',
  columns: [
    { name: 'id', type: 'integer' },
    { name: 'name', type: 'varchar(255)' },
    { name: 'active', type: 'boolean' },
  ],
  tenantFiltered: false,
};
