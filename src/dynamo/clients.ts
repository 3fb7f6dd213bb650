/**
 * Client factory: one DynamoDBClient per (connection id, region), cached, with the SDK's standard
 * retry mode (exponential backoff with jitter, throttling included), a user agent naming the
 * extension, connection and request timeouts (timeouts.ts), and the connection's endpoint.
 * Credentials come from `@aws-sdk/credential-providers`; SSO and other provider failures are
 * reworded (errors.ts). The clients run without the SDK's logger middleware (see
 * `withoutSdkLogger`).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fromEnv, fromIni } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { Connection } from './connections';
import { DynamoError, describeAwsError, rememberSecret } from './errors';
import { EnvLike, sharedFilePaths } from './profiles';
import { timeoutConfig } from './timeouts';

/** Fixed credentials for local servers, which accept any. Not a secret. */
export const LOCAL_SERVER_CREDENTIALS: AwsCredentialIdentity = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface ClientFactoryOptions {
  /** Extension name and version for the user agent, e.g. `dynamodb-designer`, `0.1.0`. */
  readonly extensionName: string;
  readonly extensionVersion: string;
  /** Total attempts per call, retries with backoff included (default 5). */
  readonly maxAttempts?: number;
  /** Endpoint of the embedded local server, started on demand (LocalDynamo.ensureStarted). */
  readonly localEndpoint?: (signal?: AbortSignal) => Promise<string>;
  /** Environment used for profile file paths (default process.env). */
  readonly env?: EnvLike;
  /** Milliseconds to open a TCP connection (default 5000) and to wait for a response (default 60000). */
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

/**
 * Wraps a provider so its failures carry the profile's wording (SSO login command, ...), and the
 * secrets it resolves are known to `redact` (a server may echo them back in an error).
 */
export function explainedProvider(provider: AwsCredentialIdentityProvider, profile: string | undefined): AwsCredentialIdentityProvider {
  return async (options) => {
    try {
      const identity = await provider(options);
      rememberSecret(identity.secretAccessKey);
      rememberSecret(identity.sessionToken);
      return identity;
    } catch (error) {
      throw new DynamoError(describeAwsError(error, { profile }), { cause: error });
    }
  };
}

/** The SDK middleware that passes every request and response through its log filter. */
export const SDK_LOGGER_MIDDLEWARE = 'loggerMiddleware';

/**
 * Removes the SDK's logger middleware from a client. It deep-copies every input and output (each
 * page of a Scan, item by item, through the schema's sensitive-data filter) to hand the copy to
 * the client's logger, which we never configure (the SDK's no-op logger discards it): a quarter of
 * an export's time. Our own log records what we do; nothing is lost.
 */
export function withoutSdkLogger<C extends DynamoDBClient>(client: C): C {
  client.middlewareStack.remove(SDK_LOGGER_MIDDLEWARE);
  return client;
}

export class ClientFactory {
  private readonly clients = new Map<string, Promise<DynamoDBClient>>();
  private readonly providers = new Map<string, AwsCredentialIdentityProvider>();
  private disposed = false;

  constructor(private readonly options: ClientFactoryOptions) {}

  /** The credentials provider of a connection (memoized by the SDK providers themselves). */
  credentials(connection: Connection): AwsCredentialIdentityProvider {
    const cached = this.providers.get(connection.id);
    if (cached) { return cached; }
    const paths = sharedFilePaths(this.options.env ?? process.env);
    const ini = (profile: string): AwsCredentialIdentityProvider => explainedProvider(fromIni({
      profile, filepath: paths.credentialsFile, configFilepath: paths.configFile, ignoreCache: true,
    }), profile);
    let provider: AwsCredentialIdentityProvider;
    switch (connection.kind) {
      case 'profile': provider = ini(connection.profile); break;
      case 'env': provider = explainedProvider(fromEnv(), undefined); break;
      case 'endpoint': provider = connection.profile ? ini(connection.profile) : async () => LOCAL_SERVER_CREDENTIALS; break;
      case 'local': provider = async () => LOCAL_SERVER_CREDENTIALS; break;
    }
    this.providers.set(connection.id, provider);
    return provider;
  }

  /** The endpoint a connection talks to, or undefined for AWS's regional endpoint. */
  async endpoint(connection: Connection, signal?: AbortSignal): Promise<string | undefined> {
    switch (connection.kind) {
      case 'profile': return connection.endpoint;
      case 'env': return undefined;
      case 'endpoint': return connection.url;
      case 'local': {
        if (!this.options.localEndpoint) { throw new Error('the embedded local DynamoDB is not available here'); }
        return this.options.localEndpoint(signal);
      }
    }
  }

  /** The cached client of (connection, region); the embedded server starts on first use. */
  client(connection: Connection, region: string = connection.regions[0], signal?: AbortSignal): Promise<DynamoDBClient> {
    if (this.disposed) { return Promise.reject(new Error('the client factory was disposed')); }
    if (signal?.aborted) { return Promise.reject(signal.reason); }
    const key = `${connection.id}\u0000${region}`;
    let client = this.clients.get(key);
    if (!client) {
      // Shared by concurrent callers, so not tied to one caller's signal.
      const created = this.create(connection, region);
      client = created;
      this.clients.set(key, created);
      // A failed creation (local server did not start) is not cached: the next call retries.
      created.catch(() => { if (this.clients.get(key) === created) { this.clients.delete(key); } });
    }
    if (!signal) { return client; }
    const shared = client;
    // The caller's signal abandons its own wait only.
    return new Promise<DynamoDBClient>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  private async create(connection: Connection, region: string): Promise<DynamoDBClient> {
    const endpoint = await this.endpoint(connection);
    return withoutSdkLogger(new DynamoDBClient({
      region,
      endpoint,
      credentials: this.credentials(connection),
      customUserAgent: [[this.options.extensionName, this.options.extensionVersion]],
      ...timeoutConfig(this.options),
    }));
  }

  /** Destroys the clients of one connection (after its settings or credentials changed). */
  forget(connectionId: string): void {
    this.providers.delete(connectionId);
    for (const [key, client] of [...this.clients]) {
      if (key.startsWith(`${connectionId}\u0000`)) {
        this.clients.delete(key);
        client.then(c => c.destroy(), () => undefined);
      }
    }
  }

  /** Destroys every client; the factory refuses new ones afterwards. */
  dispose(): void {
    this.disposed = true;
    for (const client of this.clients.values()) { client.then(c => c.destroy(), () => undefined); }
    this.clients.clear();
    this.providers.clear();
  }
}
