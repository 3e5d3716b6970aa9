/** What a run did to one entity. Counts are rows actually changed in the local table. */
export interface EntityResult {
  entity: string;
  status: 'synced' | 'unchanged' | 'failed';
  /** Remote rows in scope (from the checksum pass, same snapshot as the copy). */
  remoteRows: number;
  /** Remote rows actually transferred: only key-hash buckets that differed are read. */
  rowsRead: number;
  inserted: number;
  updated: number;
  deleted: number;
  /** Rows left out because a parent they point at does not exist locally. */
  skipped: number;
  /** Keys of the first skipped rows, for the log and the run history. */
  skippedKeys: Record<string, unknown>[];
  durationMs: number;
  verification: Verification | null;
  error?: string;
}

/** Remote and local compared after the run by count and per-bucket checksum. */
export interface Verification {
  ok: boolean;
  /** Remote rows minus the rows skipped on purpose. */
  expectedRows: number;
  localRows: number;
  mismatchedBuckets: number;
  /** A few of the mismatched bucket numbers, to look them up. */
  sampleBuckets: number[];
}

/**
 * The seed 004 `SyncResult`, generalised to any list of entities:
 * `entities.meter` is the seed's `meters`, `entities.register` its
 * `registers`, `entities.device_register` its `deviceRegisters`.
 */
export interface SyncResult {
  success: boolean;
  tenantId: number;
  entities: Record<string, EntityResult>;
  /** Every entity error, in the order they happened. */
  errors: { entity: string; message: string }[];
  /** First error, as in the seed. */
  error?: string;
  verified: boolean;
  attempts: number;
  timestamp: Date;
  durationMs: number;
}

export function emptyEntityResult(entity: string): EntityResult {
  return {
    entity,
    status: 'unchanged',
    remoteRows: 0,
    rowsRead: 0,
    inserted: 0,
    updated: 0,
    deleted: 0,
    skipped: 0,
    skippedKeys: [],
    durationMs: 0,
    verification: null,
  };
}
