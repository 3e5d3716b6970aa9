import type { SyncLockTable } from './tables/platform/sync-lock.table.js';
import type { LockFenceTable } from './tables/platform/lock-fence.table.js';
import type { DeviceTable } from './tables/platform/devices.table.js';
import type { DeviceHealthTable } from './tables/platform/device-health.table.js';
import type { SyncAlertTable } from './tables/platform/sync-alerts.table.js';
import type { AdminAuditLogTable } from './tables/platform/admin-audit-log.table.js';
import type { AdminUserTable } from './tables/platform/admin-users.table.js';
import type { AlertSilenceTable } from './tables/platform/alert-silences.table.js';
import type { AlertReceiptTable } from './tables/platform/alert-receipts.table.js';
import type { StaffTable } from './tables/attendance/staff.table.js';
import type { UserMachineMappingTable } from './tables/attendance/user-machine-mapping.table.js';
import type { DeviceUserBufferTable } from './tables/attendance/device-user-buffer.table.js';
import type { UserConflictTable } from './tables/attendance/user-conflicts.table.js';
import type { DeviceUserAuditLogTable } from './tables/attendance/device-user-audit-log.table.js';
import type { DeviceUserCountHistoryTable } from './tables/attendance/device-user-count-history.table.js';
import type { AttendanceLogTable } from './tables/attendance/attendance-logs.table.js';
import type { SellerTable } from './tables/sellers/sellers.table.js';
import type { SellerPropertyTable } from './tables/sellers/properties.table.js';
import type { SyncAuditLogTable } from './tables/sellers/sync-audit-logs.table.js';
import type { SyncRecordLogTable } from './tables/sellers/sync-record-logs.table.js';
import type { SyncErrorLogTable } from './tables/sellers/sync-error-logs.table.js';
import type { SyncMetricTable } from './tables/sellers/sync-metrics.table.js';
import type { SyncConfigTable } from './tables/sellers/sync-config.table.js';
import type { SyncBatchTable } from './tables/sellers/sync-batches.table.js';
import type { SyncNodeTable } from './tables/exchange/sync-nodes.table.js';
import type { SyncChangeTable } from './tables/exchange/sync-changes.table.js';
import type { PacketTable } from './tables/exchange/packets.table.js';
import type { ObjectVersionHistoryTable } from './tables/exchange/object-version-history.table.js';
import type { ExchangeAuditLogTable } from './tables/exchange/audit-log.table.js';
import type { SecurityEventTable } from './tables/exchange/security-events.table.js';
import type { BrigadeTable } from './tables/exchange/brigades.table.js';
import type { DailyReportTable } from './tables/exchange/daily-reports.table.js';
import type { DailyReportLineTable } from './tables/exchange/daily-report-lines.table.js';
import type { QuarantineTable } from './tables/exchange/quarantine.table.js';
import type { MeteringDeviceTable } from './tables/metering/device.table.js';
import type { MeterTable } from './tables/metering/meter.table.js';
import type { RegisterTable } from './tables/metering/register.table.js';
import type { DeviceRegisterTable } from './tables/metering/device-register.table.js';
import type { MeteringSyncRunTable } from './tables/metering/sync-run.table.js';

/**
 * Every table, keyed as `schema.table`. Areas: `platform` (locks, devices,
 * alerts, admin audit), `attendance` (seed 000), `sellers` (seed 002),
 * `exchange` (seed 003), `metering` (seed 004). See the package README.
 *
 * @example
 * const logs = await db.selectFrom('attendance.attendance_logs').selectAll().where('device_id', '=', 1).execute();
 */
export interface Database {
  'platform.sync_locks': SyncLockTable;
  'platform.lock_fences': LockFenceTable;
  'platform.devices': DeviceTable;
  'platform.device_health': DeviceHealthTable;
  'platform.sync_alerts': SyncAlertTable;
  'platform.admin_audit_log': AdminAuditLogTable;
  'platform.admin_users': AdminUserTable;
  'platform.alert_silences': AlertSilenceTable;
  'platform.alert_receipts': AlertReceiptTable;
  'attendance.staff': StaffTable;
  'attendance.user_machine_mapping': UserMachineMappingTable;
  'attendance.device_user_buffer': DeviceUserBufferTable;
  'attendance.user_conflicts': UserConflictTable;
  'attendance.device_user_audit_log': DeviceUserAuditLogTable;
  'attendance.device_user_count_history': DeviceUserCountHistoryTable;
  'attendance.attendance_logs': AttendanceLogTable;
  'sellers.sellers': SellerTable;
  'sellers.properties': SellerPropertyTable;
  'sellers.sync_audit_logs': SyncAuditLogTable;
  'sellers.sync_record_logs': SyncRecordLogTable;
  'sellers.sync_error_logs': SyncErrorLogTable;
  'sellers.sync_metrics': SyncMetricTable;
  'sellers.sync_config': SyncConfigTable;
  'sellers.sync_batches': SyncBatchTable;
  'exchange.sync_nodes': SyncNodeTable;
  'exchange.sync_changes': SyncChangeTable;
  'exchange.packets': PacketTable;
  'exchange.object_version_history': ObjectVersionHistoryTable;
  'exchange.audit_log': ExchangeAuditLogTable;
  'exchange.security_events': SecurityEventTable;
  'exchange.brigades': BrigadeTable;
  'exchange.daily_reports': DailyReportTable;
  'exchange.daily_report_lines': DailyReportLineTable;
  'exchange.quarantine': QuarantineTable;
  'metering.device': MeteringDeviceTable;
  'metering.meter': MeterTable;
  'metering.register': RegisterTable;
  'metering.device_register': DeviceRegisterTable;
  'metering.sync_runs': MeteringSyncRunTable;
}
