/**
 * Connections: where tables live. A profile of the shared AWS files, the environment's
 * credentials, a custom endpoint (DynamoDB Local, LocalStack), or the embedded local server.
 * Built from settings-shaped plain objects (`dynamodbDesigner.connections`,
 * `dynamodbDesigner.regions`) plus the profiles found on disk, with defaults: every profile, the
 * environment when it has credentials, the embedded local always. No secrets here.
 */
import { EnvLike, ProfileInfo, defaultProfileName, readProfiles } from './profiles';
import { isAwsRegion } from '../model/spec';

export const LOCAL_CONNECTION_ID = 'local';
/** Region used when nothing names one. */
export const FALLBACK_REGION = 'us-east-1';

interface ConnectionBase {
  /** Stable id: `profile:NAME`, `env`, `endpoint:URL#REGION` (or `endpoint:LABEL`), `local`. */
  readonly id: string;
  readonly label: string;
  /** Regions shown under the connection, first is the default. Never empty. */
  readonly regions: readonly string[];
}

export interface ProfileConnection extends ConnectionBase {
  readonly kind: 'profile';
  readonly profile: string;
  /** Facts from the shared files; undefined when a setting names a profile the files lack. */
  readonly info?: ProfileInfo;
  /** The profile's endpoint_url (or a setting's override). */
  readonly endpoint?: string;
}

export interface EnvConnection extends ConnectionBase {
  readonly kind: 'env';
}

export interface EndpointConnection extends ConnectionBase {
  readonly kind: 'endpoint';
  readonly url: string;
  readonly region: string;
  /** Credentials from this profile; otherwise fixed dummy credentials (local servers accept any). */
  readonly profile?: string;
}

export interface LocalConnection extends ConnectionBase {
  readonly kind: 'local';
}

export type Connection = ProfileConnection | EnvConnection | EndpointConnection | LocalConnection;
export type ConnectionKind = Connection['kind'];

/** One entry of `dynamodbDesigner.connections` (settings JSON; every field optional but `type`). */
export interface ConnectionSetting {
  readonly type: ConnectionKind;
  readonly profile?: string;
  readonly url?: string;
  readonly region?: string;
  readonly regions?: readonly string[];
  readonly label?: string;
  /** `false` hides a default connection (e.g. a profile) or a listed one. */
  readonly enabled?: boolean;
}

export interface ConnectionSettings {
  /** `dynamodbDesigner.connections`: read as unknown JSON, validated here. */
  readonly connections?: unknown;
  /** `dynamodbDesigner.regions`: regions shown for every AWS connection after its own. */
  readonly regions?: unknown;
  /** Add every profile of the shared files (default true). */
  readonly discoverProfiles?: boolean;
}

export interface ResolvedConnections {
  readonly connections: readonly Connection[];
  /** Settings entries that were skipped, in words (for a warning; never fatal). */
  readonly problems: readonly string[];
}

/** Regions in order, deduplicated, empty and malformed ones dropped; FALLBACK_REGION when none. */
export function orderRegions(...lists: readonly (readonly (string | undefined)[] | string | undefined)[]): string[] {
  const out: string[] = [];
  for (const list of lists) {
    for (const region of typeof list === 'string' || list === undefined ? [list] : list) {
      const r = region?.trim();
      if (r && (isAwsRegion(r) || r === 'local') && !out.includes(r)) { out.push(r); }
    }
  }
  return out.length ? out : [FALLBACK_REGION];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function parseSetting(raw: unknown, index: number): ConnectionSetting | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) { return `connection #${index + 1}: not an object`; }
  const o = raw as Record<string, unknown>;
  const type = o.type;
  if (type !== 'profile' && type !== 'env' && type !== 'endpoint' && type !== 'local') {
    return `connection #${index + 1}: "type" must be profile, env, endpoint or local`;
  }
  const text = (key: string): string | undefined => (typeof o[key] === 'string' && (o[key] as string).trim() ? (o[key] as string).trim() : undefined);
  const setting: ConnectionSetting = {
    type, profile: text('profile'), url: text('url'), region: text('region'), label: text('label'),
    regions: Array.isArray(o.regions) ? stringList(o.regions) : undefined,
    enabled: typeof o.enabled === 'boolean' ? o.enabled : undefined,
  };
  if (type === 'profile' && !setting.profile) { return `connection #${index + 1}: a profile connection needs "profile"`; }
  if (type === 'endpoint') {
    if (!setting.url) { return `connection #${index + 1}: an endpoint connection needs "url"`; }
    try {
      const url = new URL(setting.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') { return `connection #${index + 1}: "url" must be http or https`; }
    } catch {
      return `connection #${index + 1}: "url" is not a URL: ${setting.url}`;
    }
  }
  return setting;
}

/** Id of a connection setting (the same id for a default and the setting that overrides it). */
export function connectionId(setting: ConnectionSetting): string {
  switch (setting.type) {
    case 'profile': return `profile:${setting.profile}`;
    case 'env': return 'env';
    case 'local': return LOCAL_CONNECTION_ID;
    case 'endpoint': return setting.label ? `endpoint:${setting.label}` : `endpoint:${setting.url}#${setting.region ?? FALLBACK_REGION}`;
  }
}

