// For tools outside the service (bench, admin-gateway types). Importing this starts nothing.
export { runSync } from './engine/run-sync.js';
export type { SyncOptions, SyncProgress } from './engine/run-sync.js';
export type { EntityResult, SyncResult, Verification } from './engine/result.js';
export type { EntityMetadata, ColumnSpec, EntityReference } from './engine/metadata.js';
export { syncOrder } from './engine/dependency-order.js';
export { deviceEntity, deviceRegisterEntity, meterEntity, meteringEntities, registerEntity } from './entities/index.js';
export { CLIENT_TABLES, createClientSchema, truncateClientSchema } from './dev-data/client-schema.js';
export { DEV_DATA_SIZE, seedClientData } from './dev-data/generate.js';
export type { ClientDataSize } from './dev-data/generate.js';
