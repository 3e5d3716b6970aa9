import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { ADMIN_ROLES, createDb, type AdminRole } from '@platform/db';
import { loadConfigOrExit, serviceEnv } from '@platform/runtime';
import { hashPassword } from '../auth/password.js';

// Creates (or, with --reset, re-keys) an admin account: the way to get the
// first admin, since every API route already needs one.
//   pnpm --filter @platform/admin-gateway create-admin -- --username ana --role admin
// The password is read from stdin (piped) or prompted for; never from argv,
// which other users can read in the process list.
const USAGE = 'usage: create-admin --username <name> [--role admin|viewer] [--reset]  (password on stdin)';

const { values } = parseArgs({
  options: { username: { type: 'string' }, role: { type: 'string', default: 'admin' }, reset: { type: 'boolean', default: false } },
});
const fail = (message: string): never => {
  process.stderr.write(`create-admin: ${message}\n${USAGE}\n`);
  process.exit(64);
};
const username = values.username ?? fail('--username is required');
if (!/^[A-Za-z0-9._@-]{3,100}$/.test(username)) fail('username: 3-100 letters, digits, ".", "_", "@" or "-"');
if (!(ADMIN_ROLES as readonly string[]).includes(values.role)) fail(`--role must be one of ${ADMIN_ROLES.join(', ')}`);
const role = values.role as AdminRole;

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdin.isTTY ? process.stderr : undefined, terminal: false });
  if (process.stdin.isTTY) process.stderr.write('password (min 12 characters): ');
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

const password = await readPassword();
if (password.length < 12) fail('the password must be at least 12 characters');

const config = loadConfigOrExit('create-admin', serviceEnv.pick({ DATABASE_URL: true }), process.env);
const db = createDb(config.DATABASE_URL, { max: 1, applicationName: 'create-admin' });
try {
  const passwordHash = await hashPassword(password);
  const row = await db
    .insertInto('platform.admin_users')
    .values({ username, password_hash: passwordHash, role })
    .onConflict((oc) =>
      oc.expression(sql`lower(username)`).doUpdateSet(
        values.reset ? { password_hash: passwordHash, role, disabled: false, updated_at: sql`now()` } : { username: sql`platform.admin_users.username` },
      ),
    )
    .returning(['id', 'username', 'role', sql<boolean>`xmax <> 0`.as('existed')])
    .executeTakeFirstOrThrow();
  if (row.existed && !values.reset) fail(`user "${row.username}" already exists (use --reset to set a new password and role)`);
  process.stdout.write(`${row.existed ? 'updated' : 'created'} ${row.role} "${row.username}" (${row.id})\n`);
} finally {
  await db.destroy();
}
