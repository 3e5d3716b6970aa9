import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  IsolatedCircuitError,
  retry,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from 'cockatiel';
import { CircuitOpenError, DeviceError, type DeviceErrorContext } from './errors.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface ResilienceOptions {
  /** Total tries for a retryable (connection-class) failure. Default 3. */
  attempts?: number;
  /** First backoff delay; doubles per retry. Default 1000 ms. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Consecutive failed operations that open the breaker. Default 5 (seed 000). */
  failureThreshold?: number;
  /** How long the breaker stays open before a trial call. Default 10 minutes (seed 000). */
  cooldownMs?: number;
}

const STATE: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/**
 * Retry inside a circuit breaker (cockatiel): one operation that fails after
 * all its retries counts as one failure toward the breaker.
 */
export class Resilience {
  private readonly breaker: CircuitBreakerPolicy;
  private readonly retry: RetryPolicy;
  private readonly cooldownMs: number;
  private openUntil = new Date(0);

  constructor(opts: ResilienceOptions = {}) {
    this.cooldownMs = opts.cooldownMs ?? 600_000;
    this.retry = retry(
      handleWhen((e) => e instanceof DeviceError && e.retryable),
      {
        maxAttempts: (opts.attempts ?? 3) - 1,
        backoff: new ExponentialBackoff({ initialDelay: opts.initialDelayMs ?? 1000, maxDelay: opts.maxDelayMs ?? 30_000 }),
      },
    );
    this.breaker = circuitBreaker(
      handleWhen((e) => e instanceof DeviceError),
      { halfOpenAfter: this.cooldownMs, breaker: new ConsecutiveBreaker(opts.failureThreshold ?? 5) },
    );
    this.breaker.onBreak(() => {
      this.openUntil = new Date(Date.now() + this.cooldownMs);
    });
  }

  get state(): BreakerState {
    return STATE[this.breaker.state];
  }

  /** Subscribes to breaker transitions; returns the unsubscribe function. */
  onStateChange(listener: (state: BreakerState) => void): () => void {
    const sub = this.breaker.onStateChange((s) => listener(STATE[s]));
    return () => sub.dispose();
  }

  async execute<T>(ctx: DeviceErrorContext, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.breaker.execute(() => this.retry.execute(fn));
    } catch (e) {
      if (e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError) throw new CircuitOpenError(ctx, this.openUntil);
      throw e;
    }
  }
}
