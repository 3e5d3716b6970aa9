/**
 * The domain dashboards, one per area, as data: each panel is a title, a unit and its PromQL.
 * `pnpm dashboards` renders them to infra/grafana/dashboards/<uid>.json (compose mounts that folder)
 * and to the k8s ConfigMaps; e2e/src/prometheus-expressions.int.test.ts evaluates every expression
 * against a real Prometheus scraping the services, so a renamed metric fails a test, not a panel.
 */
export interface Panel {
  title: string;
  description: string;
  /** Grafana unit id: short, s, dateTimeFromNow, percentunit, ops... */
  unit: string;
  kind: 'timeseries' | 'stat' | 'table';
  targets: { expr: string; legend: string }[];
}

export interface Area {
  uid: string;
  title: string;
  description: string;
  panels: Panel[];
}

const rate = (expr: string) => `rate(${expr}[$__rate_interval])`;
const p95 = (metric: string, by: string) => `histogram_quantile(0.95, sum by (${by}, le) (${rate(`${metric}_bucket`)}))`;

export const AREAS: Area[] = [
  {
    uid: 'device-fleet',
    title: 'Device fleet',
    description: 'ZKTeco devices as device-poller and backup-worker see them: reachability, breaker, contents, backups.',
    panels: [
      { title: 'Consecutive failed sessions', description: 'Failed device sessions in a row; 0 is healthy. DeviceUnreachable fires at 5.', unit: 'short', kind: 'timeseries',
        targets: [{ expr: 'max by (device_id) (device_poller_device_consecutive_failures)', legend: 'device {{device_id}}' }] },
      { title: 'Since last successful session', description: 'Time since each device was last read completely.', unit: 's', kind: 'table',
        targets: [{ expr: 'time() - max by (device_id) (device_poller_device_last_success_timestamp_seconds)', legend: 'device {{device_id}}' }] },
      { title: 'Circuit breaker open', description: 'Devices whose breaker is open or half-open: sessions are not attempted.', unit: 'short', kind: 'stat',
        targets: [{ expr: 'count(device_poller_device_breaker_state{state!="closed"} == 1) or vector(0)', legend: 'not closed' }] },
      { title: 'Users per device', description: 'Users on the device at the last read (capacity and unexpected mass deletes).', unit: 'short', kind: 'timeseries',
        targets: [{ expr: 'max by (device_id) (device_poller_device_users)', legend: 'device {{device_id}}' }] },
      { title: 'Attendance records per device', description: 'Records on the device at the last read; a device clears them when full.', unit: 'short', kind: 'timeseries',
        targets: [{ expr: 'max by (device_id) (device_poller_device_attendance_logs)', legend: 'device {{device_id}}' }] },
      { title: 'Devices without a fresh backup', description: 'Enabled devices whose newest backup is older than BACKUP_STALE_HOURS.', unit: 'short', kind: 'stat',
        targets: [{ expr: 'max(backup_stale_devices)', legend: 'stale' }] },
      { title: 'Backup age', description: 'Age of the newest backup file per device.', unit: 's', kind: 'table',
        targets: [{ expr: 'time() - max by (device_id) (backup_last_success_timestamp_seconds)', legend: 'device {{device_id}}' }] },
      { title: 'Backup jobs', description: 'Finished backups-queue jobs per minute, by job and outcome.', unit: 'short', kind: 'timeseries',
        targets: [{ expr: `sum by (job, outcome) (increase(backup_jobs_total[$__rate_interval]))`, legend: '{{job}} {{outcome}}' }] },
    ],
  },
  {
    uid: 'seller-sync',
    title: 'Seller sync',
    description: 'Google Sheets sellers into PostgreSQL: runs, rows, errors, verification gaps.',
    panels: [
      { title: 'Since last successful sync', description: 'SellerSyncStale fires after 30 minutes.', unit: 's', kind: 'stat',
        targets: [{ expr: 'time() - max(seller_sync_last_success_timestamp_seconds)', legend: 'age' }] },
      { title: 'Verification gaps', description: 'Sellers in the sheet but not in the database after the last verification.', unit: 'short', kind: 'stat',
        targets: [{ expr: 'max(seller_sync_gaps)', legend: 'gaps' }] },
      { title: 'Runs by status', description: 'Finished sync runs.', unit: 'short', kind: 'timeseries',
        targets: [{ expr: 'sum by (status) (increase(seller_sync_runs_total[$__rate_interval]))', legend: '{{status}}' }] },
      { title: 'Rows by operation', description: 'Sheet rows processed: create, update, skip, invalid.', unit: 'short', kind: 'timeseries',
        targets: [{ expr: 'sum by (operation) (increase(seller_sync_rows_total[$__rate_interval]))', legend: '{{operation}}' }] },
      { title: 'Errors by category', description: 'quota, auth, network, database...', unit: 'short', kind: 'timeseries',
        targets: [{ expr: 'sum by (category) (increase(seller_sync_errors_total[$__rate_interval]))', legend: '{{category}}' }] },
      { title: 'Automatic recoveries', description: 'Network retries, database reconnects, gap re-syncs.', unit: 'short', kind: 'timeseries',
        targets: [{ expr: 'sum by (kind) (increase(seller_sync_recoveries_total[$__rate_interval]))', legend: '{{kind}}' }] },
      { title: 'Phase duration p95', description: 'Fetch, validate, write, verify.', unit: 's', kind: 'timeseries',
        targets: [{ expr: p95('seller_sync_phase_duration_seconds', 'phase'), legend: '{{phase}}' }] },
    ],
  },
  {
    uid: 'meter-sync',
    title: 'Meter sync',
    description: "The customer's metering database into ours: runs, rows per entity, verification.",
    panels: [
      { title: 'Runs by outcome', description: 'Finished tenant runs.', unit: 'short', kind: 'timeseries',
        targets: [{ expr: 'sum by (outcome) (increase(meter_sync_runs_total[$__rate_interval]))', legend: '{{outcome}}' }] },
      { title: 'Verification mismatches', description: 'Entities whose post-run verification failed; MeterSyncVerificationFailed fires on any.', unit: 'short', kind: 'timeseries',
        targets: [{ expr: 'sum by (entity) (increase(meter_sync_verification_mismatches_total[$__rate_interval]))', legend: '{{entity}}' }] },
      { title: 'Rows read per entity', description: 'Remote rows copied into staging.', unit: 'short', kind: 'timeseries',
        targets: [{ expr: 'sum by (entity) (increase(meter_sync_rows_read_total[$__rate_interval]))', legend: '{{entity}}' }] },
      { title: 'Rows written', description: 'Local rows inserted, updated, deleted.', unit: 'short', kind: 'timeseries',
        targets: [{ expr: 'sum by (entity, operation) (increase(meter_sync_rows_written_total[$__rate_interval]))', legend: '{{entity}} {{operation}}' }] },
      { title: 'Rows skipped (missing parent)', description: 'Remote rows whose parent is missing locally.', unit: 'short', kind: 'timeseries',
        targets: [{ expr: 'sum by (entity) (increase(meter_sync_rows_skipped_total[$__rate_interval]))', legend: '{{entity}}' }] },
      { title: 'Entity duration p95', description: 'Time per entity per run.', unit: 's', kind: 'timeseries',
        targets: [{ expr: p95('meter_sync_entity_duration_seconds', 'entity'), legend: '{{entity}}' }] },
    ],
  },
  {
    uid: 'exchange',
    title: 'Exchange',
    description: 'Desktop nodes syncing with exchange-hub: requests, refusals, entities, conflicts.',
    panels: [
      { title: 'Sync requests by outcome', description: 'Per second.', unit: 'reqps', kind: 'timeseries',
        targets: [{ expr: `sum by (outcome) (${rate('exchange_sync_requests_total')})`, legend: '{{outcome}}' }] },
      { title: 'Refused requests by reason', description: 'Unknown or revoked tokens, bad signatures. ExchangeAuthFailures fires on a burst.', unit: 'reqps', kind: 'timeseries',
        targets: [{ expr: `sum by (reason) (${rate('exchange_auth_failures_total')})`, legend: '{{reason}}' }] },
      { title: 'Entities applied and sent', description: 'Per second; sent includes retransmissions.', unit: 'ops', kind: 'timeseries',
        targets: [
          { expr: `sum(${rate('exchange_entities_applied_total')})`, legend: 'applied' },
          { expr: `sum(${rate('exchange_entities_sent_total')})`, legend: 'sent' },
        ] },
      { title: 'Conflicts resolved', description: 'Per minute.', unit: 'short', kind: 'timeseries',
        targets: [{ expr: 'sum(increase(exchange_conflicts_total[$__rate_interval]))', legend: 'conflicts' }] },
      { title: 'Sync duration p95', description: 'Time to handle one sync request.', unit: 's', kind: 'timeseries',
        targets: [{ expr: 'histogram_quantile(0.95, sum by (le) (rate(exchange_sync_duration_seconds_bucket[$__rate_interval])))', legend: 'p95' }] },
    ],
  },
  {
    uid: 'alerts',
    title: 'Alerts',
    description: 'The one alert pipeline (alert-dispatcher), including what Alertmanager forwards to it.',
    panels: [
      { title: 'Alerts by outcome', description: 'notified (opened a round), grouped (inside the dedupe window), silenced.', unit: 'short', kind: 'timeseries',
        targets: [{ expr: 'sum by (severity, outcome) (increase(alert_dispatcher_alerts_total[$__rate_interval]))', legend: '{{severity}} {{outcome}}' }] },
      { title: 'Deliveries by channel and result', description: 'sent, retrying, failed (attempts exhausted).', unit: 'short', kind: 'timeseries',
        targets: [{ expr: 'sum by (channel, result) (increase(alert_dispatcher_deliveries_total[$__rate_interval]))', legend: '{{channel}} {{result}}' }] },
      { title: 'Delivery latency p95', description: 'From the alert job being enqueued to the channel accepting it.', unit: 's', kind: 'timeseries',
        targets: [{ expr: p95('alert_dispatcher_delivery_seconds', 'channel'), legend: '{{channel}}' }] },
      { title: 'Alertmanager notifications received', description: 'Infrastructure alerts Alertmanager posted to the webhook receiver, by status.', unit: 'short', kind: 'timeseries',
        targets: [{ expr: 'sum by (status) (increase(alert_dispatcher_alertmanager_alerts_total[$__rate_interval]))', legend: '{{status}}' }] },
    ],
  },
];
