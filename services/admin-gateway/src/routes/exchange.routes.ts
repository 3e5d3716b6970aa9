import { z } from 'zod';
import { CHANGE_OPERATIONS, enableExchangeNode, registerExchangeNode } from '@platform/db';
import { exampleRegistry } from '@platform/exchange-protocol';
import { conflict, notFound } from '../errors.js';
import { auditAdmin } from '../plugins/audit.js';
import { listNodes, listQuarantine, lockNode, setNodeEnabled, type NodeStatusRow, type QuarantineRow } from '../queries/exchange.queries.js';
import { isoDateTime, page, pageQuery, problems, toIso } from '../schemas/common.schema.js';
import type { RouteGroup } from './route-group.js';

// The entity types exchange-hub serves (its main.ts uses the same registry): a new node is
// queued the complete initial image of each, in registration order.
const registry = exampleRegistry();

const nodeInput = z.object({
  // The CLI's rule (exchange-hub register-node): the code appears in file names and logs.
  code: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'letters, digits, ".", "_" or "-", at most 100').describe('Unique, e.g. DESKTOP-1'),
  name: z.string().trim().min(1, 'must not be empty').max(255),
});

const nodeRecord = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  schemaVersion: z.string().nullable().describe('schema version the node last sent'),
  lastSyncIn: isoDateTime.nullable().describe('last packet received from the node'),
  lastSyncOut: isoDateTime.nullable().describe('last packet sent to the node'),
  receivedPacketNo: z.int().describe('number of the last packet applied from the node'),
  sentPacketNo: z.int().describe('number of the last packet sent to the node'),
  pendingChanges: z.int().describe('changes queued for the node and not yet acknowledged'),
  logCursor: z.int().describe('last change-log position the node acknowledged'),
  holdsRetention: z.boolean().describe('this enabled node has the lowest cursor: the change log is kept back for it'),
  quarantined: z.int().describe('unresolved changes from the node that the hub refused'),
  createdAt: isoDateTime,
});

const toNodeRecord = (n: NodeStatusRow): z.infer<typeof nodeRecord> => ({
  id: n.id,
  code: n.code,
  name: n.name,
  enabled: n.enabled,
  schemaVersion: n.schema_version,
  lastSyncIn: toIso(n.last_sync_in),
  lastSyncOut: toIso(n.last_sync_out),
  receivedPacketNo: Number(n.received_packet_no),
  sentPacketNo: Number(n.sent_packet_no),
  pendingChanges: n.pending_changes,
  logCursor: Number(n.log_cursor),
  holdsRetention: n.holds_retention,
  quarantined: n.quarantined,
  createdAt: n.created_at.toISOString(),
});

const quarantineRecord = z.object({
  id: z.int(),
  nodeId: z.uuid(),
  nodeCode: z.string(),
  packetNo: z.int(),
  entityType: z.string(),
  entityUuid: z.uuid(),
  operation: z.enum(CHANGE_OPERATIONS),
  data: z.record(z.string(), z.unknown()),
  code: z.string().describe('invalid_entity, missing_reference, unknown_entity_type, ...'),
  reason: z.string(),
  createdAt: isoDateTime,
  resolvedAt: isoDateTime.nullable(),
});

const toQuarantineRecord = (q: QuarantineRow): z.infer<typeof quarantineRecord> => ({
  id: Number(q.id),
  nodeId: q.node_id,
  nodeCode: q.node_code,
  packetNo: Number(q.packet_no),
  entityType: q.entity_type,
  entityUuid: q.entity_uuid,
  operation: q.operation,
  data: q.data,
  code: q.code,
  reason: q.reason,
  createdAt: q.created_at.toISOString(),
  resolvedAt: toIso(q.resolved_at),
});

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';

/** Seed 003 / issue 9: register desktop nodes (token shown once), their status, disable/enable, the quarantine. */
export const exchangeRoutes: RouteGroup = {
  name: 'exchange',
  register(app, { db }) {
    app.post(
      '/api/exchange/nodes',
      {
        schema: {
          tags: ['exchange'],
          summary: 'Register a desktop node; the answer carries its token, which is never shown again',
          description:
            'Only the SHA-256 of the token is stored; a lost token means registering a new node. The node is ' +
            'queued the complete initial image in the same transaction.',
          body: nodeInput,
          response: { 201: z.object({ id: z.uuid(), code: z.string(), token: z.string() }), ...problems(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const { code, name } = request.body;
        try {
          const node = await db.transaction().execute(async (trx) => {
            const registered = await registerExchangeNode(trx, registry, { code, name });
            // Never the token: the audit log is readable by every admin.
            await auditAdmin(trx, request, { action: 'exchange-node.register', targetType: 'exchange_node', targetId: registered.id, details: { code, name } });
            return registered;
          });
          return reply.code(201).header('cache-control', 'no-store').send({ id: node.id, code, token: node.token });
        } catch (error) {
          if (isUniqueViolation(error)) throw conflict(`a node with code ${code} already exists; choose another code`);
          throw error;
        }
      },
    );

    app.get(
      '/api/exchange/nodes',
      {
        schema: {
          tags: ['exchange'],
          summary: 'Desktop nodes with their exchange status',
          response: { 200: z.object({ items: z.array(nodeRecord) }), ...problems(401) },
        },
      },
      async () => ({ items: (await listNodes(db)).map(toNodeRecord) }),
    );

    for (const [action, enabled] of [['disable', false], ['enable', true]] as const) {
      app.post(
        `/api/exchange/nodes/:id/${action}`,
        {
          schema: {
            tags: ['exchange'],
            summary: enabled ? 'Let a disabled node exchange again' : 'Refuse every request of a node from now on (checked on each request)',
            params: z.object({ id: z.uuid() }),
            response: { 200: nodeRecord, ...problems(400, 401, 403, 404, 409) },
          },
        },
        async (request) => {
          const { id } = request.params;
          await db.transaction().execute(async (trx) => {
            const node = await lockNode(trx, id);
            if (!node) throw notFound(`no desktop node with id ${id}`);
            if (node.enabled === enabled) throw conflict(`node ${node.code} is already ${enabled ? 'enabled' : 'disabled'}`);
            // Re-enabling after retention trimmed the log past the node's cursor gives it a full image.
            let reinitialised = false;
            if (enabled) ({ reinitialised } = await enableExchangeNode(trx, registry, id));
            else await setNodeEnabled(trx, id, false);
            await auditAdmin(trx, request, { action: `exchange-node.${action}`, targetType: 'exchange_node', targetId: id, details: { code: node.code, ...(reinitialised ? { reinitialised } : {}) } });
          });
          const [node] = await listNodes(db, { id });
          return toNodeRecord(node!);
        },
      );
    }

    app.get(
      '/api/exchange/quarantine',
      {
        schema: {
          tags: ['exchange'],
          summary: 'Changes the hub refused, with the reason, newest first',
          querystring: z.object({
            nodeId: z.uuid().optional(),
            resolved: z.enum(['true', 'false']).optional().describe('omit for both'),
            ...pageQuery,
          }),
          response: { 200: page(quarantineRecord), ...problems(400, 401) },
        },
      },
      async (request) => {
        const q = request.query;
        const { rows, total } = await listQuarantine(db, {
          ...(q.nodeId ? { nodeId: q.nodeId } : {}),
          ...(q.resolved ? { resolved: q.resolved === 'true' } : {}),
          limit: q.limit,
          offset: q.offset,
        });
        return { items: rows.map(toQuarantineRecord), total, limit: q.limit, offset: q.offset };
      },
    );
  },
};
