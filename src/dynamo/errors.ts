/**
 * AWS and network errors in words: a stable `kind`, the server's or SDK's `code`, and a message a
 * user can act on (which command to run, which permission is missing, whether the server is up).
 * Messages never carry secrets: anything shaped like an access key id or a secret key is redacted.
 *
 * Pure: no SDK import, works on the error objects' own fields (`name`, `code`, `$metadata`).
 */

export type ErrorKind =
  | 'aborted'
  | 'sso-expired'
  | 'credentials'
  | 'access-denied'
  | 'throttling'
  | 'network'
  | 'not-found'
  | 'in-use'
  | 'unsupported'
  | 'validation'
  | 'other';

export interface DescribedError {
  readonly kind: ErrorKind;
  /** The error's code (`AccessDeniedException`, `ECONNREFUSED`, `CredentialsProviderError`, ...). */
  readonly code: string;
  /** One or two sentences for the user; no secrets. */
  readonly message: string;
  /** Worth retrying later (throttling, network). */
  readonly retryable: boolean;
  readonly httpStatus?: number;
}

/** What the caller knows about the failed call; used only to word the message. */
export interface ErrorContext {
  /** The profile of the connection, to name `aws sso login --profile NAME`. */
  readonly profile?: string;
  /** The DynamoDB operation, e.g. `ListTagsOfResource`, to name the permission. */
  readonly operation?: string;
  /** The endpoint or region being reached, for network errors. */
  readonly target?: string;
}

/** An error that already carries its description; thrown by this folder's modules. */
export class DynamoError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly retryable: boolean;
  readonly httpStatus?: number;
  constructor(described: DescribedError, options?: { cause?: unknown }) {
    super(described.message, options);
    this.name = 'DynamoError';
    this.kind = described.kind;
    this.code = described.code;
    this.retryable = described.retryable;
    this.httpStatus = described.httpStatus;
  }
}

/** The command a user runs to renew an SSO session. */
export function ssoLoginCommand(profile: string): string {
  return profile === 'default' ? 'aws sso login' : `aws sso login --profile ${profile}`;
}

/** IAM action name of a DynamoDB operation. */
export function permissionName(operation: string): string {
  return `dynamodb:${operation}`;
}

const THROTTLING = new Set([
  'ThrottlingException', 'Throttling', 'ThrottledException', 'RequestThrottledException', 'TooManyRequestsException',
  'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'LimitExceededException',
]);
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'NotAuthorized', 'UnauthorizedOperation']);
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException', 'ExpiredToken',
  'InvalidClientTokenId', 'SignatureDoesNotMatch', 'MissingAuthenticationToken', 'IncompleteSignature',
]);
const NETWORK = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'ECONNABORTED', 'TimeoutError', 'RequestTimeout', 'NetworkingError',
]);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function shape(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? (error as ErrorShape) : { message: String(error) };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Network code of the error itself, an AggregateError's parts (Node's happy eyeballs) or its cause. */
function networkCode(error: ErrorShape, depth = 0): string | undefined {
  const code = str(error.code);
  if (code && NETWORK.has(code)) { return code; }
  const name = str(error.name);
  if (name && NETWORK.has(name)) { return name; }
  if (depth > 3) { return undefined; }
  if (Array.isArray(error.errors)) {
    for (const inner of error.errors) {
      const found = networkCode(shape(inner), depth + 1);
      if (found) { return found; }
    }
  }
  return error.cause !== undefined ? networkCode(shape(error.cause), depth + 1) : undefined;
}

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{12,}\b/g;
const SECRET_LIKE = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g;
const SIGNATURE = /(Signature|Credential|X-Amz-Security-Token|X-Amz-Signature)=[^\s,&]+/gi;

/** Removes anything shaped like an access key id, a secret key or a request signature. */
export function redact(text: string): string {
  return text.replace(SIGNATURE, '$1=[redacted]').replace(ACCESS_KEY_ID, '[access key id]')
    .replace(SECRET_LIKE, m => (/[0-9]/.test(m) && /[a-z]/.test(m) && /[A-Z]/.test(m) ? '[redacted]' : m));
}

/** True for a user's or a caller's cancel (AbortSignal), which is not an error to show. */
export function isAbortError(error: unknown): boolean {
  const e = shape(error);
  return e.name === 'AbortError' || e.code === 'ABORT_ERR';
}

