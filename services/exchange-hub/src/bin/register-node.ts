import { parseArgs } from 'node:util';
import { createDb } from '@platform/db';
import { exampleRegistry } from '@platform/exchange-protocol';
import { registerNode } from '@platform/exchange-server';

// Until admin-gateway exposes node registration (POST /api/exchange/nodes), an
// operator registers a desktop node here. The token is printed once; only its
// SHA-256 is stored, so a lost token means registering a new node.
const { values } = parseArgs({ options: { code: { type: 'string' }, name: { type: 'string' } } });
if (!values.code || !/^[A-Za-z0-9_.-]{1,100}$/.test(values.code)) {
  process.stderr.write('usage: register-node --code DESKTOP-1 [--name "Site office"]  (code: letters, digits, ".", "_" or "-")\n');
  process.exit(64);
}
const db = createDb(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/platform', { max: 1, applicationName: 'register-node' });
try {
  const { id, token } = await registerNode(db, exampleRegistry(), { code: values.code, name: values.name ?? values.code });
  process.stdout.write(`node id: ${id}\ntoken:   ${token}\nStore the token now: it is not shown again.\n`);
} catch (error) {
  const pg = error as { code?: string };
  process.stderr.write(pg.code === '23505' ? `a node with code ${values.code} already exists\n` : `${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
