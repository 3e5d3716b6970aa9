import { describe, expect, test } from 'vitest';
import { findJob, listQueues } from './catalog.js';

describe('catalog', () => {
  // Queue and job names are Redis keys and job.name fields of stored jobs.
  // If this list changes by anything but an addition, jobs already in Redis
  // are stranded: add a new name and drain the old one instead (README).
  test('queue names, job names and owners are exactly the persisted ones', () => {
    expect(listQueues().map((q) => [q.name, q.owner, q.jobs.map((j) => j.name)])).toEqual([
      ['device-sync', 'device-poller', ['sync-device', 'cleanup-buffer', 'test-connection']],
      ['device-commands', 'device-poller', ['delete-user', 'write-user']],
      ['backups', 'backup-worker', ['backup-device', 'restore-device']],
      ['seller-sync', 'seller-sync', ['sync-sellers', 'resync-gaps']],
      ['meter-sync', 'meter-sync', ['sync-tenant']],
      ['exchange', 'exchange-hub', ['prepare-packets', 'purge-acknowledged']],
      ['alerts', 'alert-dispatcher', ['dispatch-alert', 'check-sync-health']],
    ]);
  });

  test('findJob does not treat inherited object keys as jobs', () => {
    expect(findJob('alerts', 'dispatch-alert')?.description).toMatch(/alert/);
    expect(findJob('alerts', 'toString')).toBeUndefined();
    expect(findJob('alerts', '__proto__')).toBeUndefined();
  });

  test('every job says what it does, for Bull Board and the README', () => {
    for (const q of listQueues()) for (const j of q.jobs) expect(j.description.length).toBeGreaterThan(10);
  });
});
