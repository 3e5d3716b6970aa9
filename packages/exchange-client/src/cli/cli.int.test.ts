import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from '@platform/testkit';
import { AuthFailureLimiter, buildSyncApp, createHubMetrics, registerNode, selfSignedCertificate } from '@platform/exchange-hub';
import { createTestHub, resetExchange } from '@platform/exchange-hub/testing';
import { createLogger, Registry } from '@platform/runtime';
import { runCli } from './cli.js';

describe('exchange-node CLI', () => {
  test('init, offline edits, sync over real HTTPS, status; a bad edit and a wrong token fail with their reason', async ({ db }) => {
    await resetExchange(db);
    const hub = await createTestHub(db);
    const tls = await selfSignedCertificate();
    const app = buildSyncApp({ hub, log: createLogger({ service: 'hub', level: 'silent' }), metrics: createHubMetrics(new Registry()), limiter: new AuthFailureLimiter(100, 60_000), maxPacketBytes: 1 << 20, tls, onChangesApplied: async () => undefined });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const dir = await mkdtemp(join(tmpdir(), 'exchange-node-'));
    try {
      const url = `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      await writeFile(join(dir, 'hub.pem'), tls.cert);
      const { token } = await registerNode(db, hub.registry, { code: 'DESK-CLI', name: 'cli' });
      const lines: string[] = [];
      const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`), isTty: false };
      const run = (...args: string[]) => runCli(['--data', join(dir, 'data'), ...args], io);

      expect(await run('init', '--hub', url, '--token', token, '--ca', join(dir, 'hub.pem'))).toBe(0);
      expect(await run('put', 'Brigade', '{"name":"North","foreman":null}', '--uuid', '5b3f3f0e-8a9b-4c1d-9e2f-3a4b5c6d7e8f')).toBe(0);
      expect(await run('put', 'Brigade', '{"name":""', '--uuid', '5b3f3f0e-8a9b-4c1d-9e2f-3a4b5c6d7e90')).toBe(64);
      expect(await run('put', 'DailyReport', '{"date":"2026-11-20","brigade_id":"5b3f3f0e-8a9b-4c1d-9e2f-3a4b5c6d7e91","notes":null,"lines":[]}')).toBe(1);
      expect(await run('sync')).toBe(0);
      expect(await run('status')).toBe(0);
      expect(lines).toContainEqual(expect.stringMatching(/^synced: 1 sent, 0 received, 0 quarantined/));
      expect(lines).toContainEqual(expect.stringMatching(/^pending: 0; quarantined: 0/));
      expect(lines).toContainEqual(expect.stringMatching(/^ERR missing_reference: /));
      const stored = await db.selectFrom('exchange.brigades').select(['uuid', 'name']).execute();
      expect(stored).toEqual([{ uuid: '5b3f3f0e-8a9b-4c1d-9e2f-3a4b5c6d7e8f', name: 'North' }]);

      lines.length = 0;
      expect(await runCli(['--data', join(dir, 'other'), 'init', '--hub', url, '--token', 'exn_not-a-real-token', '--ca', join(dir, 'hub.pem')], io)).toBe(1);
      expect(lines).toEqual([expect.stringMatching(/^ERR invalid_token: /)]);
    } finally {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
