import type { EntityMetadata } from '../engine/metadata.js';

/** Seed 004 meter: composite key `(id, meter_element_id)`, one row per meter element, per tenant. */
export const meterEntity: EntityMetadata = {
  name: 'meter',
  tableName: 'meter',
  localTable: 'metering.meter',
  primaryKey: ['id', 'meter_element_id'],
  columns: [
    { name: 'id', type: 'integer' },
    { name: 'meter_element_id', type: 'integer' },
    { name: 'tenant_id', type: 'integer' },
    { name: 'device_id', type: 'integer' },
    { name: 'name', type: 'varchar(255)' },
    { name: 'active', type: 'boolean' },
    { name: 'ip', type: 'varchar(100)' },
    { name: 'port', type: 'integer' },
    { name: 'element', type: 'varchar(100)' },
  ],
  tenantFiltered: true,
};
