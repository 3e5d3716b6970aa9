import { sql, type Kysely } from 'kysely';
import { oneOf, withTimestamps } from '../migration-helpers.js';

// Accounts of the people who use admin-gateway. Disabled, never deleted:
// platform.admin_audit_log names them by username and that trail must keep
// pointing at a real account.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('platform.admin_users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Case-insensitive uniqueness below: "Ana" and "ana" must not be two accounts.
    .addColumn('username', 'varchar(100)', (c) => c.notNull().check(sql`username ~ '^[A-Za-z0-9._@-]{3,100}$'`))
    // A PHC string (`$argon2id$v=19$...`): algorithm and parameters travel with the hash.
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'varchar(10)', (c) => c.notNull().check(oneOf('role', ['admin', 'viewer'])))
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('last_login_at', 'timestamptz')
    .$call(withTimestamps)
    .execute();
  await db.schema
    .createIndex('admin_users_username_key')
    .on('platform.admin_users')
    .expression(sql`lower(username)`)
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('platform.admin_users').execute();
}
