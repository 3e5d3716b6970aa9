import { sql } from 'kysely';
import type { Database, Kysely } from '@platform/db';
import type { Logger } from '@platform/runtime';
import { DEFAULT_SYNC_SETTINGS, mergeSettings, type SyncSettings } from './sync-settings.schema.js';

/** Stored settings over the defaults. A stored value that no longer validates throws `SyncSettingsError`. */
export async function loadSyncSettings(db: Kysely<Database>): Promise<SyncSettings> {
  const rows = await db.selectFrom('sellers.sync_config').select(['config_key', 'config_value']).execute();
  return mergeSettings(DEFAULT_SYNC_SETTINGS, Object.fromEntries(rows.map((r) => [r.config_key, r.config_value])));
}

/**
 * Validates `patch` against the current settings and writes the changed keys in one transaction.
 *
 * @example
 * await updateSyncSettings(db, { syncIntervalMinutes: 5 }, 'admin:ana');
 */
export async function updateSyncSettings(db: Kysely<Database>, patch: Record<string, unknown>, updatedBy: string): Promise<SyncSettings> {
  return db.transaction().execute(async (trx) => {
    // Serialises concurrent updates so neither validates against a state the other overwrote.
    await sql`SELECT pg_advisory_xact_lock(hashtext('sellers.sync_config'))`.execute(trx);
    const next = mergeSettings(await loadSyncSettings(trx), patch);
    for (const key of Object.keys(patch) as (keyof SyncSettings)[]) {
      await trx
        .insertInto('sellers.sync_config')
        .values({ config_key: key, config_value: JSON.stringify(next[key]), updated_by: updatedBy })
        .onConflict((oc) => oc.column('config_key').doUpdateSet({ config_value: JSON.stringify(next[key]), updated_by: updatedBy, updated_at: sql`now()` }))
        .execute();
    }
    return next;
  });
}

export interface SettingsWatcher {
  current(): SyncSettings;
  /** Re-reads now (also called by the timer). */
  refresh(): Promise<void>;
  stop(): void;
}

/**
 * Polls `sellers.sync_config` every `pollMs` and calls `onChange` when the settings differ,
 * so a change applies to the running service without a restart (Property 46). An invalid
 * stored value is logged and the last good settings stay in force.
 */
export async function watchSyncSettings(
  db: Kysely<Database>,
  options: { pollMs: number; log: Logger; onChange?: (next: SyncSettings, previous: SyncSettings) => void | Promise<void> },
): Promise<SettingsWatcher> {
  let current = await loadSyncSettings(db);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  async function refresh(): Promise<void> {
    try {
      const next = await loadSyncSettings(db);
      if (JSON.stringify(next) === JSON.stringify(current)) return;
      const previous = current;
      current = next;
      options.log.info({ previous, next }, 'sync settings changed; applied without restart');
      await options.onChange?.(next, previous);
    } catch (err) {
      options.log.error({ err }, 'sync settings could not be reloaded; keeping the last good ones');
    }
  }
  const loop = () => {
    if (stopped) return;
    timer = setTimeout(() => void refresh().finally(loop), options.pollMs);
  };
  loop();
  return {
    current: () => current,
    refresh,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
