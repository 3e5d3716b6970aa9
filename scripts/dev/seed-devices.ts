/**
 * `pnpm dev` step: make sure the database knows the emulated device, so
 * device-poller and backup-worker have something to poll and back up.
 * Idempotent: an existing row with the same name is pointed at the port given.
 */
import { parseArgs } from 'node:util';
import { createDb } from '@platform/db';

const { values } = parseArgs({ options: { port: { type: 'string', default: '4370' }, name: { type: 'string', default: 'emulator-1' } } });
const port = Number(values.port);
const db = createDb(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/platform', { max: 1, applicationName: 'dev-seed' });
try {
  await db
    .insertInto('platform.devices')
    .values({ name: values.name, host: '127.0.0.1', port, timezone: 'UTC', enabled: true })
    .onConflict((oc) => oc.column('name').doUpdateSet({ host: '127.0.0.1', port, enabled: true, updated_at: new Date() }))
    .execute();
  console.log(`device "${values.name}" -> 127.0.0.1:${port}`);
} finally {
  await db.destroy();
}
