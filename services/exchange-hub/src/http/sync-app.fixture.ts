import type { Kysely } from 'kysely';
import pino from 'pino';
import { Registry } from '@platform/runtime';
import type { Database } from '@platform/db';
import { encodeEnvelope, type EntityChange, type Envelope } from '@platform/exchange-protocol';
import type { HubContext } from '../core/hub.js';
import { createTestHub } from '../core/hub.fixture.js';
import { registerNode } from '../core/nodes.js';
import { createHubMetrics } from '../metrics.js';
import type { TlsMaterial } from '../tls.js';
import { AuthFailureLimiter } from './auth-guard.js';
import { buildSyncApp } from './sync-app.js';

export async function buildTestApp(db: Kysely<Database>, options: { limit?: number; tls?: TlsMaterial } = {}) {
  const hub = await createTestHub(db);
  const limiter = new AuthFailureLimiter(options.limit ?? 1_000_000, 60_000);
  /** Nodes whose uploads changed hub data, in order (what main.ts fans out from). */
  const changesAppliedBy: string[] = [];
  const onChangesApplied = async (nodeId: string) => changesAppliedBy.push(nodeId);
  const app = buildSyncApp({ hub, log: pino({ level: 'silent' }), metrics: createHubMetrics(new Registry()), limiter, maxPacketBytes: 1 << 20, tls: options.tls, onChangesApplied });
  let seq = 0;
  const newNode = async () => registerNode(db, hub.registry, { code: `N-${Date.now()}-${++seq}`, name: 'test node' });
  return { hub, app, limiter, newNode, changesAppliedBy };
}

export function envelopeFor(hub: HubContext, nodeId: string, packetNo: number, entities: EntityChange[], overrides: Partial<Envelope['header']> = {}): Envelope {
  return {
    header: {
      sender_node_id: nodeId,
      recipient_node_id: hub.hubNodeId,
      packet_no: packetNo,
      ack_packet_no: 0,
      schema_version: hub.schemaVersion.current,
      timestamp: new Date().toISOString(),
      ...overrides,
    },
    body: { entities },
  };
}

export function syncRequest(token: string | undefined, body: Envelope | Buffer, remoteAddress = '10.0.0.1') {
  return {
    method: 'POST' as const,
    url: '/exchange/v1/sync',
    remoteAddress,
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: Buffer.isBuffer(body) ? body : encodeEnvelope(body),
  };
}
