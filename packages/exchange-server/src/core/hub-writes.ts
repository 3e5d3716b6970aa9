import type { EntityChange } from '@platform/exchange-protocol';
import { applyEntities, type ApplyOutcome } from './apply-entities.js';
import { recordChanges } from './change-registry.js';
import type { HubContext } from './hub.js';

/**
 * A change made on the hub itself (an office edit, an admin fix): validated
 * like any other, written as the hub's version and queued for every node.
 *
 * @example
 * await writeOnHub(hub, [{ type: 'Brigade', uuid, operation: 'INSERT', data }]);
 */
export async function writeOnHub(hub: HubContext, entities: readonly EntityChange[]): Promise<ApplyOutcome> {
  return hub.db.transaction().execute(async (trx) => {
    const outcome = await applyEntities(trx, hub.registry, { nodeId: hub.hubNodeId, packetNo: null, logCursor: 0 }, entities);
    // Echoes are for a sending node; the hub's own refused edit has nobody to converge.
    await recordChanges(trx, { forOthers: outcome.log.forOthers, echoes: [] }, { nodeId: hub.hubNodeId, hubNodeId: hub.hubNodeId });
    return outcome;
  });
}
