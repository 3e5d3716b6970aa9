import type { QuotaLimit } from './faults.js';

/** A Sheets v4 error answer: `{ error: { code, message, status, details? } }`, no `errors[]` (current bodies have none). */
export class GoogleApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly details?: unknown[],
    /** Only for a test fault: Google itself never sends Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  body(): { error: { code: number; message: string; status: string; details?: unknown[] } } {
    return { error: { code: this.code, message: this.message, status: STATUS_NAMES[this.code] ?? 'UNKNOWN', ...(this.details ? { details: this.details } : {}) } };
  }
}

// google.rpc.Code names Google puts in `error.status` (reference/google-sheets-api.md, "Error bodies").
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
};

// Messages as the live API words them; 500's wording is unconfirmed (gspread#714 quotes "Internal error occured.").
const MESSAGES: Record<number, string> = {
  403: 'The caller does not have permission',
  404: 'Requested entity was not found.',
  500: 'Internal error encountered.',
  502: 'The service is currently unavailable.',
  503: 'The service is currently unavailable.',
};

export function statusError(status: number, retryAfterSeconds?: number): GoogleApiError {
  if (status === 429) return quotaExceeded('ReadRequestsPerMinutePerUser', retryAfterSeconds);
  return new GoogleApiError(status, MESSAGES[status] ?? 'Internal error encountered.', undefined, retryAfterSeconds);
}

/** The 429 recorded from the live API (r-lib/gargle fixtures, 2025-08-30): ErrorInfo + Help, no Retry-After. */
export function quotaExceeded(limit: QuotaLimit, retryAfterSeconds?: number): GoogleApiError {
  const perUser = limit === 'ReadRequestsPerMinutePerUser';
  const limitText = perUser ? 'Read requests per minute per user' : 'Read requests per minute';
  return new GoogleApiError(
    429,
    `Quota exceeded for quota metric 'Read requests' and limit '${limitText}' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.`,
    [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'RATE_LIMIT_EXCEEDED',
        domain: 'googleapis.com',
        metadata: {
          service: 'sheets.googleapis.com',
          quota_limit: limit,
          quota_limit_value: perUser ? '60' : '300',
          quota_metric: 'sheets.googleapis.com/read_requests',
          quota_unit: '1/min/{project}/{user}'.replace(perUser ? '' : '/{user}', ''),
          consumer: 'projects/000000000000',
        },
      },
      {
        '@type': 'type.googleapis.com/google.rpc.Help',
        links: [{ description: 'Request a higher quota limit.', url: 'https://cloud.google.com/docs/quotas/help/request_increase' }],
      },
    ],
    retryAfterSeconds,
  );
}
