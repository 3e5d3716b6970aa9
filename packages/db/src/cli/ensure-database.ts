import pg from 'pg';

const INVALID_CATALOG_NAME = '3D000';
const DUPLICATE_DATABASE = '42P04';

/**
 * Creates the database `url` names if it does not exist yet, so `pnpm dev`
 * works on a fresh machine. Returns whether it created it. Connects to the
 * server's `postgres` database only when the target is missing, so a
 * deployment whose role may not connect there is unaffected.
 *
 * @example
 * if (await ensureDatabase(process.env.DATABASE_URL)) console.log('created');
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  try {
    await withClient(url, async () => undefined);
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_CATALOG_NAME) throw error;
  }
  const name = databaseName(url);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  try {
    await withClient(maintenance.toString(), (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
    return true;
  } catch (error) {
    // Another migrate run created it between our check and our CREATE.
    if ((error as { code?: string }).code === DUPLICATE_DATABASE) return false;
    throw error;
  }
}

/** The database name in a connection URL, e.g. `platform`. */
export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (name === '') throw new Error(`DATABASE_URL ${redactUrl(url)} names no database (expected …/<name>)`);
  return name;
}

/** The URL without its password, fit for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  // A blackholed host would otherwise hang for the OS TCP timeout (minutes).
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
