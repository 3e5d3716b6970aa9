import type { SyncErrorType } from '@platform/db';
import { RowValidationError, SheetHeaderError, SheetsRequestError } from '@platform/sheets';
import { isConnectionError } from './db-recovery.js';

/** Spec 002 error categories (Property 25): what failed decides how it is retried and counted. */
export function categorize(err: unknown): SyncErrorType {
  if (err instanceof SheetsRequestError) return err.retryable ? 'network' : 'unknown';
  if (err instanceof RowValidationError || err instanceof SheetHeaderError) return 'validation';
  if (isConnectionError(err)) return 'database';
  const code = (err as { code?: unknown })?.code;
  // Any SQLSTATE (five characters) comes from PostgreSQL.
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return 'database';
  return 'unknown';
}
