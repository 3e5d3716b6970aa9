/**
 * node-zklib 1.3.0 bug (issue #23): when the reply to a bulk-read request
 * times out or the request fails, readWithBuffer rejects and then reads
 * `reply.subarray` on null inside an async Promise executor. That TypeError
 * is an unhandled rejection nobody can catch, and Node 20 exits on it: a slow
 * device would crash the service. This guard swallows exactly that error
 * (TypeError thrown from node-zklib's zklibtcp.js) and nothing else.
 */
let installed = false;

function isZklibNullReply(reason: unknown): boolean {
  return reason instanceof TypeError && /node-zklib[\\/]zklibtcp\.js/.test(reason.stack ?? '');
}

function onUnhandledRejection(reason: unknown): void {
  if (isZklibNullReply(reason)) return;
  // With a listener installed Node no longer crashes on other unhandled
  // rejections; keep its default ('throw') when we are the only listener.
  if (process.listenerCount('unhandledRejection') === 1) throw reason;
}

/** Idempotent; called when the first DeviceClient is constructed, not at import. */
export function installZklibGuard(): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', onUnhandledRejection);
}
