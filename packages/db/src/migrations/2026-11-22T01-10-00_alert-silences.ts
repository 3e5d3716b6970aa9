import { sql, type Kysely } from 'kysely';
import { now } from '../migration-helpers.js';

// alert-dispatcher (issue #6): admin silences, one receipt per alert received,
// and the notification round of each grouped alert.
export async function up(db: Kysely<any>): Promise<void> {
  // An admin mutes a source, a type, or both for a while. Muted alerts are
  // still stored; only their notifications are skipped. Expiring early sets
  // `expired_at` instead of deleting, so the history says who muted what.
  await db.schema
    .createTable('platform.alert_silences')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('source', 'varchar(100)')
    .addColumn('type', 'varchar(100)')
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(reason) > 0`))
    .addColumn('created_by', 'varchar(255)', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expired_at', 'timestamptz')
    .addColumn('expired_by', 'varchar(255)')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    // A silence matching nothing would be a no-op; one matching everything must be explicit per source.
    .addCheckConstraint('alert_silences_matches_something', sql`source IS NOT NULL OR type IS NOT NULL`)
    .addCheckConstraint('alert_silences_positive_duration', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('alert_silences_ends_at_idx').on('platform.alert_silences').column('ends_at').execute();

  // One row per alert job received (its alertId). A retried job finds its
  // receipt and resumes delivery instead of counting the alert twice; the
  // receipt also keeps every folded or muted alert visible in the history.
  await db.schema
    .createTable('platform.alert_receipts')
    .addColumn('alert_id', 'uuid', (c) => c.primaryKey())
    .addColumn('sync_alert_id', 'uuid', (c) => c.notNull().references('platform.sync_alerts.id').onDelete('cascade'))
    // The notification round this alert opened; NULL when it was folded into an open round or muted.
    .addColumn('round', 'integer')
    .addColumn('silence_id', 'uuid', (c) => c.references('platform.alert_silences.id').onDelete('set null'))
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('alert_receipts_sync_alert_idx').on('platform.alert_receipts').column('sync_alert_id').execute();

  // The dedupe window runs from the last notification of an open alert;
  // `notification_round` numbers them so a delivery retry of an old round
  // never sends after a newer round (which carries the newer count) started.
  await db.schema
    .alterTable('platform.sync_alerts')
    .addColumn('notified_at', 'timestamptz')
    .addColumn('notification_round', 'integer', (c) => c.notNull().defaultTo(0).check(sql`notification_round >= 0`))
    .execute();
  // The alerts queue accepts types up to 100 characters; a shorter column would
  // fail such an alert on insert after it was already accepted.
  await db.schema.alterTable('platform.sync_alerts').alterColumn('type', (c) => c.setDataType('varchar(100)')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('platform.sync_alerts').alterColumn('type', (c) => c.setDataType('varchar(50)')).execute();
  await db.schema.alterTable('platform.sync_alerts').dropColumn('notification_round').dropColumn('notified_at').execute();
  await db.schema.dropTable('platform.alert_receipts').execute();
  await db.schema.dropTable('platform.alert_silences').execute();
}
