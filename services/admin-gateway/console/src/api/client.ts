import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';

/**
 * The typed API client: paths, parameters and bodies come from the gateway's
 * OpenAPI document (schema.d.ts), so a route change that breaks a page is a
 * compile error. The token travels in the HttpOnly cookie the login sets.
 */
export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });

/** A 401 on anything but the login means the session ended: back to the login page, saying why. */
const sessionEnded: Middleware = {
  onResponse({ request, response }) {
    if (response.status === 401 && !request.url.endsWith('/api/auth/token') && !request.url.endsWith('/api/auth/me')) {
      window.location.assign('/login?expired=1');
    }
    return response;
  },
};
api.use(sessionEnded);

/** RFC 9457 problem the API answered; `errors` names each invalid field. */
export interface Problem {
  title: string;
  detail: string;
  status: number;
  errors?: { path: string; message: string }[];
}

/** Unwraps an openapi-fetch result: the data, or the problem thrown (TanStack Query shows it). */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) throw (error ?? { title: response.statusText, detail: response.statusText, status: response.status }) as Problem;
  return data as T;
}

export const problemText = (e: unknown) => {
  const p = e as Partial<Problem> | null;
  if (!p) return '';
  const fields = p.errors?.map((f) => `${f.path}: ${f.message}`).join('; ');
  return [p.detail ?? String(e), fields].filter(Boolean).join(' — ');
};
