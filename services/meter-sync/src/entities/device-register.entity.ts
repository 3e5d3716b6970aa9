import type { EntityMetadata } from '../engine/metadata.js';

/**
 * Seed 004 device_register: key `(device_id, register_id)`, not tenant-scoped
 * ("devices are not tenant-scoped"), so every run mirrors the whole table.
 * A link whose device or register is missing locally is skipped (seed 004
 * "Referential Integrity Violations").
 */
export const deviceRegisterEntity: EntityMetadata = {
  name: 'device_register',
  tableName: 'device_register',
  localTable: 'metering.device_register',
  primaryKey: ['device_id', 'register_id'],
  columns: [
    { name: 'id', type: 'integer' },
    { name: 'device_id', type: 'integer' },
    { name: 'register_id', type: 'integer' },
    { name: 'created_at', type: 'timestamptz' },
    { name: 'updated_at', type: 'timestamptz' },
  ],
  tenantFiltered: false,
  dependsOn: [
    { entity: 'device', columns: ['device_id'] },
    { entity: 'register', columns: ['register_id'] },
  ],
};
