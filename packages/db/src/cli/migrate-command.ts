import type { Kysely } from 'kysely';
import type { MigrationResult } from 'kysely/migration';
import { createDb } from '../db.js';
import { createMigrator, migrateDown, migrateToLatest, migrateToZero } from '../migrator.js';
import { databaseName, ensureDatabase, redactUrl } from './ensure-database.js';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/platform';

const USAGE = 'usage: migrate up | down [--to-zero] | status   (DATABASE_URL, default ' + DEFAULT_DATABASE_URL + ')';

export interface MigrateIo {
  out(line: string): void;
  err(line: string): void;
}

type Command = 'up' | 'down' | 'down-to-zero' | 'status';

/**
 * The migrate CLI without the process: returns the exit code (0 done, 1
 * failed, 2 usage) and reports through `io`, one line per migration and one
 * line for an error (never a stack trace).
 *
 * @example
 * process.exitCode = await runMigrate(['up'], process.env, { out: console.log, err: console.error });
 */
export async function runMigrate(argv: readonly string[], env: NodeJS.ProcessEnv, io: MigrateIo): Promise<number> {
  const command = parseCommand(argv);
  if (command === undefined) {
    io.err(`migrate: unknown arguments "${argv.join(' ')}"; ${USAGE}`);
    return 2;
  }
  const url = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  let db: Kysely<any> | undefined;
  try {
    databaseName(url);
    if (await ensureDatabase(url)) io.out(`created database ${redactUrl(url)}`);
    db = createDb(url, { max: 2, applicationName: 'migrate' });
    if (command === 'status') await printStatus(db, io);
    else printResults(await RUN[command](db), command, io);
    return 0;
  } catch (error) {
    // What did run before the failure is applied: say so.
    for (const r of (error as { results?: readonly MigrationResult[] }).results ?? []) io.out(line(r));
    io.err(`migrate: ${command} failed on ${redactUrl(url)}: ${describe(error)}`);
    return 1;
  } finally {
    await db?.destroy();
  }
}

const RUN = { up: migrateToLatest, down: migrateDown, 'down-to-zero': migrateToZero } as const;

function parseCommand(argv: readonly string[]): Command | undefined {
  const [name, ...rest] = argv;
  if ((name === 'up' || name === 'status') && rest.length === 0) return name;
  if (name === 'down' && rest.length === 0) return 'down';
  if (name === 'down' && rest.length === 1 && rest[0] === '--to-zero') return 'down-to-zero';
  return undefined;
}

const VERBS: Record<MigrationResult['status'], Record<MigrationResult['direction'], string>> = {
  Success: { Up: 'applied ', Down: 'reverted' },
  Error: { Up: 'FAILED  ', Down: 'FAILED  ' },
  NotExecuted: { Up: 'skipped ', Down: 'skipped ' },
};

function line(r: MigrationResult): string {
  return `${VERBS[r.status][r.direction]} ${r.migrationName}`;
}

function printResults(results: readonly MigrationResult[], command: Command, io: MigrateIo): void {
  for (const r of results) io.out(line(r));
  if (results.length === 0) io.out(command === 'up' ? 'nothing to apply: up to date' : 'nothing to revert');
}

async function printStatus(db: Kysely<any>, io: MigrateIo): Promise<void> {
  await db.schema.createSchema('platform').ifNotExists().execute();
  const migrations = await createMigrator(db).getMigrations();
  for (const m of migrations) {
    io.out(m.executedAt ? `applied  ${m.name}  (${m.executedAt.toISOString()})` : `pending  ${m.name}`);
  }
  const pending = migrations.filter((m) => !m.executedAt).length;
  io.out(`${migrations.length - pending} applied, ${pending} pending`);
}

// One line an operator can act on: the migration error's own message, the
// first cause of an AggregateError (pg reports IPv4 + IPv6 failures as one,
// with an empty message), the SQLSTATE when there is one.
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return (typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message).replace(/\s+/g, ' ').trim();
}
