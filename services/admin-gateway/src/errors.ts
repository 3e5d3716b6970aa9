/** One invalid field of a request: `body.personId`, `querystring.limit`. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * An RFC 9457 problem the handler means to return. Thrown from routes and
 * queries; the problem-details plugin turns it into `application/problem+json`.
 *
 * @example
 * throw new ProblemError(404, 'Not Found', `no buffer record with id ${id}`);
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors?: readonly FieldError[],
  ) {
    super(detail);
  }
}

export const notFound = (detail: string) => new ProblemError(404, 'Not Found', detail);
/** The request is well-formed but the resource's state forbids it (already resolved, already mapped). */
export const conflict = (detail: string) => new ProblemError(409, 'Conflict', detail);
/** Well-formed input that names something that does not exist or cannot be applied. */
export const unprocessable = (detail: string, errors: readonly FieldError[]) =>
  new ProblemError(422, 'Unprocessable Content', detail, errors);

/** Redis (the queue) is unreachable: the action was not taken and may be retried. */
export class QueueUnavailableError extends ProblemError {
  constructor(
    readonly queue: string,
    cause: unknown,
  ) {
    super(503, 'Service Unavailable', `the ${queue} queue is unreachable; nothing was changed, retry shortly`);
    this.cause = cause;
  }
}
