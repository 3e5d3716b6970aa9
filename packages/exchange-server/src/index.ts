// The hub's engine: services/exchange-hub runs it; the client's tests and the bench drive it directly.
export { exchange } from './core/hub.js';
export type { ExchangeResult, HubContext } from './core/hub.js';
export { writeOnHub } from './core/hub-writes.js';
export { importExchangeFile } from './core/import-file.js';
export { ensureHubNode, registerNode } from './core/nodes.js';
export { readEntities } from './core/entity-store.js';
export { acknowledge, nextOutgoingPacket, prepareSegments } from './core/outgoing.js';
export { ExchangeError } from './core/errors.js';
export { AuthFailureLimiter } from './http/auth-guard.js';
export { buildSyncApp } from './http/sync-app.js';
export type { SyncAppOptions } from './http/sync-app.js';
export { createHubMetrics } from './metrics.js';
export { selfSignedCertificate } from './self-signed.js';
export type { TlsMaterial } from './self-signed.js';
