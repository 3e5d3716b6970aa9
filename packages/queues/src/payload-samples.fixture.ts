import type { JobName, PayloadInput, QueueName } from './catalog.js';

/**
 * One valid payload per catalog job, for tests. Typed so a job added to the
 * catalog without a sample here is a compile error.
 */
export const samples: { [Q in QueueName]: { [J in JobName<Q>]: PayloadInput<Q, J> } } = {
  'device-sync': {
    'sync-device': { deviceId: 7, trigger: 'manual', requestedBy: 'ana', requestId: '5b1f6a3e-2c4d-4e8f-9a0b-1c2d3e4f5a6b' },
    'cleanup-buffer': { olderThanDays: 120 },
    'test-connection': { deviceId: 7, requestId: '5b1f6a3e-2c4d-4e8f-9a0b-1c2d3e4f5a6c', requestedBy: 'ana' },
  },
  'device-commands': {
    'delete-user': {
      commandId: '0d9c8b7a-6f5e-4d3c-8b2a-190817161514',
      deviceId: 3,
      deviceUserId: '1042',
      requestedBy: { adminId: '12', username: 'ana' },
      reason: 'left the company',
    },
    'write-user': {
      commandId: '1e2d3c4b-5a69-4788-9aa1-b2c3d4e5f607',
      deviceId: 3,
      user: { deviceUserId: '1042', name: 'Ana Lima', privilege: 0, cardNumber: '0012345678', password: '1234' },
      requestedBy: { adminId: '12', username: 'ana' },
      reason: 'new badge',
    },
  },
  backups: {
    'backup-device': { deviceId: 3, trigger: 'pre-write', reason: 'before delete-user' },
    'restore-device': {
      restoreId: '2f3e4d5c-6b7a-4891-8a0b-c1d2e3f40516',
      deviceId: 3,
      backupFile: 'device-3/2026-11-22T00-00-00.json.gz',
      dryRun: true,
      requestedBy: { adminId: '12', username: 'ana' },
    },
  },
  'seller-sync': {
    'sync-sellers': { syncId: '3a4b5c6d-7e8f-4901-a2b3-c4d5e6f70819', trigger: 'scheduled' },
    'resync-gaps': { syncId: '3a4b5c6d-7e8f-4901-a2b3-c4d5e6f70819', sellerNumbers: ['AA1', 'AA1042'] },
  },
  'meter-sync': {
    'sync-tenant': { tenantId: 4, trigger: 'scheduled' },
  },
  exchange: {
    'prepare-packets': { nodeId: '4b5c6d7e-8f90-4a1b-b2c3-d4e5f6071829' },
    'purge-acknowledged': {},
  },
  alerts: {
    'dispatch-alert': {
      alertId: '5c6d7e8f-9012-4b3c-84d5-e6f708192a3b',
      source: 'device-poller',
      type: 'device.unreachable',
      severity: 'high',
      message: 'device 3 did not answer for 10 minutes',
      details: { deviceId: 3, lastSeen: '2026-11-22T00:00:00Z' },
      dedupeKey: 'device.unreachable.3',
      occurredAt: '2026-11-22T00:10:00Z',
    },
    'check-sync-health': {},
  },
};
