import type pg from 'pg';
import { differingBuckets, readChecksums, totalRows, withoutRows, type Checksums, type RowHash } from './checksum.js';
import type { EntityMetadata } from './metadata.js';
import type { Verification } from './result.js';
import { localSource } from './sql.js';

export async function localChecksums(local: pg.ClientBase, entity: EntityMetadata, tenantId: number): Promise<Checksums> {
  return readChecksums(local, entity, localSource(entity, tenantId), 'local_rows');
}

/**
 * Compares the local rows in scope with the remote snapshot the run copied
 * from, less the rows skipped on purpose. Same snapshot, so a remote change
 * during the run is not reported as a mismatch.
 */
export async function verifyEntity(
  local: pg.ClientBase,
  entity: EntityMetadata,
  tenantId: number,
  remote: Checksums,
  skipped: readonly RowHash[],
  unchangedLocal?: Checksums,
): Promise<Verification> {
  const expected = withoutRows(remote, skipped);
  const actual = unchangedLocal ?? (await localChecksums(local, entity, tenantId));
  const mismatched = differingBuckets(expected, actual);
  const expectedRows = totalRows(expected);
  const localRows = totalRows(actual);
  return {
    ok: mismatched.length === 0 && expectedRows === localRows,
    expectedRows,
    localRows,
    mismatchedBuckets: mismatched.length,
    sampleBuckets: mismatched.slice(0, 10),
  };
}
