import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from '@platform/runtime';
import type { SyncNode } from '@platform/db';
import { decodeEnvelope, encodeEnvelope, ProtocolError } from '@platform/exchange-protocol';
import { ExchangeError } from '../core/errors.js';
import { exchange, type HubContext } from '../core/hub.js';
import type { HubMetrics } from '../metrics.js';
import type { TlsMaterial } from '../tls.js';
import { authenticate, recordSecurityEvent, type AuthFailureLimiter } from './auth-guard.js';

export interface SyncAppOptions {
  hub: HubContext;
  log: Logger;
  metrics: HubMetrics;
  limiter: AuthFailureLimiter;
  maxPacketBytes: number;
  /** Absent only when plain HTTP was explicitly allowed for development. */
  tls?: TlsMaterial;
  /** Called after an upload applied entities (main.ts queues `prepare-packets` for the other nodes). */
  onChangesApplied: (nodeId: string) => Promise<unknown>;
}

declare module 'fastify' {
  interface FastifyRequest {
    node?: SyncNode;
  }
}

const PROTOCOL_STATUS: Record<string, number> = {
  packet_too_large: 413,
  corrupt_packet: 400,
  invalid_envelope: 400,
  schema_version_outdated: 409,
  schema_version_incompatible: 409,
  invalid_schema_version: 400,
};

/**
 * The nodes' API: `POST /exchange/v1/sync` takes the gzipped envelope and
 * answers with the hub's gzipped envelope; `GET /exchange/v1/hello` tells a
 * node the hub's id and schema versions. Bearer token on every request.
 * Errors are `{ error, message, details }` JSON, never gzipped.
 *
 * @example
 * const app = buildSyncApp({ hub, log, metrics, limiter, maxPacketBytes: 8 << 20, tls });
 * await app.listen({ port: 9443 });
 */
export function buildSyncApp(options: SyncAppOptions): FastifyInstance {
  const { hub, limiter, metrics } = options;
  const app = Fastify({
    loggerInstance: options.log.child({ component: 'sync-api' }) as FastifyBaseLogger,
    bodyLimit: options.maxPacketBytes,
    ...(options.tls ? { https: { key: options.tls.key, cert: options.tls.cert } } : {}),
  }) as unknown as FastifyInstance;

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  const fail = (reply: FastifyReply, status: number, error: string, message: string, details: Record<string, unknown> = {}) =>
    reply.code(status).type('application/json').send({ error, message, details });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return fail(reply, 413, 'packet_too_large', `request body exceeds ${options.maxPacketBytes} bytes; lower the batch size`);
    }
    if (error.statusCode && error.statusCode < 500) return fail(reply, error.statusCode, 'bad_request', error.message);
    options.log.error({ err: error }, 'sync request failed');
    return fail(reply, 500, 'internal_error', 'the hub failed; retry later');
  });

  // Before the body is read: an unauthenticated caller costs us a header check.
  app.addHook('onRequest', async (request, reply) => {
    const address = request.ip;
    const waitMs = limiter.blockedFor(address);
    if (waitMs > 0) {
      metrics.authFailures.inc({ reason: 'rate_limited' });
      reply.header('retry-after', Math.ceil(waitMs / 1000));
      return fail(reply, 429, 'too_many_auth_failures', `too many failed authentications from ${address}; retry in ${Math.ceil(waitMs / 1000)} s`);
    }
    const auth = await authenticate(hub.db, request.headers.authorization);
    if (auth.ok) {
      request.node = auth.node;
      return;
    }
    limiter.fail(address);
    metrics.authFailures.inc({ reason: auth.reason });
    await recordSecurityEvent(hub.db, {
      type: auth.reason === 'node_disabled' ? 'node_disabled' : 'auth_failed',
      nodeId: auth.node?.id ?? null,
      claimed: auth.node?.code ?? null,
      remoteAddr: address,
      details: { reason: auth.reason, path: request.url, blocked: limiter.blockedFor(address) > 0 },
    });
    request.log.warn({ reason: auth.reason, address }, 'sync request refused');
    const message =
      auth.reason === 'missing_token' ? 'no bearer token: send Authorization: Bearer <node token>'
      : auth.reason === 'node_disabled' ? 'this node is disabled; ask an administrator'
      : 'the token is not valid for any node';
    return fail(reply, auth.reason === 'node_disabled' ? 403 : 401, auth.reason, message);
  });

  app.get('/exchange/v1/hello', async (request) => {
    const node = request.node!;
    const pending = await hub.db
      .selectFrom('exchange.sync_changes')
      .select((eb) => eb.fn.count<number>('entity_uuid').distinct().as('n'))
      .where('node_id', '=', node.id)
      .where((eb) => eb.or([eb('packet_no', 'is', null), eb('packet_no', '>', node.sent_packet_no)]))
      .executeTakeFirstOrThrow();
    return {
      hub_node_id: hub.hubNodeId,
      node_id: node.id,
      node_code: node.code,
      schema_version: hub.schemaVersion,
      /** Entities the hub holds for this node, for a progress bar. */
      pending_for_node: Number(pending.n),
    };
  });

  app.post('/exchange/v1/sync', async (request: FastifyRequest, reply) => {
    const node = request.node!;
    if (request.headers['content-encoding'] !== 'gzip' || !Buffer.isBuffer(request.body)) {
      return fail(reply, 415, 'gzip_required', 'send the envelope as JSON with Content-Encoding: gzip');
    }
    const started = process.hrtime.bigint();
    try {
      const envelope = decodeEnvelope(request.body, { maxCompressedBytes: options.maxPacketBytes, maxDecompressedBytes: options.maxPacketBytes * 8 });
      const result = await exchange(hub, node.id, envelope);
      metrics.requests.inc({ outcome: result.duplicate ? 'duplicate' : 'ok' });
      metrics.entitiesApplied.inc(result.applied);
      metrics.conflicts.inc(result.conflicts);
      metrics.entitiesSent.inc(result.reply.body.entities.length);
      metrics.duration.observe(Number(process.hrtime.bigint() - started) / 1e9);
      // The data is committed: a failure to queue the build-ahead only costs latency, never the reply.
      if (!result.duplicate && result.applied > 0) {
        await options.onChangesApplied(node.id).catch((error: unknown) => request.log.warn({ err: error }, 'could not queue prepare-packets'));
      }
      return reply.header('content-encoding', 'gzip').type('application/json').send(encodeEnvelope(result.reply));
    } catch (error) {
      if (error instanceof ProtocolError) {
        metrics.requests.inc({ outcome: error.code });
        return fail(reply, PROTOCOL_STATUS[error.code] ?? 400, error.code, error.message, error.details);
      }
      if (error instanceof ExchangeError) {
        metrics.requests.inc({ outcome: error.code });
        if (error.code === 'sender_mismatch') {
          await recordSecurityEvent(hub.db, { type: 'sender_mismatch', nodeId: node.id, claimed: node.code, remoteAddr: request.ip, details: { message: error.message } });
        }
        return fail(reply, error.status, error.code, error.message, error.details);
      }
      throw error;
    }
  });
  return app;
}
