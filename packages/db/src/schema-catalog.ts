import type { Database } from './database.js';

/**
 * Every table the migrations create, by schema, and which of them are
 * append-only. Checked both ways against {@link Database} at compile time and
 * against the live database by the migration tests, so a table added to one
 * place and not the others fails the build or a test.
 */
export const SCHEMA_TABLES = {
  platform: ['sync_locks', 'lock_fences', 'devices', 'device_health', 'sync_alerts', 'admin_audit_log', 'admin_users', 'alert_silences', 'alert_receipts'],
  attendance: [
    'staff',
    'user_machine_mapping',
    'device_user_buffer',
    'user_conflicts',
    'device_user_audit_log',
    'device_user_count_history',
    'attendance_logs',
  ],
  sellers: ['sellers', 'properties', 'sync_audit_logs', 'sync_record_logs', 'sync_error_logs', 'sync_metrics', 'sync_config', 'sync_batches'],
  exchange: [
    'sync_nodes',
    'sync_changes',
    'packets',
    'object_version_history',
    'audit_log',
    'security_events',
    'brigades',
    'daily_reports',
    'daily_report_lines',
    'quarantine',
  ],
  metering: ['device', 'meter', 'register', 'device_register', 'sync_runs'],
} as const;

/** Tables whose UPDATE, DELETE and TRUNCATE the database rejects. */
export const APPEND_ONLY_TABLES = [
  'platform.sync_locks',
  'platform.admin_audit_log',
  'attendance.device_user_audit_log',
  'attendance.device_user_count_history',
  'sellers.sync_record_logs',
  'sellers.sync_error_logs',
  'exchange.object_version_history',
  'exchange.audit_log',
  'exchange.security_events',
] as const satisfies readonly (keyof Database)[];

export type SchemaName = keyof typeof SCHEMA_TABLES;
type CatalogKey = { [S in SchemaName]: `${S}.${(typeof SCHEMA_TABLES)[S][number]}` }[SchemaName];

// Compile-time: the catalog and the Database interface name the same tables.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const catalogMatchesDatabase: Same<CatalogKey, keyof Database> = true;
void catalogMatchesDatabase;
