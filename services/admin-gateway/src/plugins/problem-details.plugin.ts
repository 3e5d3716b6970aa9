import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { InvalidJobPayloadError } from '@platform/queues';
import { ProblemError, type FieldError } from '../errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: readonly FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Sends a problem directly, for hooks that run under another plugin's error handler (Bull Board's). */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Omit<Problem, 'type' | 'instance' | 'title'> & { title?: string }) {
  const body: Problem = {
    // "about:blank" (RFC 9457 4.2): the status code says it all; `detail` says what to fix.
    type: 'about:blank',
    title: problem.title ?? TITLES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    instance: request.url,
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  // serializer(JSON.stringify) skips the route's response schema: a problem is never a 2xx body.
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(body);
}

/**
 * Every error and unknown route becomes RFC 9457 `application/problem+json`.
 * Validation failures list each field; 5xx never carry the error's message or stack.
 */
export function registerProblemDetails(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, { status: 404, detail: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ProblemError) {
      if (error.status >= 500) request.log.warn({ err: error.cause ?? error }, error.detail);
      return sendProblem(request, reply, error);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      const errors = error.validation.map((issue) => ({
        path: [where, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: issue.message ?? 'is invalid',
      }));
      return sendProblem(request, reply, {
        status: 400,
        detail: `invalid ${where}: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
        errors,
      });
    }
    if (error instanceof InvalidJobPayloadError) {
      // The catalog is stricter than a route schema (e.g. device name limits): still the caller's input.
      return sendProblem(request, reply, { status: 422, detail: error.message, errors: error.issues });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // fastify's own 4xx (bad JSON, wrong content type, body too large, rate limit) have safe messages.
      return sendProblem(request, reply, { status, detail: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, { status: 500, detail: 'internal error; the request id is in the server log' });
  });
}
