import type { Logger } from 'pino';

type Handler = () => Promise<unknown> | unknown;
type StopSignal = 'SIGTERM' | 'SIGINT';

/**
 * Calls `stop` on the first SIGTERM or SIGINT and ignores the ones after it.
 * Ctrl-C reaches every process of the terminal's group and a supervisor
 * (pnpm dev, a container runtime) forwards its own SIGTERM as well: with
 * `process.once` the second signal killed processes halfway through draining.
 *
 * @example
 * onStopSignal(() => void server.close().then(() => process.exit(0)));
 */
export function onStopSignal(stop: (signal: StopSignal) => void, onRepeat?: (signal: StopSignal) => void): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return onRepeat?.(signal);
      stopping = true;
      stop(signal);
    });
  }
}

/**
 * Runs named cleanup steps once, in the order they were added, under one hard
 * deadline. Add them in the order STYLE.md gives: not-ready, HTTP close,
 * workers, queues, Redis, pg pool. Every step runs even if an earlier one fails.
 *
 * @example
 * const shutdown = new ShutdownManager(log, config.SHUTDOWN_TIMEOUT_MS);
 * shutdown.add('http', () => app.close());
 * shutdown.listen(); // SIGTERM / SIGINT -> run -> exit 0 (or 1 on failure)
 */
export class ShutdownManager {
  private readonly handlers: { name: string; run: Handler }[] = [];
  private running: Promise<boolean> | undefined;
  private accepting = true;

  constructor(
    private readonly log: Logger,
    private readonly deadlineMs: number,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {}

  /** True until shutdown starts; wire it to the readiness probe. */
  readonly isAccepting = (): boolean => this.accepting;

  add(name: string, run: Handler): this {
    this.handlers.push({ name, run });
    return this;
  }

  /** Runs every step; resolves true when all succeeded before the deadline. */
  run(reason: string): Promise<boolean> {
    this.running ??= this.runOnce(reason);
    return this.running;
  }

  /** Runs on SIGTERM / SIGINT, then exits 0 (or 1 when a step failed); see {@link onStopSignal}. */
  listen(): void {
    onStopSignal(
      (signal) => void this.run(signal).then((ok) => this.exit(ok ? 0 : 1)),
      (signal) => this.log.info({ signal }, 'already shutting down; signal ignored'),
    );
  }

  private async runOnce(reason: string): Promise<boolean> {
    this.accepting = false;
    this.log.info({ reason, deadlineMs: this.deadlineMs }, 'shutting down');
    let deadlineTimer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      deadlineTimer = setTimeout(() => resolve(false), this.deadlineMs);
      deadlineTimer.unref();
    });
    const ok = await Promise.race([this.runHandlers(), deadline]);
    clearTimeout(deadlineTimer);
    if (ok) this.log.info('shutdown complete');
    else this.log.error({ deadlineMs: this.deadlineMs }, 'shutdown did not complete cleanly');
    return ok;
  }

  private async runHandlers(): Promise<boolean> {
    let ok = true;
    for (const { name, run } of this.handlers) {
      const started = performance.now();
      try {
        await run();
        this.log.debug({ step: name, ms: Math.round(performance.now() - started) }, 'shutdown step done');
      } catch (error) {
        ok = false;
        this.log.error({ err: error, step: name }, 'shutdown step failed');
      }
    }
    return ok;
  }
}
