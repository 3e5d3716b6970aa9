import type { Kysely } from 'kysely';
import type { Database } from '@platform/db';
import { AuthFailureLimiter, buildSyncApp, createHubMetrics, registerNode, type HubContext } from '@platform/exchange-hub';
import { createTestHub, resetExchange } from '@platform/exchange-hub/testing';
import { createLogger, Registry } from '@platform/runtime';
import type { FastifyInstance } from 'fastify';
import { decodeEnvelope, encodeEnvelope, exampleRegistry, SCHEMA_VERSION, type Envelope } from '@platform/exchange-protocol';
import { ExchangeNode } from './exchange-node.js';
import { SyncRefusedError, TransientSyncError } from './errors.js';
import type { HelloReply, Transport } from './transport.js';

/**
 * The hub's real HTTP app driven through fastify `inject` (no sockets), with
 * fault switches: `dropNextReplies` lets the hub do its work and then loses
 * the answer, like a connection cut after the request went out.
 */
export class InjectTransport implements Transport {
  dropNextReplies = 0;
  unreachable = false;
  requests = 0;
  constructor(
    public app: FastifyInstance,
    private readonly token: string,
  ) {}

  async exchange(envelope: Envelope): Promise<Envelope> {
    if (this.unreachable) throw new TransientSyncError('hub unreachable: connect ECONNREFUSED');
    this.requests += 1;
    const response = await this.app.inject({
      method: 'POST',
      url: '/exchange/v1/sync',
      headers: { authorization: `Bearer ${this.token}`, 'content-encoding': 'gzip', 'content-type': 'application/json' },
      payload: encodeEnvelope(envelope),
    });
    if (this.dropNextReplies > 0) {
      this.dropNextReplies -= 1;
      throw new TransientSyncError('no reply within 30000 ms');
    }
    if (response.statusCode !== 200) {
      const problem = response.json() as { error: string; message: string };
      if (response.statusCode >= 500) throw new TransientSyncError(problem.message, response.statusCode);
      throw new SyncRefusedError(problem.error, problem.message, response.statusCode);
    }
    return decodeEnvelope(response.rawPayload);
  }

  async hello(): Promise<HelloReply> {
    if (this.unreachable) throw new TransientSyncError('hub unreachable: connect ECONNREFUSED');
    const response = await this.app.inject({ method: 'GET', url: '/exchange/v1/hello', headers: { authorization: `Bearer ${this.token}` } });
    return response.json() as HelloReply;
  }
}

export const fastRetry = { baseDelayMs: 1, maxDelayMs: 5 };

/** In-memory nodes are slow to boot (~1-2 s of WASM); tests open a few and wipe them between runs. */
export async function openNode(batchSize = 50): Promise<ExchangeNode> {
  return ExchangeNode.open({ registry: exampleRegistry(), schemaVersion: SCHEMA_VERSION.current, batchSize });
}

export async function wipeNode(node: ExchangeNode): Promise<void> {
  await node.db.exec('TRUNCATE entities, outbox, outgoing_packets, quarantine, node_state');
}


/** A fresh hub (empty exchange schema) and its HTTP app; `restart()` drops every in-memory object, as a process restart would. */
export async function startHub(db: Kysely<Database>, batchSize = 50) {
  await resetExchange(db);
  const hub: HubContext = await createTestHub(db, { batchSize });
  const build = () =>
    buildSyncApp({
      hub,
      log: createLogger({ service: 'exchange-hub-test', level: 'silent' }),
      metrics: createHubMetrics(new Registry()),
      limiter: new AuthFailureLimiter(1000, 60_000),
      maxPacketBytes: 1 << 22,
      // The client tests drive one hub without its queue worker: nothing would build packets ahead.
      onChangesApplied: async () => undefined,
    });
  return { hub, app: build(), rebuild: build };
}

/** Registers a node on the hub and binds a (wiped) local store to it. */
export async function joinNode(db: Kysely<Database>, hub: HubContext, app: FastifyInstance, node: ExchangeNode, code: string) {
  await wipeNode(node);
  const { id, token } = await registerNode(db, hub.registry, { code, name: code });
  await node.setIdentity({ nodeId: id, hubNodeId: hub.hubNodeId });
  return new InjectTransport(app, token);
}
