import { sql } from 'kysely';
import { trimChangeLog } from '@platform/db';
import type { Handlers } from '@platform/queues';
import { acknowledge, nextOutgoingPacket, prepareSegments, type HubContext } from '@platform/exchange-server';

// Acknowledged outgoing packets are kept a while for troubleshooting (their
// payload is already gone); incoming rows are never purged here: with
// sync_nodes.received_packet_no they are the record that a packet was applied.
const KEEP_ACKNOWLEDGED_DAYS = 7;

/**
 * Handlers of the `exchange` queue. `prepare-packets` builds a node's next
 * packet ahead of its request when none is in flight, so a sync reply only
 * has to resend it; `purge-acknowledged` drops old acknowledged packets and trims the
 * change log below the lowest enabled node's cursor.
 */
export function exchangeHandlers(hub: HubContext): Handlers<'exchange'> {
  return {
    'prepare-packets': async ({ nodeId }) => {
      await prepareSegments(hub, nodeId, 0);
      return hub.db.transaction().execute(async (trx) => {
        const node = await trx.selectFrom('exchange.sync_nodes').selectAll().where('id', '=', nodeId).forNoKeyUpdate().executeTakeFirst();
        if (!node || !node.enabled || node.role !== 'node') return { built: false, reason: 'no such enabled node' };
        const inFlight = await trx
          .selectFrom('exchange.packets')
          .select('packet_no')
          .where('node_id', '=', nodeId)
          .where('direction', '=', 'outgoing')
          .where('packet_no', '>', node.sent_packet_no)
          .executeTakeFirst();
        if (inFlight) return { built: false, reason: `packet ${inFlight.packet_no} is still unacknowledged` };
        const { packet, cursor } = await nextOutgoingPacket(trx, hub, node, await acknowledge(trx, node, node.sent_packet_no));
        await trx.updateTable('exchange.sync_nodes').set({ log_cursor: cursor }).where('id', '=', nodeId).execute();
        return { built: packet !== undefined, packetNo: packet?.packetNo ?? null };
      });
    },
    'purge-acknowledged': async ({ nodeId }) => {
      const result = await hub.db
        .deleteFrom('exchange.packets')
        .where('direction', '=', 'outgoing')
        .where('status', '=', 'acknowledged')
        .where('acknowledged_at', '<', sql<Date>`now() - make_interval(days => ${KEEP_ACKNOWLEDGED_DAYS})`)
        .$if(nodeId !== undefined, (q) => q.where('node_id', '=', nodeId!))
        .executeTakeFirst();
      // The change log below every enabled node's cursor has been delivered everywhere it must go.
      const trimmed = await trimChangeLog(hub.db);
      return { deleted: Number(result.numDeletedRows), trimmedLogRows: trimmed.deletedRows, logHeldBy: trimmed.heldBy?.code ?? null };
    },
  };
}
