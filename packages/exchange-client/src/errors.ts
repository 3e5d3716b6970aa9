/** The hub could not be reached or answered 5xx/429: worth retrying (with backoff). */
export class TransientSyncError extends Error {
  override readonly name = 'TransientSyncError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * The hub refused the exchange for a reason retrying cannot fix (bad token,
 * outdated schema version, disabled node): `code` is the hub's error code and
 * the message says what to do.
 */
export class SyncRefusedError extends Error {
  override readonly name = 'SyncRefusedError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A local edit that breaks the registry's rules or points at an entity this node does not have. */
export class LocalChangeError extends Error {
  override readonly name = 'LocalChangeError';
  constructor(
    readonly code: 'invalid_entity' | 'unknown_entity_type' | 'missing_reference' | 'not_found' | 'type_mismatch',
    message: string,
  ) {
    super(message);
  }
}

/** The node's store was set up for another node, or not set up at all. */
export class NodeStateError extends Error {
  override readonly name = 'NodeStateError';
}
