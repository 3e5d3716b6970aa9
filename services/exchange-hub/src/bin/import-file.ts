import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createDb } from '@platform/db';
import { exampleRegistry, ProtocolError, SCHEMA_VERSION, writeExchangeFile } from '@platform/exchange-protocol';
import { ensureHubNode, ExchangeError, importExchangeFile } from '@platform/exchange-server';

// Applies a node's exchange file on the hub (offline transport) and, with
// --reply, writes the hub's answer as a file to carry back to the node.
const { values, positionals } = parseArgs({ allowPositionals: true, options: { reply: { type: 'string' }, 'batch-size': { type: 'string' } } });
if (positionals.length !== 1) {
  process.stderr.write('usage: import-file <node-file.exchange> [--reply reply.exchange] [--batch-size 500]\n');
  process.exit(64);
}
const db = createDb(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/platform', { max: 2, applicationName: 'import-file' });
try {
  const hub = { db, registry: exampleRegistry(), hubNodeId: await ensureHubNode(db), schemaVersion: SCHEMA_VERSION, batchSize: Number(values['batch-size'] ?? 500) };
  const result = await importExchangeFile(hub, await readFile(positionals[0]!, 'utf8'));
  const rejected = result.reply.body.rejected ?? [];
  process.stdout.write(
    `${result.duplicate ? 'already imported: no changes applied' : `applied ${result.applied} change(s), ${result.conflicts} conflict(s)`}; ` +
      `${rejected.length} quarantined\n`,
  );
  for (const r of rejected) process.stdout.write(`  quarantined ${r.type} ${r.uuid}: ${r.reason}\n`);
  if (values.reply) {
    await writeFile(values.reply, writeExchangeFile(result.reply));
    process.stdout.write(`reply with ${result.reply.body.entities.length} entities written to ${values.reply}\n`);
  }
} catch (error) {
  if (!(error instanceof ProtocolError || error instanceof ExchangeError)) throw error;
  process.stderr.write(`${error.code}: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
