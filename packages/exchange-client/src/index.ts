export { ExchangeNode } from './exchange-node.js';
export type { ExchangeNodeOptions, LocalEntity, ReplyOutcome } from './exchange-node.js';
export { LocalChangeError, NodeStateError, SyncRefusedError, TransientSyncError } from './errors.js';
export { syncNode } from './sync.js';
export type { SyncOptions, SyncProgress, SyncSummary } from './sync.js';
export { HttpsTransport } from './transport.js';
export type { HelloReply, HttpsTransportOptions, Transport } from './transport.js';