function isSsoProblem(code: string, message: string): boolean {
  if (!/sso/i.test(message) && !/sso/i.test(code)) { return false; }
  return /expired|invalid|not found|was not found|refresh|sso login|could not be found|not present/i.test(message);
}

/** Describes any error thrown by the SDK, a credential provider, or the network. */
export function describeAwsError(error: unknown, context: ErrorContext = {}): DescribedError {
  if (error instanceof DynamoError) {
    return { kind: error.kind, code: error.code, message: error.message, retryable: error.retryable, httpStatus: error.httpStatus };
  }
  const e = shape(error);
  const name = str(e.name) ?? 'Error';
  const code = str(e.code) && !/^\d+$/.test(String(e.code)) ? String(e.code) : name;
  const raw = redact(str(e.message) ?? '');
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const base = { code, httpStatus: status };
  const detail = raw ? ` (${raw})` : '';

  if (isAbortError(error)) {
    return { ...base, kind: 'aborted', message: 'Cancelled.', retryable: false };
  }
  if (isSsoProblem(code, raw)) {
    const who = context.profile ? `profile "${context.profile}"` : 'this profile';
    const command = ssoLoginCommand(context.profile ?? 'default');
    return {
      ...base, kind: 'sso-expired', retryable: false,
      message: `The AWS SSO session of ${who} has expired or was never started. Run \`${command}\` in a terminal, then refresh.`,
    };
  }
  const net = networkCode(e);
  if (net) {
    const where = context.target ? ` ${context.target}` : ' the server';
    const hint = net === 'ECONNREFUSED' ? ': nothing is listening there. Is the server running?'
      : net === 'ENOTFOUND' || net === 'EAI_AGAIN' ? ': the host name does not resolve. Check the endpoint or your network.'
        : net === 'ETIMEDOUT' || net === 'TimeoutError' || net === 'RequestTimeout' ? ': the connection timed out. Check your network, VPN or proxy.'
          : ': the network is unreachable or the connection was dropped.';
    return { ...base, code: net, kind: 'network', retryable: true, message: `Cannot reach${where}${hint}` };
  }
  if (THROTTLING.has(name) || THROTTLING.has(code) || status === 429) {
    return {
      ...base, kind: 'throttling', retryable: true,
      message: `DynamoDB is throttling requests${context.operation ? ` to ${context.operation}` : ''}; retried with backoff, still over the limit. Try again shortly.`,
    };
  }
  if (ACCESS_DENIED.has(name) || ACCESS_DENIED.has(code)) {
    const permission = context.operation ? ` (${permissionName(context.operation)})` : '';
    return { ...base, kind: 'access-denied', retryable: false, message: `No permission${permission}.${detail}` };
  }
  if (BAD_CREDENTIALS.has(name) || BAD_CREDENTIALS.has(code)) {
    const expired = /expired/i.test(name) || /expired/i.test(raw);
    const fix = context.profile ? ` Check the credentials of profile "${context.profile}".` : '';
    return {
      ...base, kind: 'credentials', retryable: false,
      message: expired ? `The credentials have expired.${fix}` : `The server rejected the credentials.${fix}${detail}`,
    };
  }
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    const who = context.profile ? ` for profile "${context.profile}"` : '';
    return { ...base, kind: 'credentials', retryable: false, message: `No usable AWS credentials${who}${detail}.` };
  }
  if (name === 'UnknownOperationException') {
    const op = context.operation ? `${context.operation} is` : 'This operation is';
    return { ...base, kind: 'unsupported', retryable: false, message: `${op} not supported by this server.` };
  }
  if (name === 'ResourceNotFoundException') {
    return { ...base, kind: 'not-found', retryable: false, message: raw || 'Not found.' };
  }
  if (name === 'ResourceInUseException') {
    return { ...base, kind: 'in-use', retryable: false, message: raw || 'The resource is in use.' };
  }
  if (name === 'ValidationException' || name === 'SerializationException') {
    return { ...base, kind: 'validation', retryable: false, message: raw || 'The request was not valid.' };
  }
  const retryable = typeof status === 'number' && status >= 500;
  return { ...base, kind: 'other', retryable, message: raw || name };
}

/** Wraps an error with its description, keeping the original as `cause`. Aborts pass through unchanged. */
export function toDynamoError(error: unknown, context: ErrorContext = {}): unknown {
  if (isAbortError(error) || error instanceof DynamoError) { return error; }
  return new DynamoError(describeAwsError(error, context), { cause: error });
}
