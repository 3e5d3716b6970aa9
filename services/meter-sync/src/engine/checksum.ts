import type pg from 'pg';
import type { EntityMetadata } from './metadata.js';
import { BUCKETS, checksumSql } from './sql.js';

/** Row count and hash sum of one key-hash bucket. The sum is a decimal string (it passes 2^53). */
export interface BucketSum {
  n: number;
  sum: string;
}
export type Checksums = Map<number, BucketSum>;

/** One row's contribution to its bucket, as returned for skipped rows. */
export interface RowHash {
  bucket: number;
  /** The row's 64-bit hash, decimal. */
  hash: string;
}

export async function readChecksums(client: pg.ClientBase, entity: EntityMetadata, source: string, alias: string): Promise<Checksums> {
  const { rows } = await client.query<{ bucket: number; n: number; sum: string }>(checksumSql(entity, source, alias));
  return new Map(rows.map((r) => [r.bucket, { n: r.n, sum: r.sum }]));
}

export function totalRows(sums: Checksums): number {
  let total = 0;
  for (const sum of sums.values()) total += sum.n;
  return total;
}

/** Buckets whose count or hash differ, including buckets present on one side only. */
export function differingBuckets(a: Checksums, b: Checksums): number[] {
  const out: number[] = [];
  for (const [bucket, sum] of a) {
    const other = b.get(bucket);
    if (!other || other.n !== sum.n || other.sum !== sum.sum) out.push(bucket);
  }
  for (const bucket of b.keys()) if (!a.has(bucket)) out.push(bucket);
  return out.sort((x, y) => x - y);
}

/** `sums` without the given rows (rows the engine skipped on purpose). */
export function withoutRows(sums: Checksums, rows: readonly RowHash[]): Checksums {
  const out: Checksums = new Map(sums);
  for (const row of rows) {
    const sum = out.get(row.bucket);
    if (!sum) continue;
    const next = { n: sum.n - 1, sum: String(BigInt(sum.sum) - BigInt(row.hash)) };
    if (next.n === 0) out.delete(row.bucket);
    else out.set(row.bucket, next);
  }
  return out;
}

/**
 * Past this share of all buckets, filtering by bucket costs more than it
 * saves (every row is hashed once more), so the whole scope is copied.
 */
export function worthFiltering(dirty: readonly number[]): boolean {
  return dirty.length <= BUCKETS / 4;
}
