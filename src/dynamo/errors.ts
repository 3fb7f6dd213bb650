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
  /** The SDK's hidden raw response. */
  $response?: { statusCode?: unknown; headers?: Record<string, unknown> };
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
/** A long base64 run (session tokens are hundreds of characters). */
const TOKEN_LIKE = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{64,}(?![A-Za-z0-9/+=])/g;
/** An STS session token by its prefix, however short the excerpt. */
const STS_TOKEN = /\b(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9/+=]*/g;
/** A quote, possibly escaped inside a JSON string. */
const Q = String.raw`\\?["']`;
/** `"authorization": "..."`, `'x-amz-security-token': '...'`, `\"x-amz-date\":\"...\"` (headers as JSON or inspected objects). */
const HEADER_QUOTED = new RegExp(String.raw`(${Q}(?:authorization|x-amz-[a-z0-9-]+)${Q}\s*:\s*${Q})((?:[^"'\\]|\\(?!["']))*)`, 'gi');
/** `Authorization: ...` and `X-Amz-...: ...` as header lines (the value runs to the end of the line). */
const HEADER_LINE = /(^|[^\w-])((?:authorization|x-amz-[a-z0-9-]+)\s*:[ \t]*)(?!\\?["'])([^\r\n]+)/gim;
/** `X-Amz-Security-Token=...`, `Signature=...`, `Credential=...` (query strings, signed headers). */
const SIGNATURE = /\b(Signature|Credential|X-Amz-[A-Za-z-]+)=[^\s,&"'\\]+/gi;
/** `aws_secret_access_key = ...`, `"SessionToken": "..."` (config files, credential_process output). */
const CREDENTIAL_FIELD = /\b(aws_secret_access_key|aws_session_token|aws_security_token|secret_?access_?key|session_?token)(\\?["']?\s*[:=]\s*\\?["']?)[^\s"'\\,;}]+/gi;

const rememberedSecrets = new Set<string>();

/**
 * Remembers a secret value (a resolved secret access key or session token) so that `redact`
 * removes it wherever it shows up, whatever its shape.
 */
export function rememberSecret(value: string | undefined): void {
  if (value && value.length >= 8) { rememberedSecrets.add(value); }
}

function knownSecrets(): string[] {
  const env = typeof process === 'undefined' ? {} : process.env;
  const fromEnv = [env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN, env.AWS_SECURITY_TOKEN].filter((v): v is string => !!v && v.length >= 8);
  // Longest first, so a secret that contains another is removed whole.
  return [...new Set([...fromEnv, ...rememberedSecrets])].sort((a, b) => b.length - a.length);
}

/** Digits, lower and upper case, and not an absolute path. */
function mixed(text: string): boolean {
  return /[0-9]/.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text) && !text.startsWith('/');
}

/** A 40-character secret key: also a base64 sign (`+ / =`), which a table or attribute name never holds. */
function keyShaped(text: string): boolean {
  return mixed(text) && /[+/=]/.test(text);
}

/**
 * Removes secrets from a text before it is shown, logged or printed: the secret access key and
 * session token of the environment and of resolved credentials, the values of `Authorization`
 * and `X-Amz-*` headers (quoted, escaped in JSON, or as header lines), signatures, credential
 * fields, and anything shaped like an access key id, a secret key or a session token. The one
 * redaction function of the project: the CLI's output, the extension's log, its error messages
 * and panels all go through it.
 */
export function redact(text: string): string {
  let out = text;
  for (const secret of knownSecrets()) { out = out.split(secret).join('[redacted]'); }
  return out
    .replace(HEADER_QUOTED, '$1[redacted]')
    .replace(HEADER_LINE, '$1$2[redacted]')
    .replace(SIGNATURE, '$1=[redacted]')
    .replace(CREDENTIAL_FIELD, '$1$2[redacted]')
    .replace(STS_TOKEN, '[redacted]')
    .replace(ACCESS_KEY_ID, '[access key id]')
    .replace(TOKEN_LIKE, m => (mixed(m) ? '[redacted]' : m))
    .replace(SECRET_LIKE, m => (keyShaped(m) ? '[redacted]' : m));
}

/** True for a request that got no (complete) answer within the client's request timeout. */
export function isRequestTimeout(error: unknown): boolean {
  const e = shape(error);
  return e.name === 'TimeoutError' && e.code === 'ETIMEDOUT';
}

/** The timeout of a timed-out request in words (`60 s`), from the SDK's own message. */
function timeoutWords(error: ErrorShape): string {
  const ms = /(\d+) ?ms\b/.exec(str(error.message) ?? '');
  if (!ms) { return 'the timeout'; }
  const seconds = Number(ms[1]) / 1000;
  return seconds >= 1 ? `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s` : `${ms[1]} ms`;
}

/** Errors the SDK raises when the answer is not a DynamoDB answer at all (no error type, no JSON). */
const FOREIGN_ANSWER = new Set(['Unknown', 'UnknownError', 'SyntaxError']);
/** DynamoDB (and the local servers) answer with JSON. */
const DYNAMODB_CONTENT_TYPE = /^application\/(?:x-amz-json-1\.[01]|json)\b/i;

/** What answered, when it was not DynamoDB: `HTTP 404 with an empty body`, `HTTP 200 with text/html`. */
function foreignAnswer(error: ErrorShape): string | undefined {
  const response = error.$response;
  if (!response || typeof response !== 'object') { return undefined; }
  const name = str(error.name) ?? '';
  if (!FOREIGN_ANSWER.has(name) && !/Deserialization error/.test(str(error.message) ?? '')) { return undefined; }
  const headers = response.headers ?? {};
  const header = (wanted: string): string | undefined => {
    const key = Object.keys(headers).find(k => k.toLowerCase() === wanted);
    return key === undefined ? undefined : str(headers[key]);
  };
  const contentType = header('content-type')?.split(';')[0].trim();
  if (contentType && DYNAMODB_CONTENT_TYPE.test(contentType)) { return undefined; }
  const status = typeof response.statusCode === 'number' ? response.statusCode
    : typeof error.$metadata?.httpStatusCode === 'number' ? error.$metadata.httpStatusCode : undefined;
  const empty = header('content-length') === '0';
  const body = contentType ? `${empty ? 'an empty ' : ''}${contentType}${empty ? ' body' : ''}` : empty ? 'an empty body' : 'a body without a content type';
  return `HTTP ${status ?? '(no status)'} with ${body}`;
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
  const where = context.target ? ` ${context.target}` : ' the server';
  if (isRequestTimeout(error) || (e.cause !== undefined && isRequestTimeout(e.cause))) {
    return {
      ...base, code: 'TimeoutError', kind: 'network', retryable: true,
      message: `No answer from${where} within ${timeoutWords(isRequestTimeout(error) ? e : shape(e.cause))}: it accepted the connection but did not respond.`,
    };
  }
  const foreign = foreignAnswer(e);
  if (foreign) {
    return {
      ...base, code: 'NotDynamoDB', kind: 'other', retryable: false,
      message: `${context.target ?? 'The server'} answered ${foreign}: that is not DynamoDB. Check the endpoint.`,
    };
  }
  const net = networkCode(e);
  if (net) {
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
