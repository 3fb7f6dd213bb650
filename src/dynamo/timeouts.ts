/**
 * How long a client waits for a server: the connection and request timeouts of the extension's
 * and the CLI's clients, enforced (the SDK only warns about an exceeded request timeout unless
 * told to throw), and a request that timed out is not tried again, so the wait is bounded by the
 * timeout itself rather than by the timeout times the attempts.
 */
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, StandardRetryToken } from '@smithy/types';
import { isRequestTimeout } from './errors';

/** Milliseconds to open a TCP connection and to wait for a whole response. */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 5000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60000;

/** The SDK's standard retries (backoff with jitter, throttling), except after a request timeout. */
class NoRetryAfterTimeout extends StandardRetryStrategy {
  override async refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<StandardRetryToken> {
    if (isRequestTimeout(errorInfo.error)) { throw new Error('a request that timed out is not retried'); }
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }
}

export interface TimeoutOptions {
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** Total attempts per call, retries included (default 5). */
  readonly maxAttempts?: number;
}

/** The `requestHandler` and `retryStrategy` parts of a DynamoDBClient's configuration. */
export function timeoutConfig(options: TimeoutOptions = {}) {
  return {
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
    maxAttempts: options.maxAttempts ?? 5,
    retryStrategy: new NoRetryAfterTimeout(options.maxAttempts ?? 5),
  };
}
