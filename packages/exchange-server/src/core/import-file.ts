import { readExchangeFile, type CodecLimits } from '@platform/exchange-protocol';
import { exchange, type ExchangeResult, type HubContext } from './hub.js';
import { ExchangeError } from './errors.js';

/**
 * Applies an exchange file carried by hand from a node (Property 36): the
 * checksum is verified first, then the packet goes through the same path as
 * an HTTP sync, so a second import of the same file has no second effect.
 * The operator vouches for the file instead of a token, so only a registered,
 * enabled node can be named as its sender.
 *
 * @example
 * const { reply, duplicate } = await importExchangeFile(hub, await readFile('node-1.exchange', 'utf8'));
 */
export async function importExchangeFile(hub: HubContext, text: string, limits?: CodecLimits): Promise<ExchangeResult> {
  const { envelope } = readExchangeFile(text, limits);
  const node = await hub.db.selectFrom('exchange.sync_nodes').select(['id', 'role']).where('id', '=', envelope.header.sender_node_id).executeTakeFirst();
  if (!node || node.role !== 'node') {
    throw new ExchangeError('unknown_node', 403, `the file names sender ${envelope.header.sender_node_id}, which is not a registered node`);
  }
  return exchange(hub, node.id, envelope);
}
