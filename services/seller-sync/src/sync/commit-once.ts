import { createHash } from 'node:crypto';
import type { Database, Kysely, Transaction } from '@platform/db';

/**
 * A key for one unit of a run's writes: its label and what it writes. Same content, same key,
 * so a retried attempt of the same run (or a retried transaction) finds the unit it already committed.
 */
export function batchKey(label: string, content: readonly string[]): string {
  const hash = createHash('sha256');
  for (const c of content) hash.update(c).update('\u0000');
  return `${label}:${hash.digest('hex').slice(0, 32)}`;
}

/**
 * Runs `write` in a transaction that also records `key` for the run, unless the key is already
 * there: then nothing is written and the stored result is returned. A COMMIT whose reply was lost
 * (the connection broke after the server committed) is retried by `withDbReconnect`; the retry must
 * find the key rather than write the batch's record logs and version bumps a second time.
 * `write`'s result must survive JSON. `wrote(result)` false (the unit changed nothing, so running
 * it again is harmless) stores no key: a no-change run of 100 000 sellers writes no key per batch.
 */
export async function commitOnce<T>(
  db: Kysely<Database>,
  runId: string,
  key: string,
  write: (trx: Transaction<Database>) => Promise<T>,
  wrote: (result: T) => boolean = () => true,
): Promise<{ result: T; replayed: boolean }> {
  return db.transaction().execute(async (trx) => {
    const done = await trx
      .selectFrom('sellers.sync_batches')
      .select('result')
      .where('audit_log_id', '=', runId)
      .where('batch_key', '=', key)
      .executeTakeFirst();
    if (done) return { result: done.result as T, replayed: true };
    const result = await write(trx);
    if (!wrote(result)) return { result, replayed: false };
    await trx.insertInto('sellers.sync_batches').values({ audit_log_id: runId, batch_key: key, result: JSON.stringify(result) }).execute();
    return { result, replayed: false };
  });
}