function envRegion(env: EnvLike): string | undefined {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

/** True when the environment holds static credentials (the values are not read further). */
export function envHasCredentials(env: EnvLike): boolean {
  return !!env.AWS_ACCESS_KEY_ID && !!env.AWS_SECRET_ACCESS_KEY;
}

/**
 * The connection list from settings, environment and profiles. Pure. Order: settings entries in
 * their order first (so users can pin), then defaults not yet listed: profiles (AWS_PROFILE's first,
 * else `default`),
 * env, local. A setting with `enabled: false` removes the connection with the same id.
 */
export function buildConnections(settings: ConnectionSettings, env: EnvLike, profiles: readonly ProfileInfo[]): ResolvedConnections {
  const problems: string[] = [];
  const configured = stringList(settings.regions);
  const rawList: unknown[] = settings.connections === undefined || settings.connections === null ? []
    : Array.isArray(settings.connections) ? settings.connections : (problems.push('dynamodbDesigner.connections must be a list'), []);
  const entries: ConnectionSetting[] = [];
  rawList.forEach((raw, i) => {
    const parsed = parseSetting(raw, i);
    if (typeof parsed === 'string') { problems.push(parsed); } else { entries.push(parsed); }
  });
  const disabled = new Set(entries.filter(e => e.enabled === false).map(connectionId));
  const byName = new Map(profiles.map(p => [p.name, p]));

  const make = (s: ConnectionSetting): Connection => {
    const id = connectionId(s);
    switch (s.type) {
      case 'profile': {
        const info = byName.get(s.profile!);
        if (!info) { problems.push(`profile "${s.profile}" is not in the AWS config or credentials file`); }
        return {
          kind: 'profile', id, profile: s.profile!, info, label: s.label ?? s.profile!,
          endpoint: s.url ?? info?.endpointUrl,
          regions: orderRegions(s.region, s.regions, info?.region, configured),
        };
      }
      case 'env':
        return { kind: 'env', id, label: s.label ?? 'Environment credentials', regions: orderRegions(s.region, s.regions, envRegion(env), configured) };
      case 'endpoint': {
        const region = orderRegions(s.region)[0];
        return { kind: 'endpoint', id, url: s.url!, region, profile: s.profile, label: s.label ?? s.url!, regions: orderRegions(region, s.regions) };
      }
      case 'local':
        // dynalite keeps one set of tables whatever the region: one region, shown as "any region".
        return { kind: 'local', id, label: s.label ?? 'Local (embedded)', regions: orderRegions(s.region, s.regions).slice(0, 1) };
    }
  };

  const out: Connection[] = [];
  const seen = new Set<string>();
  const add = (s: ConnectionSetting): void => {
    const id = connectionId(s);
    if (seen.has(id) || disabled.has(id)) { return; }
    seen.add(id);
    out.push(make(s));
  };
  entries.filter(e => e.enabled !== false).forEach(add);
  if (settings.discoverProfiles !== false) {
    // The profile the environment selects (AWS_PROFILE, else default) first.
    const selected = defaultProfileName(env);
    const ordered = [...profiles.filter(p => p.name === selected), ...profiles.filter(p => p.name !== selected)];
    for (const p of ordered) { add({ type: 'profile', profile: p.name }); }
  }
  if (envHasCredentials(env)) { add({ type: 'env' }); }
  add({ type: 'local' });
  return { connections: out, problems };
}

/** Reads the profiles (honouring AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE in `env`) and builds the list. */
export async function resolveConnections(settings: ConnectionSettings, env: EnvLike = process.env): Promise<ResolvedConnections> {
  let profiles: ProfileInfo[] = [];
  const problems: string[] = [];
  try {
    profiles = await readProfiles(env);
  } catch (error) {
    problems.push(`cannot read the AWS config files: ${error instanceof Error ? error.message : String(error)}`);
  }
  const resolved = buildConnections(settings, env, profiles);
  return { connections: resolved.connections, problems: [...problems, ...resolved.problems] };
}

/**
 * Whether the connection's server keeps one set of tables for every region. The embedded server
 * (dynalite) does; DynamoDB Local without -sharedDb keeps separate tables per region and AWS does
 * per region, so endpoint and profile connections keep their region.
 */
export function ignoresRegion(connection: Connection): boolean {
  return connection.kind === 'local';
}

const ANY_REGION = 'any region';

/** A region as shown for a connection: "any region" where the server ignores regions. */
export function regionLabel(connection: Connection, region: string): string {
  return ignoresRegion(connection) ? ANY_REGION : region;
}

/** Where a table lives, in words: `Local (embedded) · any region`, `dev · eu-west-1`. */
export function locationLabel(connection: Connection, region: string): string {
  return `${connection.label} · ${regionLabel(connection, region)}`;
}

/**
 * `locationLabel` for a panel's target, which names its connection by id and label (the
 * embedded connection's id is LOCAL_CONNECTION_ID, the only one that ignores regions).
 */
export function targetLocationLabel(target: { readonly connectionId: string; readonly connectionLabel: string; readonly region: string }): string {
  return `${target.connectionLabel} · ${target.connectionId === LOCAL_CONNECTION_ID ? ANY_REGION : target.region}`;
}

/** The connection's label with its kind, for tooltips. */
export function describeConnection(connection: Connection): string {
  switch (connection.kind) {
    case 'profile': {
      const kind = connection.info?.kind ?? 'unknown';
      return `AWS profile "${connection.profile}" (${kind}${connection.endpoint ? `, endpoint ${connection.endpoint}` : ''})`;
    }
    case 'env': return 'AWS credentials from the environment';
    case 'endpoint': return `Custom endpoint ${connection.url} (${connection.region})`;
    case 'local': return 'Embedded local DynamoDB (dynalite): one set of tables for every region';
  }
}
